"""One batch of raw inputs: read, clean with the library, write the records."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from concurrent.futures import Future
from pathlib import Path

from extractors.contract import Article, Rejection, fields_json, to_json
from extractors.language import load_language_profiles
from extractors.assemble import reject
from extractors.pipeline import clean_batch
from extractors.read import describe_source
from extractors.config import DEFAULT_CONFIG, CleanConfig
from extractors.explain import STAGES
from extractors.records import Failure, Origin, RawPage
from extractors.lexicon import load_lexicon
from extractors.version import pipeline_version
from flows.scrape.landing import origin_of
from flows.store.copies import keep_batch_profiles
from flows.store.layout import ARTICLES, REJECTED, read_input, record_fields
from flows.store.local_files import path_text
from flows.run import interrupt
from flows.run.manifest import InputOutcome, not_reached, outcome_of
from flows.store.storage import Zone
from flows.store.unchanged import check_batch, fingerprints_of, stamp_cleaned
from flows.run.workers import WorkersStopped


# What the clean flow's workers use: the defaults, with the timer signal that stops a
# single runaway stage (a worker process owns its signals; a library caller may not).
FLOW_CONFIG = CleanConfig(limits=replace(DEFAULT_CONFIG.limits, timer_signal=True))


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
    config: CleanConfig | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> list[InputOutcome]:
    """Clean raw files and write each article or rejection; never raises for one input.
    Outcomes come in the order of `paths`.

    raw, out: local folders or fsspec URLs (see flows.store.storage.Zone).
    batch_size: consecutive inputs cleaned together, the scope of site-template detection
        (None: all of `paths`).
    force: clean every page again, even one whose record for this pipeline version exists
        (those are otherwise `unchanged`: not cleaned, not rewritten).
    submit: starts `clean_and_write(raw, out, batch)` and returns its Future, e.g. in the
        flow's worker processes; None calls it here. Unchanged pages are always found here,
        a batch at a time, each batch handed on at once: workers start while the next
        batch is checked, and a replay never wakes one.
    fingerprints: on local disks, find unchanged pages by their files' stamps before
        reading them (flows.store.fingerprints), and stamp the pages found or made current.
    config: how pages are cleaned (extractors.config.CleanConfig); default FLOW_CONFIG.
    on_batch: called with the number of pages each batch finished (the run's progress).
    A run that is stopping (flows.run.interrupt) starts no more batches; the inputs it did not
    finish are `interrupted`.
    """
    size, found, started = batch_size or max(len(paths), 1), {}, []
    with contextlib.closing(fingerprints_of(raw, out, fingerprints)) as cache:
        for start in range(0, len(paths), size):
            if interrupt.requested():  # the run is stopping: what is not started is not done
                break
            current, todo, stamps, ids = check_batch(raw, out, paths[start : start + size], cache, force)
            found.update(current)
            if on_batch:
                on_batch(len(current))
            if todo:
                batch = partial(clean_and_write, config=config or FLOW_CONFIG)
                started.append(((submit or call_here)(batch, str(raw), str(out), todo), stamps, ids, todo))
        for future, stamps, ids, todo in started:
            try:
                cleaned = dict(zip(todo, future.result()))  # outcomes come in the order of their paths
            except WorkersStopped:
                continue
            stamp_cleaned(cache, cleaned, stamps, ids)
            found.update(cleaned)
            if on_batch:
                on_batch(len(cleaned))
    return [found.get(path) or not_reached(path_text(path)) for path in paths]


def call_here(function: Callable, /, *args) -> Future:
    """`function(*args)` called now, as a finished Future."""
    future: Future = Future()
    future.set_result(function(*args))
    return future


def clean_and_write(raw: str, out: str, paths: list[str], config: CleanConfig = DEFAULT_CONFIG) -> list[InputOutcome]:
    """Clean pages together (so site templates can be seen) and write their records, in the
    order of `paths`. Records and outcomes name a page by its path as text (path_text)."""
    cpu_ms: dict[str, float] = {}
    notes: dict = {}  # extractors.explain: what each rule tagged and each stage cost, for the run's manifest
    records = records_of(Zone(raw), paths, config, cpu_ms=cpu_ms, explain=notes)
    # An article's fields serve its record and its copies profile (the copies step then reads no record).
    dumped = [record.model_dump(mode="json") if isinstance(record, Article) else None for record in records]
    outcomes = [_write(Zone(out), path_text(path), record, cpu_ms.get(path_text(path)), notes.get(path_text(path)),
                       fields=fields) for path, record, fields in zip(paths, records, dumped)]
    keep_batch_profiles(Zone(out), [fields for fields in dumped if fields is not None])
    return outcomes


def records_of(raw: Zone, paths: list[str], config: CleanConfig = DEFAULT_CONFIG, *,
               cpu_ms: dict[str, float] | None = None, explain: dict | None = None) -> list[Article | Rejection]:
    """The records of one batch of raw inputs, as `healthclean clean` makes them (and
    `healthclean preview` shows them): read, with a scraped page's sidecar, cleaned together."""
    loaded = {path: read_input(raw, path) for path in paths}
    readable = [path for path, data in loaded.items() if isinstance(data, bytes)]
    pages = [RawPage(loaded[path], path_text(path), origin_of(raw, path) or Origin()) for path in readable]
    loaded.update(zip(readable, clean_batch(pages, config, cpu_ms=cpu_ms, explain=explain)))
    return [loaded[path] for path in paths]


def reject_crashed(raw: str, out: str, path: str) -> InputOutcome:
    """Write and return the rejection of a page whose worker process died twice while it
    was cleaned alone (flows.run.workers): a page that kills, not a page that was wrong. Not
    current for the next run (flows.store.layout.RETRIED_REASONS), which tries it again."""
    data = read_input(Zone(raw), path)
    if not isinstance(data, bytes):  # unreadable now: that is its outcome
        return _write(Zone(out), path_text(path), data)
    failure = Failure("worker_crashed", "The worker process died twice while cleaning this page alone "
                      "(out of memory, or a crash in a C extension); the next run tries it again.")
    return _write(Zone(out), path_text(path), reject(describe_source(data, path_text(path)), failure))


def _write(out: Zone, path: str, record: Article | Rejection, cpu_ms: float | None = None, note=None, *,
           fields: dict | None = None) -> InputOutcome:
    """Write the record (`fields`: its model_dump, when made already) and return its outcome."""
    folder, stale = (ARTICLES, REJECTED) if isinstance(record, Article) else (REJECTED, ARTICLES)
    if not _has_earlier_copy(out, f"{folder}/{record.id}.json", path, record.pipeline.version):
        out.write_atomic(f"{folder}/{record.id}.json", to_json(record) if fields is None else fields_json(fields))
        # A rule change can turn a rejection into an article or back: keep one record per id.
        out.remove(f"{stale}/{record.id}.json")
    tagged = dict(sorted(note.tagged.items())) if note is not None else {}
    stages = {name: round(note.stages_ms[name], 1) for name in STAGES if name in note.stages_ms} if note is not None else {}
    return outcome_of(path, record).model_copy(
        update={"cpu_ms": None if cpu_ms is None else round(cpu_ms, 1), "tagged": tagged, "stages_ms": stages})


def _has_earlier_copy(out: Zone, location: str, path: str, version: str) -> bool:
    """True if the same bytes under a path sorting before `path` already have this record:
    identical files share one record, and the first path names it, whichever batch or
    worker finishes last."""
    fields = record_fields(out, location, ("source", "pipeline"))
    return fields.get("pipeline", {}).get("version") == version and fields.get("source", {}).get("path", path) < path
