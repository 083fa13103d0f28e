"""One batch of raw inputs: read, clean with the library, write the records."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from extractors.contract import Article, Rejection, to_json
from extractors.language import load_language_profiles
from extractors.lexicon import load_lexicon
from extractors.templates import clean_pages
from extractors.version import pipeline_version
from flows.landing import origin_of
from flows.layout import ARTICLES, REJECTED, read_input, record_fields
from flows.manifest import InputOutcome, outcome_of
from flows.storage import Zone
from flows.unchanged import check_batch, fingerprints_of, stamp_cleaned


def load_cleaning_data() -> None:
    """Load what every page needs (language profiles, lexicons, the pipeline version) once
    per process, before threads start: langdetect's loading is not thread-safe."""
    load_language_profiles()
    load_lexicon()
    pipeline_version()


def clean_inputs(
    raw: str | Path,
    out: str | Path,
    paths: list[str],
    *,
    batch_size: int | None = None,
    force: bool = False,
    submit: Callable[..., Future] | None = None,
    fingerprints: bool = True,
) -> list[InputOutcome]:
    """Clean raw files and write each article or rejection; never raises for one input.
    Outcomes come in the order of `paths`.

    raw, out: local folders or fsspec URLs (see flows.storage.Zone).
    batch_size: consecutive inputs cleaned together, the scope of site-template detection
        (None: all of `paths`).
    force: clean every page again, even one whose record for this pipeline version exists
        (those are otherwise `unchanged`: not cleaned, not rewritten).
    submit: starts `clean_and_write(raw, out, batch)` and returns its Future, e.g. in the
        flow's worker processes; None calls it here. Unchanged pages are always found here,
        a batch at a time, each batch handed on at once: workers start while the next
        batch is checked, and a replay never wakes one.
    fingerprints: on local disks, find unchanged pages by their files' stamps before
        reading them (flows.fingerprints), and stamp the pages found or made current.
    """
    size, found, started = batch_size or max(len(paths), 1), {}, []
    with contextlib.closing(fingerprints_of(raw, out, fingerprints)) as cache:
        for start in range(0, len(paths), size):
            current, todo, stamps, ids = check_batch(raw, out, paths[start : start + size], cache, force)
            found.update(current)
            if todo:
                started.append(((submit or call_here)(clean_and_write, str(raw), str(out), todo), stamps, ids))
        for future, stamps, ids in started:
            outcomes = future.result()
            stamp_cleaned(cache, outcomes, stamps, ids)
            found.update((outcome.path, outcome) for outcome in outcomes)
    return [found[path] for path in paths]


def call_here(function: Callable, /, *args) -> Future:
    """`function(*args)` called now, as a finished Future."""
    future: Future = Future()
    future.set_result(function(*args))
    return future


def clean_and_write(raw: str, out: str, paths: list[str]) -> list[InputOutcome]:
    """Clean pages together (so site templates can be seen) and write their records."""
    raw_zone, out_zone = Zone(raw), Zone(out)
    loaded = {path: read_input(raw_zone, path) for path in paths}
    pages = [(data, path) for path, data in loaded.items() if isinstance(data, bytes)]
    origins = {path: origin for _, path in pages if (origin := origin_of(raw_zone, path))}
    cpu_ms: dict[str, float] = {}
    records = dict(zip((path for _, path in pages), clean_pages(pages, origins=origins, cpu_ms=cpu_ms)))
    return [_write(out_zone, path, records.get(path) or loaded[path], cpu_ms.get(path)) for path in paths]


def _write(out: Zone, path: str, record: Article | Rejection, cpu_ms: float | None = None) -> InputOutcome:
    folder, stale = (ARTICLES, REJECTED) if isinstance(record, Article) else (REJECTED, ARTICLES)
    if not _has_earlier_copy(out, f"{folder}/{record.id}.json", path, record.pipeline.version):
        out.write_atomic(f"{folder}/{record.id}.json", to_json(record))
        # A rule change can turn a rejection into an article or back: keep one record per id.
        out.remove(f"{stale}/{record.id}.json")
    return outcome_of(path, record).model_copy(update={"cpu_ms": None if cpu_ms is None else round(cpu_ms, 1)})


def _has_earlier_copy(out: Zone, location: str, path: str, version: str) -> bool:
    """True if the same bytes under a path sorting before `path` already have this record:
    identical files share one record, and the first path names it, whichever batch or
    worker finishes last."""
    fields = record_fields(out, location, ("source", "pipeline"))
    return fields.get("pipeline", {}).get("version") == version and fields.get("source", {}).get("path", path) < path
