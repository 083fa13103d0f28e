"""Systems of the scale benchmark, timed inside a fresh process (run by bench.scale).

    python -m bench.scale_systems SYSTEM RAW OUT

SYSTEM is `loops` (systems 1 and 2, bare trafilatura and the library, side by side in this
process), `flow_one` or `flow_all`. Prints one JSON line a system: pages, wall seconds and
CPU seconds of the work (imports excluded; a flow's worker processes included, sampled every
0.2 s since they are not this process's children to reap), and peak RSS (VmHWM) of this
process and of its largest descendant (for `loops`, of the process both ran in).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

import psutil


# Pages each system cleans before the other takes a turn: 200 pages (34 MB of HTML) outgrow
# the 32 MB L3 cache, so the second system never finds the first one's pages warm, and a
# turn (~4 s) is too short for the VM's drift.
TURN_PAGES = 200


def trafilatura_and_library(raw: Path, paths: list[str]) -> dict[str, dict[str, float]]:
    """Systems 1 and 2 side by side: bare trafilatura.extract (as the AEB runner calls it)
    and the healthclean library (bytes in, JSON text out, nothing written) take turns of
    TURN_PAGES pages, the first of the two alternating. Runs minutes apart differed by up to
    15 % on this VM; in turns, its drift weighs on both alike."""
    import trafilatura
    from extractors.contract import to_json
    from extractors.pipeline import clean_page

    systems = {
        "trafilatura": lambda data, path: trafilatura.extract(data.decode("utf-8", errors="replace"), include_comments=False),
        "library": lambda data, path: to_json(clean_page(data, path)),
    }
    spent = {name: {"wall_s": 0.0, "cpu_s": 0.0} for name in systems}
    for turn, start in enumerate(range(0, len(paths), TURN_PAGES)):
        pages = [((raw / path).read_bytes(), path) for path in paths[start : start + TURN_PAGES]]
        for name in sorted(systems, reverse=bool(turn % 2)):
            wall, cpu = time.perf_counter(), time.process_time()
            for data, path in pages:
                systems[name](data, path)
            spent[name]["wall_s"] += time.perf_counter() - wall
            spent[name]["cpu_s"] += time.process_time() - cpu
    return spent


def flow_run(processes: int | None):
    """The clean flow over the raw folder; its outcome counts show a replay skipped all."""
    def run(raw: Path, paths: list[str], out: Path) -> None:
        from flows.run.clean_articles import clean_articles
        from flows.run.settings import direct_run

        with direct_run():  # as `healthclean clean` calls it
            manifest = clean_articles(raw=str(raw), out=str(out), processes=processes)
        assert manifest.totals.inputs == len(paths), manifest.totals
        return manifest.totals.outcomes
    return run


FLOWS = {"flow_one": flow_run(1), "flow_all": flow_run(None)}


def prepare(system: str) -> None:
    """Imports and one-off loading, outside the timed part (every system pays them once)."""
    from flows.run.batch import load_cleaning_data
    from flows.run.fork_server import start_fork_server
    from flows.run.settings import configure_prefect_env

    configure_prefect_env()
    if system in FLOWS:
        start_fork_server()  # before importing Prefect, as `healthclean clean` does
        # Prefect imports these at a first flow call, task and task runner: one-off imports
        import fastapi.encoders  # noqa: F401
        import prefect.flow_engine  # noqa: F401
        import prefect.task_engine  # noqa: F401
        import prefect.utilities.visualization  # noqa: F401
        import flows.run.clean_articles  # noqa: F401 - imports Prefect
    load_cleaning_data()
    import trafilatura  # noqa: F401


class Descendants(threading.Thread):
    """Samples the CPU seconds and peak RSS of every process started below this one."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.cpu: dict[int, float] = {}
        self.peak_kb: dict[int, int] = {}
        self.done = threading.Event()
        self._sample()
        self.before = dict(self.cpu)  # spent before the timed part (the fork server's loading)

    def run(self) -> None:
        while not self.done.wait(0.2):
            self._sample()

    def _sample(self) -> None:
        for child in psutil.Process().children(recursive=True):
            try:
                times = child.cpu_times()
                self.cpu[child.pid] = times.user + times.system
                self.peak_kb[child.pid] = peak_rss_kb(child.pid)
            except (psutil.Error, OSError):  # it ended between listing and reading
                continue

    def cpu_seconds(self) -> float:
        return sum(cpu - self.before.get(pid, 0.0) for pid, cpu in self.cpu.items())


def peak_rss_kb(pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


def main(system: str, raw: Path, out: Path) -> list[dict]:
    from flows.store.storage import Zone

    prepare(system)
    paths = Zone(str(raw)).list_files()
    if system == "loops":
        spent = trafilatura_and_library(raw, paths)
        return [{"system": name, "pages": len(paths), **{k: round(v, 3) for k, v in spent[name].items()},
                 "rss_mb": round(peak_rss_kb() / 1024, 1), "child_rss_mb": 0.0, "outcomes": None} for name in spent]
    descendants = Descendants()
    descendants.start()
    wall, cpu = time.perf_counter(), sum(os.times()[:2])
    outcomes = FLOWS[system](raw, paths, out)
    wall, cpu = time.perf_counter() - wall, sum(os.times()[:2]) - cpu
    descendants.done.set()
    return [{
        "system": system,
        "pages": len(paths),
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu + descendants.cpu_seconds(), 3),
        "rss_mb": round(peak_rss_kb() / 1024, 1),
        "child_rss_mb": round(max(descendants.peak_kb.values(), default=0) / 1024, 1),
        "outcomes": outcomes,
    }]


if __name__ == "__main__":
    for result in main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])):
        print(json.dumps(result))
