"""The pipeline version: what an output depends on, so a replay knows when to recompute.

It covers the package version, every source (Python and C) and rule-data file of
`extractors`, and the versions of the libraries that shape the text. Change any of them and every page is cleaned
again; change none and a rerun skips what it already wrote.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata, resources

DEPENDENCIES = ("trafilatura", "lxml", "langdetect", "beautifulsoup4", "dateparser", "ftfy", "charset-normalizer")


@functools.cache
def pipeline_version() -> str:
    """'<package version>+<12 hex digits>' of code, rule data and dependency versions."""
    from extractors import __version__

    digest = hashlib.sha256()
    for path in _package_files(resources.files("extractors"), ""):
        digest.update(path.encode() + b"\0")
        digest.update((resources.files("extractors") / path).read_bytes())
    for name in DEPENDENCIES:
        digest.update(f"{name}=={metadata.version(name)}\n".encode())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _package_files(folder, prefix: str) -> list[str]:
    """Relative paths of the package's .py, .toml, .c and .h files, sorted: the same on every machine."""
    found = []
    for entry in folder.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir() and entry.name != "__pycache__":
            found.extend(_package_files(entry, f"{name}/"))
        elif entry.name.endswith((".py", ".toml", ".c", ".h")):
            found.append(name)
    return sorted(found)
