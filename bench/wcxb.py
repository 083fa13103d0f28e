"""healthclean next to bare trafilatura on wcxb, 1,000 modern pages (../shared/corpora/wcxb).

    python -m bench.wcxb [--half tune|held|all] [--every N] [--lost] [--json OUT.json]

Metrics (../shared/corpora/README.md): the AEB shingle F1 of the body against
`main_content`, on the article pages and on all pages; snippet precision and recall pooled
over pages (a `with` snippet found is a true positive, a `without` snippet found a false
positive; whitespace-normalised substring match). Bare trafilatura is
`extract(html, include_comments=False, include_tables=True)`, its metadata
`extract_metadata(html)`. Pages are split by site (bench.sites): figures per half, the
`held` half is the one never looked at while tuning. CPU: `time.process_time()` per call,
systems interleaved page by page, median of per-page ratios to bare trafilatura's.
`--lost` lists pages where trafilatura keeps over 300 words and healthclean under a quarter.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura

from bench.aeb_metric import page_counts, score, tokens
from bench.quality import body_text
from bench.sites import HALVES, half_of, site_of_url
from bench.wcxb_facts import fact_agreement, our_facts, trafilatura_facts
from extractors.contract import Article
from extractors.html_page import read_html
from extractors.pipeline import clean_page

WCXB = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wcxb"
SYSTEMS = ("healthclean", "trafilatura")


@dataclass(frozen=True)
class Page:
    id: str
    html: bytes
    url: str
    kind: str  # wcxb's primary page type
    truth: dict

    @property
    def half(self) -> str:
        return half_of(site_of_url(self.url))


@dataclass
class Outcome:
    text: str
    cpu_ms: float
    facts: dict[str, str | None]
    page_type: str | None = None
    warnings: list[str] = field(default_factory=list)


def load(root: Path = WCXB, *, every: int = 1, half: str = "all") -> list[Page]:
    """The pages that have both their HTML and their truth, sorted by id."""
    pages = []
    for path in sorted((root / "ground-truth").glob("*.json"))[::every]:
        html = root / "html" / f"{path.stem}.html.gz"
        if not html.is_file():  # the corpus has one truth without its page (2829)
            continue
        meta = json.loads(path.read_text(encoding="utf-8"))
        page = Page(path.stem, gzip.decompress(html.read_bytes()), meta["url"],
                    meta["_internal"]["page_type"]["primary"], meta["ground_truth"])
        if half in ("all", page.half):
            pages.append(page)
    return pages


def run_healthclean(page: Page) -> Outcome:
    start = time.process_time()
    record = clean_page(page.html, f"{page.id}.html", url=page.url)
    elapsed = (time.process_time() - start) * 1000
    if not isinstance(record, Article):
        return Outcome("", elapsed, {}, page_type=getattr(record, "reason", None))
    return Outcome(body_text(record), elapsed, our_facts(record), getattr(record, "page_type", "article"),
                   [w.code for w in record.warnings])


def run_trafilatura(page: Page) -> Outcome:
    html = page.html.decode("utf-8", errors="replace")
    start = time.process_time()
    text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    elapsed = (time.process_time() - start) * 1000
    return Outcome(text, elapsed, trafilatura_facts(html))


def run(pages: list[Page]) -> dict[str, dict[str, Outcome]]:
    """Both systems on every page, interleaved page by page (load hits both alike)."""
    runners = {"healthclean": run_healthclean, "trafilatura": run_trafilatura}
    for runner in runners.values():  # warm-up: imports and first-call costs stay out
        runner(pages[0])
    return {page.id: {name: runner(page) for name, runner in runners.items()} for page in pages}


def _normal(text: str) -> str:
    return " ".join(text.split())


def snippet_counts(text: str, truth: dict) -> tuple[int, int, int]:
    """(with snippets found, without snippets found, with snippets) of one page."""
    body = _normal(text)
    wanted = [_normal(s) for s in truth.get("with") or [] if _normal(s)]
    unwanted = [_normal(s) for s in truth.get("without") or [] if _normal(s)]
    return sum(s in body for s in wanted), sum(s in body for s in unwanted), len(wanted)


def figures(pages: list[Page], results: dict[str, dict[str, Outcome]], system: str) -> dict[str, Any]:
    articles = [p for p in pages if p.kind == "article"]
    f1_articles = score(page_counts(results[p.id][system].text, p.truth["main_content"]) for p in articles)
    f1_all = score(page_counts(results[p.id][system].text, p.truth["main_content"]) for p in pages)
    found, wrong, wanted = (sum(c) for c in zip(*(snippet_counts(results[p.id][system].text, p.truth) for p in pages)))
    precision, recall = found / max(found + wrong, 1), found / max(wanted, 1)
    ratios = [results[p.id][system].cpu_ms / max(results[p.id]["trafilatura"].cpu_ms, 1e-3) for p in pages]
    return {
        "pages": len(pages), "articles": len(articles), "articles_f1": f1_articles, "all_f1": f1_all,
        "snippets": {"precision": precision, "recall": recall,
                     "f": 2 * precision * recall / (precision + recall) if precision + recall else 0.0},
        "median_cpu_ms": statistics.median(results[p.id][system].cpu_ms for p in pages),
        "median_ratio_to_trafilatura": statistics.median(ratios),
        "facts": fact_agreement(pages, results, system),
    }


def page_type_figures(pages: list[Page], results: dict[str, dict[str, Outcome]]) -> dict[str, Any]:
    """Precision and recall of "article" against wcxb's page types."""
    said = [(p.kind == "article", results[p.id]["healthclean"].page_type == "article") for p in pages]
    hits = sum(truth and ours for truth, ours in said)
    return {"precision": hits / max(sum(ours for _, ours in said), 1),
            "recall": hits / max(sum(truth for truth, _ in said), 1),
            "ours": dict(Counter(results[p.id]["healthclean"].page_type for p in pages))}


def lost_pages(pages: list[Page], results: dict[str, dict[str, Outcome]]) -> list[tuple[str, int, int]]:
    """(page, our words, trafilatura's words) where trafilatura keeps > 300 words and we < 1/4."""
    counts = [(p.id, len(tokens(results[p.id]["healthclean"].text)), len(tokens(results[p.id]["trafilatura"].text)))
              for p in pages]
    return [c for c in counts if c[2] > 300 and c[1] < c[2] / 4]


def slow_path(pages: list[Page], results: dict[str, dict[str, Outcome]]) -> dict[str, Any]:
    """How many pages take trafilatura's full extraction after a thin fast pass, and
    healthclean's median CPU on those pages and on the others (a second read, not timed)."""
    slow = {p.id for p in pages if getattr(read_html(p.html), "full_pass", False)}
    times = {kind: [results[p.id]["healthclean"].cpu_ms for p in pages if (p.id in slow) == (kind == "slow")]
             for kind in ("slow", "fast")}
    return {"pages": len(slow), "share": len(slow) / max(len(pages), 1),
            **{f"median_cpu_ms_{kind}": statistics.median(t) if t else None for kind, t in times.items()}}


def warning_counts(results: dict[str, dict[str, Outcome]]) -> dict[str, int]:
    return dict(Counter(code for r in results.values() for code in r["healthclean"].warnings).most_common())


def report(pages: list[Page], results: dict[str, dict[str, Outcome]]) -> dict[str, Any]:
    halves = {h: [p for p in pages if p.half == h] for h in HALVES}
    groups = {**{h: ps for h, ps in halves.items() if ps}, "all": pages}
    return {
        "figures": {g: {s: figures(ps, results, s) for s in SYSTEMS} for g, ps in groups.items()},
        "page_types": {g: page_type_figures(ps, results) for g, ps in groups.items()},
        "lost": lost_pages(pages, results),
        "slow_path": slow_path(pages, results),
        "warnings": warning_counts(results),
    }


def print_report(rep: dict[str, Any]) -> None:
    print("system       half  pages  art F1 (P/R)           all F1  snippets F (P/R)      cpu ms  ratio")
    for group, systems in rep["figures"].items():
        for name, f in systems.items():
            a, s = f["articles_f1"], f["snippets"]
            print(f"{name:12} {group:5} {f['pages']:5}  {a['f1']:.3f} ({a['precision']:.3f}/{a['recall']:.3f})"
                  f"  {f['all_f1']['f1']:.3f}   {s['f']:.3f} ({s['precision']:.3f}/{s['recall']:.3f})"
                  f"  {f['median_cpu_ms']:6.1f}  {f['median_ratio_to_trafilatura']:.2f}")
    print("\nmetadata agreement (title / author / date), pages whose truth states it")
    for group, systems in rep["figures"].items():
        for name, f in systems.items():
            print(f"  {name:12} {group:5} " + "  ".join(f"{k} {v}" for k, v in f["facts"].items()))
    print("\npage type 'article' (healthclean):")
    for group, t in rep["page_types"].items():
        print(f"  {group:5} precision {t['precision']:.3f} recall {t['recall']:.3f}  {t['ours']}")
    slow = rep["slow_path"]
    print(f"\nfull extraction after a thin fast pass: {slow['pages']} pages ({slow['share']:.1%}); healthclean's "
          f"median CPU there {slow['median_cpu_ms_slow'] or 0:.1f} ms, elsewhere {slow['median_cpu_ms_fast'] or 0:.1f} ms")
    print(f"warnings: {rep['warnings']}")
    print(f"lost pages (trafilatura > 300 words, healthclean < 1/4): {len(rep['lost'])}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.wcxb", description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=(*HALVES, "all"), default="all")
    parser.add_argument("--every", type=int, default=1, help="every Nth page (by id)")
    parser.add_argument("--lost", action="store_true", help="list the pages where healthclean lost the article")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    pages = load(every=args.every, half=args.half)
    rep = report(pages, run(pages))
    print_report(rep)
    if args.lost:
        for page_id, ours, theirs in rep["lost"]:
            print(f"  lost {page_id}: healthclean {ours} words, trafilatura {theirs}")
    if args.json:
        args.json.write_text(json.dumps(rep, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
