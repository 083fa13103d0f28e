"""The raw and clean zones on any fsspec storage: listing inputs, reading, atomic writes.

A zone is a folder given as a local path or an fsspec URL (`file://`, `memory://`,
`s3://…` with the `s3` extra, `gs://…` with the `gs` extra), so workers on other hosts can
share one storage. Paths inside a zone are '/'-separated and relative to its root.
"""

from __future__ import annotations

import os
import posixpath
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem

PARTIAL_SUFFIX = ".tmp"  # a local write in progress: `.<name>.<random>.tmp` beside its target


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

    def list_files(self) -> list[str]:
        """Every file below the root as a sorted relative path.

        Hidden files and folders (names starting with '.') are skipped: they are tool state
        (.gitkeep, .DS_Store, partial writes), not scraped pages.
        """
        if not self.fs.isdir(self.root):
            return []
        found = (posixpath.relpath(_strip(self.fs, p), _strip(self.fs, self.root)) for p in self.fs.find(self.root))
        return sorted(p for p in found if not any(part.startswith(".") for part in p.split("/")))

    def read(self, path: str) -> bytes:
        if self.is_local:  # a third of the cost through fsspec's file objects: replays read every record
            return Path(self.full(path)).read_bytes()
        return self.fs.cat_file(self.full(path))

    def write_atomic(self, path: str, text: str | Iterable[str]) -> None:
        """Write UTF-8 text, whole or in chunks, so that readers see the old file or the new
        one, never a part.

        Local disks: a temporary file beside the target, renamed over it. Not fsynced: an
        fsync per record cost ~11 ms here (a third of a page's cleaning), and a record torn
        by a power cut fails to parse on the next run, which then cleans its page again.
        Object stores: one put, which they make visible whole or not at all (chunks are
        gathered in a local temporary file first, not in memory).
        """
        chunks = [text] if isinstance(text, str) else text
        if self.is_local:
            _write_local(Path(self.full(path)), chunks)
        elif isinstance(text, str):
            self.fs.pipe_file(self.full(path), text.encode("utf-8"))
        else:
            self._put_staged(path, chunks)

    def _put_staged(self, path: str, chunks: Iterable[str]) -> None:
        with tempfile.NamedTemporaryFile("wb", suffix=PARTIAL_SUFFIX) as staged:
            staged.writelines(chunk.encode("utf-8") for chunk in chunks)
            staged.flush()
            self.fs.put_file(staged.name, self.full(path))

    def remove(self, path: str) -> None:
        try:
            self.fs.rm_file(self.full(path))
        except FileNotFoundError:
            pass

    def remove_partial_writes(self) -> int:
        """Delete the temporary files a killed run left behind (never a finished record).
        Call it before any task starts: a running task's temporary file looks the same.
        Only local disks have them: an object-store put is never seen half done."""
        if not self.is_local or not self.fs.isdir(self.root):
            return 0
        leftovers = list(Path(self.root).rglob(f".*{PARTIAL_SUFFIX}"))
        for path in leftovers:
            path.unlink(missing_ok=True)
        return len(leftovers)


def _protocols(fs: fsspec.AbstractFileSystem) -> tuple[str, ...]:
    return (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)


def _strip(fs: fsspec.AbstractFileSystem, path: str) -> str:
    return fs._strip_protocol(path).rstrip("/")


def _write_local(path: Path, chunks: Iterable[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=PARTIAL_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(chunk.encode("utf-8") for chunk in chunks)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

