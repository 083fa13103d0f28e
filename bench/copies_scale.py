"""What grouping copies costs next to the clean run it follows, at scale (issue 21).

    python -m bench.copies_scale [--pages 100000] [--work DIR] [--keep] [--again]

Writes N synthetic variations of the real copies benchmark's pages (bench.copies_variants:
variant v of the 100 base pages, 32 of them in nine groups of copies), cleans them with
`healthclean clean RAW --out OUT --processes 2` (the clean time from its manifest, which
ends before the catalog and the copies step; its workers make each article's copies
profile), then times the copies step on that output in a fresh process as the flow's step
starts (its fork server warm, as the run's is; flows.store.copies.write_copies over the
workers' profiles: group, report, write), the workers' share of the profiles (their profile
calls and fresh files), again with what the first write kept (profiles, pair decisions,
report lines: a run that adds a few articles), and its parts. Also the pair precision and recall of the grouping
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


_STEP = """
import json, pathlib, sys, time
from extractors.contract import Article
from extractors.copies.config import CopyConfig
from extractors.copies.grouping import group_copies
from flows.run.settings import DEFAULT_BATCH_SIZE
from flows.store import copies
from flows.store.catalog_store import current_entries
from flows.store.copies_kept import FRESH, kept_words, made_by
from flows.store.copies_report import group_reports
from flows.store.storage import Zone
root = pathlib.Path(sys.argv[1]); zone, config = Zone(str(root)), CopyConfig()
# The flow's step finds the fork server its run started (the CLI starts it first): warm it here too.
from concurrent.futures import ProcessPoolExecutor
from flows.run.fork_server import start_fork_server
with ProcessPoolExecutor(1, mp_context=start_fork_server()) as pool:
    pool.submit(int).result()
for name in (copies.PROFILES, copies.DECISIONS, copies.GROUPS, copies.REPORT):
    (root / name).unlink(missing_ok=True)
# The state the flow's copies step starts from: each batch's profiles, as the workers keep them.
paths = sorted((root / "articles").glob("*.json"))
workers = 0.0
for start in range(0, len(paths), DEFAULT_BATCH_SIZE):
    records = [json.loads(p.read_bytes()) for p in paths[start:start + DEFAULT_BATCH_SIZE]]
    t = time.perf_counter(); copies.keep_batch_profiles(zone, records); workers += time.perf_counter() - t
sample = [Article.model_validate_json(p.read_bytes()) for p in paths[:1000]]
t = time.perf_counter(); [a.model_dump(mode="json") for a in sample]; dump = (time.perf_counter() - t) / len(sample)
t0 = time.perf_counter(); copies.write_copies(zone, processes=2); t1 = time.perf_counter()  # as the flow's step here
copies.write_copies(zone, processes=2); t2 = time.perf_counter()
profiles = copies.current_profiles(zone, config, current_entries(zone), kept_words(zone, made_by(config)))[0]
t3 = time.perf_counter(); groups = group_copies(profiles, threads=2); t4 = time.perf_counter()  # the step's 2
group_reports(zone, groups, config, 2); t5 = time.perf_counter()
print(json.dumps({"workers_s": workers, "dump_s": dump * len(paths), "copies_step_s": t1 - t0, "again_s": t2 - t1,
    "read_kept_s": t3 - t2, "group_s": t4 - t3, "sibling_report_s": t5 - t4, "articles": len(profiles),
    "groups": len(groups), "fresh_left": len(list((root / FRESH).glob("*"))),
    "members": {m.path: g.id for g in groups for m in g.members}}))
"""


def copies_step(out: Path) -> dict:
    """The copies step and its parts, timed in a fresh process on the state the flow's
    step starts from: its kept files gone, each batch's profiles kept as the clean run's
    workers keep them (their time too; the model_dump a worker makes per article is timed
    apart: since 2e0ceb7 it serves the record's write as well, so it is no copies cost);
    then again with what the first write kept (a run that adds a few articles)."""
    done = subprocess.run([sys.executable, "-c", _STEP, str(out)], check=True, capture_output=True, text=True)
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
              f"parts: read the kept profiles {step['read_kept_s']:.1f} s, group {step['group_s']:.1f} s, "
              f"sibling report {step['sibling_report_s']:.1f} s; fresh files left {step['fresh_left']}")
        print(f"  the workers' profiles (in the clean run): {step['workers_s']:.1f} s of CPU, "
              f"{step['workers_s'] / 2:.1f} s of its wall time on 2 workers = {step['workers_s'] / 2 / seconds:.1%}; "
              f"with the step: {(step['copies_step_s'] + step['workers_s'] / 2) / seconds:.1%} (apart: the "
              f"model_dump the record's write and the profile share, {step['dump_s']:.1f} s of CPU)")
        print(f"  synthetic pairs: P {figures['precision']:.3f} R {figures['recall']:.3f} "
              f"({figures['grouped_pairs']} grouped / {figures['true_pairs']} true)")
    finally:
        if not (args.keep or args.again):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
