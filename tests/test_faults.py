"""Faults (issue 7): runs killed at random moments, two runs at once, a full or read-only
output. Nothing is lost, nothing is corrupt, nothing is counted twice."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import random
import signal
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import flows.store.storage
from flows.store.local_files import PARTIAL_SUFFIX
from flows.run.batch import clean_inputs, load_cleaning_data
from flows.cli.app import app
from flows.store.storage import OutputError, Zone
from tests.hostile_inputs import ARTICLE, CONTENT

KILLS, KILL_SEED = 20, 7


def corpus(folder: Path, pages: int = 60) -> Path:
    """Distinct small pages, a few bad ones among them."""
    folder.mkdir()
    for i in range(pages):
        (folder / f"page-{i:03}.txt").write_text(f"Page {i}\n{ARTICLE}Note {i}: rest helps too.\n")
    for kind in ("empty file", "PNG named .html", "only boilerplate"):
        name, data, _ = CONTENT[kind]
        (folder / name).write_bytes(data)
    return folder


def records(out: Path) -> dict[str, dict]:
    return {p.relative_to(out).as_posix(): json.loads(p.read_text()) for p in out.glob("*/*.json") if p.parent.name != "runs"}


def _clean_everything(raw: str, out: str) -> None:
    clean_inputs(raw, out, Zone(raw).list_files(), batch_size=3, force=True)


def test_twenty_kills_at_random_moments_then_one_run_lose_nothing(prefect_harness, tmp_path):
    from flows.run.clean_articles import clean_articles
    from flows.run.manifest import RunManifest

    raw, out = corpus(tmp_path / "raw"), tmp_path / "out"
    load_cleaning_data()  # forked children start with it: they are killed while cleaning, not loading
    started = time.monotonic()
    _clean_everything(str(raw), str(tmp_path / "timing"))
    whole_run = time.monotonic() - started
    rng, fork, kills = random.Random(KILL_SEED), multiprocessing.get_context("fork"), 0
    for _ in range(2 * KILLS):  # a run that finishes before its moment is not a kill: try again
        child = fork.Process(target=_clean_everything, args=(str(raw), str(out)))
        child.start()
        time.sleep(rng.uniform(0.02, 0.7) * whole_run)
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        kills += child.exitcode == -signal.SIGKILL
        assert all(isinstance(r, dict) for r in records(out).values()), "a record is whole or absent"
        if kills == KILLS:
            break
    assert kills == KILLS

    summary = clean_articles(raw=str(raw), out=str(out), processes=2)
    manifest = RunManifest.model_validate_json(Path(summary.manifest).read_bytes())
    paths = [o.path for o in manifest.inputs]
    assert paths == sorted(Zone(str(raw)).list_files()) and len(set(paths)) == len(paths) == 63
    assert not [p for p in out.rglob("*") if p.name.endswith(PARTIAL_SUFFIX)], "no partial file is left"
    found = records(out)
    assert sorted(Path(p).stem for p in found) == sorted({o.id for o in manifest.inputs}), "one record per input, no stray, no duplicate"
    assert {r["source"]["path"] for r in found.values()} == set(paths)


def test_two_runs_at_once_on_one_output_do_the_work_once(prefect_harness, tmp_path):
    from flows.run.clean_articles import clean_articles

    raw, out = corpus(tmp_path / "raw", pages=30), tmp_path / "out"
    summaries = {}

    def run(name: str) -> None:
        summaries[name] = clean_articles(raw=str(raw), out=str(out), processes=0)

    threads = [threading.Thread(target=run, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcomes = sorted((s.totals.outcomes for s in summaries.values()), key=lambda o: "unchanged" in o)
    assert outcomes == [{"rejected": 3, "written": 30}, {"unchanged": 33}], "the second waited, then skipped all"
    assert len(records(out)) == 33 and not list(out.rglob(f"*{PARTIAL_SUFFIX}"))
    assert len(list((out / "runs").glob("*.json"))) == 2


def test_a_full_disk_stops_the_run_naming_the_folder_and_keeps_what_was_written(prefect_harness, tmp_path, monkeypatch):
    from flows.run.clean_articles import clean_articles

    raw, out = corpus(tmp_path / "raw", pages=20), tmp_path / "out"
    write, written = flows.store.storage.write_replacing, []

    def fills_up(path: Path, chunks) -> None:
        if len(written) >= 5 and path.parent.name in ("articles", "rejected"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write(path, chunks)
        written.append(path)

    monkeypatch.setattr(flows.store.storage, "write_replacing", fills_up)
    with pytest.raises(OutputError) as stopped:
        clean_articles(raw=str(raw), out=str(out), processes=0)
    assert str(out) in str(stopped.value) and "No space left" in str(stopped.value)
    assert len(records(out)) == 4, "the five writes before (one a check) stay, whole"
    assert not list(out.rglob(f"*{PARTIAL_SUFFIX}"))


def test_a_read_only_output_is_refused_before_any_work(tmp_path, monkeypatch):
    raw, out = corpus(tmp_path / "raw", pages=2), tmp_path / "out"

    def read_only(path: Path, chunks) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(flows.store.storage, "write_replacing", read_only)
    monkeypatch.setenv("COLUMNS", "30")  # a narrow terminal: a message with a path is still one line
    result = CliRunner().invoke(app, ["clean", str(raw), "--out", str(out)])
    assert result.exit_code == 2
    assert f"Cannot write into {out}: Read-only file system." in result.output.splitlines()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permission bits")
def test_a_folder_without_write_permission_is_refused(tmp_path):
    raw, out = corpus(tmp_path / "raw", pages=2), tmp_path / "out"
    out.mkdir(mode=0o555)
    result = CliRunner().invoke(app, ["clean", str(raw), "--out", str(out)])
    assert result.exit_code == 2 and f"Cannot write into {out}: Permission denied." in result.output.splitlines()
