"""A run's outcomes: counted as batches finish, spooled, written as the manifest in input order."""

from __future__ import annotations

from datetime import datetime, timezone

from flows.run.manifest import InputOutcome, RunHeader, RunManifest
from flows.run.tally import NOTABLE, RunTally, outcome_lines


def outcome(path: str, **fields) -> InputOutcome:
    return InputOutcome(path=path, id=f"id-{path}", **{"outcome": "written", **fields})


BATCHES = {  # batch position -> its outcomes, in input order
    0: [outcome("a", language="sv", removed={"byline": 2}, cpu_ms=30.0), outcome("b", outcome="rejected", reason="empty_input")],
    2: [outcome("c", language="nl", removed={"byline": 1, "share": 4}, warnings={"list_lost": 1}, cpu_ms=90.0)],
    3: [outcome("d", outcome="unchanged", language="sv")],
}


def tally_of(order: list[int]) -> RunTally:
    tally = RunTally()
    for position in order:
        assert tally.add(position, outcome_lines(BATCHES[position])) == len(BATCHES[position])
    return tally


def manifest_text(tally: RunTally) -> str:
    now = datetime(2026, 11, 23, tzinfo=timezone.utc)
    header = RunHeader(run_id="r", started=now, finished=now, pipeline_version="v", parameters={}, totals=tally.totals())
    return "".join(tally.manifest_chunks(header.model_dump_json(indent=2)))


def test_manifest_lists_inputs_in_batch_order_whatever_order_batches_finish():
    finished_late_first, in_order = tally_of([3, 0, 2]), tally_of([0, 2, 3])
    text = manifest_text(finished_late_first)
    manifest = RunManifest.model_validate_json(text)
    assert [o.path for o in manifest.inputs] == ["a", "b", "c", "d"]
    assert manifest.inputs == [o for position in sorted(BATCHES) for o in BATCHES[position]]
    assert text == manifest_text(in_order)
    assert sum('"path":' in line for line in text.splitlines()) == 4  # one input a line: grep finds a page


def test_totals_and_notable_pages():
    tally = tally_of([2, 3, 0])
    totals = tally.totals()
    assert totals.inputs == 4
    assert totals.outcomes == {"rejected": 1, "unchanged": 1, "written": 2}
    assert totals.languages == {"nl": 1, "sv": 2}
    assert totals.rejections == {"empty_input": 1}
    assert totals.removals == {"byline": 3, "share": 4}
    assert totals.warnings == {"list_lost": 1}
    assert [o.path for o in tally.most_stripped][:2] == ["c", "a"]
    assert [o.path for o in tally.slowest] == ["c", "a"]


def test_notable_pages_are_capped():
    tally = RunTally()
    tally.add(0, outcome_lines(outcome(f"p{i:02}", removed={"x": i}, cpu_ms=float(i)) for i in range(20)))
    assert [o.path for o in tally.most_stripped] == [f"p{i:02}" for i in range(19, 19 - NOTABLE, -1)]
    assert len(tally.slowest) == NOTABLE


def test_an_empty_run_writes_an_empty_input_list():
    manifest = RunManifest.model_validate_json(manifest_text(RunTally()))
    assert manifest.inputs == [] and manifest.totals.inputs == 0
