"""Run manifests: every raw input of a run with its outcome, and the totals."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractors.contract import Article, Rejection

# interrupted: the run was stopped (SIGINT, SIGTERM) before it cleaned the input.
Outcome = Literal["written", "unchanged", "rejected", "interrupted"]


class InputOutcome(BaseModel):
    """What became of one raw input: small, so tasks can return thousands of them."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str
    id: str | None  # None only for an input the run never reached (interrupted)
    outcome: Outcome
    reason: str | None = None
    language: str | None = None
    removed: dict[str, int] = {}
    warnings: dict[str, int] = {}
    cpu_ms: float | None = None  # cleaning time of a page cleaned in this run
    tagged: dict[str, int] = {}  # lines each rule tagged (removing or not), for a page cleaned in this run
    stages_ms: dict[str, float] = {}  # CPU milliseconds per stage (extractors.explain.STAGES), likewise


class Totals(BaseModel):
    inputs: int
    outcomes: dict[str, int]
    languages: dict[str, int]
    rejections: dict[str, int]
    removals: dict[str, int]
    warnings: dict[str, int]
    tagged: dict[str, int] = {}  # lines each rule tagged on the pages cleaned in this run (extractors.explain)
    stages_ms: dict[str, float] = {}  # CPU milliseconds each stage took over those pages, in stage order
    skipped: dict[str, int] = {}  # files below RAW that are not inputs, by reason (flows.store.listing)


class RunSummary(BaseModel):
    """What the flow returns: small whatever the run's size (every input is in the manifest).
    Prefect walks a flow's return value, so thousands of outcomes there cost seconds."""

    run_id: str
    started: datetime
    finished: datetime
    pipeline_version: str
    totals: Totals
    manifest: str = ""  # where the manifest was written
    interrupted: str | None = None  # the signal that stopped the run early (SIGINT, SIGTERM)
    catalog: dict[str, int] = {}  # the run's changes to OUT/catalog.sqlite (added, changed, gone) and the articles current
    copy_groups: int | None = None  # groups of copies in OUT/copies/groups.jsonl after a complete run


class RunHeader(RunSummary):
    """A manifest without its inputs: written first, the inputs streamed after it."""

    parameters: dict[str, str | int | bool | None]
    skipped: dict[str, str] = {}  # path -> why it is not an input (flows.store.listing.SKIP_REASONS)

    def summary(self, location: str) -> RunSummary:
        fields = self.model_dump(include=set(RunSummary.model_fields))
        return RunSummary(**{**fields, "manifest": location})


def not_reached(path: str) -> InputOutcome:
    """The outcome of an input an interrupted run never cleaned."""
    return InputOutcome(path=path, id=None, outcome="interrupted")


INPUTS_LINE = '  "inputs": ['  # the line that opens a manifest's inputs (flows.run.tally writes it)


class RunManifest(RunHeader):
    """The file OUT/runs/<run id>.json: the run's parameters and every input's outcome
    (written by flows.run.tally, one input a line)."""

    inputs: list[InputOutcome]

    @staticmethod
    def header_of(text: bytes) -> RunHeader:
        """The header of a manifest, without building its inputs."""
        head, _, _ = text.decode("utf-8").partition(f",\n{INPUTS_LINE}")
        return RunHeader.model_validate_json(head + "\n}")

    @staticmethod
    def inputs_of(text: bytes) -> Iterator[InputOutcome]:
        """A manifest's inputs one at a time (written one a line by flows.run.tally): a run of
        100,000 pages holds 100,000 of them, which a whole model would keep in memory at once."""
        lines = io.BytesIO(text)
        for line in lines:  # the header, up to the line that opens the inputs
            if line == f"{INPUTS_LINE}\n".encode():
                break
        for line in lines:
            line = line.strip().removesuffix(b",")
            if line.startswith(b"{"):
                yield InputOutcome.model_construct(**json.loads(line))


def outcome_of(path: str, record: Article | Rejection | dict, *, unchanged: bool = False) -> InputOutcome:
    """The outcome of a record, given as a model or as its parsed JSON (a replay reads only that).

    `unchanged`: the record for these bytes and this pipeline version was already there.
    """
    if not isinstance(record, dict):
        record = record.model_dump(include={"id", "reason", "language", "removed", "warnings"})
    if "reason" in record:
        return InputOutcome(path=path, id=record["id"], outcome="unchanged" if unchanged else "rejected", reason=record["reason"])
    return InputOutcome(
        path=path,
        id=record["id"],
        outcome="unchanged" if unchanged else "written",
        language=record["language"]["code"],
        removed=dict(sorted(Counter(r["reason"] for r in record["removed"]).items())),
        warnings=dict(sorted(Counter(w["code"] for w in record["warnings"]).items())),
    )
