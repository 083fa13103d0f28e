"""healthclean on the labelled pages-dev text dumps, next to jusText and the raw dump.

    python -m bench.pages_dev [--json OUT.json] [--pages GROUP] [--copies]

The pages are split by site into two halves, `tune` (rules may be tuned on it) and `held`
(never looked at while tuning): a site's place is fixed by the hash of its name, so the
split never moves. Scores per half and pooled (bench.pages_dev.score); per reason code for
healthclean; `--pages GROUP` adds one line per page of that group, and every content line
lost and boilerplate line missed there. `--copies` adds the labelled copies pages as their
own group (more pages to tune on; never in `all`).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from bench.pages_dev.labels import COPIES_LABELS, COPIES_PAGES, LABELS, PAGES, load, urls
from bench.pages_dev.score import Score, score_page
from bench.pages_dev.metadata import fact_counts, fact_figures
from bench.sites import HALVES, half_of, site_of
from bench.pages_dev.systems import clean_records, justext_outcomes, line_outcomes

GROUPS = (*HALVES, "all", "copies")


def load_corpus(copies: bool = False) -> list[tuple[dict, bytes]]:
    """The labelled pages-dev pages, and with `copies` the labelled copies pages after them
    (more pages to tune on, their own group `copies`; never part of `all`)."""
    corpus = [(load(path), PAGES) for path in sorted(LABELS.glob("*.json"))]
    corpus += [({**load(path), "group": "copies"}, COPIES_PAGES) for path in sorted(COPIES_LABELS.glob("*.json"))] if copies else []
    return [(label, (pages / label["file"]).read_bytes()) for label, pages in corpus]


def group_of(label: dict) -> str:
    return label.get("group") or half_of(label["site"])


def run(corpus: list[tuple[dict, bytes]], config=None) -> dict[str, dict[str, Score]]:
    """Scores by system, then by half (and `all`, the two halves), of every page."""
    addresses = {**urls(PAGES), **urls(COPIES_PAGES)}
    records = clean_records([(label["file"], data, addresses.get(label["file"])) for label, data in corpus], config)
    ours = [line_outcomes(record, data) for (_, data), record in zip(corpus, records)]
    facts: dict[str, Counter] = {group: Counter() for group in GROUPS}
    scores: dict[str, dict[str, Score]] = {s: {h: Score() for h in GROUPS} for s in ("healthclean", "justext", "raw")}
    per_page: dict[str, Score] = {}
    halves: dict[str, str] = {}
    for (label, data), (outcomes, title), record in zip(corpus, ours, records):
        text = data.decode("utf-8", errors="replace")
        page = {
            "healthclean": score_page(label, text, outcomes, title),
            "justext": score_page(label, text, justext_outcomes(data, label["language"]), None, structure=False),
            "raw": score_page(label, text, {}, None, structure=False),
        }
        per_page[label["file"]] = page["healthclean"]
        halves[label["file"]] = group_of(label)
        page_facts = fact_counts(label, record)
        facts[group_of(label)].update(page_facts)
        facts["all"].update(page_facts if group_of(label) in HALVES else Counter())
        for system, score in page.items():
            scores[system][group_of(label)].add(score)
            if group_of(label) in HALVES:
                scores[system]["all"].add(score)
    scores["pages"], scores["halves"], scores["facts"] = per_page, halves, facts  # type: ignore[assignment]
    return scores


def report(scores: dict, show_pages: bool, detail: str | None = None) -> dict:
    """Print the table; the per-code counts and page lines of half `detail` (None: all)."""
    figures = {system: {group: scores[system][group].figures() for group in GROUPS if scores[system][group].content}
               for system in ("healthclean", "justext", "raw")}
    print(f"{'system':12} {'half':5} {'bp recall':>9} {'content':>8} {'headings':>8} {'items':>6} {'grouping':>8} {'title':>6}")
    for system, halves in figures.items():
        for half, f in halves.items():
            cells = [f[k] for k in ("boilerplate_recall", "content_precision", "headings", "items", "item_grouping", "title")]
            print(f"{system:12} {half:5} " + " ".join(f"{'-' if v is None else f'{v:.3f}':>{w}}"
                                                      for v, w in zip(cells, (9, 8, 8, 6, 8, 6))))
    print("\nhealthclean's page facts right / pages that state them: "
          + "; ".join(f"{group} " + ", ".join(f"{k} {v}" for k, v in fact_figures(c).items())
                      for group, c in scores["facts"].items() if c))
    whole = scores["healthclean"][detail or "all"]
    print(f"\nhealthclean per labelled reason code ({detail or 'all'}): lines, removed, removed with that code")
    for code, lines in sorted(whole.by_reason.items(), key=lambda kv: -kv[1]):
        print(f"  {code:24} {lines:4d} {whole.by_reason_removed[code]:4d} {whole.by_reason_same_code[code]:4d}")
    lost = Counter(label for _, _, label, _ in whole.lost)
    print(f"\ncontent lines lost: {len(whole.lost)} ({dict(lost)})")
    if show_pages:  # only the pages of `detail` (tuning looks at `tune` alone)
        shown = {name: page for name, page in scores["pages"].items() if detail in (None, scores["halves"][name])}
        for name, page in shown.items():
            f = page.figures()
            print(f"  {name:62} bp {f['boilerplate_recall'] or 0:.2f} content {f['content_precision'] or 0:.3f}")
        for page in shown.values():
            for file, line, label, reason in page.lost:
                print(f"  lost {file}:{line} ({label}) as {reason}")
            for file, line, label in page.missed:
                print(f"  missed {file}:{line} ({label})")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--pages", choices=GROUPS, help="a line per page of this group, and its lost and missed lines")
    parser.add_argument("--copies", action="store_true", help="also the labelled copies pages (more to tune on)")
    args = parser.parse_args()
    corpus = load_corpus(args.copies)
    sites = {site_of(label["site"]) for label, _ in corpus if "group" not in label}
    print(f"{sum('group' not in label for label, _ in corpus)} pages-dev pages, {len(sites)} sites; by site: "
          + ", ".join(f"{g} {sum(group_of(label) == g for label, _ in corpus)} pages" for g in (*HALVES, "copies")))
    figures = report(run(corpus), bool(args.pages), None if args.pages == "all" else args.pages)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(figures, out, indent=2)
            out.write("\n")


if __name__ == "__main__":
    main()
