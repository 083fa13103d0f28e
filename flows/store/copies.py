"""Copies of one article in OUT (extractors/copies): `copies/groups.jsonl`, one line per
group of two or more current articles, and `copies/report.jsonl`, one line per member with
what it lacks against its siblings. Both rewritten atomically over all current articles
(the catalog's) at the end of each complete clean run and by `healthclean copies OUT`; the
catalog's `copy_groups` table names each article key's group.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from extractors.copies.config import CopyConfig
from extractors.copies.grouping import Group, group_copies
from extractors.copies.profile import Profile, profile_of
from extractors.copies.siblings import Lack, sibling_view
from flows.store.catalog_store import current_record_ids, save_copy_groups
from flows.store.layout import ARTICLES, COPIES
from flows.store.storage import Zone

GROUPS, REPORT = f"{COPIES}/groups.jsonl", f"{COPIES}/report.jsonl"


def current_profiles(out: Zone, config: CopyConfig) -> Iterator[Profile]:
    """A profile of each current article in OUT, read one record at a time."""
    for record_id in current_record_ids(out):
        record = json.loads(out.read(f"{ARTICLES}/{record_id}.json"))
        yield profile_of(record, min_word_length=config.min_word_length, max_words=config.max_words)


def group_line(group: Group) -> dict:
    return {"group": group.id, "original": group.original.id,
            "members": [{"id": m.id, "path": m.path, "language": m.language, "article_key": m.key} for m in group.members]}


def report_lines(group: Group, config: CopyConfig) -> Iterator[dict]:
    for member in group.members:
        view = sibling_view(member, group, config)
        yield {"group": group.id, "id": member.id, "path": member.path, "language": member.language,
               "original": member is group.original, "lost_list": view.lost_list,
               "lacks": [_lack_fields(lack, group) for lack in view.lacks]}


def _lack_fields(lack: Lack, group: Group) -> dict:
    paths = {m.id: m.path for m in group.members}
    return {"kind": lack.kind, "items": lack.items, "after_block": lack.after_block, "after_text": lack.after_text,
            "intro_only": lack.intro_only, "siblings": [{"id": s, "path": paths[s]} for s in lack.siblings],
            "reaching": lack.reaching, "example": lack.example}


def write_copies(out: Zone, config: CopyConfig = CopyConfig()) -> list[tuple[Group, list[dict]]]:
    """Group the current articles of OUT, write both files and the catalog's table; return
    each group with its members' report lines."""
    groups = group_copies(current_profiles(out, config), config)
    reports = [(g, list(report_lines(g, config))) for g in groups]
    out.write_atomic(GROUPS, [_line(group_line(g)) for g in groups])
    out.write_atomic(REPORT, [_line(line) for _, lines in reports for line in lines])
    save_copy_groups(out, {m.key: g.id for g in groups for m in g.members})
    return reports


def _line(fields: dict) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"
