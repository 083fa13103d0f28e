"""What each copy lacks against its siblings, aligned by position.

Each pair of a group is aligned word by word once, by the words' first letters
(extractors/copies/pairs.aligned_runs); a sibling's block maps to the block of this copy
that most of its matched words fall in. A sibling's list or heading that maps to nothing, with a mapped block after it (so the copy's
text reaches past it: a copy cut short lacks nothing), is a lack, placed after the copy's
block its previous mapped block maps to. A lack is reported when at least
`consensus_share` of the siblings whose text reaches that far have it. Paragraphs are not
reported: copies split and merge them too freely to call one missing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from extractors.copies.config import CopyConfig
from extractors.copies.grouping import Group
from extractors.copies.pairs import aligned_runs
from extractors.copies.profile import Profile

REPORTED_KINDS = ("list", "heading")


@dataclass(frozen=True)
class Lack:
    kind: str  # list or heading (a section)
    after_block: int  # index of this copy's block it belongs after (-1: at the start)
    after_text: str
    intro_only: bool  # this copy keeps the line that introduces the list, not the list
    siblings: tuple[str, ...]  # record ids of the siblings that have it
    reaching: int  # siblings whose text reaches this place
    example: str  # the first sibling's block (a list's items joined)
    items: int  # a list's item count in the first sibling (0 for a heading)


def block_map(copy: Profile, sibling: Profile, runs: list[tuple[int, int, int]]) -> dict[int, int]:
    """sibling block index -> copy block index, by the majority of the aligned words
    (`runs` of aligned (copy word, sibling word) index pairs: pairs.aligned_runs)."""
    copy_blocks, sibling_blocks = copy.word_blocks, sibling.word_blocks
    votes = Counter([(sibling_blocks[j + k], copy_blocks[i + k]) for i, j, size in runs for k in range(size)])
    best: dict[int, tuple[int, int]] = {}
    for (block, voted), count in votes.items():  # in the order met: the first of equal counts wins
        if block not in best or count > best[block][1]:
            best[block] = (voted, count)
    return {block: best[block][0] for block in sorted(best)}


def lacks_against(copy: Profile, sibling: Profile,
                  aligned: list[tuple[int, int, int]]) -> tuple[list[tuple[str, int, int]], int]:
    """(kind, after block, sibling block) for each reported-kind block of the sibling this
    copy lacks, and the last copy block the sibling reaches. A sibling's block that maps
    to nothing is not lacking when the copy has a block of its kind in the same gap
    (a heading translated with no word in common)."""
    mapped = block_map(copy, sibling, aligned)
    found, previous = [], -1
    for index, block in enumerate(sibling.blocks):
        if index in mapped:
            previous = mapped[index]
            continue
        following = next((mapped[j] for j in range(index + 1, len(sibling.blocks)) if j in mapped), None)
        if block.kind not in REPORTED_KINDS or following is None:
            continue  # a paragraph, or past the end of the copy's text
        if any(b.kind == block.kind for b in copy.blocks[previous + 1:following + 1]):
            continue
        found.append((block.kind, previous, index))
    return found, max(mapped.values(), default=-1)


def compared_siblings(index: int, group: Group, config: CopyConfig) -> list[int]:
    """The siblings member `index` is compared with: the first `report_siblings` others in
    member order (the original first), so a group of 400 copies costs 400 x that, not 400²."""
    return [other for other in range(len(group.members)) if other != index][: config.report_siblings]


def alignments(group: Group, config: CopyConfig) -> dict[tuple[int, int], list[tuple[int, int, int]]]:
    """(copy index, sibling index) -> the runs of aligned word pairs (pairs.aligned_runs), for
    each member and its compared siblings; each pair is aligned once (the other way is the
    same alignment turned)."""
    found: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for a, first in enumerate(group.members):
        for b in compared_siblings(a, group, config):
            if (a, b) not in found:
                runs = aligned_runs(first.heads, group.members[b].heads)
                found[a, b], found[b, a] = runs, [(j, i, size) for i, j, size in runs]
    return found


@dataclass(frozen=True)
class SiblingView:
    """What a copy's siblings say of it: what it lacks, and of its own `lost_list` warning
    confirmed (a sibling has a list it lacks), contradicted (a sibling reaches its end and
    has no such list), unconfirmed, or None when the copy has no such warning."""

    lacks: list[Lack]
    lost_list: str | None


def sibling_views(group: Group, config: CopyConfig = CopyConfig()) -> list[SiblingView]:
    """What the siblings say of each member of `group`, in member order."""
    aligned = alignments(group, config)
    return [_view(index, group, aligned, config) for index in range(len(group.members))]


def _view(index: int, group: Group, aligned: dict, config: CopyConfig) -> SiblingView:
    copy = group.members[index]
    have: dict[tuple[str, int], list[tuple[Profile, int]]] = {}
    reach: list[int] = []
    for other in compared_siblings(index, group, config):
        sibling = group.members[other]
        found, reached = lacks_against(copy, sibling, aligned[index, other])
        reach.append(reached)
        for kind, after, block in found:
            have.setdefault((kind, after), []).append((sibling, block))
    lacks = []
    for (kind, after), holders in sorted(have.items(), key=lambda item: (item[0][1], item[0][0])):
        reaching = max(len(holders), sum(r > after for r in reach))
        if len(holders) < max(1.0, config.consensus_share * reaching):
            continue
        first, block_index = holders[0]
        block = first.blocks[block_index]
        intro = _intro_line(copy, after) if kind == "list" else None
        after = after if intro is None else intro
        lacks.append(Lack(kind, after, copy.blocks[after].text if after >= 0 else "", intro is not None,
                          tuple(s.id for s, _ in holders), reaching, block.text, len(block.items)))
    return SiblingView(lacks, _lost_list_verdict(copy, lacks, reach))


def _lost_list_verdict(copy: Profile, lacks: list[Lack], reach: list[int]) -> str | None:
    if not copy.lost_list:
        return None
    if any(lack.kind == "list" for lack in lacks):
        return "confirmed"
    return "contradicted" if any(r >= len(copy.blocks) - 1 for r in reach) else "unconfirmed"


def _intro_line(copy: Profile, after: int) -> int | None:
    """The copy's paragraph right after `after` when it ends with a colon: a list's intro
    line whose list is gone (its words are the sibling's intro's, often too short to match)."""
    following = after + 1
    if following < len(copy.blocks) and copy.blocks[following].kind == "paragraph" \
            and copy.blocks[following].text.rstrip().endswith(":"):
        return following
    return None
