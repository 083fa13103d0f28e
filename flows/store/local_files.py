"""Local folders: raw ones listed and read safely, records written whole.

Raw folders: nothing read outside the root, nothing but files.

Scraped folders hold symlinks (to anywhere, or in a loop), named pipes, sockets, folders
named like pages and files too big to hold in memory. Each such entry is still listed, so
it ends as a rejection record with a reason instead of vanishing; reading refuses it
without following it out of the root, blocking on it or loading it whole.
"""

from __future__ import annotations

import errno
import functools
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

# A local write in progress: `.<name>.<random>.healthclean-partial` beside its target. Only
# names of this pattern, in the folders a run writes, are ever deleted as leftovers: a
# user's own `.notes.tmp` is not ours.
PARTIAL_SUFFIX = ".healthclean-partial"


class RefusedInput(OSError):
    """A raw entry that is not read, and the rejection reason to record for it."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def path_text(path: str) -> str:
    """A listed path as text that can be written as UTF-8 anywhere (records, manifests, the
    stamps cache): the bytes of a name that are not UTF-8 (which Python lists as surrogate
    escapes) as `\\xNN`. Any other character, U+2028 or a newline included, stays itself."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def walk_entries(root: str) -> Iterator[str]:
    """'/'-separated paths, relative to `root`, of every entry below it that is not a real
    folder: files, symlinks (to files or folders: never entered), pipes, sockets. A folder
    that cannot be listed is given itself, so reading it reports why."""
    unlistable: list[OSError] = []
    root = os.path.normpath(root)
    for folder, folders, files in os.walk(root, onerror=unlistable.append, followlinks=False):
        links = [name for name in folders if os.path.islink(os.path.join(folder, name))]
        folders[:] = sorted(name for name in folders if name not in links)
        prefix = folder[len(root) + 1 :].replace(os.sep, "/")  # cheaper than relpath: 10,000s of files
        for name in files + links:
            yield f"{prefix}/{name}" if prefix else name
    for error in unlistable:
        if error.filename and os.path.realpath(error.filename) != os.path.realpath(root):
            yield _relative(error.filename, root)


def read_inside(root: str, path: str, *, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file at `path` below `root`, following a symlink only if it
    stays inside the root. Raises RefusedInput (outside_raw, not_a_file, too_large) or the
    OSError of the read (a loop, a vanished or unreadable file).

    `path` comes from walk_entries, whose folders are real ones (symlinked folders are never
    entered), so only its last part can be a link. Four system calls for a plain file: a
    replay reads thousands, and each call hands the GIL to another thread and back.
    """
    full, flags = os.path.join(root, path), os.O_RDONLY | os.O_NONBLOCK  # a pipe must not block the open
    try:
        fd = os.open(full, flags | os.O_NOFOLLOW)
    except OSError as error:
        if error.errno != errno.ELOOP:  # ELOOP: the last part is a symlink
            raise
        fd = os.open(_target_inside(root, path, full), flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedInput("not_a_file", f"{path} is not a regular file (a folder, pipe, socket or device).")
        if max_bytes is not None and info.st_size > max_bytes:
            raise too_large(info.st_size, max_bytes)
        # Its size and one byte more: asking for the 20 MB limit would allocate it. A file
        # growing meanwhile is cut there.
        return os.read(fd, info.st_size + 1)
    finally:
        os.close(fd)


def too_large(size: int, max_bytes: int) -> RefusedInput:
    return RefusedInput("too_large", f"The file has {size} bytes; the limit is {max_bytes}. It was not read.")


def _target_inside(root: str, path: str, link: str) -> str:
    target, real_root = os.path.realpath(link), _real(root)
    if os.path.commonpath([target, real_root]) != real_root:
        raise RefusedInput("outside_raw", f"{path} links to {target}, outside the raw folder; it was not followed.")
    return target


@functools.lru_cache(maxsize=64)
def _real(root: str) -> str:
    return os.path.realpath(root)


def _relative(path: str, root: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def remove_partial_writes(root: str, folders: Iterable[str]) -> int:
    """Delete the temporary files of writes that never finished in the given folders of
    `root` (not below them: a run writes nowhere else)."""
    leftovers = [path for folder in folders for path in Path(root, folder).glob(f".*{PARTIAL_SUFFIX}") if path.is_file()]
    for path in leftovers:
        path.unlink(missing_ok=True)
    return len(leftovers)


def write_replacing(path: Path, chunks: Iterable[bytes]) -> None:
    """Write beside `path` under a hidden temporary name, then rename over it: readers see
    the old file or the new one. A killed writer leaves only the temporary file. The file's
    mode follows the umask, as `open()` does (mkstemp's 0600 kept readers of other users out)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{secrets.token_hex(8)}{PARTIAL_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(chunks)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

