"""CleanConfig's thresholds reach the rules they name, through the one entry point."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from extractors.config import CleanConfig, Thresholds
from extractors.pipeline import clean_page

EXTRACTORS = Path(__file__).resolve().parent.parent / "extractors"
STUB = "Kramp\nEn kort text om kramper i benen.\n".encode()


def test_every_threshold_is_read_by_a_rule():
    source = "\n".join(p.read_text() for p in EXTRACTORS.rglob("*.py") if p.name != "config.py")
    unread = [f.name for f in dataclasses.fields(Thresholds) if not re.search(rf"\b{f.name}\b", source)]
    assert unread == []


def test_a_threshold_changes_what_the_pipeline_does():
    default = clean_page(STUB, "stub.txt")
    lenient = clean_page(STUB, "stub.txt", config=CleanConfig(thresholds=Thresholds(short_body_words=5)))
    assert "short_body" in [w.code for w in default.warnings]
    assert "short_body" not in [w.code for w in lenient.warnings]


def test_a_heading_threshold_reaches_the_text_reader():
    line = "Sju sätt att lindra nattliga kramper i vaderna utan medicin hemma"  # 12 words
    page = f"Titel\nEn mening om kramper i benen på natten.\n{line}\nEn mening om kramper.\n".encode()
    as_default = clean_page(page, "h.txt")
    strict = clean_page(page, "h.txt",
                        config=CleanConfig(thresholds=Thresholds(heading_max_words=5, heading_short_line_chars=20)))
    assert line in [s.heading for s in as_default.sections]
    assert line not in [s.heading for s in strict.sections]
