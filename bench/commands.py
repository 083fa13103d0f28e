"""How long a person waits for `healthclean clean`, with and without a local Prefect server.

    python -m bench.commands [--rounds 3] [--work /tmp/healthclean-commands] [--json OUT]

Whole commands, as typed, wall time from start to exit (`healthclean clean RAW --out OUT`):
  make_run_again    the bundled raw/ samples (3 pages) into an output that has them: the
                    second `make run`
  rerun_1000        1,000 AEB pages (bench.corpus) into an output that has them all:
                    an unchanged rerun
  first_1000        the first clean of those 1,000 pages (for scale)
each with the temporary server (no PREFECT_API_URL, nothing recorded: Prefect starts and
stops one per command) and with the local server `healthclean server start` leaves
running (found by the command itself). The median of the rounds is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import DEFAULT_CORPORA, build

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[1]


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.monotonic() - started


def clean(raw: Path, out: Path, env: dict[str, str]) -> float:
    return timed([str(BIN / "healthclean"), "clean", str(raw), "--out", str(out)], env)


def measure(work: Path, env: dict[str, str], rounds: int) -> dict[str, float]:
    """The three figures for one way of reaching Prefect, medians of `rounds`."""
    figures: dict[str, list[float]] = {"make_run_again": [], "first_1000": [], "rerun_1000": []}
    for round_ in range(rounds):
        samples, pages = work / f"samples-{round_}", work / f"pages-{round_}"
        shutil.rmtree(samples, ignore_errors=True), shutil.rmtree(pages, ignore_errors=True)
        clean(REPO / "raw", samples, env)
        figures["make_run_again"].append(clean(REPO / "raw", samples, env))
        figures["first_1000"].append(clean(work / "raw-1000", pages, env))
        figures["rerun_1000"].append(clean(work / "raw-1000", pages, env))
    return {name: round(statistics.median(values), 2) for name, values in figures.items()} | {"rounds": rounds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/healthclean-commands"))
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    build(1000, args.work / "raw-1000", args.corpora)
    base = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    base |= {"PREFECT_HOME": str(args.work / "prefect-home"), "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    shutil.rmtree(args.work / "prefect-home", ignore_errors=True)
    results = {"temporary_server": measure(args.work, base, args.rounds)}
    subprocess.run([str(BIN / "healthclean"), "server", "start", "--port", "0"], env=base, check=True)
    try:
        results["local_server"] = measure(args.work, base, args.rounds)
    finally:
        subprocess.run([str(BIN / "healthclean"), "server", "stop"], env=base, check=True)
    results["command"] = "python -m bench.commands " + " ".join(sys.argv[1:])
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
