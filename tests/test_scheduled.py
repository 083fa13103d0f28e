"""The scheduled path against the session's real `prefect server start` on 127.0.0.1: the
server's scheduler creates the runs of a served deployment, which clean into OUT (nothing is
triggered by hand), and prefect.yaml deploys its schedules."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import httpx
import psutil

from bench.prefect_server import wait_until
from tests.conftest import REPO, raw_folder

BIN = Path(sys.executable).parent
INTERVAL = 5  # seconds between two scheduled runs: the first is due within 5 s


def post(url: str, body: dict | None = None):
    request = urllib.request.Request(url, data=json.dumps(body or {}).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response) if response.status == 200 else None


def flow_runs(api: str, deployment: str, *states: str) -> list[dict]:
    """The deployment's flow runs (in these state types, if any given), in the order they started."""
    query = {"deployments": {"name": {"any_": [deployment]}}, "sort": "START_TIME_ASC"}
    if states:
        query["flow_runs"] = {"state": {"type": {"any_": list(states)}}}
    return post(f"{api}/flow_runs/filter", query)


def runs_in_progress(serve: subprocess.Popen) -> int:
    """The flow-run processes the served process has started and not yet reaped. Stopping it
    while one lives cancels that run, even one already Completed (Prefect 3.9's runner)."""
    count = 0
    for child in psutil.Process(serve.pid).children():
        with contextlib.suppress(psutil.NoSuchProcess):
            if child.status() == psutil.STATUS_ZOMBIE or "resource_tracker" not in " ".join(child.cmdline()):
                count += 1
    return count


def test_the_scheduler_runs_a_served_deployment(prefect_server_env, tmp_path):
    """Nothing is triggered by hand: the server's scheduler creates the runs of a deployment
    served every few seconds, and the served process cleans RAW into OUT. Issue 16: prefect
    3.8.8 on SQLAlchemy 2.1 failed every scheduler loop (a Traceback in the server's log) and
    created no run, while a run triggered by hand worked."""
    raw, out = raw_folder(tmp_path / "raw"), tmp_path / "out"
    server_log = Path(prefect_server_env["PREFECT_HOME"]) / "server.log"
    logged_before = server_log.stat().st_size
    api = prefect_server_env["PREFECT_API_URL"]
    env = {**prefect_server_env, "PREFECT_RUNNER_POLL_FREQUENCY": "1"}  # the served process looks every 1 s, not 10 s
    serve = subprocess.Popen([BIN / "healthclean", "serve", str(raw), "--out", str(out), "--interval", str(INTERVAL),
                              "--name", "test-schedule"], env=env)
    logged = lambda: server_log.read_bytes()[logged_before:].decode("utf-8", "replace")
    try:
        wait_until(lambda: serve.poll() is not None or "Traceback" in logged()
                   or flow_runs(api, "test-schedule", "COMPLETED"), 90)
        assert "Traceback" not in logged(), logged()[max(0, logged().index("Traceback") - 200):][:3000]
        assert serve.poll() is None, f"healthclean serve exited with {serve.returncode}"
        scheduled = flow_runs(api, "test-schedule")
        # No next run: pausing deletes the runs to come; the one that ends is left to exit.
        post(f"{api}/deployments/{scheduled[0]['deployment_id']}/pause_deployment")
        wait_until(lambda: not runs_in_progress(serve), 60)
        completed = flow_runs(api, "test-schedule", "COMPLETED")
    finally:
        serve.terminate()
        serve.wait(30)
    assert "Traceback" not in logged(), logged()[max(0, logged().index("Traceback") - 200):][:3000]
    assert len(scheduled) > len(completed), "the scheduler plans the runs to come too"
    assert all("auto-scheduled" in run["tags"] for run in scheduled)  # the scheduler made them, not a person
    assert len(list((out / "articles").glob("*.json"))) == 2
    outcomes = [json.loads((out / "runs" / f"{run['id']}.json").read_text(encoding="utf-8"))["totals"]["outcomes"]
                for run in completed]
    assert outcomes[0] == {"written": 2} and outcomes[1:] == [{"unchanged": 2}] * (len(completed) - 1)


def test_prefect_yaml_deploys_the_nightly_schedule(prefect_server_env):
    env = {**prefect_server_env, "HEALTHCLEAN_REPO": str(REPO), "HEALTHCLEAN_DASK_ADDRESS": "tcp://10.0.0.5:8786"}
    run = lambda *args: subprocess.run([BIN / "prefect", *args], env=env, cwd=REPO, capture_output=True, text=True)
    assert run("work-pool", "create", "healthclean-local", "--type", "process").returncode == 0
    deployed = run("--no-prompt", "deploy", "--all")
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    # One API query for what three `prefect deployment inspect` processes said (~2 s each).
    found = httpx.post(f"{env['PREFECT_API_URL']}/deployments/filter", json={}, timeout=30).json()
    deployments = {d["name"]: d for d in found}
    crons = {name: [s["schedule"].get("cron") for s in d["schedules"]] for name, d in deployments.items()}
    assert crons["clean-raw-nightly"] == ["0 3 * * *"] and crons["scrape-and-clean-daily"] == ["0 1 * * *"]
    assert deployments["clean-raw-dask"]["parameters"]["dask_address"] == "tcp://10.0.0.5:8786"
    assert deployments["scrape-and-clean-daily"]["parameters"]["urls_file"] == "urls.txt"
    assert deployments["clean-raw-nightly"]["entrypoint"] == "flows/run/clean_articles.py:clean_articles"
