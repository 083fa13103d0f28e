"""Hand labels of the pages-dev text dumps (../shared/corpora/pages-dev/): one JSON file per
page in tests/data/pages_dev_labels/, one label per non-blank line but the cut last one.
The texts stay in ../shared; a label names its line by number and by a hash of its text, so
a label that no longer fits its page is found (`python -m bench.pages_dev.labels check`).

    python -m bench.pages_dev.labels lines FILE [--copies]  # the page's lines as labels name them
    python -m bench.pages_dev.labels check [--copies]       # every label file against its page

`--copies`: the copies corpus (../shared/corpora/copies/, labels in tests/data/copies_labels/),
labelled the same way as more pages to tune on (its one site shared with pages-dev's held half
is left out).

The vocabulary is in docs/labels.md.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PAGES = REPO.parent / "shared" / "corpora" / "pages-dev" / "pages"
LABELS = REPO / "tests" / "data" / "pages_dev_labels"
COPIES_PAGES = REPO.parent / "shared" / "corpora" / "copies" / "pages"
COPIES_LABELS = REPO / "tests" / "data" / "copies_labels"
CONTENT = ("title", "heading", "paragraph", "item")
BOILERPLATE = (
    "author_line", "published_line", "updated_line", "reviewed_by_line", "date_line", "posted_on",
    "anonymous_placeholder", "share_label", "ad_label", "toc_header", "table_of_contents", "related_header",
    "related_link", "navigation", "category_line", "image_caption", "image_credit", "cookie_notice", "site_notice",
    "newsletter_prompt", "page_feedback", "widget_text", "reading_time", "copyright_notice", "contact_line",
    "repeated_title", "kicker", "reference", "references_header", "comments_section", "branding_heading",
    "end_credit", "affiliate_disclosure", "commerce", "language_switcher", "other_boilerplate",
)


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the file, blank lines counted
    text: str  # whitespace collapsed


def page_lines(text: str) -> list[Line]:
    """The labelled lines of a dump: non-blank, the last one (cut mid-word) left out."""
    lines = [Line(n, " ".join(raw.split())) for n, raw in enumerate(text.split("\n"), start=1) if raw.strip()]
    return lines[:-1]


def line_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def urls(pages: Path = PAGES) -> dict[str, str]:
    """file name -> the address it was fetched from, from the corpus README's table: what a
    scraper's sidecar gives the pipeline (flows.scrape.landing)."""
    found = {}
    for line in (pages.parent / "README.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        address = next((c for c in cells if c.startswith("http")), None)
        if address and cells[0].endswith(".txt"):
            found[cells[0].removeprefix("pages/")] = address
    return found


def load(path: Path) -> dict:
    return json.loads(path.read_text())


def problems(label: dict, text: str) -> list[str]:
    """What does not fit between a label file and its page (empty when all is well)."""
    lines = {line.number: line for line in page_lines(text)}
    found = [f"line {e['n']}: hash {e.get('h')} is not {line_hash(lines[e['n']].text)}"
             for e in label["lines"] if e["n"] in lines and e.get("h") != line_hash(lines[e["n"]].text)]
    numbers = [e["n"] for e in label["lines"]]
    found += [f"line {n} has no label" for n in sorted(set(lines) - set(numbers))]
    found += [f"line {n} is not a labelled line (blank or the cut last one)" for n in sorted(set(numbers) - set(lines))]
    found += [f"line {n} is labelled twice" for n in sorted({n for n in numbers if numbers.count(n) > 1})]
    found += [f"line {e['n']}: unknown label {e['label']!r}" for e in label["lines"] if e["label"] not in CONTENT + BOILERPLATE]
    found += [f"line {e['n']}: an item needs a list number" for e in label["lines"] if e["label"] == "item" and not e.get("list")]
    found += ["more than one title line"] if sum(e["label"] == "title" for e in label["lines"]) > 1 else []
    return found


def main(argv: list[str]) -> int:
    pages, labels = (COPIES_PAGES, COPIES_LABELS) if "--copies" in argv else (PAGES, LABELS)
    argv = [a for a in argv if a != "--copies"]
    if argv[:1] == ["lines"]:
        for line in page_lines((pages / Path(argv[1]).name).read_text()):
            print(f"{line.number:4d} {line_hash(line.text)} {line.text}")
        return 0
    failed = 0
    for path in sorted(labels.glob("*.json")):
        label = load(path)
        for problem in problems(label, (pages / label["file"]).read_text()):
            print(f"{path.name}: {problem}")
            failed += 1
    print(f"{len(list(labels.glob('*.json')))} label files, {failed} problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
