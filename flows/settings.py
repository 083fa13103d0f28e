"""Prefect settings for a quiet, offline, embedded run. Applied before Prefect is imported."""

from __future__ import annotations

import os

# A batch is what one worker cleans at once and the scope of site-template detection,
# against ~30 ms of cleaning per page. 100 pages give each worker many batches (1,000 pages in
# batches of 200 kept one of two workers idle for the last round).
DEFAULT_BATCH_SIZE = 100
# A chunk is one Prefect task: ~10-20 ms of task engine and API calls in the flow's process
# (~200 ms on Dask), and where unchanged pages are found. 1,000 pages make that ~0.02 ms a
# page, so a no-change replay is not all task overhead; one flow run should stay under
# ~3,000 tasks (the temporary server drops events beyond), i.e. 3 million pages.
DEFAULT_CHUNK_SIZE = 1000

# Each can be overridden by setting it in the environment first.
EMBEDDED_PREFECT_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The temporary server takes 12-17 s to start here; the default 20 s is too tight on a busy machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # The CLI prints its own summary; Prefect's INFO lines would bury it.
    "PREFECT_LOGGING_LEVEL": "WARNING",
}


def configure_prefect_env() -> None:
    """Set the defaults above unless the user set them. Call before importing prefect."""
    for name, value in EMBEDDED_PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


def uses_embedded_server() -> bool:
    return not os.environ.get("PREFECT_API_URL")
