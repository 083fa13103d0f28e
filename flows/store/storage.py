"""The raw and clean zones on any fsspec storage: listing inputs, reading, atomic writes.

A zone is a folder given as a local path or an fsspec URL (`file://`, `memory://`,
`s3://…` with the `s3` extra, `gs://…` with the `gs` extra), so workers on other hosts can
share one storage. Paths inside a zone are '/'-separated and relative to its root.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import posixpath
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem

from flows.store.local_files import PARTIAL_SUFFIX, read_inside, remove_partial_writes, too_large, walk_entries, write_replacing

LOCK_FILE = ".run.lock"  # held by the run writing a local output zone


class OutputError(OSError):
    """The output zone cannot be written (read-only, full, no permission); names where."""

    def __str__(self) -> str:
        return str(self.strerror)


@dataclass(frozen=True)
class Zone:
    """A folder on some filesystem. Pickles as its URL, so tasks can carry it to workers."""

    url: str
    fs: fsspec.AbstractFileSystem = field(init=False, repr=False, compare=False)
    root: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fs, root = fsspec.core.url_to_fs(str(self.url))
        object.__setattr__(self, "fs", fs)
        object.__setattr__(self, "root", root.rstrip("/") or "/")

    def __reduce__(self):
        return (Zone, (self.url,))

    @cached_property
    def is_local(self) -> bool:
        return isinstance(self.fs, LocalFileSystem)

    @property
    def shared_url(self) -> str:
        """The zone as other processes and hosts can open it: local paths made absolute."""
        return self.root if self.is_local else str(self.url)

    @property
    def is_process_local(self) -> bool:
        """True for storage that only the current process sees (`memory://`)."""
        return "memory" in _protocols(self.fs)

    def full(self, path: str) -> str:
        return posixpath.join(self.root, path)

    def location(self, path: str) -> str:
        """Where a file of the zone is, for people: a local path, or a URL with its protocol."""
        return self.full(path) if self.is_local else self.fs.unstrip_protocol(self.full(path))

    def list_files(self, *, hidden: bool = False) -> list[str]:
        """Every file below the root as a sorted relative path.

        hidden: also list what lies under a name starting with '.' (tool state: .git,
        .DS_Store, .scrape/), which flows.store.listing counts as skipped. On local disks
        symlinks, pipes and the like are listed too (reading refuses them: flows.store.local_files).
        """
        if not self.fs.isdir(self.root):
            return []
        if self.is_local:
            found = walk_entries(self.root)
        else:
            found = (posixpath.relpath(_strip(self.fs, p), _strip(self.fs, self.root)) for p in self.fs.find(self.root))
        return sorted(p for p in found if hidden or not is_hidden(p))

    def files_in(self, folder: str) -> list[str]:
        """The names of the files right in `folder` (none when it does not exist), sorted;
        no hidden name (a write in progress)."""
        if self.is_local:
            try:
                names = [entry.name for entry in os.scandir(self.full(folder)) if entry.is_file()]
            except FileNotFoundError:
                return []
        else:
            names = [posixpath.basename(p) for p in self.fs.find(self.full(folder), maxdepth=1)]
        return sorted(name for name in names if not name.startswith("."))

    def read(self, path: str, *, max_bytes: int | None = None) -> bytes:
        """A file's bytes; a file over `max_bytes` is refused unread (RefusedInput)."""
        if self.is_local:  # no fsspec file objects: a third of the cost, and never outside the root
            return read_inside(self.root, path, max_bytes=max_bytes)
        if max_bytes is not None and (size := self.fs.size(self.full(path))) > max_bytes:
            raise too_large(size, max_bytes)
        return self.fs.cat_file(self.full(path))

    def write_atomic(self, path: str, data: str | bytes | Iterable[str]) -> None:
        """Write bytes, or UTF-8 text whole or in chunks, so that readers see the old file or
        the new one, never a part.

        Local disks: a temporary file beside the target, renamed over it. Not fsynced: an
        fsync per record cost ~11 ms here (a third of a page's cleaning), and a record torn
        by a power cut fails to parse on the next run, which then cleans its page again.
        Object stores: one put, which they make visible whole or not at all (chunks are
        gathered in a local temporary file first, not in memory).
        """
        whole = data.encode("utf-8") if isinstance(data, str) else data
        chunks = [whole] if isinstance(whole, bytes) else (chunk.encode("utf-8") for chunk in data)
        try:
            if self.is_local:
                write_replacing(Path(self.full(path)), chunks)
            elif isinstance(whole, bytes):
                self.fs.pipe_file(self.full(path), whole)
            else:
                self._put_staged(path, chunks)
        except OSError as error:
            raise OutputError(error.errno, f"Cannot write into {self.location('').rstrip('/')}: {error.strerror or error}.") from error

    def check_writable(self) -> None:
        """Raise OutputError now, naming the folder, if nothing can be written in it."""
        self.write_atomic(".write-check", "")
        self.remove(".write-check")

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the zone's run lock (local disks; object stores have none). A second run on
        the same output waits here, then finds the first one's records unchanged. The
        system drops the lock when its process dies, even by kill -9."""
        if not self.is_local:
            yield
            return
        with open(self.full(LOCK_FILE), "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                logging.getLogger(__name__).warning("Another run is writing %s; waiting for it to end.", self.location(""))
                fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def _put_staged(self, path: str, chunks: Iterable[bytes]) -> None:
        with tempfile.NamedTemporaryFile("wb", suffix=PARTIAL_SUFFIX) as staged:
            staged.writelines(chunks)
            staged.flush()
            self.fs.put_file(staged.name, self.full(path))

    def remove(self, path: str) -> None:
        try:
            self.fs.rm_file(self.full(path))
        except FileNotFoundError:
            pass

    def remove_partial_writes(self, folders: Iterable[str]) -> int:
        """Delete the temporary files a killed run left behind in the zone's `folders`
        ("" for the root; never a finished record, never a file of another program).
        Call it before any task starts: a running task's temporary file looks the same.
        Only local disks have them: an object-store put is never seen half done."""
        return remove_partial_writes(self.root, folders) if self.is_local and self.fs.isdir(self.root) else 0


def is_hidden(path: str) -> bool:
    """True for a path with a part starting with '.'."""
    return any(part.startswith(".") for part in path.split("/"))


def _protocols(fs: fsspec.AbstractFileSystem) -> tuple[str, ...]:
    return (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)


def _strip(fs: fsspec.AbstractFileSystem, path: str) -> str:
    return fs._strip_protocol(path).rstrip("/")
