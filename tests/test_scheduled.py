"""The scheduled path against a real `prefect server start` on 127.0.0.1: serve a deployment,
trigger a run, and find its articles and manifest. Starts and stops its own server (~25 s)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.prefect_server import wait_until
from tests.conftest import REPO, raw_folder

BIN = Path(sys.executable).parent


def test_serve_then_trigger_a_run(prefect_server_env, tmp_path):
    raw, out = raw_folder(tmp_path / "raw"), tmp_path / "out"
    serve = subprocess.Popen([BIN / "healthclean", "serve", str(raw), "--out", str(out), "--cron", "0 0 1 1 *",
                              "--name", "test-serve"], env=prefect_server_env)
    try:
        command = [BIN / "prefect", "deployment", "run", "clean-articles/test-serve", "--watch"]
        wait_until(lambda: subprocess.run(command, env=prefect_server_env, capture_output=True).returncode == 0, 120)
    finally:
        serve.terminate()
        serve.wait(30)
    assert len(list((out / "articles").glob("*.json"))) == 2
    [manifest] = (out / "runs").glob("*.json")
    assert '"written": 2' in manifest.read_text(encoding="utf-8")


def test_prefect_yaml_deploys_the_nightly_schedule(prefect_server_env):
    env = {**prefect_server_env, "HEALTHCLEAN_REPO": str(REPO), "HEALTHCLEAN_DASK_ADDRESS": "tcp://10.0.0.5:8786"}
    run = lambda *args: subprocess.run([BIN / "prefect", *args], env=env, cwd=REPO, capture_output=True, text=True)
    assert run("work-pool", "create", "healthclean-local", "--type", "process").returncode == 0
    deployed = run("--no-prompt", "deploy", "--all")
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    shown = run("deployment", "inspect", "clean-articles/clean-raw-nightly")
    assert shown.returncode == 0 and "0 3 * * *" in shown.stdout
    dask = run("deployment", "inspect", "clean-articles/clean-raw-dask")
    assert dask.returncode == 0 and "tcp://10.0.0.5:8786" in dask.stdout
    scraping = run("deployment", "inspect", "scrape-and-clean/scrape-and-clean-daily")
    assert scraping.returncode == 0 and "0 1 * * *" in scraping.stdout and "urls.txt" in scraping.stdout
