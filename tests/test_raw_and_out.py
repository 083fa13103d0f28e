"""What a run takes from RAW and leaves in OUT (issue 15): any file name the file system
allows is an input, every other file is counted as skipped, RAW and OUT never overlap, only
our own partial files are deleted, records follow the umask, and nothing printed is
markup, wrapped, or a raw control character."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli.app import app
from flows.store.listing import check_apart
from flows.store.local_files import PARTIAL_SUFFIX, write_replacing
from flows.store.storage import Zone
from tests.hostile_inputs import ARTICLE

BIN = Path(sys.executable).parent
NAMES = ["line\u2028separator.txt", "next\x85line.txt", "para\u2029graph.txt", "new\nline.txt",
         "[bold]markup[blink].txt", "bidi\u202etxt.exe.txt", "tab\there.txt", "plain.txt"]
NOT_UTF8 = b"caf\xe9-latin1.txt"


def make_raw(folder: Path) -> Path:
    folder.mkdir()
    for i, name in enumerate(NAMES):
        (folder / name).write_text(f"Page {i}\n{ARTICLE}")
    fd = os.open(os.fsencode(folder) + b"/" + NOT_UTF8, os.O_WRONLY | os.O_CREAT)
    os.write(fd, f"Latin name\n{ARTICLE}".encode())
    os.close(fd)
    (folder / ".hidden.html").write_text("<p>hidden</p>")
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("[core]\n")
    (folder / "scraped.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    (folder / "scraped.json").write_text('{"url": "https://example.org/a"}')
    return folder


def clean(raw: Path, out: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([BIN / "healthclean", "clean", str(raw), "--out", str(out)], env=env, capture_output=True,
                          text=True, timeout=300, preexec_fn=lambda: os.umask(0o022))


def test_any_file_name_is_an_input_and_every_file_is_accounted_for(prefect_server_env, prefect_harness, tmp_path):
    raw, out = make_raw(tmp_path / "raw"), tmp_path / "out"
    ours = out / "articles" / f".0a1b.json.5f3c{PARTIAL_SUFFIX}"  # what a killed run leaves
    theirs = [out / "articles" / ".user.tmp", out / "notes" / ".notes.tmp", out / f"notes/.x{PARTIAL_SUFFIX}"]
    for file in [ours, *theirs]:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("x")

    first = clean(raw, out, prefect_server_env)
    assert first.returncode == 0, first.stdout + first.stderr
    (found,) = (out / "runs").glob("*.json")
    manifest = json.loads(found.read_text(encoding="utf-8"))
    paths = [entry["path"] for entry in manifest["inputs"]]
    assert sorted(paths) == sorted([*NAMES, "caf\\xe9-latin1.txt", "scraped.html"]), "each name once, as text"
    assert {entry["outcome"] for entry in manifest["inputs"]} == {"written"}
    assert manifest["skipped"] == {".git/config": "hidden", ".hidden.html": "hidden", "scraped.json": "sidecar"}
    assert manifest["totals"]["skipped"] == {"hidden": 2, "sidecar": 1}
    assert not ours.exists() and all(file.exists() for file in theirs), "only our own leftovers are deleted"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*.json")}
    assert modes == {0o644}, "records follow the umask (022), as open() does"
    assert not set("\u2028\u2029\u202e\x85") & set(first.stderr), "no raw control character on the terminal"

    # The rerun in this process (the CLI's part was the first run's): every name found again, unchanged.
    from flows.run.clean_articles import clean_articles

    again = clean_articles(raw=str(raw), out=str(out))
    latest = max((out / "runs").glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    assert latest.stem == again.run_id != found.stem
    assert json.loads(latest.read_text())["totals"]["outcomes"] == {"unchanged": len(NAMES) + 2}


@pytest.mark.parametrize("out_of", [lambda raw: raw, lambda raw: raw / "clean", lambda raw: raw.parent])
def test_raw_and_out_that_overlap_are_refused_before_any_work(tmp_path, out_of):
    raw = make_raw(tmp_path / "raw")
    out = out_of(raw)
    result = CliRunner().invoke(app, ["clean", str(raw), "--out", str(out)])
    assert result.exit_code == 2 and "overlap" in result.output
    assert not (raw / "articles").exists() and not (raw / "clean").exists()
    with pytest.raises(ValueError, match="overlap"):
        check_apart(Zone(str(raw)), Zone(str(out)))


def test_records_follow_a_strict_umask_too(tmp_path):
    previous = os.umask(0o077)
    try:
        write_replacing(tmp_path / "record.json", [b"{}"])
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "record.json").stat().st_mode) == 0o600


def test_paths_are_never_markup_and_messages_never_wrap(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "20")
    missing = tmp_path / "name[/]x" / ("long-folder-name-" * 4)
    result = CliRunner().invoke(app, ["clean", str(missing)])
    assert result.exit_code == 2, result.output
    assert f"No raw folder at {missing}." in result.output.splitlines()


def test_preview_prints_no_raw_control_character(tmp_path):
    from extractors.contract import to_json
    from extractors.pipeline import clean_page

    page = tmp_path / "page.html"
    tricky = "Take it with water \u202egnp.exe\u202c twice a day, not more."
    page.write_text(f"<html><head><title>Cramps</title></head><body><h1>Cramps</h1><p>{ARTICLE}</p><p>{tricky}</p></body></html>")
    assert "\u202e" in to_json(clean_page(page.read_bytes(), page.name)), "the record keeps the page's text"
    printed = subprocess.run([BIN / "healthclean", "preview", str(page)], capture_output=True, text=True, check=True).stdout
    assert "\u202e" not in printed and "\\u202e" in printed
    assert json.loads(printed) == json.loads(to_json(clean_page(page.read_bytes(), page.name))), "the same JSON value"
