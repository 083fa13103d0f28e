"""The server the flow's worker processes fork from: one per process, started once.

It imports `flows.run.worker_start` (the cleaning code and its data, ~1 s). Starting it does not
wait for that, so a caller that starts it before its own slow start-up (the CLI, before it
imports Prefect or starts the temporary server) has warm workers the moment a run needs them.
No Prefect here: importing this module must stay cheap.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
from multiprocessing.context import BaseContext

WORKER_PRELOAD = "flows.run.worker_start"


def start_fork_server() -> BaseContext:
    """Start the fork server unless it runs; the multiprocessing context to fork workers with.
    The preload applies to the first start in a process."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([WORKER_PRELOAD])
    multiprocessing.forkserver.ensure_running()
    return context


def prepare_worker(run_pid: int) -> None:
    """First thing in each worker process: ignore Ctrl-C (a terminal sends SIGINT to every
    process of its group; the run decides what it means and stops its workers itself), and
    end the moment the run's process `run_pid` is gone, even by SIGKILL: a worker must not
    write on after its run. (Its parent is the fork server, which outlives the run while
    workers hold its pipe, so the kernel's parent-death signal would not do.)"""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(run_pid,), name="healthclean-run-watch", daemon=True).start()


def _exit_with(pid: int) -> None:
    import os
    import select
    import time

    try:
        watched = os.pidfd_open(pid)  # Linux 5.3+: readable once the process has ended
    except (AttributeError, OSError):
        watched = None
    if watched is not None:
        select.select([watched], [], [])
    else:  # elsewhere: look once a second
        while _alive(pid):
            time.sleep(1.0)
    os._exit(1)  # what it was writing is a temporary file, removed by the next run


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
