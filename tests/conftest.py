"""Shared test setup: quiet offline Prefect, the sample pages, the session's Prefect harness."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Before anything imports Prefect: no telemetry, no writes to ~/.prefect.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="healthclean-prefect-"))
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

# Property tests: a short, derandomized run in CI; `make fuzz` runs the 10,000-example campaign.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "raw"
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLES = ("sv_muskelspasmer.txt", "nl_spierkrampen.txt")


# The session server's scheduler looks for due runs every 2 s (default 60 s) and at new
# deployments every 1 s (default 5 s), so a schedule a few seconds apart fires in a test.
SCHEDULER_ENV = {"PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
                 "PREFECT_SERVER_SERVICES_SCHEDULER_RECENT_DEPLOYMENTS_LOOP_SECONDS": "1"}


@pytest.fixture(scope="session")
def prefect_server_env(tmp_path_factory):
    """The session's one Prefect server, a real `prefect server start` on 127.0.0.1 (~12 s
    to start): the environment to run commands against it with (schedules, Dask, the CLI).
    Its log is <PREFECT_HOME>/server.log."""
    from bench.prefect_server import local_prefect_server

    with local_prefect_server(tmp_path_factory.mktemp("prefect-server-home"), server_env=SCHEDULER_ENV) as env:
        yield env


@pytest.fixture(scope="session")
def prefect_harness(prefect_server_env):
    """Flows called in the test process run against the session's server too (one server
    start per session, not two), as the CLI calls them (no heartbeats)."""
    import prefect.context
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.run.settings import direct_run

    with temporary_settings(updates={PREFECT_API_URL: prefect_server_env["PREFECT_API_URL"]}), direct_run():
        # Also the process-global settings, as prefect_test_harness does: flows that tests
        # start in threads of their own see no settings context of this thread's.
        with prefect.context._temporary_global_settings_context(prefect.context.get_settings_context()):
            yield
        _drain_prefect_workers()  # before the server stops: logs and events sent, not refused


def _drain_prefect_workers() -> None:
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        worker.drain_all(timeout=10)


def golden(relative: str) -> str:
    """A golden file's text with the pipeline version of today's code: goldens pin what a page
    becomes, while the version changes with every commit (it hashes the code)."""
    import re

    from extractors.version import pipeline_version

    text = (GOLDEN / relative).read_text(encoding="utf-8")
    return re.sub(r'"version": "[^"]*"', f'"version": "{pipeline_version()}"', text)


def raw_folder(folder: Path, names=SAMPLES) -> Path:
    """A fresh raw zone holding copies of the named pages of raw/."""
    import shutil

    folder.mkdir()
    for name in names:
        shutil.copy(RAW / name, folder / name)
    return folder


def need_corpus(folder: Path, name: str) -> None:
    """A quality gate's corpus in ../shared: CI must have it (fail loudly), a laptop may not
    (skip the module)."""
    if folder.is_dir():
        return
    if os.environ.get("CI"):
        raise RuntimeError(f"CI needs the {name} corpus at {folder}")
    pytest.skip(f"no {name} corpus at {folder}", allow_module_level=True)
