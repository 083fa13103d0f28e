"""Replay diff: what a rule change (or a day of scraping) does to every article.

Two outputs are matched by article key (extractors.identity), so a page whose text changed
is one article `changed`, with the blocks, removals, warnings and metadata that differ, not
one removed and one added. Each output's article is its current record: the one its
catalog names (flows.store.catalog_store), or, in an output without a catalog, the newest
fetch among its records of that key.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

from extractors.identity import key_of

NAMES = ("article_key", "id", "old_id", "path")  # what names a change, not what changed
METADATA = ("language", "title", "category", "authors", "reviewers", "published", "updated", "site_name")


def diff_outputs(old: Path, new: Path) -> dict:
    """Article-by-article differences between two output folders (matched by article key)."""
    before, after = _articles(old), _articles(new)
    changed = [d for key in sorted(before.keys() & after.keys()) if (d := diff_article(before[key], after[key]))]
    return {
        "added": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
        "changed": changed,
        "unchanged": len(before.keys() & after.keys()) - len(changed),
    }


def diff_article(old: dict, new: dict) -> dict | None:
    """Blocks, metadata, removals and warnings that differ; None when only the version did."""
    report = {
        "article_key": key_of(new),
        "id": new["id"],
        "old_id": old["id"],
        "path": new["source"]["path"],
        **_multiset_diff("blocks", _block_texts(old), _block_texts(new)),
        **_multiset_diff("removals", _pairs(old["removed"], "reason", "text"), _pairs(new["removed"], "reason", "text")),
        **_multiset_diff("warnings", _pairs(old["warnings"], "code", "message"), _pairs(new["warnings"], "code", "message")),
        "metadata": {k: [old.get(k), new.get(k)] for k in METADATA if old.get(k) != new.get(k)},
    }
    return report if any(v for k, v in report.items() if k not in NAMES) else None


def summary(report: dict) -> str:
    """A few lines for a person; the JSON report has the details."""
    lines = [
        f"{len(report['added'])} added, {len(report['removed'])} removed, "
        f"{len(report['changed'])} changed, {report['unchanged']} unchanged articles"
    ]
    for change in report["changed"][:20]:
        parts = [f"{k} {len(change[k])}" for k in change if k not in (*NAMES, "metadata") and change[k]]
        parts += [f"metadata {', '.join(change['metadata'])}"] if change["metadata"] else []
        lines.append(f"  {change['path']}: {'; '.join(parts)}")
    return "\n".join(lines)


def _articles(folder: Path) -> dict[str, dict]:
    """Each article key's current record in an output folder."""
    records = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "articles").glob("*.json"))}
    current = _catalog_current(folder)
    if current is not None:
        return {key: records[record_id] for key, record_id in current.items() if record_id in records}
    by_key: dict[str, dict] = {}
    for record in sorted(records.values(), key=lambda r: (r["source"].get("fetched_at") or "", r["source"]["path"], r["id"])):
        by_key[key_of(record)] = record  # the newest fetch last
    return by_key


def _catalog_current(folder: Path) -> dict[str, str] | None:
    """article key -> record id of the current articles in the folder's catalog, if it has one."""
    path = folder / "catalog.sqlite"
    if not path.is_file():
        return None
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return dict(db.execute("SELECT article_key, record_id FROM articles WHERE state = 'current'"))


def _block_texts(article: dict) -> list[str]:
    texts = []
    for section in article["sections"]:
        texts += [f"heading: {section['heading']}"] if section["heading"] else []
        for block in section["blocks"]:
            if block["type"] == "list":
                texts += [f"item: {item}" for item in block["items"]]
            elif block["type"] == "table":
                texts += [f"row: {' | '.join(row)}" for row in block["rows"]]
            else:
                texts.append(f"{block['type']}: {block.get('text', '')}")
    return texts


def _pairs(records: list[dict], first: str, second: str) -> list[str]:
    return [f"{r[first]}: {r[second]}" for r in records]


def _multiset_diff(name: str, old: list[str], new: list[str]) -> dict[str, list[str]]:
    before, after = Counter(old), Counter(new)
    return {f"{name}_added": sorted((after - before).elements()), f"{name}_removed": sorted((before - after).elements())}
