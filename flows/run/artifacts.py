"""What a run shows in the Prefect UI: totals, a summary, and progress while it runs."""

from __future__ import annotations

import time

from prefect import get_run_logger
from prefect.artifacts import create_markdown_artifact, create_progress_artifact, create_table_artifact, update_progress_artifact

from flows.run import progress
from flows.run.manifest import RunSummary
from flows.run.progress import RunProgress
from flows.run.tally import RunTally

# Each update is an API call from the flow's process (~60 ms of its threads here): at one a
# batch they took a third of a 10,000-page replay. People watching a bar need less.
PROGRESS_INTERVAL_SECONDS = 2.0


class Progress:
    """The run's progress artifact: created once the run has gone on for
    PROGRESS_INTERVAL_SECONDS (a shorter run needs no bar, its summary comes at once; the
    API call was a tenth of a 1,000-page replay), then updated at most that often and at the end."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self._last = total, 0, time.monotonic()
        self._artifact = None

    def advance(self, count: int) -> None:
        self.done += count
        finished_shown = self.done >= self.total and self._artifact is not None
        if not finished_shown and time.monotonic() - self._last < PROGRESS_INTERVAL_SECONDS:
            return
        percent = 100.0 * self.done / max(self.total, 1)
        if self._artifact is None:
            self._artifact = create_progress_artifact(progress=percent, key="clean-progress", description="Pages cleaned, in per cent")
        else:
            update_progress_artifact(artifact_id=self._artifact, progress=percent)
        self._last = time.monotonic()


def publish_summary(summary: RunSummary, tally: RunTally) -> None:
    """A totals table and a markdown summary naming the most-stripped and the slowest pages."""
    totals = summary.totals
    rows = [{"group": "outcome", "name": k, "count": v} for k, v in totals.outcomes.items()]
    for group, counts in (("language", totals.languages), ("rejection", totals.rejections),
                          ("removal", totals.removals), ("warning", totals.warnings)):
        rows += [{"group": group, "name": k, "count": v} for k, v in counts.items()]
    create_table_artifact(table=rows, key="clean-totals", description=f"Totals of run {summary.run_id}")
    lines = [
        f"# healthclean run `{summary.run_id}`",
        f"{totals.inputs} inputs: " + ", ".join(f"{v} {k}" for k, v in totals.outcomes.items()),
        f"Pipeline version `{summary.pipeline_version}`.",
        "",
        "## Most stripped pages",
        "| page | removed lines | warnings |",
        "|---|---|---|",
        *(f"| {_cell(o.path)} | {sum(o.removed.values())} | {sum(o.warnings.values())} |" for o in tally.most_stripped),
        "",
        "## Slowest pages",
        "| page | CPU ms | outcome |",
        "|---|---|---|",
        *(f"| {_cell(o.path)} | {o.cpu_ms:.1f} | {o.outcome} |" for o in tally.slowest),
    ]
    create_markdown_artifact(markdown="\n".join(lines), key="clean-summary", description="Run summary")


def _cell(path: str) -> str:
    """A file name as one markdown table cell: a '|' or a line break in it would split the row."""
    return "`" + " ".join(path.replace("|", "\\|").replace("`", "'").split()) + "`"


class Shown:
    """Where a run's progress goes: the listeners (the CLI), the progress artifact, and a
    line in the run's Prefect log every few seconds (a 2-minute run was silent there)."""

    def __init__(self, run_progress: RunProgress, artifact: Progress) -> None:
        self.progress, self.artifact, self.logger = run_progress, artifact, get_run_logger()

    def update(self) -> None:
        if new := self.progress.newly_done():
            progress.report(new)
            self.artifact.advance(new)
        if self.progress.line_due():
            line = self.progress.line()
            self.logger.info("Cleaned %s", line)
            progress.announce(line)
