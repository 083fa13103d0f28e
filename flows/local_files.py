"""Local folders: raw ones listed and read safely, records written whole.

Raw folders: nothing read outside the root, nothing but files.

Scraped folders hold symlinks (to anywhere, or in a loop), named pipes, sockets, folders
named like pages and files too big to hold in memory. Each such entry is still listed, so
it ends as a rejection record with a reason instead of vanishing; reading refuses it
without following it out of the root, blocking on it or loading it whole.
"""

from __future__ import annotations

import functools
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

PARTIAL_SUFFIX = ".tmp"  # a local write in progress: `.<name>.<random>.tmp` beside its target


class RefusedInput(OSError):
    """A raw entry that is not read, and the rejection reason to record for it."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def walk_entries(root: str) -> Iterator[str]:
    """'/'-separated paths, relative to `root`, of every entry below it that is not a real
    folder: files, symlinks (to files or folders: never entered), pipes, sockets. A folder
    that cannot be listed is given itself, so reading it reports why."""
    unlistable: list[OSError] = []
    for folder, folders, files in os.walk(root, onerror=unlistable.append, followlinks=False):
        links = [name for name in folders if os.path.islink(os.path.join(folder, name))]
        folders[:] = sorted(name for name in folders if name not in links)
        for name in files + links:
            yield _relative(os.path.join(folder, name), root)
    for error in unlistable:
        if error.filename and os.path.realpath(error.filename) != os.path.realpath(root):
            yield _relative(error.filename, root)


def read_inside(root: str, path: str, *, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file at `path` below `root`, following a symlink only if it
    stays inside the root. Raises RefusedInput (outside_raw, not_a_file, too_large) or the
    OSError of the read (a loop, a vanished or unreadable file).

    `path` comes from walk_entries, whose folders are real ones (symlinked folders are never
    entered), so only its last part can be a link: a replay checks thousands of files and
    resolving every part of every path would cost a tenth of it.
    """
    full, flags = os.path.join(root, path), os.O_RDONLY | os.O_NONBLOCK  # a pipe must not block the open
    if os.path.islink(full):
        full, real_root = os.path.realpath(full), _real(root)
        if os.path.commonpath([full, real_root]) != real_root:
            raise RefusedInput("outside_raw", f"{path} links to {full}, outside the raw folder; it was not followed.")
    else:
        flags |= os.O_NOFOLLOW  # turned into a link since it was listed: refused by the system
    with open(os.open(full, flags), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise RefusedInput("not_a_file", f"{path} is not a regular file (a folder, pipe, socket or device).")
        if max_bytes is not None and info.st_size > max_bytes:
            raise RefusedInput("too_large", f"The file has {info.st_size} bytes; the limit is {max_bytes}. It was not read.")
        return handle.read() if max_bytes is None else handle.read(max_bytes + 1)


@functools.lru_cache(maxsize=64)
def _real(root: str) -> str:
    return os.path.realpath(root)


def _relative(path: str, root: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def remove_partial_writes(root: str) -> int:
    """Delete the temporary files of writes that never finished below `root`."""
    leftovers = list(Path(root).rglob(f".*{PARTIAL_SUFFIX}"))
    for path in leftovers:
        path.unlink(missing_ok=True)
    return len(leftovers)


def write_replacing(path: Path, chunks: Iterable[bytes]) -> None:
    """Write beside `path` under a hidden temporary name, then rename over it: readers see
    the old file or the new one. A killed writer leaves only the temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=PARTIAL_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(chunks)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

