"""Where the batches of a run execute: this process, a pool of processes, or a Dask cluster.

Cleaning is CPU-bound Python, so threads share one core (the GIL): more than one core
means processes. Every choice gives the same bytes, since a batch's output depends only on
its pages (batches are cut from the sorted inputs the same way whatever runs them).
"""

from __future__ import annotations

import os

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from flows.settings import uses_embedded_server

DASK_NEEDS_SERVER = (
    "Dask runs need a real Prefect server: with the temporary one, every Dask worker would start "
    "a server of its own. Start one (`prefect server start`, or `make server`) and set "
    "PREFECT_API_URL (e.g. http://127.0.0.1:4200/api) here and in the Dask workers' environment."
)


class RunnerError(ValueError):
    """The requested way of running cannot work; the message says what to do instead."""


def task_runner_for(
    *,
    processes: int | None = None,
    dask_address: str | None = None,
    dask_workers: int | None = None,
    process_local_storage: bool = False,
) -> TaskRunner:
    """The task runner for one run of the clean flow.

    processes: worker processes on this machine (default: one per core); 1 runs the batches
        in this process, one at a time.
    dask_address: an existing Dask scheduler (`tcp://host:8786`) to run the batches on.
    dask_workers: start a local Dask cluster (`distributed.LocalCluster`) with this many
        single-threaded worker processes, bound to 127.0.0.1.
    process_local_storage: the raw or output zone lives in this process only (`memory://`),
        so no other process may touch it.
    """
    if dask_address or dask_workers:
        return _dask_runner(dask_address, dask_workers, process_local_storage)
    count = processes if processes is not None else (1 if process_local_storage else os.cpu_count() or 1)
    if count < 1:
        raise RunnerError(f"processes must be at least 1, got {count}.")
    if count > 1 and process_local_storage:
        raise RunnerError("memory:// storage lives in this process only: run it with processes=1.")
    return ThreadPoolTaskRunner(max_workers=1) if count == 1 else ProcessPoolTaskRunner(max_workers=count)


def _dask_runner(address: str | None, workers: int | None, process_local_storage: bool) -> TaskRunner:
    if address and workers:
        raise RunnerError("Give a Dask scheduler address or a number of local Dask workers, not both.")
    if workers is not None and workers < 1:
        raise RunnerError(f"dask_workers must be at least 1, got {workers}.")
    if process_local_storage:
        raise RunnerError("memory:// storage lives in this process only; Dask workers cannot see it.")
    if uses_embedded_server():
        raise RunnerError(DASK_NEEDS_SERVER)
    from prefect_dask import DaskTaskRunner  # imports distributed: only when asked for

    if address:
        return DaskTaskRunner(address=address)
    # One thread per worker: the work is CPU-bound Python, threads would share the GIL.
    cluster = {"n_workers": workers, "threads_per_worker": 1, "processes": True, "host": "127.0.0.1", "dashboard_address": None}
    return DaskTaskRunner(cluster_kwargs=cluster)
