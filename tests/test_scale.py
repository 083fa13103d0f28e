"""Where batches run: the runner choices, memory:// storage, and a real two-worker Dask
LocalCluster on 127.0.0.1 against a real Prefect server, byte for byte like one process."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import fsspec
import pytest
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.lexicon import load_lexicon
from flows.run.clean_articles import clean_articles
from flows.run.manifest import RunManifest
from flows.run.runners import DASK_NEEDS_SERVER, RunnerError, plan_execution, worker_processes
from tests.conftest import REPO, SAMPLES, golden, raw_folder

BIN = Path(sys.executable).parent
HTML = sorted((REPO / "tests" / "data" / "html").glob("*.html"))


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


def test_default_is_a_worker_process_per_core(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert plan_execution().processes == 4
    assert isinstance(plan_execution().task_runner, ThreadPoolTaskRunner)  # tasks wait in threads
    assert plan_execution(processes=1).processes == 1
    assert plan_execution(processes=0).processes == 0
    assert plan_execution(process_local_storage=True).processes == 0


def cleaning_data_is_loaded() -> bool:
    from extractors import language

    return language._factory is not None and load_lexicon.cache_info().currsize == 1


def worker_pid(raw: str, out: str, paths: list[str]) -> list[int]:
    """A batch-shaped function (flows.run.workers.Batch): the pid of the process that ran it."""
    import os

    return [os.getpid()] * len(paths)


def data_loaded(raw: str, out: str, paths: list[str]) -> list[bool]:
    return [cleaning_data_is_loaded()]


def test_batches_run_in_worker_processes_while_a_run_has_them():
    import os

    with worker_processes(0) as none:
        assert none is None  # processes=0: batches are cleaned in the task's thread
    with worker_processes(2) as pool:
        pids = {pid for future in [pool.submit(worker_pid, "raw", "out", ["a"]) for _ in range(6)] for pid in future.result()}
        assert pool.submit(data_loaded, "raw", "out", ["a"]).result() == [True]  # by the fork server, before any batch
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


@pytest.mark.parametrize(
    "options, message",
    [
        ({"processes": 1, "process_local_storage": True}, "processes=0"),
        ({"processes": -1}, "0 (this process) or more"),
        ({"dask_workers": 2}, DASK_NEEDS_SERVER),
        ({"dask_address": "tcp://127.0.0.1:1", "dask_workers": 2}, "not both"),
    ],
)
def test_impossible_runner_choices_are_refused_with_a_reason(monkeypatch, options, message):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with pytest.raises(RunnerError) as refused:
        plan_execution(**options)
    assert message in str(refused.value)


def test_cli_refuses_dask_without_a_prefect_server(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from flows.cli.app import app

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    result = CliRunner().invoke(app, ["clean", str(raw_folder(tmp_path / "raw")), "--out", str(tmp_path / "out"),
                                      "--workers", "2"])
    assert result.exit_code == 2
    assert "PREFECT_API_URL" in result.output and not (tmp_path / "out").exists()


def test_memory_storage_in_and_out(prefect_harness):
    fs, root = fsspec.filesystem("memory"), f"/healthclean-{uuid.uuid4().hex}"
    for name in SAMPLES:
        fs.pipe_file(f"{root}/raw/{name}", (REPO / "raw" / name).read_bytes())
    fs.pipe_file(f"{root}/raw/.hidden/skip.txt", b"tool state")
    manifest = clean_articles(raw=f"memory://{root}/raw", out=f"memory://{root}/out")
    assert manifest.totals.outcomes == {"written": 2}
    inputs = RunManifest.model_validate_json(fs.cat_file(manifest.manifest)).inputs
    for outcome, name in zip(inputs, sorted(SAMPLES)):
        written = fs.cat_file(f"{root}/out/articles/{outcome.id}.json").decode("utf-8")
        assert written == golden(name.replace(".txt", ".json"))
    assert manifest.manifest == f"memory://{root}/out/runs/{manifest.run_id}.json"
    again = clean_articles(raw=f"memory://{root}/raw", out=f"memory://{root}/out")
    assert again.totals.outcomes == {"unchanged": 2}


def test_local_dask_cluster_writes_the_bytes_of_one_process(prefect_server_env, tmp_path):
    raw = raw_folder(tmp_path / "raw")
    for page in HTML:
        shutil.copy(page, raw / page.name)
    (raw / "empty.txt").write_bytes(b"")

    def clean(out: str, *options: str) -> None:
        command = [BIN / "healthclean", "clean", str(raw), "--out", str(tmp_path / out), "--batch-size", "2", *options]
        done = subprocess.run(command, env=prefect_server_env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        noise = [line for line in done.stderr.splitlines() if "INFO" in line or "distributed" in line]
        assert not noise, "quiet by default, as the other paths"

    clean("one", "--processes", "0")
    clean("dask", "--workers", "2")
    one, dask = files(tmp_path / "one"), files(tmp_path / "dask")
    records = {k: v for k, v in one.items() if not k.startswith("runs/")}
    assert len(records) == len(HTML) + len(SAMPLES) + 1
    assert records == {k: v for k, v in dask.items() if not k.startswith("runs/")}


def test_bench_corpus_repeats_pages_with_distinct_bytes():
    from bench.corpus import corpus_files

    pages = [("a", b"<html><p>A</p></html>"), ("b", b"<html><p>B</p></html>")]
    files = list(corpus_files(5, pages))
    assert [path for path, _ in files] == [
        "copy-0000/a.html", "copy-0000/b.html", "copy-0001/a.html", "copy-0001/b.html", "copy-0002/a.html"]
    assert len({data for _, data in files}) == 5  # no copy can be skipped as already seen
    assert all(data.startswith(dict(pages)[path[-6]]) for path, data in files)
