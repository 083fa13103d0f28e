"""The catalog in OUT: `catalog.sqlite` (articles, changes, runs), kept by each complete
clean run, and `changes/<run id>.jsonl`, the run's change feed. Rules: flows.store.catalog.

SQLite because a data engineer queries it in place (`sqlite3 clean/catalog.sqlite`, DuckDB's
sqlite extension, pandas.read_sql) and Python ships it. It is updated in a local copy and
written back whole with the zone's atomic write, like a record, so a killed run leaves the
last catalog, never half of one, and an object-store zone works the same way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from flows.run.manifest import InputOutcome, RunManifest
from flows.scrape.landing import origin_of
from flows.scrape.state import gone_urls
from extractors.identity import article_key, fetch_time, normal_url
from extractors.records import Origin
from flows.store.catalog import Change, Entry, Seen, next_catalog
from flows.store.layout import CHANGES, record_fields, record_of
from flows.store.storage import Zone

CATALOG = "catalog.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (article_key TEXT PRIMARY KEY, record_id TEXT NOT NULL, path TEXT NOT NULL,
    url TEXT, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, versions INTEGER NOT NULL, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (seq INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT UNIQUE NOT NULL, finished TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS changes (run_id TEXT NOT NULL, article_key TEXT NOT NULL, change TEXT NOT NULL,
    record_id TEXT NOT NULL, previous_id TEXT, url TEXT, path TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS copy_groups (article_key TEXT PRIMARY KEY, group_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS copies_made_from (fingerprint TEXT NOT NULL, groups INTEGER NOT NULL);
"""


class UnknownRun(LookupError):
    """`--since` names a run the catalog does not know."""


def update_catalog(out: Zone, raw: Zone, manifest: str) -> dict[str, int]:
    """Bring the catalog up to date with a complete run (its manifest's location in OUT);
    return the run's changes by kind and the articles now current."""
    text = out.read(manifest)
    run = RunManifest.header_of(text)
    catalog, changes = next_catalog(load_catalog(out), seen_in_run(out, raw, RunManifest.inputs_of(text)), run.run_id)
    save_catalog(out, catalog, changes, run.run_id, run.finished.isoformat())
    counts = Counter(change.change for change in changes)
    return {kind: counts[kind] for kind in ("added", "changed", "gone")} | {
        "current": sum(e.state == "current" for e in catalog.values())}


def seen_in_run(out: Zone, raw: Zone, inputs: Iterable[InputOutcome]) -> list[Seen]:
    """The articles a run's inputs hold (written or unchanged), keyed. The URL is the input's
    own (its sidecar's): the same bytes fetched from two URLs are one record, whose source
    names one of them, and two articles. A page whose every URL last answered 404 or 410
    (the scraper's state) is not seen, though its file is still in the raw snapshot. A key
    held by several inputs is ordered by each page's fetch time from its sidecar, else by
    its path."""
    found, gone = [], {normal_url(url) for url in gone_urls(raw)}
    for entry in inputs:
        if entry.id is None or entry.reason is not None or entry.outcome not in ("written", "unchanged"):
            continue
        origin = origin_of(raw, entry.path) or Origin()
        if origin.urls and {normal_url(u) for u in origin.urls} <= gone:
            continue  # every URL of these bytes now answers 404 or 410
        fields = record_fields(out, record_of(entry), ("canonical_url", "source"))
        url = origin.url or (fields.get("source") or {}).get("url")
        key = article_key(fields.get("canonical_url"), url, entry.path)
        found.append(Seen(key, entry.id, entry.path, url, fetch_time(origin.fetched_at) or entry.path))
    return found


@contextlib.contextmanager
def _local_copy(out: Zone):
    """The catalog in a local temporary file (created empty when OUT has none)."""
    with tempfile.TemporaryDirectory(prefix="healthclean-catalog-") as folder:
        path = Path(folder) / CATALOG
        with contextlib.suppress(FileNotFoundError):
            path.write_bytes(out.read(CATALOG))
        with contextlib.closing(sqlite3.connect(path)) as db:
            db.executescript(_SCHEMA)
            yield db, path


@contextlib.contextmanager
def _rewritten(out: Zone):
    """The catalog's local copy in one transaction, then written back whole, atomically."""
    with _local_copy(out) as (db, path):
        with db:
            yield db
        db.close()
        out.write_atomic(CATALOG, path.read_bytes())


def load_catalog(out: Zone) -> dict[str, Entry]:
    with _local_copy(out) as (db, _):
        return {row[0]: Entry(*row) for row in db.execute(f"SELECT {_ENTRY_COLUMNS} FROM articles")}


def current_record_ids(out: Zone) -> list[str]:
    """The record id of each current article, in article-key order, once each (two keys
    may share one record: the same bytes at two URLs)."""
    return [entry.record_id for entry in current_entries(out)]


def current_entries(out: Zone) -> list[Entry]:
    """The catalog's current entries in article-key order, the first of each record."""
    entries: dict[str, Entry] = {}
    for _, entry in sorted(load_catalog(out).items()):
        if entry.state == "current":
            entries.setdefault(entry.record_id, entry)
    return list(entries.values())


def save_copy_groups(out: Zone, group_of_key: dict[str, str], made_from: str) -> None:
    """Replace the catalog's `copy_groups` table (article key -> copies group id) and what
    the groups were made from (flows.store.copies), in one transaction."""
    with _rewritten(out) as db:
        db.execute("DELETE FROM copy_groups")
        db.executemany("INSERT INTO copy_groups VALUES (?, ?)", sorted(group_of_key.items()))
        db.execute("DELETE FROM copies_made_from")
        db.execute("INSERT INTO copies_made_from VALUES (?, ?)", (made_from, len(set(group_of_key.values()))))


def copies_made_from(out: Zone) -> tuple[str, int] | None:
    """(fingerprint, group count) of the last copy groups written, or None."""
    with _local_copy(out) as (db, _):
        return db.execute("SELECT fingerprint, groups FROM copies_made_from").fetchone()


_ENTRY_COLUMNS = "article_key, record_id, path, url, first_seen, last_seen, versions, state"


def save_catalog(out: Zone, catalog: dict[str, Entry], changes: list[Change], run_id: str, finished: str) -> None:
    """Write the catalog after a run and the run's change feed, each atomically."""
    with _rewritten(out) as db:
        db.execute("DELETE FROM articles")
        db.executemany(f"INSERT INTO articles ({_ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [dataclasses.astuple(e) for _, e in sorted(catalog.items())])
        db.execute("INSERT OR REPLACE INTO runs (run_id, finished) VALUES (?, ?)", (run_id, finished))
        db.executemany("INSERT INTO changes VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [(run_id, c.key, c.change, c.record_id, c.previous_id, c.url, c.path) for c in changes])
    lines = (json.dumps({"run_id": run_id, **_change_fields(c)}, ensure_ascii=False) + "\n" for c in changes)
    out.write_atomic(f"{CHANGES}/{run_id}.jsonl", lines)  # streamed: a first run's feed holds every article


def _change_fields(change: Change) -> dict:
    fields = dataclasses.asdict(change)
    return {"article_key": fields.pop("key"), **fields}


def changes_since(out: Zone, since: str | None = None) -> list[dict]:
    """Every change of the runs after `since` (all runs when None), oldest first; raises
    UnknownRun for a run id the catalog does not know."""
    with _local_copy(out) as (db, _):
        start = 0
        if since is not None:
            row = db.execute("SELECT seq FROM runs WHERE run_id = ?", (since,)).fetchone()
            if row is None:
                raise UnknownRun(f"No run {since!r} in {out.location(CATALOG)}.")
            start = row[0]
        query = ("SELECT c.run_id, c.article_key, c.change, c.record_id, c.previous_id, c.url, c.path FROM changes c "
                 "JOIN runs r ON r.run_id = c.run_id WHERE r.seq > ? ORDER BY r.seq, c.rowid")
        names = ("run_id", "article_key", "change", "record_id", "previous_id", "url", "path")
        return [dict(zip(names, row)) for row in db.execute(query, (start,))]
