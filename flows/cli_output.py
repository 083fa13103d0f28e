"""What the `healthclean` commands print: a run's table, counts, failures."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

console = Console(stderr=True)


def fail(message: str) -> None:
    console.print(f"[red]{message}[/]")
    raise typer.Exit(2)


def run_table(manifest) -> Table:
    totals = manifest.totals
    table = Table(title="healthclean run", show_header=False)
    table.add_row("inputs", str(totals.inputs))
    table.add_row("articles written", str(totals.outcomes.get("written", 0)))
    table.add_row("unchanged", str(totals.outcomes.get("unchanged", 0)))
    table.add_row("rejected", str(totals.outcomes.get("rejected", 0)))
    table.add_row("languages", counts(totals.languages))
    if totals.rejections:
        table.add_row("rejection reasons", counts(totals.rejections))
    if totals.warnings:
        table.add_row("warnings", counts(totals.warnings))
    return table


def counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items()) or "-"
