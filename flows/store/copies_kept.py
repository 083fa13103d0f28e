"""What a write of OUT/copies keeps for the next one (flows.store.copies): each record's
profile words (`copies/profiles.jsonl`) and each candidate pair's decision
(`copies/decisions.jsonl`), valid for the pipeline version and configuration named on
their first line (`made_by`), and the last write's report lines of each group; and what
the clean run's workers made for it: the profile words of each batch's articles
(`copies/fresh/<batch>.jsonl`, read into profiles.jsonl by the next write). Not for
downstream use.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from extractors.copies.config import CopyConfig
from extractors.copies.profile import Profile
from extractors.version import pipeline_version
from flows.store.layout import COPIES
from flows.store.storage import Zone

GROUPS, REPORT = f"{COPIES}/groups.jsonl", f"{COPIES}/report.jsonl"
PROFILES, DECISIONS = f"{COPIES}/profiles.jsonl", f"{COPIES}/decisions.jsonl"
FRESH = f"{COPIES}/fresh"


def made_by(config: CopyConfig) -> str:
    """What kept lines are valid for: the pipeline version and the configuration."""
    return hashlib.sha256(f"{pipeline_version()}\n{config!r}\n".encode()).hexdigest()


def words_fields(profile: Profile) -> dict:
    """A grouping profile's fields as kept (all but its id, path and key, which the catalog gives)."""
    return {"language": profile.language, "published": profile.published, "canonical_url": profile.canonical_url,
            "lost_list": profile.lost_list, "text": profile.text, "heads": profile.heads,
            "stems": profile.stems}


def profile_lines(profiles: Iterable[Profile]) -> Iterator[dict]:
    """The kept lines of grouping profiles (profiles.jsonl, fresh files): id and `words_fields`."""
    return ({"id": p.id, **words_fields(p)} for p in profiles)


def keep_fresh(out: Zone, config: CopyConfig, profiles: list[Profile]) -> None:
    """A batch's grouping profiles, by a clean run's worker that has the records at hand
    (they are a function of the record: kept by record id, named by the batch's ids)."""
    if profiles:
        name = hashlib.sha256("\n".join(p.id for p in profiles).encode()).hexdigest()[:24]
        keep(out, f"{FRESH}/{name}.jsonl", made_by(config), profile_lines(profiles))


def fresh_words(out: Zone, made: str) -> tuple[dict[str, KeptWords], list[str]]:
    """The words the workers kept (`keep_fresh`) when made alike, as `kept_words`; and
    every fresh file read (the next write of profiles.jsonl holds what is current of them)."""
    files = fresh_files(out)
    return {words.fields["id"]: words for path in files for words in _kept_words(out, path, made)}, files


def fresh_files(out: Zone) -> list[str]:
    return [f"{FRESH}/{name}" for name in out.files_in(FRESH) if name.endswith(".jsonl")]


class KeptWords(NamedTuple):
    """A kept profile line: its fields (`profile_lines`) and the line as read, which the
    next write of profiles.jsonl writes again as it is (a tenth of json.dumps' cost)."""

    fields: dict
    line: str


def kept_words(out: Zone, made: str) -> dict[str, KeptWords]:
    """Record id -> its profile's words and fields, as the last write kept them in
    `copies/profiles.jsonl`, when made by this pipeline version and configuration (`made`,
    a `made_by`; they are a function of the record's bytes); else empty."""
    return {words.fields["id"]: words for words in _kept_words(out, PROFILES, made)}


def _kept_words(out: Zone, path: str, made: str) -> list[KeptWords]:
    return [KeptWords(json.loads(line), line + "\n") for line in _kept_lines(out, path, made)]


def kept_decisions(out: Zone, made: str) -> dict[tuple[str, str], float | None]:
    """(record id, record id) -> the pair decision the last write made, when made alike."""
    return {(a, b): share for a, b, share in map(json.loads, _kept_lines(out, DECISIONS, made))}


def keep(out: Zone, path: str, made: str, lines: Iterable) -> None:
    """Write a kept file: its `made_by` line, then one JSON line per item."""
    keep_lines(out, path, made, map(json_line, lines))


def keep_lines(out: Zone, path: str, made: str, lines: Iterable[str]) -> None:
    """`keep` of lines already written as JSON."""
    out.write_atomic(path, [json_line({"made_by": made}), *lines])


def keep_decisions(out: Zone, made: str, decisions: dict[tuple[str, str], float | None]) -> None:
    """`copies/decisions.jsonl`: one `[id, id, share or null]` line per pair, written as
    json.dumps would (record ids are hex; a float as its repr), at a tenth of its cost."""
    # In the order made (the candidates' order, a function of the current articles): no sort.
    keep_lines(out, DECISIONS, made, (f'["{a}", "{b}", {"null" if share is None else repr(share)}]\n'
                                      for (a, b), share in decisions.items()))


def _kept_lines(out: Zone, path: str, made: str) -> list[str]:
    """The lines of a kept file after its `made_by` line, when made alike; else none."""
    try:
        lines = out.read(path).decode().split("\n")  # not splitlines: JSON leaves U+2028 and U+0085 as they are
    except FileNotFoundError:
        return []
    if not lines[0] or json.loads(lines[0]).get("made_by") != made:
        return []
    return lines[1:-1] if lines[-1] == "" else lines[1:]


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
