"""The clean flow: raw folder in, articles, rejections and a run manifest out."""

from __future__ import annotations

import contextlib
import errno
import queue
import uuid
from collections.abc import Callable
from datetime import datetime, timezone

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.states import Cancelled

from extractors.version import pipeline_version
from flows.run import artifacts, interrupt, progress
from flows.run.batch import clean_inputs, load_cleaning_data
from flows.store.catalog_store import update_catalog
from flows.store.copies import refresh_copies
from flows.store.export import write_export
from flows.store.layout import RUNS, WRITTEN_FOLDERS
from flows.store.listing import RawListing, check_apart, list_raw
from flows.store.local_files import path_text
from flows.run.manifest import RunHeader, RunSummary, not_reached
from flows.run.runners import Execution, plan_execution, worker_processes
from flows.run.workers import WorkerPool
from flows.run.settings import DEFAULT_BATCH_SIZE, DEFAULT_CHUNK_SIZE
from flows.store.storage import Zone
from flows.run.tally import RunTally, outcome_lines


STOP_POLL_SECONDS = 0.2  # how soon the run sees a stop signal (and shows progress) while it waits for chunks
FINAL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def is_io_failure(task, task_run, state) -> bool:
    """Retry a chunk only when storage failed in a way that may pass (a network mount, a
    timeout); a bad page is a rejection, never a retry, and a full or read-only output
    stays so: the run stops, naming the folder."""
    try:
        state.result()
    except OSError as error:
        return error.errno not in FINAL_ERRNOS
    except Exception:  # noqa: BLE001 - any other failure is final
        return False
    return False


# No cache: a chunk's inputs name files whose bytes change, and `submit` is a live pool.
@task(name="clean-chunk", retries=2, retry_delay_seconds=5, retry_condition_fn=is_io_failure, cache_policy=NO_CACHE)
def clean_chunk(raw: str, out: str, paths: list[str], batch_size: int, force: bool = False, fingerprints: bool = True,
                submit: Callable | None = None, on_batch: Callable[[int], None] | None = None) -> str:
    """The chunk's outcomes, as JSON lines (see flows.run.tally.outcome_lines). `submit`
    starts a batch in the run's worker processes; None cleans it here (processes=0, Dask).
    `on_batch` counts a finished batch into the run's progress (a chunk in this process only)."""
    return outcome_lines(clean_inputs(raw, out, paths, batch_size=batch_size, force=force, submit=submit,
                                      fingerprints=fingerprints, on_batch=on_batch))


@task(name="update-catalog", cache_policy=NO_CACHE)
def catalog_task(out: str, raw: str, manifest: str) -> dict[str, int]:
    """The catalog and the run's change feed (flows.store.catalog_store)."""
    return update_catalog(Zone(out), Zone(raw), manifest)


@task(name="group-copies", cache_policy=NO_CACHE)
def copies_task(out: str, processes: int) -> int:
    """OUT/copies/groups.jsonl and report.jsonl over the current articles (flows.store.copies)."""
    return refresh_copies(Zone(out), processes=processes)


@task(name="export-articles", cache_policy=NO_CACHE)
def export_task(out: str, fmt: str) -> str:
    """OUT/export/articles.<fmt>, the current articles as one dataset file (flows.store.export)."""
    return write_export(Zone(out), fmt)[0]


def _run_name() -> str:
    """What the run does and when, so runs can be told apart: `clean raw -> clean 2026-12-01 20:44:07Z`."""
    parameters = flow_run.parameters or {}
    raw, out = (str(parameters.get(name, name)).rstrip("/").rsplit("/", 1)[-1] for name in ("raw", "out"))
    return f"clean {raw} -> {out} {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%SZ}"


@flow(name="clean-articles", flow_run_name=_run_name)
def clean_articles(
    raw: str = "raw",
    out: str = "clean",
    batch_size: int = DEFAULT_BATCH_SIZE,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    force: bool = False,
    processes: int | None = None,
    dask_address: str | None = None,
    dask_workers: int | None = None,
    export: str | None = None,
) -> RunSummary:
    """Clean every file below `raw` into `out`/articles, `out`/rejected and `out`/runs.

    raw, out: local folders or fsspec URLs (s3://, gs://, memory://, file://).
    Pages whose record for this pipeline version exists are `unchanged`; `force` cleans all.
    batch_size: consecutive pages cleaned together by one worker (site-template scope).
    chunk_size: pages per Prefect task (rounded up to whole batches).
    processes: worker processes on this machine (default one per core; 0: this process).
    dask_address / dask_workers: run the batches on a Dask cluster instead (an existing
    scheduler, or a local cluster of that many workers); both need a real Prefect server.
    A complete run then updates OUT/catalog.sqlite and writes OUT/changes/<run id>.jsonl
    (flows.store.catalog_store) and OUT/copies/ (groups of copies of one article,
    flows.store.copies); `export` ("parquet" or "jsonl") also rewrites
    OUT/export/articles.<format> (flows.store.export). An interrupted run changes neither.
    """
    started = datetime.now(timezone.utc)
    raw_zone, out_zone = Zone(raw), Zone(out)
    check_apart(raw_zone, out_zone)  # a run must never read its own records as pages
    execution = plan_execution(
        processes=processes,
        dask_address=dask_address,
        dask_workers=dask_workers,
        process_local_storage=raw_zone.is_process_local or out_zone.is_process_local,
    )
    if execution.processes == 0 and not (dask_address or dask_workers):
        load_cleaning_data()  # batches are cleaned in this process's threads
    else:
        pipeline_version()  # the workers clean; this process only checks what is unchanged
    parameters = {"raw": raw, "out": out, "batch_size": batch_size, "chunk_size": chunk_size, "force": force,
                  "processes": processes, "dask_address": dask_address, "dask_workers": dask_workers, "export": export}
    out_zone.check_writable()  # a read-only or full output stops the run here, naming it
    with interrupt.graceful(), out_zone.exclusive(), worker_processes(execution.processes) as workers, \
            contextlib.closing(RunTally()) as tally:
        out_zone.remove_partial_writes(WRITTEN_FOLDERS)  # what a killed run was writing; its inputs are redone below
        listing = list_raw(raw_zone)
        # Dask workers may share OUT over a network filesystem, where SQLite must not go.
        options = {"force": force, "fingerprints": not (dask_address or dask_workers), "submit": workers and workers.submit}
        _clean_in_chunks(execution, workers, raw_zone.shared_url, out_zone.shared_url, listing.inputs,
                         (batch_size, chunk_size), options, tally)
        summary = _write_manifest(out_zone, tally, started, parameters, listing)
        if not summary.interrupted:  # an interrupted run did not see every article: nothing is gone
            catalog = catalog_task(out_zone.shared_url, raw_zone.shared_url, f"{RUNS}/{summary.run_id}.json")
            copy_groups = copies_task(out_zone.shared_url, execution.processes)
            summary = summary.model_copy(update={"catalog": catalog, "copy_groups": copy_groups})
            if export:
                export_task(out_zone.shared_url, export)
        artifacts.publish_summary(summary, tally)
    if summary.interrupted:  # the run's final state says so; the summary is its data
        return Cancelled(message=f"Interrupted by {summary.interrupted}; manifest {summary.manifest}", data=summary)
    return summary


def _write_manifest(out: Zone, tally: RunTally, started: datetime, parameters: dict, listing: RawListing) -> RunSummary:
    header = RunHeader(
        run_id=flow_run.get_id() or str(uuid.uuid4()),
        started=started,
        finished=datetime.now(timezone.utc),
        pipeline_version=pipeline_version(),
        parameters=parameters,
        totals=tally.totals().model_copy(update={"skipped": listing.skipped_counts()}),
        interrupted=interrupt.requested(),
        skipped={path_text(path): reason for path, reason in listing.skipped.items()},
    )
    location = f"{RUNS}/{header.run_id}.json"
    out.write_atomic(location, tally.manifest_chunks(header.model_dump_json(indent=2, exclude={"catalog", "copy_groups"})))
    return header.summary(out.location(location))


def _clean_in_chunks(
    execution: Execution, workers: WorkerPool | None, raw: str, out: str, paths: list[str], sizes: tuple[int, int],
    options: dict, tally: RunTally,
) -> None:
    """Submit the chunks, a few at a time, and tally each as it finishes. A gathered future
    is dropped at once: it holds the chunk's outcome lines. A stop signal (flows.run.interrupt)
    kills the workers; the chunks never started are tallied as `interrupted`."""
    batch_size, chunk_size = sizes
    chunk_size = -(-chunk_size // batch_size) * batch_size  # whole batches: the same batches however chunked
    starts, in_flight, finished = iter(range(0, len(paths), chunk_size)), {}, queue.SimpleQueue()
    shown = artifacts.Shown(progress.RunProgress(len(paths)), artifacts.Progress(len(paths)))
    on_batch = None if execution.remote else shown.progress.batch_done  # a Dask task cannot call back here
    with execution.task_runner as runner:
        while True:
            while not interrupt.requested() and len(in_flight) < execution.chunks_in_flight and (start := next(starts, None)) is not None:
                chunk = {"raw": raw, "out": out, "paths": paths[start : start + chunk_size], "batch_size": batch_size, **options,
                         "on_batch": on_batch}
                future = runner.submit(clean_chunk, chunk)
                in_flight[future] = start
                future.add_done_callback(finished.put)
            if not in_flight:
                break
            try:
                done = finished.get(timeout=STOP_POLL_SECONDS)
                shown.progress.chunk_done(tally.add(in_flight.pop(done), done.result()))
            except queue.Empty:
                if interrupt.requested() and workers is not None:  # the workers go now; the chunks in flight end soon
                    workers.close(kill=True)
            shown.update()
    for start in starts:  # only left when the run was interrupted
        tally.add(start, outcome_lines(not_reached(path_text(path)) for path in paths[start : start + chunk_size]))

