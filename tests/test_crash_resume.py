"""A run killed with SIGKILL at several points leaves only whole files, and the next run
finishes the rest without redoing what was written and without duplicates."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.store.layout import WRITTEN_FOLDERS
from flows.store.local_files import PARTIAL_SUFFIX
from flows.run.batch import clean_inputs
from flows.store.storage import Zone
from tests.conftest import RAW, REPO

PAGES = 120
RUN = (
    "import sys; from pathlib import Path; from flows.run.batch import clean_inputs; "
    "paths = sorted(p.name for p in Path(sys.argv[1]).iterdir()); "
    "[clean_inputs(Path(sys.argv[1]), Path(sys.argv[2]), paths[i:i + 10]) for i in range(0, len(paths), 10)]"
)


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("raw")
    seed = (RAW / "sv_muskelspasmer.txt").read_text(encoding="utf-8")
    for n in range(PAGES):  # distinct bytes per page: each is its own article
        (folder / f"page-{n:03d}.txt").write_text(f"{seed}\nSida nummer {n} i samlingen.\n", encoding="utf-8")
    return folder


def whole_records(out: Path) -> list[Path]:
    files = sorted(out.rglob("*.json"))
    for path in files:
        json.loads(path.read_text(encoding="utf-8"))  # raises on a partial or corrupt file
    return files


def kill_when(run: subprocess.Popen, out: Path, written: int) -> None:
    """SIGKILL the run once it has written `written` records (0: half a second in, while it
    still imports); a count inside a batch of 10 may land among its writes. (Kills at fixed
    moments went stale: the whole run takes ~2 s now, and those at 2.5 s and 3.5 s came after
    its end.)"""
    if written == 0:
        time.sleep(0.5)
    deadline = time.monotonic() + 120
    while len(list(out.glob("articles/*.json"))) < written:
        assert run.poll() is None, f"the run ended before it wrote {written} records"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert run.returncode == -signal.SIGKILL, "killed before its end, not after"


@pytest.mark.parametrize("written", [0, 5, 55], ids=["while importing", "early", "mid-run"])
def test_kill_then_resume(raw, tmp_path, written):
    out = tmp_path / "out"
    run = subprocess.Popen([sys.executable, "-c", RUN, str(raw), str(out)], cwd=REPO)
    kill_when(run, out, written)
    written_before = whole_records(out) if out.exists() else []
    Zone(str(out)).remove_partial_writes(WRITTEN_FOLDERS)
    paths = sorted(p.name for p in raw.iterdir())
    outcomes = clean_inputs(raw, out, paths)
    assert sorted(o.path for o in outcomes) == paths  # every input once
    assert sum(o.outcome == "unchanged" for o in outcomes) == len(written_before)  # not redone
    assert len(whole_records(out)) == PAGES and not list(out.rglob(f"*{PARTIAL_SUFFIX}"))  # no duplicates, no partials
