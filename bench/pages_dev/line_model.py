"""Would a learned line tagger help the text rules? The experiment of issue 18, kept so it
can be rerun (it needs scikit-learn, which healthclean does not: `pip install scikit-learn`).

    python -m bench.pages_dev.line_model [--wcxb-weight W] [--cut CHARS]

Training lines: the lines the rules leave of the labelled tune-half pages-dev dumps and of
the labelled copies pages, plus wcxb's tune half rendered to text as a scraper does
(bench.pages_dev.rendered, the first CHARS characters of each page, labelled by its truth)
with weight W. Features are language-free shape, position and context signals of a line
(`line_features`). Logistic regression and gradient-boosted trees; for each threshold on
the score, the boilerplate lines caught and the content lines lost among what the rules
kept, on pages-dev's held half (totals only), the copies and the rendered wcxb held half.
"""

from __future__ import annotations

import argparse
import math
import re
from collections import Counter

from bench.pages_dev import rendered
from bench.pages_dev.__main__ import group_of, load_corpus
from bench.pages_dev.labels import BOILERPLATE, COPIES_PAGES, PAGES, urls
from extractors.assemble import page_context
from extractors.config import DEFAULT_CONFIG
from extractors.inline import strip_inline_noise
from extractors.lexicon import load_lexicon
from extractors.read import read_page
from extractors.records import Block, Origin, PageContent, RawPage
from extractors.rules import tag_blocks

_WORD = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|gov)\b", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_SENTENCE_END = re.compile(r"[.!?…。؟]['\")\]]*$")
THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95)


def tagged_blocks(name: str, data: bytes, url: str | None) -> list[Block] | None:
    """A text dump's blocks after every rule has tagged them (no site template)."""
    content = read_page(RawPage(data, name, Origin(url=url)))
    if not isinstance(content, PageContent):
        return None
    blocks, _ = strip_inline_noise(content.blocks, text_dump=True)
    return tag_blocks(blocks, load_lexicon(), page_context(content.source, None, frozenset(), DEFAULT_CONFIG.thresholds))


def _prose(text: str) -> bool:
    return len(text.split()) >= 12 and bool(_SENTENCE_END.search(text))


def _ascii_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isascii() for c in letters) / len(letters) if letters else 0.0


def line_features(blocks: list[Block]) -> list[list[float]]:
    """Per block: shape (words, end, case, digits, URL, e-mail, ©), kind, position (in the
    page, above the title, after the last prose), neighbours (removed, prose), and how the
    line's words relate to the page (shared with other lines, the title, its frequent words,
    its script)."""
    n, removed = len(blocks), [b.removed_by is not None for b in blocks]
    title = next((b.text for b in blocks if b.removed_by == "title"), "")
    title_at = next((i for i, b in enumerate(blocks) if b.removed_by == "title"), -1)
    prose = [i for i, b in enumerate(blocks) if not removed[i] and _prose(b.text)] or [n]
    words = [[w.casefold() for w in _WORD.findall(b.text)] for b in blocks]
    kept_words = [w for i, ws in enumerate(words) if not removed[i] for w in ws]
    lines_with = Counter(w for i, ws in enumerate(words) if not removed[i] for w in set(ws))
    frequent = {w for w, _ in Counter(kept_words).most_common(30)}
    page_ascii = _ascii_share(" ".join(b.text for i, b in enumerate(blocks) if not removed[i]))
    title_words, repeats = set(_WORD.findall(title.casefold())), Counter(b.text.casefold() for b in blocks)
    rows = []
    for i, block in enumerate(blocks):
        text, ws, tokens = block.text, words[i], block.text.split()
        long = {w for w in ws if len(w) >= 4}
        near = [removed[j] for j in range(max(0, i - 2), min(n, i + 3)) if j != i]
        rows.append([
            math.log1p(len(tokens)), float(bool(_SENTENCE_END.search(text))), float(text.endswith(":")),
            float(text[:1].islower()), sum(t[:1].isupper() for t in tokens) / max(len(tokens), 1),
            sum(c.isdigit() for c in text) / max(len(text), 1), float(bool(_URL.search(text))),
            float(bool(_EMAIL.search(text))), float("©" in text), float(block.kind == "heading"),
            float(block.kind == "item"), i / max(n - 1, 1), float(i < title_at), float(i > prose[-1]),
            sum(near) / max(len(near), 1), float(i > 0 and removed[i - 1]), float(i + 1 < n and removed[i + 1]),
            float(i > 0 and _prose(blocks[i - 1].text)), float(i + 1 < n and _prose(blocks[i + 1].text)),
            sum(lines_with[w] > 1 for w in long) / max(len(long), 1), len(set(ws) & title_words) / max(len(ws), 1),
            sum(w in frequent for w in ws) / max(len(ws), 1), abs(_ascii_share(text) - page_ascii),
            float(repeats[text.casefold()] > 1), float(len(tokens) <= 3),
            sum(map(len, ws)) / max(len(ws), 1) / 10,
        ])
    return rows


def labelled_pages(cut: int) -> list[dict]:
    """Each page: where it comes from, its group (tune / held / copies), its tagged blocks and
    its line labels (True: boilerplate)."""
    pages, addresses = [], {**urls(PAGES), **urls(COPIES_PAGES)}
    for label, data in load_corpus(copies=True):
        blocks = tagged_blocks(label["file"], data, addresses.get(label["file"]))
        pages.append({"corpus": "pages-dev" if group_of(label) != "copies" else "copies", "group": group_of(label),
                      "blocks": blocks, "labels": {e["n"]: e["label"] in BOILERPLATE for e in label["lines"]}})
    for half in ("tune", "held"):
        for name, data, url, body in rendered.corpus_pages("wcxb", 1, half):
            text = data.decode()[:cut]
            blocks = tagged_blocks(name, text.encode(), url)
            if blocks is not None:
                pages.append({"corpus": "wcxb", "group": half, "blocks": blocks,
                              "labels": {n: v == "boilerplate" for n, v in rendered.line_labels(text, body).items()}})
    return pages


def rows_of(pages: list[dict], wcxb_weight: float) -> tuple[list, list, list]:
    """Features, labels and weights of the lines the rules kept."""
    features, labels, weights = [], [], []
    for page in pages:
        for block, row in zip(page["blocks"], line_features(page["blocks"])):
            if block.removed_by is None and block.line in page["labels"]:
                features.append(row)
                labels.append(page["labels"][block.line])
                weights.append(wcxb_weight if page["corpus"] == "wcxb" else 1.0)
    return features, labels, weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wcxb-weight", type=float, nargs="+", default=[0.0, 0.02, 0.2])
    parser.add_argument("--cut", type=int, default=4000, help="characters of each rendered wcxb page")
    args = parser.parse_args()
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    pages = labelled_pages(args.cut)
    checks = {"pages-dev held": [p for p in pages if p["corpus"] == "pages-dev" and p["group"] == "held"],
              "copies": [p for p in pages if p["corpus"] == "copies"],
              "wcxb held": [p for p in pages if p["corpus"] == "wcxb" and p["group"] == "held"]}
    train = [p for p in pages if p["group"] == "tune" or p["corpus"] == "copies"]
    for weight in args.wcxb_weight:
        features, labels, weights = rows_of(train, weight)
        for model in (LogisticRegression(max_iter=2000), HistGradientBoostingClassifier(max_depth=4, random_state=0)):
            model.fit(features, labels, sample_weight=weights)
            labelled = sum(w == 1.0 for w in weights)
            print(f"\nwcxb weight {weight}, {type(model).__name__}: {labelled} hand-labelled lines, "
                  f"{len(labels) - labelled} rendered wcxb lines")
            for name, check in checks.items():
                x, y, _ = rows_of(check, weight)
                scores = model.predict_proba(x)[:, 1]
                print(f"  {name:15} boilerplate {sum(y):5} content {len(y) - sum(y):5} | caught / lost at " + "  ".join(
                    f"{t}: {sum(s >= t and b for s, b in zip(scores, y))}/{sum(s >= t and not b for s, b in zip(scores, y))}"
                    for t in THRESHOLDS))


if __name__ == "__main__":
    main()
