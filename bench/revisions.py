"""The library's speed at two git revisions, side by side in one run: a refactor's cost.

    python -m bench.revisions BASE [HEAD] [--rounds 5] [--json OUT.json]

Each revision is checked out into a temporary worktree and loaded, warm, in a process of
this venv; in each round each revision's `extractors.pipeline.clean_page` cleans the same
pages (the text dumps of pages-dev and raw/, ten times each, and the HTML pages of AEB) and
says its CPU seconds per kind. Rounds alternate between the two (odd rounds in reverse
order), so the machine's drift favours neither; the figure to read is the median over rounds
of HEAD's time / BASE's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
# Run inside each worktree, kept alive over the whole comparison: clean every page once to
# warm up (imports, lexicons, langdetect profiles), then one timed pass per line read from
# stdin, printing {kind: CPU seconds} for it.
TIMER = r"""
import gzip, json, sys, time
from pathlib import Path
from extractors.pipeline import clean_page
pages = json.loads(sys.argv[1])
REPEATS = {"text": 10, "html": 1}  # text dumps are quick: ten times each, for a time worth comparing
loaded = [(kind, Path(path).name.removesuffix(".gz"),
           gzip.decompress(Path(path).read_bytes()) if path.endswith(".gz") else Path(path).read_bytes())
          for kind, path in pages]
for kind, name, data in loaded:
    clean_page(data, name)
print("ready", flush=True)
for _ in sys.stdin:
    spent = {}
    for kind, name, data in loaded:
        start = time.process_time()
        for _ in range(REPEATS[kind]):
            clean_page(data, name)
        spent[kind] = spent.get(kind, 0.0) + time.process_time() - start
    print(json.dumps(spent), flush=True)
"""


def corpus_pages(corpora: Path) -> list[tuple[str, str]]:
    text = sorted((corpora / "pages-dev" / "pages").glob("*.txt")) + sorted((REPO / "raw").glob("*.txt"))
    html = sorted((corpora / "aeb" / "html").glob("*.html.gz"))
    return [("text", str(p)) for p in text] + [("html", str(p)) for p in html]


def start_timer(tree: Path, pages: list[tuple[str, str]]) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", TIMER, json.dumps(pages)], cwd=tree, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})
    if process.stdout.readline().strip() != "ready":
        raise RuntimeError(f"the timer at {tree} did not start")
    return process


def timed_pass(process: subprocess.Popen) -> dict[str, float]:
    process.stdin.write("go\n")
    process.stdin.flush()
    return json.loads(process.stdout.readline())


def compare(base: str, head: str, rounds: int, corpora: Path) -> dict:
    pages = corpus_pages(corpora)
    with tempfile.TemporaryDirectory(prefix="healthclean-revisions-") as scratch:
        trees = {}
        for name, revision in (("base", base), ("head", head)):
            trees[name] = Path(scratch) / name
            subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(trees[name]), revision],
                           check=True, capture_output=True)
        timers = {name: start_timer(tree, pages) for name, tree in trees.items()}
        try:
            times = {"base": [], "head": []}
            for round_number in range(rounds):
                order = ("base", "head") if round_number % 2 == 0 else ("head", "base")
                for name in order:
                    times[name].append(timed_pass(timers[name]))
        finally:
            for timer in timers.values():
                timer.kill()
            for tree in trees.values():
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], capture_output=True)
    kinds = sorted({kind for kind, _ in pages})
    ratios = {kind: statistics.median(h[kind] / b[kind] for b, h in zip(times["base"], times["head"])) for kind in kinds}
    return {"base": base, "head": head, "rounds": rounds, "pages": {k: sum(1 for kind, _ in pages if kind == k) for k in kinds},
            "cpu_s": times, "head_over_base": ratios}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", default="HEAD")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = compare(args.base, args.head, args.rounds, args.corpora)
    for kind, ratio in result["head_over_base"].items():
        base = statistics.median(t[kind] for t in result["cpu_s"]["base"])
        head = statistics.median(t[kind] for t in result["cpu_s"]["head"])
        print(f"{kind}: {result['pages'][kind]} pages, base {base:.2f} s, head {head:.2f} s CPU; head/base {ratio:.3f} (median of {args.rounds} rounds)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
