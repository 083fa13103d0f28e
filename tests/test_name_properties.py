"""Property test (issue 15): any set of file names the file system allows (any bytes but
'/' and NUL: line separators, bytes that are not UTF-8, control characters, names
starting with '.') gives a run in which every file is an input exactly once or skipped
with its reason, a manifest that parses, and a rerun that finds every input unchanged.
CI runs the short profile of tests/conftest.py; `make fuzz` the campaign."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from flows.run.batch import clean_inputs
from flows.store.listing import list_raw
from flows.store.local_files import path_text
from flows.run.manifest import RunHeader, Totals
from flows.store.storage import Zone
from flows.run.tally import RunTally, outcome_lines
from tests.hostile_inputs import ARTICLE

SPECIAL = [b"\xe2\x80\xa8", b"\xc2\x85", b"\n", b"\r", b"\t", b"\x1b[31m", b"\xff", b"\xe9", b"\xed\xa0\x80",
           b"[/]", b" ", b"\xe2\x80\xae", b"\\", b"'", b'"', b".", b"-", b"page", b"\xf0\x9f\x92\xaa", b"\x7f"]
NAME = st.lists(st.sampled_from(SPECIAL) | st.binary(min_size=1, max_size=3), min_size=1, max_size=12).map(b"".join).map(
    lambda name: name.replace(b"/", b"_").replace(b"\0", b"_")[:200]
).filter(lambda name: name not in (b".", b".."))


def manifest_of(outcomes) -> dict:
    tally = RunTally()
    tally.add(0, outcome_lines(outcomes))
    header = RunHeader(run_id="r", started="2026-01-01T00:00:00Z", finished="2026-01-01T00:00:00Z",
                       pipeline_version="v", parameters={}, totals=Totals(**tally.totals().model_dump()))
    text = "".join(tally.manifest_chunks(header.model_dump_json(indent=2)))
    tally.close()
    return json.loads(text)


@given(names=st.lists(NAME, min_size=1, max_size=6, unique=True))
def test_any_file_names_are_each_accounted_for_once(names):
    with tempfile.TemporaryDirectory() as folder:
        raw, out = Path(folder, "raw"), Path(folder, "out")
        raw.mkdir()
        for i, name in enumerate(names):
            with open(os.fsencode(raw) + b"/" + name, "wb") as page:
                page.write(f"Page {i}\n{ARTICLE}".encode())
        listing = list_raw(Zone(str(raw)))
        expected = sorted(os.fsdecode(name) for name in names)
        assert sorted(listing.inputs + list(listing.skipped)) == expected, "every file an input or skipped"
        manifest = manifest_of(clean_inputs(raw, out, listing.inputs, batch_size=2))
        assert [entry["path"] for entry in manifest["inputs"]] == [path_text(path) for path in listing.inputs]
        assert {entry["outcome"] for entry in manifest["inputs"]} <= {"written", "unchanged", "rejected"}
        again = clean_inputs(raw, out, listing.inputs, batch_size=2)
        assert {outcome.outcome for outcome in again} <= {"unchanged"}
