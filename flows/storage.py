"""The raw and clean zones on disk: listing inputs, reading, atomic writes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def list_raw_inputs(root: Path) -> list[str]:
    """Every regular file below `root` as a sorted '/'-separated relative path.

    Hidden files and folders (names starting with '.') are skipped: they are tool state
    (.gitkeep, .DS_Store), not scraped pages.
    """
    root = Path(root)
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in files:
            path = Path(folder, name)
            if not name.startswith(".") and path.is_file():
                found.append(path.relative_to(root).as_posix())
    return sorted(found)


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_partial_writes(root: Path) -> int:
    """Delete the temporary files a killed run left behind (never a finished record).
    Call it before any task starts: a running task's temporary file looks the same."""
    leftovers = list(Path(root).rglob(".*.tmp")) if Path(root).is_dir() else []
    for path in leftovers:
        path.unlink(missing_ok=True)
    return len(leftovers)
