"""Run manifests: every raw input of a run with its outcome, and the totals."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractors.contract import Article, Rejection

Outcome = Literal["written", "unchanged", "rejected"]


class InputOutcome(BaseModel):
    """What became of one raw input: small, so tasks can return thousands of them."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str
    id: str
    outcome: Outcome
    reason: str | None = None
    language: str | None = None
    removed: dict[str, int] = {}
    warnings: dict[str, int] = {}
    cpu_ms: float | None = None  # cleaning time of a page cleaned in this run


class Totals(BaseModel):
    inputs: int
    outcomes: dict[str, int]
    languages: dict[str, int]
    rejections: dict[str, int]
    removals: dict[str, int]
    warnings: dict[str, int]


class RunSummary(BaseModel):
    """What the flow returns: small whatever the run's size (every input is in the manifest).
    Prefect walks a flow's return value, so thousands of outcomes there cost seconds."""

    run_id: str
    started: datetime
    finished: datetime
    pipeline_version: str
    totals: Totals
    manifest: str = ""  # where the manifest was written


class RunHeader(RunSummary):
    """A manifest without its inputs: written first, the inputs streamed after it."""

    parameters: dict[str, str | int | bool | None]

    def summary(self, location: str) -> RunSummary:
        fields = self.model_dump(include=set(RunSummary.model_fields))
        return RunSummary(**{**fields, "manifest": location})


class RunManifest(RunHeader):
    """The file OUT/runs/<run id>.json: the run's parameters and every input's outcome
    (written by flows.tally, one input a line)."""

    inputs: list[InputOutcome]


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
