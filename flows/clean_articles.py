"""The clean flow: raw folder in, articles, rejections and a run manifest out."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from prefect import flow, task
from prefect.futures import as_completed
from prefect.runtime import flow_run
from prefect.task_runners import TaskRunner

from extractors.version import pipeline_version
from flows import artifacts, progress
from flows.batch import RUNS, clean_inputs, load_cleaning_data
from flows.manifest import InputOutcome, RunManifest, RunSummary, summarize
from flows.runners import in_worker_process, plan_execution, worker_processes
from flows.settings import DEFAULT_BATCH_SIZE
from flows.storage import Zone


def is_io_failure(task, task_run, state) -> bool:
    """Retry a batch only when the disk failed; a bad page is a rejection, never a retry."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:  # noqa: BLE001 - any other failure is final
        return False
    return False


@task(name="clean-batch", retries=2, retry_delay_seconds=5, retry_condition_fn=is_io_failure)
def clean_batch(raw: str, out: str, paths: list[str], force: bool = False) -> list[InputOutcome]:
    return clean_inputs(raw, out, paths, force=force, run=in_worker_process)


def _run_name() -> str:
    return f"clean-raw/{datetime.now(timezone.utc):%Y-%m-%d}"


@flow(name="clean-articles", flow_run_name=_run_name)
def clean_articles(
    raw: str = "raw",
    out: str = "clean",
    batch_size: int = DEFAULT_BATCH_SIZE,
    force: bool = False,
    processes: int | None = None,
    dask_address: str | None = None,
    dask_workers: int | None = None,
) -> RunSummary:
    """Clean every file below `raw` into `out`/articles, `out`/rejected and `out`/runs.

    raw, out: local folders or fsspec URLs (s3://, gs://, memory://, file://).
    Pages whose record for this pipeline version exists are `unchanged`; `force` cleans all.
    processes: worker processes on this machine (default one per core; 0: this process).
    dask_address / dask_workers: run the batches on a Dask cluster instead (an existing
    scheduler, or a local cluster of that many workers); both need a real Prefect server.
    """
    started = datetime.now(timezone.utc)
    raw_zone, out_zone = Zone(raw), Zone(out)
    execution = plan_execution(
        processes=processes,
        dask_address=dask_address,
        dask_workers=dask_workers,
        process_local_storage=raw_zone.is_process_local or out_zone.is_process_local,
    )
    load_cleaning_data()
    out_zone.remove_partial_writes()  # what a killed run was writing; its inputs are redone below
    paths = raw_zone.list_files()
    with worker_processes(execution.processes, load_cleaning_data):
        outcomes = _clean_in_batches(
            execution.task_runner, raw_zone.shared_url, out_zone.shared_url, paths, batch_size, force
        )
    manifest = RunManifest(
        run_id=flow_run.get_id() or str(uuid.uuid4()),
        started=started,
        finished=datetime.now(timezone.utc),
        pipeline_version=pipeline_version(),
        parameters={"raw": raw, "out": out, "batch_size": batch_size, "force": force, "processes": processes,
                    "dask_address": dask_address, "dask_workers": dask_workers},
        totals=summarize(outcomes),
        inputs=sorted(outcomes, key=lambda o: o.path),
    )
    location = f"{RUNS}/{manifest.run_id}.json"
    out_zone.write_atomic(location, manifest.model_dump_json(indent=2) + "\n")
    artifacts.publish_summary(manifest)
    return manifest.summary(out_zone.location(location))


def _clean_in_batches(
    runner: TaskRunner, raw: str, out: str, paths: list[str], batch_size: int, force: bool
) -> list[InputOutcome]:
    """Submit the batches to the runner; gather their small outcome lists as they finish."""
    outcomes, bar = [], artifacts.start_progress()
    with runner:
        futures = [
            runner.submit(clean_batch, {"raw": raw, "out": out, "paths": paths[i : i + batch_size], "force": force})
            for i in range(0, len(paths), batch_size)
        ]
        for future in as_completed(futures):
            done = future.result()
            outcomes.extend(done)
            progress.report(len(done))
            artifacts.report_progress(bar, len(outcomes), len(paths))
    return outcomes
