"""The local Prefect server that later commands find by themselves (issue 16): a command
with no PREFECT_API_URL uses the server recorded in its PREFECT_HOME when it answers, and
the temporary server (with a hint) when none does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from flows.run import local_server
from tests.conftest import raw_folder

BIN = Path(sys.executable).parent


def test_a_command_finds_the_recorded_server_by_itself(prefect_server_env, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    api_url = prefect_server_env["PREFECT_API_URL"]
    (home / local_server.STATE_FILE).write_text(json.dumps({"api_url": api_url, "pid": 0}))
    env = {k: v for k, v in prefect_server_env.items() if k != "PREFECT_API_URL"} | {"PREFECT_HOME": str(home)}
    raw, out = raw_folder(tmp_path / "raw"), tmp_path / "out"
    done = subprocess.run([BIN / "healthclean", "clean", str(raw), "--out", str(out)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"using {api_url}" in done.stderr and "temporary" not in done.stderr
    url = subprocess.run([BIN / "healthclean", "server", "url"], env=env, capture_output=True, text=True)
    assert url.returncode == 0 and url.stdout.strip() == api_url


def test_a_recorded_server_that_does_not_answer_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    (tmp_path / local_server.STATE_FILE).write_text(json.dumps({"api_url": f"http://127.0.0.1:{local_server.free_port(0)}/api"}))
    assert local_server.running_api_url() is None
    status = subprocess.run([BIN / "healthclean", "server", "status"], env={**os.environ, "PREFECT_HOME": str(tmp_path)},
                            capture_output=True, text=True)
    assert status.returncode == 1 and "No local Prefect server" in status.stderr
    assert local_server.stop() is not None and not (tmp_path / local_server.STATE_FILE).exists(), "a stale record is forgotten"
