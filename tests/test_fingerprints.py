"""The replay shortcut: unchanged pages found by their files' stamps, never at the cost of a
changed page, a copied snapshot, a touched record or a damaged cache."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

import flows.store.fingerprints
import flows.store.unchanged
from flows.run.batch import call_here, clean_inputs
from flows.store.fingerprints import CACHE_FILE
from tests.conftest import SAMPLES, raw_folder

PAGES = [*SAMPLES, "webmd_peanut_allergy.html", "copy.txt", "empty.txt"]


@pytest.fixture
def raw(tmp_path) -> Path:
    folder = raw_folder(tmp_path / "raw", [*SAMPLES, "webmd_peanut_allergy.html"])
    shutil.copyfile(folder / SAMPLES[0], folder / "copy.txt")  # same bytes: one shared record
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture
def settled(monkeypatch):
    """Trust stamps of files changed just now: test files are never 2 s old."""
    monkeypatch.setattr(flows.store.fingerprints, "SETTLE_NS", 0)


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The raw pages read to check them by content."""
    seen, read = [], flows.store.unchanged.read_input
    monkeypatch.setattr(flows.store.unchanged, "read_input", lambda zone, path: seen.append(path) or read(zone, path))
    return seen


def outcomes(raw: Path, out: Path, **options) -> list[dict]:
    return [o.model_dump() for o in clean_inputs(raw, out, PAGES, batch_size=2, **options)]


def test_settled_pages_are_found_by_stamp_with_the_outcomes_a_content_check_gives(raw, tmp_path, settled, reads):
    out = tmp_path / "out"
    first = outcomes(raw, out)
    assert [o["outcome"] for o in first] == ["written"] * 3 + ["unchanged", "rejected"]  # copy.txt: sv's record
    by_content = outcomes(raw, out, fingerprints=False)
    assert len(reads) == len(PAGES) * 2  # both runs read every page
    reads.clear()
    by_stamp = outcomes(raw, out)
    assert reads == [], "no page was read"
    assert by_stamp == by_content and {o["outcome"] for o in by_stamp} == {"unchanged"}
    assert by_stamp[0]["language"] == "sv" and by_stamp[4]["reason"] == "empty_input"


def test_a_page_rewritten_in_place_with_its_old_size_and_mtime_is_cleaned_again(raw, tmp_path, settled):
    out = tmp_path / "out"
    outcomes(raw, out)
    page, before = raw / SAMPLES[1], (raw / SAMPLES[1]).stat()
    time.sleep(0.05)  # past the disk's timestamp tick: the rewrite gets a new ctime
    data = page.read_bytes()
    page.write_bytes(data.replace(b"e", b"E", 1))
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size and page.stat().st_mtime_ns == before.st_mtime_ns
    assert [o["outcome"] for o in outcomes(raw, out)] == ["unchanged", "written", "unchanged", "unchanged", "unchanged"]


def test_a_copied_snapshot_in_the_same_place_is_checked_by_content(raw, tmp_path, settled, reads):
    out = tmp_path / "out"
    outcomes(raw, out)
    shutil.move(raw, tmp_path / "old")
    shutil.copytree(tmp_path / "old", raw, copy_function=shutil.copy2)  # same paths, sizes, mtimes; new inodes
    reads.clear()
    assert {o["outcome"] for o in outcomes(raw, out)} == {"unchanged"}
    assert sorted(reads) == sorted(PAGES)


def test_a_deleted_record_is_written_again_and_a_touched_one_reread(raw, tmp_path, settled, reads):
    out = tmp_path / "out"
    first = outcomes(raw, out)
    (out / "articles" / f"{first[2]['id']}.json").unlink()
    record = out / "articles" / f"{first[1]['id']}.json"
    record.write_bytes(record.read_bytes())  # same bytes, a new ctime: checked by content
    reads.clear()
    assert [o["outcome"] for o in outcomes(raw, out)] == ["unchanged", "unchanged", "written", "unchanged", "unchanged"]
    assert sorted(reads) == sorted([PAGES[1], PAGES[2]])


def test_pages_changed_within_the_settle_time_are_checked_by_content(raw, tmp_path, reads):
    out = tmp_path / "out"
    outcomes(raw, out)
    reads.clear()
    assert {o["outcome"] for o in outcomes(raw, out)} == {"unchanged"}
    assert sorted(reads) == sorted(PAGES), "files written just now are not trusted by stamp"


def test_a_new_pipeline_version_is_not_served_from_stamps(raw, tmp_path, settled, monkeypatch):
    out = tmp_path / "out"
    outcomes(raw, out)
    monkeypatch.setattr(flows.store.unchanged, "pipeline_version", lambda: "0.1.0+another")
    assert {o["outcome"] for o in outcomes(raw, out)} == {"written", "rejected"}


def test_a_damaged_cache_is_made_again(raw, tmp_path, settled, reads):
    out = tmp_path / "out"
    first = outcomes(raw, out)
    (out / CACHE_FILE).write_bytes(b"not a database" * 100)
    assert [o["id"] for o in outcomes(raw, out)] == [o["id"] for o in first]
    with sqlite3.connect(out / CACHE_FILE) as db:
        assert db.execute("SELECT COUNT(*) FROM stamps").fetchone() == (len(PAGES),)
    reads.clear()
    assert {o["outcome"] for o in outcomes(raw, out)} == {"unchanged"} and reads == []


def test_object_stores_and_disabled_runs_keep_no_cache(raw, tmp_path):
    outcomes(raw, tmp_path / "off", fingerprints=False)
    assert not (tmp_path / "off" / CACHE_FILE).exists()
    assert outcomes(raw, f"memory://{tmp_path.name}/out")[0]["outcome"] == "written"
    assert not Path(f"/{tmp_path.name}").exists(), "no SQLite file on the local disk for a memory:// zone"


def test_a_page_that_changes_between_its_check_and_its_cleaning_is_not_stamped(raw, tmp_path, settled):
    out, page = tmp_path / "out", raw / SAMPLES[1]

    def submit_after_an_edit(function, *args):
        page.write_bytes(page.read_bytes() + b"\nOne more line.")  # the scraper rewrites it meanwhile
        return call_here(function, *args)

    clean_inputs(raw, out, PAGES, batch_size=2, submit=submit_after_an_edit)
    with sqlite3.connect(out / CACHE_FILE) as db:
        stamped = {Path(raw_path).name for (raw_path,) in db.execute("SELECT raw FROM stamps")}
    assert stamped == set(PAGES) - {SAMPLES[1]}
