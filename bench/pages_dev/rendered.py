"""More real text dumps, labelled by a ground truth: the AEB pages (or wcxb's, by half of
its split by site) rendered to text as a scraper does (the visible text, a line per block
element, list items bulleted), each line labelled by the page's article body (AEB's
`articleBody`, wcxb's `main_content`). It checks the text rules on pages nobody here looked
at line by line, and is where more training lines for issue 18 can come from.

    python -m bench.pages_dev.rendered [--every N] [--lost] [--corpus aeb|wcxb] [--half tune|held|all]

A line is content when it stands word for word in the article body (25+ characters), and
boilerplate when it shares no 4-word shingle with it (or, shorter than 4 words, is not in it);
the rest (short lines found in the body) is not scored. The labels are automatic, so a
figure here is a check on the hand-labelled pages-dev figure, not a replacement.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re

from bs4 import BeautifulSoup

from bench import wcxb
from bench.pages_dev.labels import REPO, page_lines
from bench.pages_dev.systems import healthclean

AEB = REPO.parent / "shared" / "corpora" / "aeb"
BLOCK_TAGS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "td", "th", "section", "article",
              "header", "footer", "nav", "ul", "ol", "table", "aside", "figure", "figcaption", "blockquote", "main",
              "form", "dd", "dt", "hr")
_WORD = re.compile(r"\w+")


def render(html: bytes) -> str:
    """Visible text, a line per block element, list items bulleted, blank lines between."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template", "svg", "head"]):
        tag.decompose()
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
        if tag.name == "li":
            tag.insert(0, "• ")
    lines = (" ".join(line.split()) for line in soup.get_text("").split("\n"))
    return "\n\n".join(line for line in lines if line)


def line_labels(text: str, body: str) -> dict[int, str]:
    body = " ".join(body.split())
    words = _WORD.findall(body)
    shingles = {tuple(words[k:k + 4]) for k in range(len(words) - 3)}
    labels = {}
    for line in page_lines(text + "\nEND"):  # every line is whole here: none is cut
        tokens = _WORD.findall(line.text)
        if len(line.text) >= 25 and line.text in body:
            labels[line.number] = "content"
        elif len(tokens) >= 4 and not any(tuple(tokens[k:k + 4]) in shingles for k in range(len(tokens) - 3)):
            labels[line.number] = "boilerplate"
        elif len(tokens) < 4 and line.text not in body:
            labels[line.number] = "boilerplate"
    return labels


def corpus_pages(corpus: str = "aeb", every: int = 1, half: str = "all") -> list[tuple[str, bytes, str | None, str]]:
    """(name, rendered text, url, article body) of every Nth page of a corpus."""
    if corpus == "wcxb":
        return [(f"{p.id}.txt", render(p.html).encode(), p.url, p.truth["main_content"])
                for p in wcxb.load(every=every, half=half)]
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    return [(f"{i}.txt", render(gzip.decompress((AEB / "html" / f"{i}.html.gz").read_bytes())).encode(),
             truth[i].get("url"), truth[i]["articleBody"]) for i in sorted(truth)[::every]]


def score(every: int = 1, corpus: str = "aeb", half: str = "all") -> dict:
    found = corpus_pages(corpus, every, half)
    pages = [(name, data, url) for name, data, url, _ in found]
    labels = [line_labels(data.decode(), body) for _, data, _, body in found]
    counts = {"content": 0, "content_kept": 0, "boilerplate": 0, "boilerplate_removed": 0}
    lost = []
    for (name, _, _), page_labels, (outcomes, _) in zip(pages, labels, healthclean(pages)):
        for n, want in page_labels.items():
            reason = outcomes[n].removed if n in outcomes else None
            counts[want] += 1
            if want == "content":
                counts["content_kept"] += reason in (None, "title")
                lost += [(name, n, reason)] if reason not in (None, "title") else []
            else:
                counts["boilerplate_removed"] += reason is not None
    return {"pages": len(pages), **counts, "lost": lost,
            "content_precision": round(counts["content_kept"] / max(counts["content"], 1), 4),
            "boilerplate_recall": round(counts["boilerplate_removed"] / max(counts["boilerplate"], 1), 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--every", type=int, default=1, help="every Nth page (by sorted id)")
    parser.add_argument("--lost", action="store_true", help="list each content line removed, with its rule")
    parser.add_argument("--corpus", choices=("aeb", "wcxb"), default="aeb")
    parser.add_argument("--half", choices=("tune", "held", "all"), default="all", help="wcxb's split by site")
    args = parser.parse_args()
    result = score(args.every, args.corpus, args.half)
    print(f"{result['pages']} {args.corpus} pages ({args.half}) rendered to text: content precision {result['content_precision']:.4f} "
          f"({result['content_kept']}/{result['content']}), boilerplate recall {result['boilerplate_recall']:.3f} "
          f"({result['boilerplate_removed']}/{result['boilerplate']})")
    for name, n, reason in result["lost"] if args.lost else []:
        print(f"  lost {name}:{n} as {reason}")


if __name__ == "__main__":
    main()
