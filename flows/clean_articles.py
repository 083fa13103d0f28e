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
from flows import progress
from flows.batch import RUNS, clean_inputs
from flows.manifest import InputOutcome, RunManifest, summarize
from flows.storage import list_raw_inputs, write_atomic

DEFAULT_BATCH_SIZE = 200  # a task costs ~10 ms here: 200 pages make that noise


@task(name="clean-batch")
def clean_batch(raw: str, out: str, paths: list[str], force: bool = False) -> list[InputOutcome]:
    return clean_inputs(Path(raw), Path(out), paths, force=force)


@flow(name="clean-articles")
def clean_articles(
    raw: str = "raw", out: str = "clean", batch_size: int = DEFAULT_BATCH_SIZE, force: bool = False
) -> RunManifest:
    """Clean every file below `raw` into `out`/articles, `out`/rejected and `out`/runs.

    Pages whose record for this pipeline version exists are `unchanged`; `force` cleans all.
    """
    started = datetime.now(timezone.utc)
    load_language_profiles()  # before task threads start: langdetect's loading is not thread-safe
    load_lexicon()
    paths = list_raw_inputs(Path(raw))
    batches = [paths[i : i + batch_size] for i in range(0, len(paths), batch_size)]
    futures = [clean_batch.submit(raw, out, batch, force) for batch in batches]
    outcomes = []
    for future in as_completed(futures):
        done = future.result()
        outcomes.extend(done)
        progress.report(len(done))
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
    return manifest
