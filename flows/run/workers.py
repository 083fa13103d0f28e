"""The run's worker processes, where a worker that dies costs at most the batch it held.

A worker can die under any page: the kernel's OOM killer, a segfault in a C extension, a
`kill -9`. A single ProcessPoolExecutor breaks whole when one of its processes dies (every
batch in flight fails with it), so each worker is an executor of one process, driven by a
thread of its own that takes the next batch from a shared queue. When its process dies,
that thread starts a new one and cleans the batch again; if the batch kills that one too,
it cleans the batch's pages one at a time, each in a fresh process, and a page that kills
its worker even alone becomes a `worker_crashed` rejection (flows.run.batch.reject_crashed).

Workers fork from the fork server (flows.run.fork_server), ignore SIGINT (the run decides what
a Ctrl-C means) and end with the process that runs them, so no worker writes on after its
run has gone.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext

from flows.run.fork_server import prepare_worker

Batch = Callable[[str, str, list[str]], list]  # (raw, out, paths) -> one outcome a path, in order
Crashed = Callable[[str, str, str], object]  # (raw, out, path) -> the outcome of a page that kills


class WorkersStopped(Exception):
    """The run stopped its workers (an interrupted run) before this batch was done."""


class WorkerPool:
    """`count` worker processes; submit(batch, raw, out, paths) returns a Future of its outcomes."""

    def __init__(self, count: int, context: BaseContext, crashed: Crashed) -> None:
        self._context, self._crashed = context, crashed
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._live: set[ProcessPoolExecutor] = set()
        self._lock, self._stopped, self._closed = threading.Lock(), threading.Event(), False
        self._threads = [threading.Thread(target=self._serve, name=f"healthclean-worker-{n}", daemon=True) for n in range(count)]
        for thread in self._threads:
            thread.start()

    def submit(self, batch: Batch, raw: str, out: str, paths: list[str]) -> Future:
        future: Future = Future()
        if self._stopped.is_set():
            future.set_exception(WorkersStopped("the run's workers were stopped"))
        else:
            self._jobs.put((future, batch, (raw, out, paths)))
        return future

    def close(self, *, kill: bool = False) -> None:
        """End the workers: after their current batch, or at once (`kill`: an interrupted
        run; the batches they held and those still queued fail with WorkersStopped)."""
        if self._closed:
            return
        self._closed = True
        if kill:
            self._stopped.set()
            with self._lock:
                for executor in list(self._live):
                    for process in list((getattr(executor, "_processes", None) or {}).values()):  # no public kill before 3.14
                        process.kill()
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()

    def _serve(self) -> None:
        slot: list[ProcessPoolExecutor | None] = [None]  # this thread's worker, made as needed
        while (job := self._jobs.get()) is not None:
            future, batch, args = job
            try:
                if self._stopped.is_set():
                    raise WorkersStopped("the run's workers were stopped")
                future.set_result(self._run_batch(slot, batch, *args))
            except BaseException as error:  # noqa: BLE001 - the batch's caller decides
                future.set_exception(error)
        self._retire(slot)

    def _run_batch(self, slot: list, batch: Batch, raw: str, out: str, paths: list[str]) -> list:
        for _ in range(2):  # a dead worker's batch is tried once more in a new process
            try:
                return self._worker(slot).submit(batch, raw, out, paths).result()
            except BrokenProcessPool:
                self._retire(slot, died=True)
        outcomes = []  # the batch killed two workers: find the page that kills, alone
        for path in paths:
            try:
                outcomes += self._worker(slot).submit(batch, raw, out, [path]).result()
            except BrokenProcessPool:
                self._retire(slot, died=True)
                outcomes.append(self._crashed(raw, out, path))
        return outcomes

    def _worker(self, slot: list) -> ProcessPoolExecutor:
        if slot[0] is None:
            slot[0] = self._new_executor()
        return slot[0]

    def _new_executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._stopped.is_set():
                raise WorkersStopped("the run's workers were stopped")
            executor = ProcessPoolExecutor(max_workers=1, mp_context=self._context, initializer=prepare_worker,
                                           initargs=(os.getpid(),))
            self._live.add(executor)
            return executor

    def _retire(self, slot: list, *, died: bool = False) -> None:
        """Shut the slot's executor down. A worker that died because the run stopped it
        means the batch is not done."""
        executor, slot[0] = slot[0], None
        if executor is not None:
            with self._lock:
                self._live.discard(executor)
            executor.shutdown(wait=True)
        if died and self._stopped.is_set():
            raise WorkersStopped("the run's workers were stopped")
