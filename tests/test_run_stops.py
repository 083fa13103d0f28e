"""A clean run under real faults in its processes (issue 15), each through the released CLI
in a subprocess: a worker killed mid-run, SIGTERM, Ctrl-C to the terminal's process group,
SIGKILL of the CLI alone, and a page that kills every worker that cleans it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from flows.run.batch import clean_and_write, reject_crashed
from flows.store.unchanged import find_unchanged
from flows.run.fork_server import start_fork_server
from flows.run.workers import WorkerPool
from tests.hostile_inputs import ARTICLE

BIN = Path(sys.executable).parent
PAGES = 400
LONG_PAGES = 3000


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    return write_pages(tmp_path_factory.mktemp("raw"), PAGES)


@pytest.fixture(scope="module")
def long_raw(tmp_path_factory) -> Path:
    """Enough pages that a run cannot finish between its 20th record and the signal, even
    when a loaded machine starves the test's polling (400 once did: nothing was left to
    interrupt)."""
    return write_pages(tmp_path_factory.mktemp("long-raw"), LONG_PAGES)


def write_pages(folder: Path, count: int) -> Path:
    for i in range(count):
        (folder / f"page-{i:04}.txt").write_text(f"Page {i}\n{ARTICLE}Note {i}: rest helps too.\n")
    return folder


def start_clean(raw: Path, out: Path, env: dict, *options: str) -> subprocess.Popen:
    """`healthclean clean` in a process group of its own, as a terminal would run it."""
    command = [BIN / "healthclean", "clean", str(raw), "--out", str(out), "--batch-size", "5", *options]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def records(out: Path) -> list[Path]:
    return [p for folder in ("articles", "rejected") for p in (out / folder).glob("*.json")] if out.exists() else []


def wait_for(check, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def workers_of(run: subprocess.Popen) -> list[psutil.Process]:
    """The run's worker processes: the fork server's children."""
    servers = [p for p in psutil.Process(run.pid).children() if "forkserver" in " ".join(p.cmdline())]
    return [child for server in servers for child in server.children()]


def manifest(out: Path) -> dict:
    (found,) = (out / "runs").glob("*.json")
    return json.loads(found.read_text())


def test_a_worker_killed_mid_run_costs_nothing(prefect_server_env, raw, tmp_path):
    out = tmp_path / "out"
    run = start_clean(raw, out, prefect_server_env, "--processes", "2")
    wait_for(lambda: len(records(out)) >= 20 and workers_of(run))
    killed = workers_of(run)[0]
    killed.kill()  # what the kernel's OOM killer does
    said, _ = run.communicate(timeout=120)
    assert run.returncode == 0, said
    outcomes = manifest(out)["totals"]["outcomes"]
    assert outcomes == {"written": PAGES}, "the dead worker's batch was cleaned again"
    assert len(records(out)) == PAGES


def test_sigterm_stops_within_seconds_with_an_interrupted_manifest(prefect_server_env, long_raw, tmp_path):
    out = tmp_path / "out"
    run = start_clean(long_raw, out, prefect_server_env, "--processes", "2")
    wait_for(lambda: len(records(out)) >= 20)
    family = psutil.Process(run.pid).children(recursive=True)
    started = time.monotonic()
    run.send_signal(signal.SIGTERM)  # what `docker stop` or a scheduler sends
    said, _ = run.communicate(timeout=60)
    assert time.monotonic() - started < 10 and run.returncode == 143, said
    found = manifest(out)
    assert found["interrupted"] == "SIGTERM"
    paths = [entry["path"] for entry in found["inputs"]]
    assert sorted(paths) == paths and len(set(paths)) == LONG_PAGES, "every input once, done or not"
    done = [e for e in found["inputs"] if e["outcome"] == "written"]
    assert done and found["totals"]["outcomes"]["interrupted"] == LONG_PAGES - len(done)
    assert {e["id"] for e in done} <= {p.stem for p in records(out)}, "what it says is done is written"
    wait_for(lambda: not [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], 10)
    assert "Interrupted by SIGTERM" in said
    assert not (out / "catalog.sqlite").exists(), "a run that did not see every article marks none gone"
    assert flow_run_state(prefect_server_env, out) == ("CANCELLED", f"clean {long_raw.name} -> out"), "not Running for ever"


def flow_run_state(env: dict, out: Path) -> tuple[str, str]:
    """The state type and name (without its time) of the clean run that wrote into `out`."""
    runs = httpx.post(f"{env['PREFECT_API_URL']}/flow_runs/filter", json={"limit": 50}, timeout=10).json()
    (found,) = [run for run in runs if run["parameters"].get("out") == str(out)]
    return found["state"]["type"], found["name"].rsplit(" ", 2)[0]


def test_ctrl_c_in_a_terminal_stops_the_run_and_its_temporary_server(prefect_server_env, raw, tmp_path):
    """The path of `make run` and a Ctrl-C: no server of ours is running, so the command
    starts Prefect's temporary one, and SIGINT reaches the whole process group. Its home
    gets a copy of the session server's database: a migrated one halves the start (~10 s)."""
    out, home = tmp_path / "out", tmp_path / "prefect-home"
    home.mkdir()
    with sqlite3.connect(Path(prefect_server_env["PREFECT_HOME"]) / "prefect.db") as source, \
            sqlite3.connect(home / "prefect.db") as copy:
        source.backup(copy)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(home)
    run = start_clean(raw, out, env, "--processes", "2")
    wait_for(lambda: len(records(out)) >= 20)
    family = psutil.Process(run.pid).children(recursive=True)
    assert any("uvicorn" in " ".join(p.cmdline()) for p in family), "a temporary server runs"
    started = time.monotonic()
    os.killpg(run.pid, signal.SIGINT)
    said, _ = run.communicate(timeout=60)
    assert time.monotonic() - started < 15 and run.returncode == 130, said
    assert manifest(out)["interrupted"] == "SIGINT"
    wait_for(lambda: not [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], 15)


def test_a_killed_cli_leaves_no_worker_writing(prefect_server_env, raw, tmp_path):
    out = tmp_path / "out"
    run = start_clean(raw, out, prefect_server_env, "--processes", "2")
    wait_for(lambda: len(records(out)) >= 20 and len(workers_of(run)) == 2)
    workers = workers_of(run)
    run.kill()  # SIGKILL of the CLI's pid alone: no handler runs
    run.communicate(timeout=30)
    wait_for(lambda: not [p for p in workers if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], 10)
    written = len(records(out))
    time.sleep(1.0)
    assert len(records(out)) == written < PAGES


def kills_on_a_marked_page(raw: str, out: str, paths: list[str]) -> list:
    """clean_and_write, except that a page named `*killer*` kills the process cleaning it."""
    if any("killer" in path for path in paths):
        os.kill(os.getpid(), signal.SIGKILL)
    return clean_and_write(raw, out, paths)


def test_a_page_that_kills_every_worker_is_isolated_and_rejected(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    names = ["a.txt", "b-killer.txt", "c.txt", "d.txt"]
    for name in names:
        (raw / name).write_text(f"{name}\n{ARTICLE}")
    pool = WorkerPool(1, start_fork_server(), crashed=reject_crashed)
    try:
        outcomes = pool.submit(kills_on_a_marked_page, str(raw), str(out), names).result(timeout=120)
        after = pool.submit(kills_on_a_marked_page, str(raw), str(out), ["a.txt"]).result(timeout=60)
    finally:
        pool.close()
    assert [o.path for o in outcomes] == names, "one outcome a page, in order"
    assert [o.reason for o in outcomes] == [None, "worker_crashed", None, None]
    assert (out / "rejected" / f"{outcomes[1].id}.json").is_file()
    assert after[0].outcome == "written", "the pool goes on with a new worker"
    unchanged, _ = find_unchanged(raw, out, names)
    assert sorted(unchanged) == ["a.txt", "c.txt", "d.txt"], "the next run tries the page that killed again"
