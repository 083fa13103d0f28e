"""Reruns and replays of the batch step: skip what is current, redo what --force or a new
pipeline version asks for, and the same bytes give the same files in any order and process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import flows.store.unchanged
from flows.run.batch import clean_inputs
from tests.conftest import REPO, SAMPLES, raw_folder

PAGES = [*SAMPLES, "webmd_peanut_allergy.html"]


@pytest.fixture
def raw(tmp_path) -> Path:
    folder = raw_folder(tmp_path / "raw", PAGES)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def snapshot(out: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*.json")}


def test_a_rerun_skips_what_is_current_and_rewrites_nothing(raw, tmp_path):
    out = tmp_path / "out"
    first = clean_inputs(raw, out, [*PAGES, "empty.txt"])
    before = snapshot(out)
    second = clean_inputs(raw, out, [*PAGES, "empty.txt"])
    assert [o.outcome for o in first] == ["written", "written", "written", "rejected"]
    assert [o.outcome for o in second] == ["unchanged"] * 4
    assert second[3].reason == "empty_input" and second[0].language == "sv"
    assert snapshot(out) == before  # same bytes and same modification times: not rewritten


def test_force_cleans_everything_again(raw, tmp_path):
    out = tmp_path / "out"
    clean_inputs(raw, out, PAGES)
    assert [o.outcome for o in clean_inputs(raw, out, PAGES, force=True)] == ["written"] * 3


def test_a_new_pipeline_version_invalidates_every_record(raw, tmp_path, monkeypatch):
    out = tmp_path / "out"
    clean_inputs(raw, out, PAGES)
    monkeypatch.setattr(flows.store.unchanged, "pipeline_version", lambda: "0.1.0+another")
    assert [o.outcome for o in clean_inputs(raw, out, PAGES)] == ["written"] * 3


def test_changed_bytes_are_a_new_page(raw, tmp_path):
    out = tmp_path / "out"
    clean_inputs(raw, out, PAGES)
    page = raw / SAMPLES[1]
    page.write_bytes(page.read_bytes() + "\nEn extra mening på slutet av sidan.".encode())
    assert [o.outcome for o in clean_inputs(raw, out, PAGES)] == ["unchanged", "written", "unchanged"]


RUN = "import sys; from pathlib import Path; from flows.run.batch import clean_inputs; " \
      "clean_inputs(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])"


@pytest.mark.parametrize("seed, order", [("1", PAGES), ("2", PAGES[::-1])])
def test_same_files_in_another_process_and_order(raw, tmp_path, seed, order):
    reference = tmp_path / "reference"
    clean_inputs(raw, reference, PAGES)
    out = tmp_path / f"out-{seed}"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", RUN, str(raw), str(out), *order], env=env, cwd=REPO, check=True)
    assert {k: v for k, (_, v) in snapshot(out).items()} == {k: v for k, (_, v) in snapshot(reference).items()}
