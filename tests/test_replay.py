"""Replay diff on a real rule change: the branding rule switched off, then on again."""

from __future__ import annotations

import dataclasses
import json

import pytest
from typer.testing import CliRunner

import extractors.assemble
from extractors.lexicon import load_lexicon
from flows.run.batch import clean_inputs
from flows.cli.app import app
from flows.run.replay import diff_outputs, summary
from tests.conftest import SAMPLES, raw_folder


@pytest.fixture
def old_and_new(tmp_path, monkeypatch):
    raw = raw_folder(tmp_path / "raw")
    without_branding = dataclasses.replace(
        load_lexicon(), prefixes={k: v for k, v in load_lexicon().prefixes.items() if k != "branding"}
    )
    with monkeypatch.context() as patch:
        patch.setattr(extractors.assemble, "load_lexicon", lambda: without_branding)
        clean_inputs(raw, tmp_path / "old", list(SAMPLES))
    clean_inputs(raw, tmp_path / "new", list(SAMPLES))
    return raw, tmp_path / "old", tmp_path / "new"


def test_the_diff_names_each_changed_line_and_rule(old_and_new):
    _, old, new = old_and_new
    report = diff_outputs(old, new)
    assert (report["added"], report["removed"], report["unchanged"]) == ([], [], 0)
    by_path = {c["path"]: c for c in report["changed"]}
    sv = by_path["sv_muskelspasmer.txt"]
    assert sv["blocks_removed"] == ["heading: Ett ord från Verywell"]
    assert sv["removals_added"] == ["branding_heading: Ett ord från Verywell"]
    assert by_path["nl_spierkrampen.txt"]["blocks_removed"] == ["heading: Een woord van Health Life Guide"]
    assert "1 added" not in summary(report) and "2 changed" in summary(report)


def test_no_change_gives_an_empty_diff(old_and_new):
    _, _, new = old_and_new
    assert diff_outputs(new, new) == {"added": [], "removed": [], "changed": [], "unchanged": 2}


def test_cli_replay_writes_the_report(prefect_harness, old_and_new, tmp_path):
    raw, old, _ = old_and_new
    result = CliRunner().invoke(app, ["replay", str(raw), "--out", str(tmp_path / "again"), "--against", str(old)])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "again" / "replay-diff.json").read_text(encoding="utf-8"))
    assert len(report["changed"]) == 2 and "2 changed" in result.stdout


def test_diff_only_compares_two_outputs_without_cleaning(old_and_new):
    _, old, new = old_and_new
    before = sorted(p.stat().st_mtime_ns for p in (new / "articles").glob("*.json"))
    result = CliRunner().invoke(app, ["replay", "--diff-only", "--out", str(new), "--against", str(old)])
    assert result.exit_code == 0, result.output
    assert "2 changed" in result.stdout and sorted(p.stat().st_mtime_ns for p in (new / "articles").glob("*.json")) == before
    assert CliRunner().invoke(app, ["replay", "--out", str(new), "--against", str(old)]).exit_code == 2, "neither RAW nor --diff-only"


def test_a_page_whose_text_changed_is_one_changed_article(tmp_path):
    """Matched by article key, not by the bytes' id: day 2's version of a page is a change."""
    day1, day2 = raw_folder(tmp_path / "day1"), raw_folder(tmp_path / "day2")
    page = day2 / "sv_muskelspasmer.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("Strama, hårda,", "Stela, hårda,", 1), encoding="utf-8")
    clean_inputs(day1, tmp_path / "old", list(SAMPLES))
    clean_inputs(day2, tmp_path / "new", list(SAMPLES))
    report = diff_outputs(tmp_path / "old", tmp_path / "new")
    assert (report["added"], report["removed"], report["unchanged"]) == ([], [], 1)
    (change,) = report["changed"]
    assert change["article_key"] == "path:sv_muskelspasmer.txt" and change["id"] != change["old_id"]
    (added,), (removed,) = change["blocks_added"], change["blocks_removed"]
    assert added.startswith("paragraph: Stela, hårda,") and removed.startswith("paragraph: Strama, hårda,")
