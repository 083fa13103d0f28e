"""What each system does to each labelled line of a dump: healthclean, jusText over the
lines as paragraphs, and the raw dump itself (everything kept, as paragraphs)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from bench.pages_dev.score import LineOutcome
from extractors.contract import Article, ListBlock, Paragraph
from extractors.records import Origin, RawPage
from extractors.registry import RULES

INLINE = frozenset(rule.name for rule in RULES if rule.stage == "inline")  # cut inside a line, never a line
# jusText's stoplist names for the corpus's languages (justext.get_stoplists()).
JUSTEXT_LANGUAGES = {
    "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "es": "Spanish", "et": "Estonian",
    "fi": "Finnish", "fr": "French", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian",
    "lt": "Lithuanian", "lv": "Latvian", "nl": "Dutch", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sv": "Swedish", "tr": "Turkish",
    "uk": "Ukrainian", "vi": "Vietnamese", "en": "English",
}


def clean_records(pages: Sequence[tuple[str, bytes, str | None]], config=None) -> list:
    """The pages (name, bytes, the URL they were fetched from) as one batch of `clean_batch`,
    as `healthclean clean` cleans a scraped folder with its sidecars."""
    from extractors.config import DEFAULT_CONFIG
    from extractors.pipeline import clean_batch

    return clean_batch([RawPage(data, name, Origin(url=url)) for name, data, url in pages], config or DEFAULT_CONFIG)


def healthclean(pages: Sequence[tuple[str, bytes, str | None]], config=None) -> list[tuple[dict[int, LineOutcome], str | None]]:
    """What healthclean does to each line of each page, and its title (see clean_records)."""
    return [line_outcomes(record, data) for (_, data, _), record in zip(pages, clean_records(pages, config))]


def line_outcomes(record, data: bytes) -> tuple[dict[int, LineOutcome], str | None]:
    raw_lines = dict(enumerate(data.decode("utf-8", errors="replace").split("\n"), start=1))
    numbers = [n for n, raw in raw_lines.items() if raw.strip()]
    if not isinstance(record, Article):
        return {n: LineOutcome(removed=record.reason) for n in numbers}, None
    outcomes = {r.line: LineOutcome(removed=r.reason) for r in record.removed if r.line is not None and r.reason not in INLINE}
    outcomes |= _emptied_lines(record, raw_lines)
    kept = [n for n in numbers if n not in outcomes]
    units = list(_units(record))
    if len(units) != len(kept):  # the record's blocks are the kept lines in order, one each
        raise ValueError(f"{record.source.path}: {len(units)} blocks for {len(kept)} kept lines")
    outcomes.update(zip(kept, units))
    return outcomes, record.title


def _emptied_lines(record: Article, raw_lines: dict[int, str]) -> dict[int, LineOutcome]:
    """Lines that inline cuts left empty (a line that was only "<script …>"): removed."""
    left = {}
    for removal in record.removed:
        if removal.reason in INLINE and removal.line is not None:
            left[removal.line] = left.get(removal.line, raw_lines[removal.line]).replace(removal.text, "", 1)
    return {n: LineOutcome(removed=next(r.reason for r in record.removed if r.line == n)) for n, rest in left.items()
            if not rest.strip(" \t\u00a0•-*–·▪●◦‣∙")}


def _units(article: Article):
    lists = 0
    for section in article.sections:
        if section.heading is not None:
            yield LineOutcome(kind="heading")
        for block in section.blocks:
            if isinstance(block, ListBlock):
                lists += 1
                yield from (LineOutcome(kind="item", list_id=lists) for _ in block.items)
            elif isinstance(block, Paragraph):
                yield LineOutcome(kind="paragraph")
            else:
                yield from (LineOutcome(kind="paragraph") for _ in block.rows)


def justext_outcomes(data: bytes, language: str) -> dict[int, LineOutcome]:
    """jusText's good/bad call on each non-blank line, given as a <p> of its own."""
    import justext

    lines = [(n, raw) for n, raw in enumerate(data.decode("utf-8", errors="replace").split("\n"), start=1) if raw.strip()]
    page = "<html><body>" + "".join(f"<p>{html.escape(raw.strip())}</p>" for _, raw in lines) + "</body></html>"
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist(JUSTEXT_LANGUAGES[language]), encoding="utf-8")
    if len(paragraphs) != len(lines):
        raise ValueError(f"jusText gave {len(paragraphs)} paragraphs for {len(lines)} lines")
    return {n: LineOutcome(removed="boilerplate") if p.is_boilerplate else LineOutcome(kind="paragraph")
            for (n, _), p in zip(lines, paragraphs)}
