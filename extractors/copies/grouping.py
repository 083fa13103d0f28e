"""Groups of copies: candidate pairs (extractors/copies/candidates.py), a scored decision
per candidate pair (extractors/copies/pairs.py), and the accepted pairs joined into groups
(union-find). The cost is near linear in the number of articles: each article has at most
a fixed number of candidates.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from extractors.copies.candidates import candidate_pairs
from extractors.copies.config import CopyConfig
from extractors.copies.pairs import pair_shares
from extractors.copies.profile import Profile


@dataclass(frozen=True)
class Group:
    id: str
    original: Profile  # the English copy when there is one, else the earliest published
    members: tuple[Profile, ...]  # the original first, then by language and key


def group_copies(profiles: Iterable[Profile], config: CopyConfig = CopyConfig(),
                 decisions: dict[tuple[str, str], float | None] | None = None, *, threads: int = 1) -> list[Group]:
    """The groups of two or more copies among `profiles`, ordered by id. `decisions`, when
    given, is a memo of pair decisions (`pair_shares`) by record ids, the smaller first: read,
    then left holding this call's candidate pairs (flows.store.copies keeps it between runs).
    `threads`: the candidates' and pair decisions' threads (the same groups at any count).

    Accepted pairs join their groups strongest first, and two groups that both have a copy
    in one language do not join (a translated article has one copy per language; the same
    text twice joins by its own same-language pair): without this, two articles of one
    site on one topic chain into one group through their weakest pair."""
    ordered = sorted(profiles, key=lambda p: (p.key, p.id))
    groups = _Groups(ordered)
    candidates = candidate_pairs(ordered, config, threads=threads)
    ids = [(min(ordered[i].id, ordered[j].id), max(ordered[i].id, ordered[j].id)) for i, j in candidates]
    known = dict(decisions or {})
    unknown = [k for k, pair in enumerate(ids) if pair not in known]
    shares = pair_shares(ordered, [candidates[k] for k in unknown], config, threads=threads)
    known.update(zip((ids[k] for k in unknown), shares))
    if decisions is not None:
        decisions.clear()
        decisions.update((pair, known[pair]) for pair in ids)
    scored = [(-known[pair], i, j) for pair, (i, j) in zip(ids, candidates) if known[pair] is not None]
    for _, i, j in sorted(scored):
        groups.join(i, j, same_text=ordered[i].language == ordered[j].language)
    return sorted((_group(m) for m in groups.members() if len(m) > 1), key=lambda g: g.id)


class _Groups:
    """Union-find over profile indexes that keeps each group's languages."""

    def __init__(self, profiles: list[Profile]):
        self.profiles = profiles
        self.parent = list(range(len(profiles)))
        self.languages = [{p.language} for p in profiles]

    def root(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, i: int, j: int, *, same_text: bool) -> None:
        a, b = sorted((self.root(i), self.root(j)))
        if a == b or (not same_text and self.languages[a] & self.languages[b]):
            return
        self.parent[b] = a
        self.languages[a] |= self.languages[b]

    def members(self) -> list[list[Profile]]:
        found: dict[int, list[Profile]] = {}
        for index, profile in enumerate(self.profiles):
            found.setdefault(self.root(index), []).append(profile)
        return list(found.values())


def with_profiles(group: Group, profiles: Mapping[str, Profile]) -> Group:
    """The same group with each member's profile replaced by `profiles[member id]` (the
    sibling report's profiles in place of the grouping's)."""
    return replace(group, original=profiles[group.original.id], members=tuple(profiles[m.id] for m in group.members))


def original_of(members: list[Profile]) -> Profile:
    """The English copy (the first by key), else the earliest published, else the first by key."""
    english = [p for p in members if p.language == "en"]
    if english:
        return min(english, key=lambda p: p.key)
    return min(members, key=lambda p: (p.published is None, p.published or "", p.key))


def _group(members: list[Profile]) -> Group:
    original = original_of(members)
    rest = sorted((p for p in members if p is not original), key=lambda p: (p.language or "", p.key))
    # Named by its original's key: stable while the original stays the original.
    group_id = hashlib.sha256(original.key.encode()).hexdigest()[:16]
    return Group(id=group_id, original=original, members=(original, *rest))
