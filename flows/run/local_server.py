"""A local Prefect server that later commands find by themselves.

Without PREFECT_API_URL every command starts Prefect's temporary server (12-17 s) and
stops it at the end. `healthclean server start` starts one `prefect server start` on
127.0.0.1 in a session of its own (a Ctrl-C in the terminal that started it does not stop
it), records it in PREFECT_HOME/healthclean-server.json, and every later command that
finds it healthy there uses it: a rerun then waits seconds. `healthclean server stop`
ends it. No Prefect import here: the CLI reads this before it imports Prefect.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

STATE_FILE = "healthclean-server.json"
DEFAULT_PORT = 4200
# Quiet and offline: no telemetry (it fails without the network and logs an error).
SERVER_ENV = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME", "~/.prefect")).expanduser()


def healthy(api_url: str, *, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError):
        return False


def recorded() -> dict | None:
    """The server `healthclean server start` recorded in this PREFECT_HOME, if any."""
    try:
        state = json.loads((prefect_home() / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and isinstance(state.get("api_url"), str) else None


def running_api_url() -> str | None:
    """The recorded server's API URL if it answers now (a few ms on 127.0.0.1)."""
    state = recorded()
    return state["api_url"] if state and healthy(state["api_url"], timeout=1.0) else None


def free_port(preferred: int = 0) -> int:
    """`preferred` if nothing listens there, else a port the system picks (0: any)."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
        except OSError:
            probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(*, port: int | None = None, startup_seconds: float = 120.0) -> dict:
    """Start the server (or find the one running) and return its record: api_url, pid, log."""
    if (state := recorded()) and healthy(state["api_url"]):
        return state
    home, port = prefect_home(), free_port(DEFAULT_PORT if port is None else port)
    home.mkdir(parents=True, exist_ok=True)
    api_url, log = f"http://127.0.0.1:{port}/api", home / "healthclean-server.log"
    env = {**os.environ, **SERVER_ENV, "PREFECT_HOME": str(home), "PREFECT_UI_API_URL": api_url}
    env.pop("PREFECT_API_URL", None)
    command = [str(Path(sys.executable).parent / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    with open(log, "ab") as output:
        server = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    deadline = time.monotonic() + startup_seconds
    while not healthy(api_url, timeout=1.0):
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError(f"The Prefect server did not start; see {log}.")
        time.sleep(0.2)
    state = {"api_url": api_url, "ui_url": api_url.removesuffix("/api"), "pid": server.pid, "log": str(log)}
    (home / STATE_FILE).write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    return state


def stop(*, wait_seconds: float = 30.0) -> dict | None:
    """Stop the recorded server (SIGTERM, then SIGKILL) and forget it; its record, if any."""
    state = recorded()
    (prefect_home() / STATE_FILE).unlink(missing_ok=True)
    if state is None or not _is_prefect_server(state.get("pid")):
        return state
    os.killpg(state["pid"], signal.SIGTERM)  # its own session: the server and its children
    deadline = time.monotonic() + wait_seconds
    while _is_prefect_server(state["pid"]) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _is_prefect_server(state["pid"]):
        os.killpg(state["pid"], signal.SIGKILL)
    return state


def _is_prefect_server(pid) -> bool:
    """True if `pid` is a live `prefect server start` (a recorded pid may be reused)."""
    try:
        command = Path(f"/proc/{int(pid)}/cmdline").read_bytes().split(b"\0")
        status = Path(f"/proc/{int(pid)}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, ValueError, TypeError, IndexError):
        return False
    return status != "Z" and b"server" in command and any(part.endswith(b"prefect") for part in command)
