"""One system of the scale benchmark, timed inside a fresh process (run by bench.scale).

    python -m bench.scale_systems SYSTEM RAW OUT

Prints one JSON line: pages, wall seconds and CPU seconds of the work (imports excluded;
worker processes included, sampled every 0.2 s since they are not this process's children
to reap), and peak RSS (VmHWM) of this process and of its largest descendant.
SYSTEM is one of trafilatura, library, flow_one, flow_all.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

import psutil


def trafilatura_loop(raw: Path, paths: list[str], out: Path) -> None:
    """The reference: bare trafilatura.extract on each page, as the AEB runner calls it."""
    import trafilatura

    for path in paths:
        trafilatura.extract((raw / path).read_bytes().decode("utf-8", errors="replace"), include_comments=False)


def library_loop(raw: Path, paths: list[str], out: Path) -> None:
    """The healthclean library page by page: bytes in, JSON text out (nothing written)."""
    from extractors.contract import to_json
    from extractors.pipeline import clean_page

    for path in paths:
        to_json(clean_page((raw / path).read_bytes(), path))


def flow_run(processes: int | None):
    """The clean flow over the raw folder; its outcome counts show a replay skipped all."""
    def run(raw: Path, paths: list[str], out: Path) -> None:
        from flows.clean_articles import clean_articles
        from flows.settings import direct_run

        with direct_run():  # as `healthclean clean` calls it
            manifest = clean_articles(raw=str(raw), out=str(out), processes=processes)
        assert manifest.totals.inputs == len(paths), manifest.totals
        return manifest.totals.outcomes
    return run


SYSTEMS = {"trafilatura": trafilatura_loop, "library": library_loop, "flow_one": flow_run(1), "flow_all": flow_run(None)}


def prepare(system: str) -> None:
    """Imports and one-off loading, outside the timed part (every system pays them once)."""
    from flows.settings import configure_prefect_env

    configure_prefect_env()
    if system.startswith("flow"):
        import fastapi.encoders  # noqa: F401 - Prefect imports it at the first flow call
        import flows.clean_articles  # noqa: F401 - imports Prefect
    if system != "trafilatura":
        from extractors.language import load_language_profiles
        from extractors.lexicon import load_lexicon

        load_language_profiles()
        load_lexicon()
    import trafilatura  # noqa: F401


class Descendants(threading.Thread):
    """Samples the CPU seconds and peak RSS of every process started below this one."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.cpu: dict[int, float] = {}
        self.peak_kb: dict[int, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            for child in psutil.Process().children(recursive=True):
                try:
                    times = child.cpu_times()
                    self.cpu[child.pid] = times.user + times.system
                    self.peak_kb[child.pid] = peak_rss_kb(child.pid)
                except (psutil.Error, OSError):  # it ended between listing and reading
                    continue


def peak_rss_kb(pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


def main(system: str, raw: Path, out: Path) -> dict:
    from flows.storage import Zone

    prepare(system)
    paths = Zone(str(raw)).list_files()
    descendants = Descendants()
    descendants.start()
    wall, cpu = time.perf_counter(), sum(os.times()[:2])
    outcomes = SYSTEMS[system](raw, paths, out)
    wall, cpu = time.perf_counter() - wall, sum(os.times()[:2]) - cpu
    descendants.done.set()
    return {
        "system": system,
        "pages": len(paths),
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu + sum(descendants.cpu.values()), 3),
        "rss_mb": round(peak_rss_kb() / 1024, 1),
        "child_rss_mb": round(max(descendants.peak_kb.values(), default=0) / 1024, 1),
        "outcomes": outcomes,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))))
