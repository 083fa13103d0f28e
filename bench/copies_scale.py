"""What grouping copies costs next to the clean run it follows, at scale (issue 21).

    python -m bench.copies_scale [--pages 100000] [--work DIR] [--keep] [--again]

Writes N synthetic variations of the real copies benchmark's pages (bench.copies_variants:
variant v of the 100 base pages, 32 of them in nine groups of copies), cleans them with
`healthclean clean RAW --out OUT --processes 2` (the clean time from its manifest, which
ends before the catalog and the copies step), then times the copies step on that output
in a fresh process (flows.store.copies.write_copies: read every current record, profile,
group, report, write), again with what the first one kept (profiles, pair decisions, report
lines: a run that adds a few articles), and its parts. Also the pair precision and recall of the grouping
against the variants' groups (a synthetic check of scale; the quality figures are
bench.copies's, on real pages).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.copies import labelled_pages, pair_figures
from bench.corpus import run_seconds
from bench.copies_variants import variant_pages

HEALTHCLEAN = Path(sys.executable).parent / "healthclean"


def write_raw(count: int, raw: Path) -> dict[str, str]:
    """The variant pages below `raw`; returns path -> synthetic group for grouped ones."""
    bases = [(data, group) for _, data, group, _ in labelled_pages()]
    groups = {}
    for relpath, data, group in variant_pages(bases, count):
        (raw / relpath).parent.mkdir(parents=True, exist_ok=True)
        (raw / relpath).write_bytes(data)
        if group:
            groups[relpath] = group
    return groups


def copies_step(out: Path) -> dict:
    """The copies step and its parts, timed in a fresh process (as the flow's task runs)."""
    script = (
        "import json, time\n"
        "from flows.store.storage import Zone\n"
        "from flows.store import copies\n"
        "from flows.store.catalog_store import current_entries\n"
        "from extractors.copies.grouping import group_copies\n"
        "from extractors.copies.siblings import sibling_views\n"
        f"zone, root = Zone({str(out)!r}), __import__('pathlib').Path({str(out)!r})\n"
        "(root / copies.PROFILES).unlink(missing_ok=True); (root / copies.DECISIONS).unlink(missing_ok=True)\n"
        "t0 = time.perf_counter(); reports = copies.write_copies(zone); t1 = time.perf_counter()\n"
        "copies.write_copies(zone); t2 = time.perf_counter()\n"
        "(root / copies.PROFILES).unlink(); t2b = time.perf_counter()\n"
        "profiles = copies.current_profiles(zone, copies.CopyConfig(), current_entries(zone), {}); t3 = time.perf_counter()\n"
        "groups = group_copies(profiles); t4 = time.perf_counter()\n"
        "views = [sibling_views(copies.report_group(zone, g, copies.CopyConfig())) for g in groups]\n"
        "t5 = time.perf_counter()\n"
        "print(json.dumps({'copies_step_s': t1 - t0, 'again_s': t2 - t1, 'read_and_profile_s': t3 - t2b,\n"
        "    'group_s': t4 - t3, 'sibling_report_s': t5 - t4, 'articles': len(profiles), 'groups': len(groups),\n"
        "    'members': {m.path: g.id for g in groups for m in g.members}}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def clean(work: Path, count: int) -> tuple[dict[str, str], float]:
    """Write the raw variants and clean them; the synthetic groups and the command's wall time."""
    raw, out = work / "raw", work / "out"
    truth = write_raw(count, raw)
    started = time.perf_counter()
    subprocess.run([str(HEALTHCLEAN), "clean", str(raw), "--out", str(out), "--processes", "2"],
                   check=True, capture_output=True)
    wall = time.perf_counter() - started
    (work / "truth.json").write_text(json.dumps({"truth": truth, "wall": wall}), encoding="utf-8")
    return truth, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--again", action="store_true",
                        help="time the copies step again on the output a --keep run left in --work")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="healthclean-copies-bench-"))
    try:
        if args.again:
            saved = json.loads((work / "truth.json").read_text(encoding="utf-8"))
            truth, wall = saved["truth"], saved["wall"]
        else:
            shutil.rmtree(work, ignore_errors=True)
            truth, wall = clean(work, args.pages)
        seconds = run_seconds(work / "out")
        step = copies_step(work / "out")
        figures = pair_figures(truth, step.pop("members"))
        print(f"{step['articles']} articles; clean run {seconds:.1f} s (manifest; the command's wall "
              f"time {wall:.1f} s with the server's start, the catalog and copies steps); {step['groups']} groups")
        print(f"  copies step {step['copies_step_s']:.1f} s = {step['copies_step_s'] / seconds:.1%} of the clean run "
              f"(again with what the first kept: {step['again_s']:.1f} s = {step['again_s'] / seconds:.1%}); "
              f"parts: read and profile {step['read_and_profile_s']:.1f} s, group {step['group_s']:.1f} s, "
              f"sibling report {step['sibling_report_s']:.1f} s")
        print(f"  synthetic pairs: P {figures['precision']:.3f} R {figures['recall']:.3f} "
              f"({figures['grouped_pairs']} grouped / {figures['true_pairs']} true)")
    finally:
        if not (args.keep or args.again):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
