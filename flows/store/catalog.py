"""Which record is each article's current version: the catalog's rules, without storage.

An article is named by its `article_key` (extractors.identity: canonical URL, else the
fetched URL, else the raw path). A run sees some articles (each key with one or more
records: the same page fetched on several days); the newest fetch is its current version.

The rule for every key after a run (`next_catalog`):
- seen, not in the catalog (or `gone` there): `added`;
- seen with another current record than the catalog's: `changed` (one more version);
- seen with the same record: no change, `last_seen` moves on;
- `current` in the catalog and not seen: `gone`. A run sees every article in the raw snapshot,
  so an article is gone when its page left the snapshot, or the page is now a rejection (an
  error page, a 404 body). A gone article's record stays on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Seen:
    """One article record a run saw."""

    key: str
    record_id: str
    path: str
    url: str | None
    fetched: str  # when its bytes were fetched (ISO time), or its path: what orders versions


@dataclass(frozen=True, slots=True)
class Entry:
    """One catalog row: an article key and its current record."""

    key: str
    record_id: str
    path: str
    url: str | None
    first_seen: str  # run ids
    last_seen: str
    versions: int
    state: str  # current, gone


@dataclass(frozen=True, slots=True)
class Change:
    key: str
    change: str  # added, changed, gone
    record_id: str
    previous_id: str | None
    url: str | None
    path: str


def newest(seen: list[Seen]) -> dict[str, Seen]:
    """Each key's current version: its newest fetch (then the last path, then the record id)."""
    current: dict[str, Seen] = {}
    for item in sorted(seen, key=lambda s: (s.fetched, s.path, s.record_id)):
        current[item.key] = item
    return current


def next_catalog(catalog: dict[str, Entry], seen: list[Seen], run_id: str) -> tuple[dict[str, Entry], list[Change]]:
    """The catalog after a run that saw `seen`, and the changes it made, in key order."""
    current, after, changes = newest(seen), dict(catalog), []
    for key in sorted(current.keys() | catalog.keys()):
        old, now = catalog.get(key), current.get(key)
        if now is None:
            if old.state == "current":
                after[key] = replace(old, state="gone")
                changes.append(Change(key, "gone", old.record_id, old.record_id, old.url, old.path))
            continue
        if old is None or old.state == "gone":
            versions = 1 if old is None else old.versions + (old.record_id != now.record_id)
            after[key] = Entry(key, now.record_id, now.path, now.url, old.first_seen if old else run_id, run_id, versions, "current")
            changes.append(Change(key, "added", now.record_id, old.record_id if old else None, now.url, now.path))
        elif old.record_id != now.record_id:
            after[key] = replace(old, record_id=now.record_id, path=now.path, url=now.url, last_seen=run_id, versions=old.versions + 1)
            changes.append(Change(key, "changed", now.record_id, old.record_id, now.url, now.path))
        else:
            after[key] = replace(old, path=now.path, url=now.url, last_seen=run_id)
    return after, changes
