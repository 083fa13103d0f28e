"""Copies of one article in OUT (extractors/copies): `copies/groups.jsonl`, one line per
group of two or more current articles, and `copies/report.jsonl`, one line per member with
what it lacks against its siblings. Both rewritten atomically over all current articles
(the catalog's) at the end of each complete clean run and by `healthclean copies OUT`; the
catalog's `copy_groups` table names each article key's group, and its `copies_made_from` what
the groups were made from: a run whose current articles are those of the last write keeps them.
What a write keeps for the next one: flows/store/copies_kept.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from extractors.copies.config import CopyConfig
from extractors.copies.grouping import Group, group_copies
from extractors.copies.profile import Profile, profile_of
from flows.store.catalog import Entry
from flows.store.catalog_store import copies_made_from, current_entries, save_copy_groups
from flows.store.copies_kept import (DECISIONS, GROUPS, PROFILES, REPORT, KeptWords, earlier_reports, fresh_files,
                                     fresh_words, json_line, keep_decisions, keep_fresh, keep_lines, kept_decisions,
                                     kept_words, made_by, words_fields)
from flows.store.copies_report import collector_paused, group_reports, read_record
from flows.store.storage import Zone

__all__ = ["DECISIONS", "GROUPS", "PROFILES", "REPORT", "refresh_copies", "write_copies"]


def current_profiles(out: Zone, config: CopyConfig, entries: list[Entry],
                     kept: dict[str, KeptWords]) -> tuple[list[Profile], list[str]]:
    """The grouping profile of each current article (`entries`, the catalog's): its words
    from `kept` (`kept_words`) when there, else its record read and profiled; and the
    profiles.jsonl line of each (a kept one as read)."""
    profiles, lines = [], []
    for entry in entries:
        words = kept.get(entry.record_id)
        if words is None:
            fields = {"id": entry.record_id, **words_fields(profile_of(read_record(out, entry.record_id), config))}
            words = KeptWords(fields, json_line(fields))
        profiles.append(Profile(**words.fields, path=entry.path, key=entry.key, blocks=(), word_blocks=()))
        lines.append(words.line)
    return profiles, lines


def keep_batch_profiles(out: Zone, records: Iterable[dict], config: CopyConfig = CopyConfig()) -> None:
    """Called by a clean run's worker with the article records it wrote (as dicts): their
    grouping profiles, for the copies step to read instead of the records (copies_kept.keep_fresh)."""
    keep_fresh(out, config, [profile_of(record, config) for record in records])


def _identity(group: Group) -> tuple:
    return (group.id, group.original.id, tuple(tuple(m.values()) for m in group_line(group)["members"]))


def group_line(group: Group) -> dict:
    return {"group": group.id, "original": group.original.id,
            "members": [{"id": m.id, "path": m.path, "language": m.language, "article_key": m.key}
                        for m in group.members]}


def write_copies(out: Zone, config: CopyConfig = CopyConfig(), entries: list[Entry] | None = None, *,
                 processes: int = 0) -> list[tuple[Group, list[dict]]]:
    """Group the current articles of OUT, write both files and the catalog's tables (the
    groups, and what they were made from); return each group with its members' report lines.
    Words and report lines the last write kept are used again when made alike (a group of
    the same members has the same report), so a run that adds a few articles costs less.
    `entries`: the catalog's current entries, when the caller has read them. `processes`:
    worker processes for the sibling reports of many groups (copies_report.group_reports),
    and as many threads for the pair decisions (the run's workers are idle by then)."""
    with collector_paused():
        return _write_copies(out, config, entries, processes)


def _write_copies(out: Zone, config: CopyConfig, entries: list[Entry] | None,
                  processes: int) -> list[tuple[Group, list[dict]]]:
    entries, made = current_entries(out) if entries is None else entries, made_by(config)
    (fresh, fresh_files), kept, decisions = fresh_words(out, made), kept_words(out, made), kept_decisions(out, made)
    profiles, profile_lines = current_profiles(out, config, entries, kept | fresh)
    groups = group_copies(profiles, config, decisions, threads=max(1, processes))
    earlier = earlier_reports(out) if kept else {}
    new = [g for g in groups if _identity(g) not in earlier]
    reported = dict(zip((g.id for g in new), group_reports(out, new, config, processes)))
    reports = [(g, earlier.get(_identity(g)) or reported[g.id]) for g in groups]
    out.write_atomic(GROUPS, [json_line(group_line(g)) for g in groups])
    out.write_atomic(REPORT, [json_line(line) for _, lines in reports for line in lines])
    save_copy_groups(out, {m.key: g.id for g in groups for m in g.members}, _fingerprint(entries, config))
    # Last: kept words vouch for the files written before them with the same `made_by`.
    keep_decisions(out, made, decisions)
    keep_lines(out, PROFILES, made, profile_lines)
    for path in fresh_files:  # what is current of them is in profiles.jsonl now
        out.remove(path)
    return reports


def refresh_copies(out: Zone, config: CopyConfig = CopyConfig(), *, processes: int = 0) -> int:
    """The clean flow's copies step: `write_copies`, unless the current articles, the
    pipeline version and the configuration are those of the last write (a run that changed
    nothing then costs a catalog read, not a regrouping); the number of groups."""
    made_from, entries = copies_made_from(out), current_entries(out)
    if made_from and made_from[0] == _fingerprint(entries, config):
        for path in fresh_files(out):  # a forced run's profiles of the same records: kept already
            out.remove(path)
        return made_from[1]
    return len(write_copies(out, config, entries, processes=processes))


def _fingerprint(entries: list[Entry], config: CopyConfig) -> str:
    digest = hashlib.sha256(made_by(config).encode())
    for entry in entries:
        digest.update(f"{entry.record_id}\t{entry.key}\t{entry.path}\n".encode())
    return digest.hexdigest()
