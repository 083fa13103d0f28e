"""The server the flow's worker processes fork from: one per process, started once.

It imports `flows.worker_start` (the cleaning code and its data, ~1 s). Starting it does not
wait for that, so a caller that starts it before its own slow start-up (the CLI, before it
imports Prefect or starts the temporary server) has warm workers the moment a run needs them.
No Prefect here: importing this module must stay cheap.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
from multiprocessing.context import BaseContext

WORKER_PRELOAD = "flows.worker_start"


def start_fork_server() -> BaseContext:
    """Start the fork server unless it runs; the multiprocessing context to fork workers with.
    The preload applies to the first start in a process."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([WORKER_PRELOAD])
    multiprocessing.forkserver.ensure_running()
    return context
