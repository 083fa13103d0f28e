"""Title and byline agreement with the readability corpus's expected metadata.

Over the cases whose expected title (resp. byline) is not empty, the share where each
system agrees. Both sides are normalised alike: NFKC, casefold, every run of punctuation
or whitespace made one space (so "John C. Welch" = "John C Welch"). "Contains" means as
whole words. A title agrees if equal, or if one contains the other and the shorter has
at least 60 % of the longer's length (site-name suffixes such as "| Code" may differ).
Authors agree if at least one name is returned and every returned name is contained in
the expected byline, a leading "by " removed (names joined exactly as the byline are a
special case of this). Ours: `Article.title` and `Article.authors`;
trafilatura: `bare_extraction(..., with_metadata=True)`'s `title` and `author`, the
latter split on ";", trafilatura's separator. A Rejection or an exception agrees with
nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import trafilatura

from extractors.pipeline import clean_page

_NOT_WORD = re.compile(r"[\W_]+")
FIELDS = ("title", "byline")


def normalise(text: str | None) -> str:
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def contains(longer: str, shorter: str) -> bool:
    """Whole-word containment of normalised texts ("ann" is not in "joanna")."""
    return f" {shorter} " in f" {longer} "


def title_agrees(found: str | None, expected: str) -> bool:
    shorter, longer = sorted((normalise(found), normalise(expected)), key=len)
    return bool(shorter) and contains(longer, shorter) and len(shorter) >= 0.6 * len(longer)  # equal passes too


def authors_agree(names: list[str], expected: str) -> bool:
    byline = normalise(expected).removeprefix("by ").strip()
    found = [normalise(name) for name in names if normalise(name)]
    return bool(found) and all(contains(byline, name) for name in found)


def ours(data: bytes, name: str) -> tuple[str | None, list[str]]:
    record = clean_page(data, f"{name}.html")
    return getattr(record, "title", None), list(getattr(record, "authors", None) or [])


def theirs(data: bytes, _name: str) -> tuple[str | None, list[str]]:
    doc = trafilatura.bare_extraction(data.decode("utf-8", errors="replace"), with_metadata=True)
    return getattr(doc, "title", None), (getattr(doc, "author", None) or "").split(";")


SYSTEMS: dict[str, Callable[[bytes, str], tuple[str | None, list[str]]]] = {
    "healthclean": ours,
    "trafilatura": theirs,
}


def run_readability(root: Path, limit: int | None = None) -> dict[str, Any]:
    """Agreement percentages per system and field, case counts and per-case exceptions."""
    cases = sorted(d for d in root.iterdir() if (d / "source.html").is_file())[:limit]
    agreed: Counter[tuple[str, str]] = Counter()
    counted: Counter[str] = Counter()
    errors: list[str] = []
    for case in cases:
        try:
            expected = json.loads((case / "expected-metadata.json").read_text(encoding="utf-8"))
        except Exception as error:  # noqa: BLE001 - a case without readable expectations is skipped
            errors.append(f"expected {case.name}: {type(error).__name__}: {error}"[:200])
            continue
        fields = [f for f in FIELDS if normalise(expected.get(f))]
        counted.update(fields)
        data = (case / "source.html").read_bytes()
        for system, extract in SYSTEMS.items():
            try:
                title, authors = extract(data, case.name)
            except Exception as error:  # noqa: BLE001 - one bad page must not stop the run
                errors.append(f"{system} {case.name}: {type(error).__name__}: {error}"[:200])
                continue
            agreed[system, "title"] += "title" in fields and title_agrees(title, expected["title"])
            agreed[system, "byline"] += "byline" in fields and authors_agree(authors, expected["byline"])
    percent = {
        system: {f: 100 * agreed[system, f] / counted[f] if counted[f] else 0.0 for f in FIELDS} for system in SYSTEMS
    }
    return {"cases": len(cases), "title_cases": counted["title"], "byline_cases": counted["byline"],
            "agreement_pct": percent, "exceptions": errors}
