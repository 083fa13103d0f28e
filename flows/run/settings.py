"""Prefect settings for a quiet, offline, embedded run. Applied before Prefect is imported."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator

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
    # The CLI prints its own summary and progress: Prefect's INFO lines would bury them on the
    # terminal, but they belong in the run's logs in the UI (progress lines among them).
    "PREFECT_LOGGING_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    # A local Dask cluster logs ~30 INFO lines and its shutdown warnings ("Worker process
    # still alive after 4.0 seconds, killing"): only its errors, as the other paths.
    "DASK_LOGGING__DISTRIBUTED": "error",
}


def configure_prefect_env() -> None:
    """Set the defaults above unless the user set them, and point at the local server that
    `healthclean server start` left running, if any (flows.run.local_server) and no
    PREFECT_API_URL is set. Call before importing prefect."""
    for name, value in EMBEDDED_PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
    if not os.environ.get("PREFECT_API_URL"):
        from flows.run.local_server import running_api_url

        if url := running_api_url():
            os.environ["PREFECT_API_URL"] = url


# Prefect's names for the flow-run heartbeat interval (the second is its legacy alias).
HEARTBEAT_SETTINGS = ("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY")


@contextlib.contextmanager
def direct_run() -> Iterator[None]:
    """Prefect settings for flows called in this process (the CLI, a script, the benchmark)
    rather than started by a deployment's worker: no flow-run heartbeats, unless one of
    HEARTBEAT_SETTINGS is set in the environment or the Prefect profile.

    Heartbeats let an automation mark a deployment run whose machine died as crashed; a
    direct run's caller sees its own process die. Prefect's heartbeat thread sleeps in
    1 s steps and is joined at the end of the run: up to 1 s more for every run, which
    was 0.97 s of a 1.1 s empty flow run and most of a 1,000-page replay.
    """
    from prefect.context import get_settings_context
    from prefect.settings import temporary_settings

    profile = {setting.name for setting in get_settings_context().profile.settings}
    if any(name in os.environ or name in profile for name in HEARTBEAT_SETTINGS):
        yield
        return
    with temporary_settings(updates={"flows.heartbeat_frequency": None}):
        yield


def uses_embedded_server() -> bool:
    return not os.environ.get("PREFECT_API_URL")


def detach_temporary_server() -> None:
    """Start Prefect's temporary server in a session of its own. Ctrl-C in a terminal sends
    SIGINT to every process of the foreground group: the server died with it and the run,
    which must still report its end, retried the dead server for 100 s. Detached, the
    server outlives the Ctrl-C and is stopped when the command exits (Prefect's atexit)."""
    import subprocess

    from prefect.server.api import server

    start = server.SubprocessASGIServer._run_uvicorn_command
    if getattr(start, "detached", False):
        return

    def start_detached(self):
        popen = subprocess.Popen
        subprocess.Popen = functools.partial(popen, start_new_session=True)  # only for this one call
        try:
            return start(self)
        finally:
            subprocess.Popen = popen

    start_detached.detached = True
    server.SubprocessASGIServer._run_uvicorn_command = start_detached
