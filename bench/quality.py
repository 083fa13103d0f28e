"""Extraction quality of healthclean next to bare trafilatura, on the pages in shared/corpora.

    python -m bench.quality [--corpora PATH] [--limit N] [--json OUT.json]

AEB (aeb/): article-body precision, recall and F1 (bench.aeb_metric). Trafilatura is called
as the benchmark's published runner does: the page decoded as UTF-8, include_comments=False,
tables included (its default). Ours: the body text of `clean_page`, section headings and
block texts joined with newlines; a Rejection or an exception is an empty prediction.
CPU: per AEB page the fastest of 3 `time.process_time()` calls, systems interleaved page by
page; the median over pages, and the median of per-page ratios to bare trafilatura (the
number to trust on a shared machine). trafilatura with fast=True is measured for reference.
Readability (readability/): title and byline agreement, see bench.metadata_agreement.
wcxb (wcxb/): 999 modern pages, shingle F1, snippets, metadata and page types per half of
its split by site, see bench.wcxb (`--no-wcxb` leaves it out: it takes about 5 minutes).
`--limit N` takes the first N pages (by sorted id) of each corpus.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import platform
import shlex
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import trafilatura

from bench.aeb_metric import page_counts, score
from bench.metadata_agreement import run_readability
from extractors.contract import Article
from extractors.pipeline import clean_page

REPEATS = 3
DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
SYSTEMS: dict[str, Callable[[bytes, str], Any]] = {
    "healthclean": lambda data, page_id: clean_page(data, f"{page_id}.html"),
    "trafilatura": lambda data, _: trafilatura.extract(data.decode("utf-8", errors="replace"), include_comments=False),
    "trafilatura_fast": lambda data, _: trafilatura.extract(
        data.decode("utf-8", errors="replace"), include_comments=False, fast=True
    ),
}


def body_text(record: Any) -> str:
    """Article body as the AEB sees it; block types are read generically (tables may come)."""
    if not isinstance(record, Article):
        return ""
    parts: list[str] = []
    for section in record.sections:
        if section.heading is not None:
            parts.append(section.heading)
        for block in section.blocks:
            kind = getattr(block, "type", None)
            if kind == "list":
                parts.extend(block.items)
            elif kind == "table":
                cells = (cell for row in block.rows for cell in getattr(row, "cells", row))  # rows: lists or objects
                parts.extend(cell if isinstance(cell, str) else str(getattr(cell, "text", cell)) for cell in cells)
            elif getattr(block, "text", None) is not None:  # paragraph, or an unknown block with text
                parts.append(block.text)
    return "\n".join(parts)


def outcome(result: Any, error: str | None) -> str:
    """One word for what a call gave: exception, none, text, article or a rejection reason."""
    if error:
        return "exception"
    if result is None or isinstance(result, str):
        return "text" if result else "none"
    return getattr(result, "reason", "article")


def measure_all(pages: dict[str, bytes], truth: dict[str, str], repeats: int = REPEATS) -> dict[str, Any]:
    """Every system on every page, interleaved page by page, so that load on a shared machine
    hits all systems alike. A page's CPU time is the fastest of `repeats` calls."""
    first = next(iter(pages))
    for extract in SYSTEMS.values():  # warm-up: imports, caches and first-call costs stay out
        _call(extract, pages[first], first)
    found: dict[str, dict[str, list]] = {name: {"counts": [], "times": [], "ratios": []} for name in SYSTEMS}
    outcomes = {name: Counter() for name in SYSTEMS}
    errors: dict[str, list[str]] = {name: [] for name in SYSTEMS}
    for page_id, data in pages.items():
        best = {}
        for name, extract in SYSTEMS.items():
            result, error, elapsed = _call(extract, data, page_id)
            for _ in range(repeats - 1):
                elapsed = min(elapsed, _call(extract, data, page_id)[2])
            best[name] = elapsed
            errors[name] += [error] if error else []
            outcomes[name][outcome(result, error)] += 1
            text = result if isinstance(result, str) else body_text(result)
            found[name]["counts"].append(page_counts(text, truth[page_id]))
            found[name]["times"].append(elapsed)
        for name in SYSTEMS:
            found[name]["ratios"].append(best[name] / max(best["trafilatura"], 1e-6))
    return {
        name: {
            **score(found[name]["counts"]),
            "median_cpu_ms": statistics.median(found[name]["times"]),
            "median_ratio_to_trafilatura": statistics.median(found[name]["ratios"]),
            "outcomes": dict(outcomes[name]),
            "exceptions": errors[name],
        }
        for name in SYSTEMS
    }


def _call(extract: Callable[[bytes, str], Any], data: bytes, page_id: str) -> tuple[Any, str | None, float]:
    result, error = None, None
    start = time.process_time()
    try:
        result = extract(data, page_id)
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop the run
        error = f"{page_id}: {type(exc).__name__}: {exc}"[:200]
    return result, error, (time.process_time() - start) * 1000


def run_aeb(root: Path, limit: int | None = None) -> dict[str, Any]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    pages, unreadable = {}, []
    for page_id in ids:
        try:
            pages[page_id] = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        except Exception as exc:  # noqa: BLE001 - an unreadable page is scored as empty input for all
            pages[page_id] = b""
            unreadable.append(f"{page_id}: {type(exc).__name__}: {exc}"[:200])
    bodies = {i: truth[i].get("articleBody") or "" for i in ids}
    results = measure_all(pages, bodies)
    return {"pages": len(ids), "unreadable": unreadable, **results}


def markdown(aeb: dict[str, Any], meta: dict[str, Any]) -> str:
    ours, theirs, fast = aeb["healthclean"], aeb["trafilatura"], aeb["trafilatura_fast"]
    agree = meta["agreement_pct"]
    names = {"precision": "precision", "recall": "recall", "f1": "F1"}
    rows = [(f"AEB {names[k]} ({aeb['pages']} pages)", f"{ours[k]:.3f}", f"{theirs[k]:.3f}") for k in names]
    rows += [
        ("AEB F1, trafilatura fast=True", "—", f"{fast['f1']:.3f}"),
        ("AEB outcomes (rejection reason, article; text, none)", _counts(ours["outcomes"]), _counts(theirs["outcomes"])),
        ("AEB exceptions", str(len(ours["exceptions"])), str(len(theirs["exceptions"]))),
        ("CPU ms/page, median", f"{ours['median_cpu_ms']:.1f}", f"{theirs['median_cpu_ms']:.1f}"),
        ("CPU ms/page, median, trafilatura fast=True", "—", f"{fast['median_cpu_ms']:.1f}"),
        ("CPU time / bare trafilatura's, median over pages", f"{ours['median_ratio_to_trafilatura']:.2f}", "1.00"),
        (f"Title agrees, % of {meta['title_cases']} readability cases", *(f"{agree[s]['title']:.1f}" for s in agree)),
        (f"Byline agrees, % of {meta['byline_cases']} readability cases", *(f"{agree[s]['byline']:.1f}" for s in agree)),
    ]
    errors = meta["exceptions"]
    rows.append(("Readability exceptions", *(str(sum(e.startswith(s + " ") for e in errors)) for s in agree)))
    return "\n".join(["| metric | healthclean | trafilatura |", "|---|---|---|"] + [f"| {' | '.join(r)} |" for r in rows])


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="default: %(default)s")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each corpus")
    parser.add_argument("--json", type=Path, default=None, help="also write every number to this file")
    parser.add_argument("--no-wcxb", action="store_true", help="leave out the wcxb corpus")
    args = parser.parse_args(argv)
    run = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "trafilatura": trafilatura.__version__,
        "command": shlex.join(["python", "-m", "bench.quality", *(sys.argv[1:] if argv is None else argv)]),
    }
    results = {"run": run, "aeb": run_aeb(args.corpora / "aeb", args.limit),
               "readability": run_readability(args.corpora / "readability", args.limit)}
    print(f"# Extraction quality, {run['date']}\n\nPython {run['python']}, trafilatura {run['trafilatura']}, "
          f"command: `{run['command']}`\n\n" + markdown(results["aeb"], results["readability"]))
    if not args.no_wcxb:
        from bench import wcxb  # imports this module's body_text

        pages = wcxb.load(args.corpora / "wcxb")[: args.limit]
        results["wcxb"] = wcxb.report(pages, wcxb.run(pages))
        print("\n## wcxb\n")
        wcxb.print_report(results["wcxb"])
    aeb_errors = [f"{system} {error}" for system in SYSTEMS for error in results["aeb"][system]["exceptions"]]
    unreadable = [f"unreadable {error}" for error in results["aeb"]["unreadable"]]
    for error in unreadable + aeb_errors + results["readability"]["exceptions"]:
        print(f"- exception: {error}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
