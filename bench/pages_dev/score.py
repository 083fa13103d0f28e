"""Line-level scores of a cleaner on the labelled pages-dev dumps (labels: docs/labels.md).

A system's outcome per labelled line: removed (and with which reason code), or kept (as a
title, heading, paragraph or list item, the items grouped into lists). From them:

- boilerplate recall: boilerplate lines removed / boilerplate lines (any reason code; the
  share removed with the labelled code is reported per code);
- content precision: content lines kept / content lines (a title line counts as kept when
  it became the title): losing a real sentence or heading is the worst error;
- structure, over the content lines kept: headings kept as headings, items kept as list
  items, item pairs grouped alike (same list or not, as labelled), and the right title.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from bench.pages_dev.labels import BOILERPLATE, page_lines


@dataclass(frozen=True)
class LineOutcome:
    removed: str | None = None  # the reason code of a removed line
    kind: str | None = None  # a kept line: title, heading, paragraph, item
    list_id: int | None = None  # a kept item: its list in the output


@dataclass
class Score:
    """Counts over lines, addable over pages."""

    boilerplate: int = 0
    boilerplate_removed: int = 0
    content: int = 0
    content_kept: int = 0
    headings: int = 0
    headings_right: int = 0
    items: int = 0
    items_right: int = 0
    item_pairs: int = 0
    item_pairs_right: int = 0
    titles: int = 0
    titles_right: int = 0
    by_reason: Counter = field(default_factory=Counter)  # labelled code -> lines
    by_reason_removed: Counter = field(default_factory=Counter)  # ... removed
    by_reason_same_code: Counter = field(default_factory=Counter)  # ... removed with that code
    lost: list = field(default_factory=list)  # (file, line, label, reason): content removed
    missed: list = field(default_factory=list)  # (file, line, label): boilerplate kept

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            if isinstance(value, (Counter, list)):
                getattr(self, name).extend(value) if isinstance(value, list) else getattr(self, name).update(value)
            else:
                setattr(self, name, getattr(self, name) + value)

    def figures(self) -> dict[str, float | None]:
        ratio = lambda a, b: round(a / b, 4) if b else None  # noqa: E731
        return {
            "boilerplate_recall": ratio(self.boilerplate_removed, self.boilerplate),
            "content_precision": ratio(self.content_kept, self.content),
            "headings": ratio(self.headings_right, self.headings),
            "items": ratio(self.items_right, self.items),
            "item_grouping": ratio(self.item_pairs_right, self.item_pairs),
            "title": ratio(self.titles_right, self.titles),
        }


def score_page(label: dict, text: str, outcomes: dict[int, LineOutcome], title: str | None,
               structure: bool = True) -> Score:
    """Score one page; `outcomes` maps line numbers to what the system did (absent: kept as a
    paragraph), `title` is the system's title (None when it has no notion of one)."""
    lines = {line.number: line.text for line in page_lines(text)}
    score = Score()
    for entry in label["lines"]:
        n, want = entry["n"], entry["label"]
        got = outcomes.get(n, LineOutcome(kind="paragraph"))
        if want in BOILERPLATE:
            score.boilerplate += 1
            score.by_reason[want] += 1
            if got.removed:
                score.boilerplate_removed += 1
                score.by_reason_removed[want] += 1
                score.by_reason_same_code[want] += got.removed == want
            else:
                score.missed.append((label["file"], n, want))
            continue
        kept = got.removed is None or (want == "title" and got.removed == "title")
        score.content += 1
        score.content_kept += kept
        if not kept:
            score.lost.append((label["file"], n, want, got.removed))
        elif structure and want == "heading":
            score.headings += 1
            score.headings_right += got.kind == "heading"
        elif structure and want == "item":
            score.items += 1
            score.items_right += got.kind == "item"
    if structure:
        _score_grouping(label, outcomes, score)
        title_lines = [e["n"] for e in label["lines"] if e["label"] == "title"]
        want_title = lines[title_lines[0]] if title_lines else None
        score.titles, score.titles_right = 1, int(_same(title, want_title))
    return score


def _score_grouping(label: dict, outcomes: dict[int, LineOutcome], score: Score) -> None:
    items = [(e["list"], outcomes[e["n"]].list_id) for e in label["lines"]
             if e["label"] == "item" and e["n"] in outcomes and outcomes[e["n"]].kind == "item"]
    for (want_a, got_a), (want_b, got_b) in combinations(items, 2):
        score.item_pairs += 1
        score.item_pairs_right += (want_a == want_b) == (got_a == got_b)


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()

