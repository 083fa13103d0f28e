"""One system of the scale benchmark, timed inside a fresh process (run by bench.scale).

    python -m bench.scale_systems SYSTEM RAW OUT

Prints one JSON line: pages, wall seconds and CPU seconds of the work (imports excluded,
worker processes included once they are joined), and peak RSS of this process and of its
largest child. SYSTEM is one of trafilatura, library, flow_one, flow_all.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


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
        import flows.clean_articles  # noqa: F401 - imports Prefect
    if system != "trafilatura":
        from extractors.language import load_language_profiles
        from extractors.lexicon import load_lexicon

        load_language_profiles()
        load_lexicon()
    import trafilatura  # noqa: F401


def main(system: str, raw: Path, out: Path) -> dict:
    from flows.storage import Zone

    prepare(system)
    paths = Zone(str(raw)).list_files()
    wall, cpu = time.perf_counter(), sum(os.times()[:4])
    outcomes = SYSTEMS[system](raw, paths, out)
    wall, cpu = time.perf_counter() - wall, sum(os.times()[:4]) - cpu
    return {
        "system": system,
        "pages": len(paths),
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "child_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "outcomes": outcomes,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))))
