"""A sibling-report profile as the JSON fields kept between runs (flows/store/copies_kept.py),
and the two profiles read back from them: the grouping's (its first `max_words` words) and
the report's (all its words, and its blocks' kinds, list lengths and intro lines, without
their texts: the report reads a record's texts only for what it reports). One profile per
article is made, by the clean run's worker that writes the record.
"""

from __future__ import annotations

import itertools

from extractors.copies.config import CopyConfig
from extractors.copies.profile import Block, Profile

_LETTERS = {"heading": "h", "paragraph": "p", "list": "l", "table": "t"}
_KINDS = {letter: kind for kind, letter in _LETTERS.items()}


def fields_of(profile: Profile, config: CopyConfig) -> dict:
    """The kept fields of a report profile (`profile_of(..., report=True)`)."""
    words = profile.text.split(" ") if profile.text else []
    return {"language": profile.language, "published": profile.published, "canonical_url": profile.canonical_url,
            "lost_list": profile.lost_list, "text": " ".join(words[: config.max_words]),
            "more": " ".join(words[config.max_words:]), "heads": profile.heads, "stems": profile.stems,
            "word_blocks": [[block, len(list(run))] for block, run in itertools.groupby(profile.word_blocks)],
            "blocks": [[_LETTERS[b.kind], b.items, b.intro] for b in profile.blocks]}


def grouping_profile(record_id: str, path: str, key: str, fields: dict, config: CopyConfig) -> Profile:
    """The grouping profile kept in `fields` (the catalog gives its path and key)."""
    return Profile(id=record_id, path=path, key=key, blocks=(), word_blocks=(), text=fields["text"],
                   heads=fields["heads"][: config.max_words], **_shared(fields))


def report_profile(record_id: str, path: str, key: str, fields: dict) -> Profile:
    """The sibling-report profile kept in `fields`; its blocks have no text."""
    blocks = tuple(Block(_KINDS[letter], "", items, intro) for letter, items, intro in fields["blocks"])
    word_blocks = tuple(block for block, count in fields["word_blocks"] for _ in range(count))
    text = f"{fields['text']} {fields['more']}" if fields["more"] else fields["text"]
    return Profile(id=record_id, path=path, key=key, blocks=blocks, word_blocks=word_blocks, text=text,
                   heads=fields["heads"], **_shared(fields))


def _shared(fields: dict) -> dict:
    return {"language": fields["language"], "published": fields["published"], "canonical_url": fields["canonical_url"],
            "lost_list": fields["lost_list"], "stems": fields["stems"]}
