"""Prefect settings for a quiet, offline, embedded run. Applied before Prefect is imported."""

from __future__ import annotations

import os

# A batch is one Prefect task: ~10 ms of overhead in a thread, ~200 ms in a process or on
# Dask, against ~25 ms of cleaning per page; 200 pages make it noise and still give every
# worker several batches to share.
DEFAULT_BATCH_SIZE = 200

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
