"""Speed and memory at scale, side by side in one run: bare trafilatura, the library, the flow.

    python -m bench.scale [--sizes 1000 10000] [--rounds 3 2] [--work /tmp/healthclean-bench] [--json OUT]

For each size N: the 181 AEB pages repeated to N files with distinct bytes (bench.corpus),
read once to warm the page cache, then the systems in fresh processes (bench.scale_systems):
  1 trafilatura  bare trafilatura.extract in a plain loop (the reference)
  2 library      healthclean's clean_page + JSON in a plain loop, one process
                 (1 and 2 run side by side in one process, in turns of 200 pages)
  3 flow_one     the clean flow, one worker process (processes=1)
  4 flow_all     the clean flow, one worker process per core
  5 replay       flow_one again over its own output: every page unchanged
The flows talk to a real Prefect server on 127.0.0.1 started here, as scheduled runs do.
Each ratio is the median of its rounds' ratios; odd rounds run the systems in reverse order.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench.corpus import DEFAULT_CORPORA, build
from bench.prefect_server import local_prefect_server

# (labels measured, system run, output folder); a replay is flow_one over flow_one's output.
LOOPS, FLOW_ONE, FLOW_ALL, REPLAY = ((("trafilatura", "library"), "loops", None), (("flow_one",), "flow_one", "one"),
                                     (("flow_all",), "flow_all", "all"), (("replay",), "flow_one", "one"))
# Odd rounds run in the other order (the replay still after its flow): a drift of the
# machine's speed during a round then favours each system of a pair once.
ORDERS = [(LOOPS, FLOW_ONE, FLOW_ALL, REPLAY), (FLOW_ALL, FLOW_ONE, REPLAY, LOOPS)]
LABELS = [label for labels, _, _ in ORDERS[0] for label in labels]


def run_system(system: str, raw: Path, out: Path, env: dict[str, str]) -> list[dict]:
    command = [sys.executable, "-m", "bench.scale_systems", system, str(raw), str(out)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{system} failed:\n{done.stdout}\n{done.stderr}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def measure(n: int, work: Path, env: dict[str, str], corpora: Path, rounds: int) -> dict[str, list[dict]]:
    """Each system's results of `rounds` rounds, the five in turn each round."""
    raw = work / f"corpus-{n}"
    build(n, raw, corpora)
    for file in raw.rglob("*.html"):  # warm the page cache: the first system must not pay the disk
        file.read_bytes()
    runs: dict[str, list[dict]] = {label: [] for label in LABELS}
    for round_ in range(rounds):
        for name in ("one", "all"):
            shutil.rmtree(work / f"out-{n}-{name}", ignore_errors=True)
        for labels, system, out in ORDERS[round_ % 2]:
            for label, result in zip(labels, run_system(system, raw, work / f"out-{n}-{out or 'none'}", env), strict=True):
                runs[label].append(result)
                print(f"N={n} {label}: {result}", file=sys.stderr, flush=True)
    return runs


def combine(results: list[dict]) -> dict:
    """One system's rounds: the median wall and CPU time, the highest peak RSS."""
    return {
        **results[-1],
        "rounds": len(results),
        "wall_s": statistics.median(r["wall_s"] for r in results),
        "cpu_s": statistics.median(r["cpu_s"] for r in results),
        "rss_mb": max(r["rss_mb"] for r in results),
        "child_rss_mb": max(r["child_rss_mb"] for r in results),
    }


def round_ratios(runs: dict[str, list[dict]]) -> list[dict[str, float]]:
    """The ratios of each round: its systems ran minutes apart, while rounds run far enough
    apart for the machine's speed to drift in between."""
    return [ratios({label: results[i] for label, results in runs.items()}) for i in range(len(runs["library"]))]


def median_ratios(rounds: list[dict[str, float]]) -> dict[str, float]:
    return {name: round(statistics.median(r[name] for r in rounds), 3) for name in rounds[0]}


def ratios(r: dict[str, dict]) -> dict[str, float]:
    wall = {k: v["wall_s"] for k, v in r.items()}
    return {
        "library/trafilatura cpu": round(r["library"]["cpu_s"] / r["trafilatura"]["cpu_s"], 3),
        "flow_one/library wall": round(wall["flow_one"] / wall["library"], 3),
        "flow_one/flow_all wall (speed-up)": round(wall["flow_one"] / wall["flow_all"], 2),
        "flow_one/replay wall (speed-up)": round(wall["flow_one"] / wall["replay"], 1),
    }


def table(sizes: list[int], results: dict[int, dict[str, dict]], ratios_of: dict[int, dict[str, float]]) -> str:
    lines = ["| N | system | pages/s | wall s | CPU ms/page | peak RSS MB (largest child) |", "|---|---|---|---|---|---|"]
    for n in sizes:
        for label, r in results[n].items():
            child = f" ({r['child_rss_mb']:.0f})" if r["child_rss_mb"] else ""
            lines.append(f"| {n} | {label} | {r['pages'] / r['wall_s']:.1f} | {r['wall_s']:.1f} | "
                         f"{1000 * r['cpu_s'] / r['pages']:.1f} | {r['rss_mb']:.0f}{child} |")
    lines += ["", "| N | " + " | ".join(ratios_of[sizes[0]]) + " |", "|---|" + "---|" * 4]
    lines += [f"| {n} | " + " | ".join(str(v) for v in ratios_of[n].values()) + " |" for n in sizes]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/healthclean-bench"))
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--rounds", type=int, nargs="+", default=[3, 2],
                        help="rounds of the five systems, one count per size, the last for the rest; "
                             "ratios are medians over rounds, odd rounds run in reverse order")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with local_prefect_server(args.work / "prefect-home") as env:
        rounds = {n: args.rounds[min(i, len(args.rounds) - 1)] for i, n in enumerate(args.sizes)}
        runs = {n: measure(n, args.work, env, args.corpora, rounds[n]) for n in args.sizes}
    results = {n: {label: combine(r) for label, r in runs[n].items()} for n in args.sizes}
    by_round = {n: round_ratios(runs[n]) for n in args.sizes}
    ratios_of = {n: median_ratios(by_round[n]) for n in args.sizes}
    report = {
        "command": shlex.join(["python", "-m", "bench.scale", *sys.argv[1:]]),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "results": {str(n): r for n, r in results.items()},
        "ratios": {str(n): r for n, r in ratios_of.items()},  # medians over rounds
        "round_ratios": {str(n): r for n, r in by_round.items()},
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(table(args.sizes, results, ratios_of))


if __name__ == "__main__":
    main()
