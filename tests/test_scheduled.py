"""The scheduled path against a real `prefect server start` on 127.0.0.1: serve a deployment,
trigger a run, and find its articles and manifest. Starts and stops its own server (~25 s)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import raw_folder

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise TimeoutError(f"not ready after {seconds} s")


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def server_env(tmp_path_factory):
    port, home = free_port(), tmp_path_factory.mktemp("prefect-server-home")
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": api, "DO_NOT_TRACK": "1",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false"}
    log = open(home / "server.log", "w")
    server = subprocess.Popen([BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: healthy(api), 120)
        yield env
    finally:
        server.terminate()
        server.wait(30)
        log.close()


def test_serve_then_trigger_a_run(server_env, tmp_path):
    raw, out = raw_folder(tmp_path / "raw"), tmp_path / "out"
    serve = subprocess.Popen([BIN / "healthclean", "serve", str(raw), "--out", str(out), "--cron", "0 0 1 1 *",
                              "--name", "test-serve"], env=server_env)
    try:
        command = [BIN / "prefect", "deployment", "run", "clean-articles/test-serve", "--watch"]
        wait_until(lambda: subprocess.run(command, env=server_env, capture_output=True).returncode == 0, 120)
    finally:
        serve.terminate()
        serve.wait(30)
    assert len(list((out / "articles").glob("*.json"))) == 2
    [manifest] = (out / "runs").glob("*.json")
    assert '"written": 2' in manifest.read_text(encoding="utf-8")


def test_prefect_yaml_deploys_the_nightly_schedule(server_env):
    from tests.conftest import REPO

    env = {**server_env, "HEALTHCLEAN_REPO": str(REPO)}
    run = lambda *args: subprocess.run([BIN / "prefect", *args], env=env, cwd=REPO, capture_output=True, text=True)
    assert run("work-pool", "create", "healthclean-local", "--type", "process").returncode == 0
    deployed = run("--no-prompt", "deploy", "--all")
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    shown = run("deployment", "inspect", "clean-articles/clean-raw-nightly")
    assert shown.returncode == 0 and "0 3 * * *" in shown.stdout
