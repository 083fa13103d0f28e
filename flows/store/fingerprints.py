"""A replay's shortcut on local disks: an input whose raw file and record file have not
changed since the record was known current is found with two `stat` calls, without
reading and hashing the page (0.2 s of a 0.5 s replay of 1,000 pages).

git's index trick. A file is known by its stamp: device, inode, size, mtime and ctime.
Every write changes ctime, which no program can set back, and a copy (a restored
snapshot, even `cp -p`) is a new inode, so a copied or rewritten page is checked by
content again (flows.store.unchanged.find_unchanged). A stamp taken within SETTLE_NS of the file's
last change is not trusted: a second write in the same timestamp tick would leave the
stamp as it was (git's "racily clean" files); a later run stamps it again.

The stamps live in OUT/.fingerprints.sqlite, written by the run's task threads at once.
It is a cache: deleting it, or a damaged one, costs one content-checked replay. It is not
used on object stores, nor by Dask workers (SQLite must not be shared over a network
filesystem).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
import time
from collections.abc import Iterable, Iterator

from flows.store.layout import record_of, sidecar_of
from flows.store.local_files import path_text
from flows.run.manifest import InputOutcome

CACHE_FILE = ".fingerprints.sqlite"
SETTLE_NS = 2_000_000_000  # above any disk's timestamp tick (ext4: a few ms; FAT: 2 s)
SCHEMA = """CREATE TABLE IF NOT EXISTS stamps (
    raw TEXT PRIMARY KEY,        -- the raw file's absolute path
    stamp TEXT NOT NULL,         -- its stamp (and its sidecar's), taken before its bytes were read
    stamped_ns INTEGER NOT NULL, -- when that stamp was taken
    version TEXT NOT NULL,       -- the pipeline version of its record
    record_stamp TEXT NOT NULL,  -- the stamp of its record (flows.store.layout.record_of)
    outcome TEXT NOT NULL        -- the input's outcome as `unchanged` (InputOutcome JSON)
)"""
Stamps = dict[str, tuple[str, int]]  # path -> (its stamp, when it was taken)
QUERY_SIZE = 500  # paths a query asks for (SQLite limits the parameters of one statement)


def stamp(path: str) -> str | None:
    """device:inode:size:mtime_ns:ctime_ns of a regular file; None for anything else."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def input_stamp(path: str) -> str | None:
    """A raw input's stamp, and its sidecar's when it has one ('|' between): a scraper adds
    a URL that gave the same bytes to the sidecar alone, and the record says it."""
    page = stamp(path)
    side = sidecar_of(path)
    side_stamp = stamp(side) if page and side else None
    return page if side_stamp is None else f"{page}|{side_stamp}"


def _last_change_ns(input_stamp: str) -> int:
    return max(int(part.rsplit(":", 1)[1]) for part in input_stamp.split("|"))


class Fingerprints:
    """The stamps of one raw folder's inputs and of their records in one output folder.

    enabled: False (an object store, a Dask run) makes every method a no-op.
    """

    def __init__(self, raw_root: str, out_root: str, version: str, *, enabled: bool = True) -> None:
        self.raw_root, self.out_root, self.version = raw_root, out_root, version
        self._db = _connect(os.path.join(out_root, CACHE_FILE)) if enabled else None

    def stamps(self, paths: Iterable[str]) -> Stamps:
        """Stamps of raw files, and when they were taken: take them before reading the files."""
        if self._db is None:
            return {}
        now = time.time_ns()
        return {path: (found, now) for path in paths if (found := input_stamp(self._raw(path)))}

    def unchanged(self, paths: list[str]) -> dict[str, InputOutcome]:
        """Outcomes of the inputs whose raw file and record are as they were stamped."""
        if self._db is None:
            return {}
        rows = dict(self._rows([path_text(self._raw(path)) for path in paths]))
        found = {}
        for path in paths:
            row = rows.get(path_text(self._raw(path)))
            outcome = InputOutcome.model_validate_json(row[-1]) if row else None
            if outcome and self._current(path, *row[:-1], record=self._record(outcome)):
                found[path] = outcome
        return found

    def remember(self, stamps: Stamps, current: Iterable[tuple[str, InputOutcome]]) -> None:
        """Stamp inputs (path, outcome) whose record is current for this version."""
        rows = []
        for path, outcome in current:
            record_stamp = stamp(self._record(outcome))
            if path in stamps and record_stamp:
                unchanged = outcome.model_copy(update={"outcome": "unchanged", "cpu_ms": None, "tagged": {}, "stages_ms": {}}).model_dump_json()
                rows.append((path_text(self._raw(path)), *stamps[path], self.version, record_stamp, unchanged))
        self._execute_many("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?, ?, ?, ?)", rows)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def _current(self, path: str, raw_stamp: str, stamped_ns: int, version: str, record_stamp: str, *, record: str) -> bool:
        settled = stamped_ns - _last_change_ns(raw_stamp) >= SETTLE_NS
        return version == self.version and settled and input_stamp(self._raw(path)) == raw_stamp and stamp(record) == record_stamp

    def _rows(self, raws: list[str]) -> Iterator[tuple[str, tuple]]:
        for start in range(0, len(raws), QUERY_SIZE):
            part = raws[start : start + QUERY_SIZE]
            query = f"SELECT * FROM stamps WHERE raw IN ({', '.join('?' * len(part))})"
            for row in self._fetch(query, part):
                yield row[0], row[1:]

    def _fetch(self, query: str, parameters: list[str]) -> list[tuple]:
        try:
            return self._db.execute(query, parameters).fetchall()
        except sqlite3.Error as error:  # a cache that fails is no cache: check content instead
            _warn(error)
            return []

    def _execute_many(self, statement: str, rows: list[tuple]) -> None:
        if self._db is None or not rows:
            return
        try:
            with self._db:
                self._db.executemany(statement, rows)
        except sqlite3.Error as error:
            _warn(error)

    def _raw(self, path: str) -> str:
        return os.path.join(self.raw_root, path)

    def _record(self, outcome: InputOutcome) -> str:
        return os.path.join(self.out_root, record_of(outcome))


def _connect(file: str) -> sqlite3.Connection | None:
    """The cache, created if absent and made again if damaged; None if it cannot be."""
    for attempt in (1, 2):
        db = None
        try:
            os.makedirs(os.path.dirname(file), exist_ok=True)
            db = sqlite3.connect(file, timeout=60)
            # WAL: readers never wait for the run's other writers; NORMAL: no fsync per commit.
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(SCHEMA)
            return db
        except (sqlite3.OperationalError, OSError) as error:  # locked, read-only: leave it be
            _warn(error)
            _close(db)
            return None
        except sqlite3.DatabaseError as error:  # not a database, or damaged: make it again
            _warn(error)
            _close(db)
            if attempt == 1:
                for leftover in (file, f"{file}-wal", f"{file}-shm"):
                    with contextlib.suppress(OSError):
                        os.unlink(leftover)
    return None


def _close(db: sqlite3.Connection | None) -> None:
    if db is not None:
        db.close()


def _warn(error: Exception) -> None:
    logging.getLogger(__name__).warning("Replay shortcut unavailable, checking content instead: %s", error)
