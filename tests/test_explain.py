"""`preview --explain` (issue 17): each stage's time and, per rule, the lines it tagged and
removed, taken without changing a record."""

from __future__ import annotations

from collections import Counter

from typer.testing import CliRunner

from extractors.contract import to_json
from extractors.explain import STAGES
from extractors.pipeline import clean_batch
from extractors.records import RawPage
from flows.cli.app import app
from tests.conftest import RAW, SAMPLES


def test_explaining_changes_no_record_and_counts_what_the_record_removed():
    pages = [RawPage((RAW / name).read_bytes(), name) for name in SAMPLES]
    notes: dict = {}
    explained, plain = clean_batch(pages, explain=notes), clean_batch(pages)
    assert [to_json(r) for r in explained] == [to_json(r) for r in plain]
    for record in explained:
        note = notes[record.source.path]
        assert note.removed == Counter(r.reason for r in record.removed), "removed per rule = the record's removals"
        assert note.tagged["share_label"] >= note.removed["share_label"] == 0, "a candidate tags, never removes"
        assert set(note.stages_ms) == set(STAGES) and all(ms >= 0 for ms in note.stages_ms.values())


def test_preview_explain_prints_rules_and_stages():
    shown = CliRunner().invoke(app, ["preview", "--explain", *(str(RAW / name) for name in SAMPLES)])
    assert shown.exit_code == 0 and "2 pages" in shown.stdout
    rows = {line.split()[0]: line.split()[1:] for line in shown.stdout.splitlines() if line.strip()}
    assert rows["empty_toc_header"] == ["2", "2"] and rows["share_label"][1] == "0"
    assert all(stage in rows for stage in STAGES) and '"schema_version"' not in shown.stdout


def test_a_runs_manifest_counts_what_each_rule_tagged_and_each_stage_took(tmp_path):
    from flows.run.batch import clean_inputs
    from flows.run.tally import RunTally, outcome_lines
    from tests.conftest import raw_folder

    outcomes = clean_inputs(raw_folder(tmp_path / "raw"), tmp_path / "out", list(SAMPLES))
    tally = RunTally()
    tally.add(0, outcome_lines(outcomes))
    totals = tally.totals()
    assert totals.tagged["share_label"] >= 1 and "share_label" not in totals.removals, "a candidate is tagged, not removed"
    assert all(totals.tagged[rule] >= n for rule, n in totals.removals.items() if rule in totals.tagged)
    assert list(totals.stages_ms) == list(STAGES), "every stage of a text page, in stage order"
    assert totals.stages_ms["read"] > 0 and sum(totals.stages_ms.values()) <= sum(o.cpu_ms for o in outcomes) + 1
    assert all(set(o.stages_ms) == set(STAGES) for o in outcomes)
    again = clean_inputs(raw_folder(tmp_path / "raw2"), tmp_path / "out", list(SAMPLES))
    assert {o.outcome for o in again} == {"unchanged"} and all(o.tagged == o.stages_ms == {} for o in again), \
        "only pages cleaned now"
    tally.close()
