"""The clean flow: raw folder in, articles, rejections and a run manifest out."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, task
from prefect.futures import as_completed
from prefect.runtime import flow_run

from extractors.language import load_language_profiles
from extractors.lexicon import load_lexicon
from extractors.version import pipeline_version
from flows import artifacts, progress
from flows.batch import RUNS, clean_inputs
from flows.manifest import InputOutcome, RunManifest, summarize
from flows.storage import list_raw_inputs, remove_partial_writes, write_atomic

DEFAULT_BATCH_SIZE = 200  # a task costs ~10 ms here: 200 pages make that noise


def is_io_failure(task, task_run, state) -> bool:
    """Retry a batch only when the disk failed; a bad page is a rejection, never a retry."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:  # noqa: BLE001 - any other failure is final
        return False
    return False


@task(name="clean-batch", tags=["healthclean"], retries=2, retry_delay_seconds=5, retry_condition_fn=is_io_failure)
def clean_batch(raw: str, out: str, paths: list[str], force: bool = False) -> list[InputOutcome]:
    return clean_inputs(Path(raw), Path(out), paths, force=force)


def _run_name() -> str:
    return f"clean-raw/{datetime.now(timezone.utc):%Y-%m-%d}"


@flow(name="clean-articles", flow_run_name=_run_name)
def clean_articles(
    raw: str = "raw", out: str = "clean", batch_size: int = DEFAULT_BATCH_SIZE, force: bool = False
) -> RunManifest:
    """Clean every file below `raw` into `out`/articles, `out`/rejected and `out`/runs.

    Pages whose record for this pipeline version exists are `unchanged`; `force` cleans all.
    """
    started = datetime.now(timezone.utc)
    load_language_profiles()  # before task threads start: langdetect's loading is not thread-safe
    load_lexicon()
    remove_partial_writes(Path(out))  # what a killed run was writing; its inputs are redone below
    paths = list_raw_inputs(Path(raw))
    batches = [paths[i : i + batch_size] for i in range(0, len(paths), batch_size)]
    futures = [clean_batch.submit(raw, out, batch, force) for batch in batches]
    outcomes, bar = [], artifacts.start_progress()
    for future in as_completed(futures):
        done = future.result()
        outcomes.extend(done)
        progress.report(len(done))
        artifacts.report_progress(bar, len(outcomes), len(paths))
    manifest = RunManifest(
        run_id=flow_run.get_id() or str(uuid.uuid4()),
        started=started,
        finished=datetime.now(timezone.utc),
        pipeline_version=pipeline_version(),
        parameters={"raw": raw, "out": out, "batch_size": batch_size, "force": force},
        totals=summarize(outcomes),
        inputs=sorted(outcomes, key=lambda o: o.path),
    )
    write_atomic(Path(out) / RUNS / f"{manifest.run_id}.json", manifest.model_dump_json(indent=2) + "\n")
    artifacts.publish_summary(manifest)
    return manifest
