"""Where the batches of a run execute: this process, worker processes here, or a Dask cluster.

Cleaning is CPU-bound Python, so threads share one core (the GIL): more than one core means
processes. On one machine the chunk tasks stay cheap Prefect tasks in threads (~10 ms each)
and hand their batches of pages to worker processes forked from a preloaded server: no Prefect import,
client or task engine per process (Prefect's ProcessPoolTaskRunner costs ~200 ms per task and
a fresh interpreter per worker), and no Prefect thread beside the cleaning to share its GIL.
On Dask, tasks run in the Dask workers themselves.
Every choice gives the same bytes: a batch's output depends only on its pages.
"""

from __future__ import annotations

import logging

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from flows.run.batch import reject_crashed
from flows.run.fork_server import start_fork_server
from flows.run.settings import uses_embedded_server
from flows.run.workers import WorkerPool

DASK_NEEDS_SERVER = (
    "Dask runs need a real Prefect server: with the temporary one, every Dask worker would start "
    "a server of its own. Start one (`prefect server start`, or `make server`) and set "
    "PREFECT_API_URL (e.g. http://127.0.0.1:4200/api) here and in the Dask workers' environment."
)
# An existing cluster's size is not known up front: enough chunks for 128 Dask workers.
DASK_ADDRESS_CHUNKS_IN_FLIGHT = 256


class RunnerError(ValueError):
    """The requested way of running cannot work; the message says what to do instead."""


@dataclass(frozen=True)
class Execution:
    """How one run executes: the Prefect task runner, and worker processes on this machine
    (0: none, each batch runs in its task's thread)."""

    task_runner: TaskRunner
    processes: int
    # Chunks submitted and not yet gathered: enough that no runner thread or Dask worker
    # waits for the next, few enough that a run of a million pages holds a few futures.
    chunks_in_flight: int
    remote: bool = False  # tasks run in other processes (Dask): they cannot call back into this one


def plan_execution(
    *,
    processes: int | None = None,
    dask_address: str | None = None,
    dask_workers: int | None = None,
    process_local_storage: bool = False,
) -> Execution:
    """Check the options of a run and say how it executes.

    processes: worker processes on this machine (default: one per core); 0 runs the batches
        in the flow's own process, one at a time.
    dask_address: an existing Dask scheduler (`tcp://host:8786`) to run the batches on.
    dask_workers: start a local Dask cluster (`distributed.LocalCluster`) with this many
        single-threaded worker processes, bound to 127.0.0.1.
    process_local_storage: the raw or output zone lives in this process only (`memory://`),
        so no other process may touch it.
    """
    if dask_address or dask_workers:
        runner = _dask_runner(dask_address, dask_workers, process_local_storage)
        return Execution(runner, 0, 2 * dask_workers if dask_workers else DASK_ADDRESS_CHUNKS_IN_FLIGHT, remote=True)
    count = processes if processes is not None else (0 if process_local_storage else os.cpu_count() or 1)
    if count < 0:
        raise RunnerError(f"processes must be 0 (this process) or more, got {count}.")
    if count and process_local_storage:
        raise RunnerError("memory:// storage lives in this process only: run it with processes=0.")
    # One task thread more than workers: a chunk's reading and hashing (which release the
    # GIL) overlap the others' cleaning, so a worker never waits for its next batch.
    threads = count + 1 if count else 1
    return Execution(ThreadPoolTaskRunner(max_workers=threads), count, 2 * threads)


@contextlib.contextmanager
def worker_processes(count: int) -> Iterator[WorkerPool | None]:
    """`count` worker processes for the duration of a flow run (None if count is 0), forked
    from the process's fork server (flows.run.fork_server) as batches need them; a worker
    that dies costs at most its batch (flows.run.workers). The run hands the pool's `submit`
    to its chunk tasks. Leaving the block early (an exception, a second stop signal) kills them."""
    if count == 0:
        yield None
        return
    pool = WorkerPool(count, start_fork_server(), crashed=reject_crashed)
    finished = False
    try:
        yield pool
        finished = True
    finally:
        pool.close(kill=not finished)


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
    # silence_logs: the cluster's own chatter is not the user's business on a local run: an
    # "Event loop was unresponsive" warning when the machine is busy, a worker's "Failed to
    # communicate with scheduler during heartbeat" error when the scheduler closes first at
    # the end of a run. A task's failure still reaches the flow (and its record) through Prefect.
    cluster = {"n_workers": workers, "threads_per_worker": 1, "processes": True, "host": "127.0.0.1",
               "dashboard_address": None, "silence_logs": logging.CRITICAL}
    return DaskTaskRunner(cluster_kwargs=cluster)
