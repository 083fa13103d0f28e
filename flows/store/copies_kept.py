"""What a write of OUT/copies keeps for the next one (flows.store.copies): each record's
profile words (`copies/profiles.jsonl`) and each candidate pair's decision
(`copies/decisions.jsonl`), valid for the pipeline version and configuration named on
their first line (`made_by`), and the last write's report lines of each group. Not for
downstream use.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from flows.store.layout import COPIES
from flows.store.storage import Zone

GROUPS, REPORT = f"{COPIES}/groups.jsonl", f"{COPIES}/report.jsonl"
PROFILES, DECISIONS = f"{COPIES}/profiles.jsonl", f"{COPIES}/decisions.jsonl"


def kept_words(out: Zone, made_by: str) -> dict[str, dict]:
    """Record id -> its profile's words and fields, as the last write kept them in
    `copies/profiles.jsonl`, when made by this pipeline version and configuration (`made_by`;
    they are a function of the record's bytes); else empty."""
    return {fields.pop("id"): fields for fields in _kept(out, PROFILES, made_by)}


def kept_decisions(out: Zone, made_by: str) -> dict[tuple[str, str], float | None]:
    """(record id, record id) -> the pair decision the last write made, when made alike."""
    return {(a, b): share for a, b, share in _kept(out, DECISIONS, made_by)}


def keep(out: Zone, path: str, made_by: str, lines: Iterable) -> None:
    """Write a kept file: its `made_by` line, then one JSON line per item."""
    out.write_atomic(path, [json_line({"made_by": made_by}), *map(json_line, lines)])


def _kept(out: Zone, path: str, made_by: str) -> list:
    try:
        lines = out.read(path).decode().splitlines()
    except FileNotFoundError:
        return []
    if not lines or json.loads(lines[0]).get("made_by") != made_by:
        return []
    return [json.loads(line) for line in lines[1:]]


def earlier_reports(out: Zone) -> dict[tuple, list[dict]]:
    """The last write's report lines of each group, by what the group was (its id, original and members' fields);
    only where the lines are its members' (a write stopped between the two files leaves
    lines of other groups)."""
    try:
        groups = [json.loads(line) for line in out.read(GROUPS).decode().splitlines()]
        lines = [json.loads(line) for line in out.read(REPORT).decode().splitlines()]
    except FileNotFoundError:
        return {}
    by_group: dict[str, list[dict]] = {}
    for line in lines:
        by_group.setdefault(line["group"], []).append(line)
    found = {}
    for group in groups:
        members = [(m["id"], m["path"]) for m in group["members"]]
        if [(line["id"], line["path"]) for line in by_group.get(group["group"], [])] == members:
            found[group["group"], group["original"], tuple(tuple(m.values()) for m in group["members"])] = \
                by_group[group["group"]]
    return found


def json_line(fields) -> str:
    """One line of a JSON Lines file."""
    return json.dumps(fields, ensure_ascii=False) + "\n"
