"""A real `prefect server start` on 127.0.0.1, for the benchmark and the tests that need one
(Dask workers and schedules cannot use the temporary in-process server)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from flows.run.local_server import free_port, healthy  # one way to find a port and ask a server

BIN = Path(sys.executable).parent


def wait_until(check, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise TimeoutError(f"not ready after {seconds} s")


@contextlib.contextmanager
def local_prefect_server(home: Path, *, startup_seconds: float = 120,
                         server_env: Mapping[str, str] | None = None) -> Iterator[dict[str, str]]:
    """Start a server with its state in `home`; yield the environment that points at it.

    server_env: settings for the server process alone, e.g. a short scheduler loop
    (PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS). Its output goes to `home`/server.log,
    unbuffered, so it can be read while the server runs."""
    home.mkdir(parents=True, exist_ok=True)
    api = f"http://127.0.0.1:{free_port()}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": api, "DO_NOT_TRACK": "1",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false",
           "PREFECT_LOGGING_LEVEL": "WARNING"}
    port = api.rsplit(":", 1)[1].split("/")[0]
    with open(home / "server.log", "w") as log:
        server = subprocess.Popen([BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", port],
                                  env={**env, "PYTHONUNBUFFERED": "1", **(server_env or {})},
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until(lambda: healthy(api), startup_seconds)
            yield env
        finally:
            server.terminate()
            server.wait(30)
