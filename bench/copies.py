"""Grouping copies on real pages: pair precision and recall, split by site.

    python -m bench.copies [--json OUT.json] [--shares 0.2 0.25 ...]

Corpus: ../shared/corpora/copies (8 groups of 3 to 5 translated copies, 8 native negatives),
the two samples in raw/ as a ninth group, and the 60 pages of ../shared/corpora/pages-dev as
further same-topic negatives (single pages; none is a copy of another, checked by reading
the pairs grouped here). Pages are given neutral names (`page-NN.txt`) before cleaning, so
no file name reaches a profile. A pair of pages is grouped or not; precision and recall
over all pairs of a half. A group's half is its first file's site's (bench.sites), a single
page's its own site's; the `held` half was not looked at while tuning `cross_language_share`.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from bench.sites import HALVES, half_of
from extractors.contract import Article
from extractors.copies.config import CopyConfig
from extractors.copies.grouping import group_copies
from extractors.copies.profile import profile_of
from extractors.pipeline import clean_batch
from extractors.records import RawPage

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
SAMPLES = ("sv_muskelspasmer.txt", "nl_spierkrampen.txt")


def _hosts(readme: Path) -> dict[str, str]:
    """file name -> host, from a corpus README's table (its URL column)."""
    hosts = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        urls = [c for c in cells if c.startswith("http")]
        if len(cells) > 3 and urls:
            hosts[Path(cells[1]).name] = urlsplit(urls[0]).hostname or ""
    return hosts


def labelled_pages() -> list[tuple[str, bytes, str | None, str]]:
    """(original name, bytes, group or None, half) for every page of the benchmark."""
    groups = json.loads((CORPORA / "copies" / "groups.json").read_text(encoding="utf-8"))
    group_of = {name: group for group, names in groups.items() for name in names}
    hosts = _hosts(CORPORA / "copies" / "README.md") | _hosts(CORPORA / "pages-dev" / "README.md")
    half_of_group = {group: half_of(hosts[names[0]]) for group, names in groups.items()}
    pages = []
    for path in sorted((CORPORA / "copies" / "pages").glob("*.txt")):
        group = group_of.get(path.name)
        pages.append((path.name, path.read_bytes(), group, half_of_group[group] if group else half_of(hosts[path.name])))
    for name in SAMPLES:
        pages.append((name, (ROOT / "raw" / name).read_bytes(), "samples", half_of("samples")))
    for path in sorted((CORPORA / "pages-dev" / "pages").glob("*.txt")):
        pages.append((path.name, path.read_bytes(), None, half_of(hosts[path.name])))
    return pages


def profiles_of(pages, config: CopyConfig = CopyConfig()):
    """Clean the pages under neutral names; profiles keyed by neutral path."""
    raw = [RawPage(data, f"page-{index:03d}.txt") for index, (_, data, _, _) in enumerate(pages)]
    records = clean_batch(raw)
    return [profile_of(json.loads(r.model_dump_json()), config) for r in records if isinstance(r, Article)]


def pair_figures(truth: dict[str, str], grouped: dict[str, str]) -> dict:
    """Pair precision and recall: `truth` maps each page of a true group to that group,
    `grouped` each grouped page to its group id (pages of neither are single pages)."""
    by_truth: dict[str, list[str]] = {}
    for path, group in truth.items():
        by_truth.setdefault(group, []).append(path)
    true_pairs = sum(len(m) * (len(m) - 1) // 2 for m in by_truth.values())
    found = sum(1 for m in by_truth.values() for a, b in itertools.combinations(m, 2)
                if a in grouped and grouped[a] == grouped.get(b))
    sizes = Counter(grouped.values())
    grouped_pairs = sum(n * (n - 1) // 2 for n in sizes.values())
    return {"precision": round(found / max(1, grouped_pairs), 3), "recall": round(found / max(1, true_pairs), 3),
            "true_pairs": true_pairs, "grouped_pairs": grouped_pairs}


def pair_scores(pages, profiles, config: CopyConfig) -> dict[str, dict[str, float]]:
    """`pair_figures` of each half, and of all pages (pairs across the halves too)."""
    grouped = {m.path: group.id for group in group_copies(profiles, config) for m in group.members}
    truth = {f"page-{i:03d}.txt": (g, h) for i, (_, _, g, h) in enumerate(pages)}
    figures = {}
    for half in (*HALVES, "all"):
        names = {p for p, (_, h) in truth.items() if half in ("all", h)}
        figures[half] = pair_figures({p: g for p, (g, _) in truth.items() if p in names and g is not None},
                                     {p: g for p, g in grouped.items() if p in names})
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--shares", type=float, nargs="*", default=[])
    args = parser.parse_args(argv)
    pages = labelled_pages()
    profiles = profiles_of(pages)
    results = {}
    for share in [CopyConfig().cross_language_share, *args.shares]:
        figures = pair_scores(pages, profiles, replace(CopyConfig(), cross_language_share=share))
        results[str(share)] = figures
        print(f"cross_language_share {share}: " + "  ".join(
            f"{half} P {f['precision']:.3f} R {f['recall']:.3f} ({f['grouped_pairs']} grouped / {f['true_pairs']} true)"
            for half, f in figures.items()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
