"""What a run shows in the Prefect UI: totals, a summary, and progress while it runs."""

from __future__ import annotations

from prefect.artifacts import create_markdown_artifact, create_progress_artifact, create_table_artifact, update_progress_artifact

from flows.manifest import RunManifest

MOST_STRIPPED = 5


def start_progress() -> object:
    return create_progress_artifact(progress=0.0, key="clean-progress", description="Pages cleaned, in per cent")


def report_progress(artifact_id: object, done: int, total: int) -> None:
    update_progress_artifact(artifact_id=artifact_id, progress=100.0 * done / max(total, 1))


def publish_summary(manifest: RunManifest) -> None:
    """A totals table and a markdown summary naming the most-stripped and the slowest pages."""
    totals = manifest.totals
    rows = [{"group": "outcome", "name": k, "count": v} for k, v in totals.outcomes.items()]
    for group, counts in (("language", totals.languages), ("rejection", totals.rejections),
                          ("removal", totals.removals), ("warning", totals.warnings)):
        rows += [{"group": group, "name": k, "count": v} for k, v in counts.items()]
    create_table_artifact(table=rows, key="clean-totals", description=f"Totals of run {manifest.run_id}")
    stripped = sorted(manifest.inputs, key=lambda o: -sum(o.removed.values()))[:MOST_STRIPPED]
    lines = [
        f"# healthclean run `{manifest.run_id}`",
        f"{totals.inputs} inputs: " + ", ".join(f"{v} {k}" for k, v in totals.outcomes.items()),
        f"Pipeline version `{manifest.pipeline_version}`.",
        "",
        "## Most stripped pages",
        "| page | removed lines | warnings |",
        "|---|---|---|",
        *(f"| {o.path} | {sum(o.removed.values())} | {sum(o.warnings.values())} |" for o in stripped),
    ]
    slowest = sorted((o for o in manifest.inputs if o.cpu_ms is not None), key=lambda o: -o.cpu_ms)[:MOST_STRIPPED]
    lines += [
        "",
        "## Slowest pages",
        "| page | CPU ms | outcome |",
        "|---|---|---|",
        *(f"| {o.path} | {o.cpu_ms:.1f} | {o.outcome} |" for o in slowest),
    ]
    create_markdown_artifact(markdown="\n".join(lines), key="clean-summary", description="Run summary")
