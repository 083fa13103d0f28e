"""Tag blocks that match a lexicon phrase. Tags only: structure rules and `decide` act on them."""

from __future__ import annotations

import re

from extractors.config import DEFAULT_THRESHOLDS, Thresholds
from extractors.lexicon import Lexicon
from extractors.records import Block, Tag
from extractors.registry import SECTIONS, groups_of

# The groups of each section by name, as extractors.registry declares them.
LABELS, LINES, PREFIXES, CONTAINS = ({g.name: g for g in groups_of(section)} for section in SECTIONS)
# Several labels on one line: "Medically reviewed by X — Written by Y — Updated on Z".
_LABEL_SEPARATORS = re.compile(r"\s+[—–|•]\s+")
_DIGIT = re.compile(r"\d")


def tag_lexicon(blocks: list[Block], lexicon: Lexicon, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[Block]:
    """Give each block the tags of the lexicon groups it matches, if any."""
    return [_tag_block(block, lexicon, thresholds) for block in blocks]


def _tag_block(block: Block, lexicon: Lexicon, thresholds: Thresholds) -> Block:
    if block.kind == "table":
        return block
    words = len(block.text.split())
    labels = _match_labels(block, lexicon) if words <= thresholds.label_max_words else []
    contains = _match_contains(block, lexicon) if words <= thresholds.contains_max_words else None
    tags = labels or [t for t in (_match_line(block, lexicon), _match_prefix(block, lexicon), contains) if t][:1]
    for tag in tags:
        block = block.with_tag(tag)
    return block


def _match_labels(block: Block, lexicon: Lexicon) -> list[Tag]:
    parts = _LABEL_SEPARATORS.split(block.text)
    tags = [_match_label(part, lexicon) for part in parts]
    return tags if all(tags) else []


def _match_label(text: str, lexicon: Lexicon) -> Tag | None:
    # The longest label wins across groups: "Datum Aktualisieren: …" is an updated date,
    # though "Datum" alone is a published one.
    matches = [(g, m) for g, pattern in lexicon.labels.items() if (m := pattern.match(text))]
    for group, match in sorted(matches, key=lambda gm: -gm[1].start("colon")):
        value = match["value"].strip()
        has_colon = ":" in match["colon"]
        # Without a colon, "Updated guidelines say…" must not pass for a label line.
        if not has_colon and not (value[0].isupper() or value[0].isdigit()):
            continue
        if not has_colon and group in ("published", "updated") and not _DIGIT.search(value):
            continue
        return Tag(LABELS[group].reason, value=value)
    return None


def _match_line(block: Block, lexicon: Lexicon) -> Tag | None:
    for group, pattern in lexicon.lines.items():
        if pattern.match(block.text):
            return Tag(LINES[group].reason, removes=LINES[group].removes)
    return None


def _match_prefix(block: Block, lexicon: Lexicon) -> Tag | None:
    words = len(block.text.split())
    for name, pattern in lexicon.prefixes.items():
        group = PREFIXES[name]
        if words > group.max_words or block.kind not in group.kinds:
            continue
        match = pattern.match(block.text)
        if match and (match["value"] or not group.needs_value):
            return Tag(group.reason, value=(match["value"] or "").strip() or None)
    return None


def _match_contains(block: Block, lexicon: Lexicon) -> Tag | None:
    for group, pattern in lexicon.contains.items():
        if pattern.search(block.text):
            return Tag(CONTAINS[group].reason)
    return None


def is_anonymous(name: str, lexicon: Lexicon) -> bool:
    """True for placeholders such as 'Anonim' that stand where an author name should."""
    pattern = lexicon.lines.get("anonymous")
    return bool(pattern and pattern.match(name))
