"""Copies of one article in OUT (extractors/copies): `copies/groups.jsonl`, one line per
group of two or more current articles, and `copies/report.jsonl`, one line per member with
what it lacks against its siblings. Both rewritten atomically over all current articles
(the catalog's) at the end of each complete clean run and by `healthclean copies OUT`; the
catalog's `copy_groups` table names each article key's group, and its `copies_made_from` what
the groups were made from: a run whose current articles are those of the last write keeps them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from extractors.copies.config import CopyConfig
from extractors.copies.grouping import Group, group_copies, with_profiles
from extractors.copies.profile import Profile, profile_of
from extractors.copies.siblings import Lack, sibling_views
from extractors.version import pipeline_version
from flows.store.catalog_store import copies_made_from, current_record_ids, save_copy_groups
from flows.store.layout import ARTICLES, COPIES
from flows.store.storage import Zone

GROUPS, REPORT = f"{COPIES}/groups.jsonl", f"{COPIES}/report.jsonl"


def current_profiles(out: Zone, config: CopyConfig, record_ids: list[str] | None = None) -> Iterator[Profile]:
    """The grouping profile of each current article in OUT, read one record at a time."""
    for record_id in current_record_ids(out) if record_ids is None else record_ids:
        yield profile_of(_record(out, record_id), config)


def report_group(out: Zone, group: Group, config: CopyConfig) -> Group:
    """`group` with its members' sibling-report profiles (their records read again)."""
    return with_profiles(group, {m.id: profile_of(_record(out, m.id), config, report=True) for m in group.members})


def _record(out: Zone, record_id: str) -> dict:
    return json.loads(out.read(f"{ARTICLES}/{record_id}.json"))


def group_line(group: Group) -> dict:
    return {"group": group.id, "original": group.original.id,
            "members": [{"id": m.id, "path": m.path, "language": m.language, "article_key": m.key} for m in group.members]}


def report_lines(group: Group, config: CopyConfig) -> Iterator[dict]:
    for member, view in zip(group.members, sibling_views(group, config)):
        yield {"group": group.id, "id": member.id, "path": member.path, "language": member.language,
               "original": member is group.original, "lost_list": view.lost_list,
               "lacks": [_lack_fields(lack, group) for lack in view.lacks]}


def _lack_fields(lack: Lack, group: Group) -> dict:
    paths = {m.id: m.path for m in group.members}
    return {"kind": lack.kind, "items": lack.items, "after_block": lack.after_block, "after_text": lack.after_text,
            "intro_only": lack.intro_only, "siblings": [{"id": s, "path": paths[s]} for s in lack.siblings],
            "reaching": lack.reaching, "example": lack.example}


def write_copies(out: Zone, config: CopyConfig = CopyConfig()) -> list[tuple[Group, list[dict]]]:
    """Group the current articles of OUT, write both files and the catalog's tables (the
    groups, and what they were made from); return each group with its members' report lines."""
    record_ids = current_record_ids(out)
    groups = group_copies(current_profiles(out, config, record_ids), config)
    reports = [(g, list(report_lines(report_group(out, g, config), config))) for g in groups]
    out.write_atomic(GROUPS, [_line(group_line(g)) for g in groups])
    out.write_atomic(REPORT, [_line(line) for _, lines in reports for line in lines])
    save_copy_groups(out, {m.key: g.id for g in groups for m in g.members}, _fingerprint(record_ids, config))
    return reports


def refresh_copies(out: Zone, config: CopyConfig = CopyConfig()) -> int:
    """The clean flow's copies step: `write_copies`, unless the current articles, the
    pipeline version and the configuration are those of the last write (a run that changed
    nothing then costs a catalog read, not a regrouping); the number of groups."""
    made_from = copies_made_from(out)
    if made_from and made_from[0] == _fingerprint(current_record_ids(out), config):
        return made_from[1]
    return len(write_copies(out, config))


def _fingerprint(record_ids: list[str], config: CopyConfig) -> str:
    digest = hashlib.sha256(f"{pipeline_version()}\n{config!r}\n".encode())
    for record_id in record_ids:
        digest.update(record_id.encode() + b"\n")
    return digest.hexdigest()


def _line(fields: dict) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"
