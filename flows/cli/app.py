"""healthclean: clean scraped health articles into structured, versioned JSON.

`clean` cleans a raw folder (a Prefect flow), `preview` one page (the library alone),
`scrape` fetches a URL list, `runs` lists past runs, `changes`, `export` and `copies` read the catalog
(docs/downstream.md), `server` keeps a local Prefect server."""

from __future__ import annotations

from pathlib import Path

import typer

from flows.run.settings import DEFAULT_BATCH_SIZE, configure_prefect_env, uses_embedded_server
from flows.store.storage import Zone
from flows.cli.more import changes, copies, export, runs_app, scrape
from flows.cli.server import server_app
from flows.cli.output import console, json_terminal_safe, say

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


@app.command()
def clean(
    raw: str = typer.Argument("raw", help="Raw folder or fsspec URL (s3://bucket/raw, memory://raw ...)."),
    out: str = typer.Option("clean", "--out", "-o", help="Output folder or fsspec URL."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, min=1, help="Pages a worker cleans at once (the site-template scope)."),
    force: bool = typer.Option(False, "--force", help="Clean every page again, even unchanged ones."),
    processes: int = typer.Option(None, min=0, help="Worker processes here (default: one per core; 0: none, clean in this process)."),
    workers: int = typer.Option(None, "--workers", min=1, help="Start a local Dask cluster of N workers."),
    dask: str = typer.Option(None, "--dask", help="Run on an existing Dask scheduler, e.g. tcp://host:8786."),
    export: str = typer.Option(None, "--export", help="Then rewrite OUT/export/articles.<FORMAT> (parquet or jsonl)."),
) -> None:
    """Clean every page below RAW into OUT (articles/, rejected/, runs/), then update
    OUT/catalog.sqlite and write OUT/changes/<run id>.jsonl. Ctrl-C or SIGTERM stops it
    within seconds, with a manifest of what was done (exit 130 / 143)."""
    from flows.cli.clean import run_clean
    from flows.store.export import FORMATS

    if export is not None and export not in FORMATS:
        raise typer.BadParameter(f"one of {', '.join(FORMATS)}", param_hint="--export")
    run_clean(raw, out, batch_size=batch_size, force=force, processes=processes, dask_address=dask, dask_workers=workers,
              export=export)


@app.command()
def replay(
    raw: Path = typer.Argument(None, exists=True, file_okay=False, help="Raw snapshot to clean (not with --diff-only)."),
    out: Path = typer.Option(..., "--out", "-o", help="Where the new output goes (with --diff-only: an existing output)."),
    against: Path = typer.Option(..., "--against", exists=True, file_okay=False, help="A previous output folder."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, min=1, help="Pages a worker cleans at once (the site-template scope)."),
    diff_only: bool = typer.Option(False, "--diff-only", help="Compare OUT with AGAINST as they are; clean nothing."),
) -> None:
    """Clean RAW into OUT, then report article by article (by article key) what changed
    against AGAINST; with --diff-only, only the report."""
    import json

    from flows.run.replay import diff_outputs, summary

    if diff_only == (raw is not None):
        raise typer.BadParameter("give RAW to clean and compare, or --diff-only to compare two outputs", param_hint="RAW")
    if not diff_only:
        clean(raw=str(raw), out=str(out), batch_size=batch_size, force=True, processes=None, workers=None, dask=None, export=None)
    elif not (out / "articles").is_dir():
        raise typer.BadParameter(f"{out} holds no output to compare", param_hint="--out")
    report = diff_outputs(against, out)
    Zone(str(out)).write_atomic("replay-diff.json", json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    typer.echo(summary(report))
    say(f"Report: {out / 'replay-diff.json'}")


@app.command()
def serve(
    raw: Path = typer.Argument(Path("raw"), file_okay=False, help="Raw folder to read."),
    out: Path = typer.Option(Path("clean"), "--out", "-o", help="Output folder."),
    cron: str = typer.Option(None, show_default="0 3 * * *", help="When to run (cron, UTC)."),
    interval: int = typer.Option(None, min=1, help="Run every N seconds instead of on a cron."),
    name: str = typer.Option("healthclean-serve", help="Deployment name."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, min=1, help="Pages a worker cleans at once (the site-template scope)."),
) -> None:
    """Run the clean flow on a schedule (needs a Prefect server; keeps running)."""
    if cron and interval:
        raise typer.BadParameter("give --cron or --interval, not both", param_hint="--interval")
    configure_prefect_env()
    if uses_embedded_server():
        console.print(
            "Schedules need a Prefect server; the temporary one cannot schedule flows.\n"
            "  1. prefect server start            (UI on http://127.0.0.1:4200)\n"
            "  2. export PREFECT_API_URL=http://127.0.0.1:4200/api\n"
            "  3. healthclean serve ... again"
        )
        raise typer.Exit(2)
    from flows.run.clean_articles import clean_articles

    schedule = {"interval": interval} if interval else {"cron": cron or "0 3 * * *"}
    when = f"every {interval} s" if interval else f"on cron {schedule['cron']!r}"
    say(f"Serving deployment clean-articles/{name} {when} (Ctrl-C stops).")
    parameters = {"raw": str(raw.resolve()), "out": str(out.resolve()), "batch_size": batch_size}
    # One run at a time: two runs on one OUT take turns anyway (its lock), and a schedule
    # shorter than a run would otherwise pile up processes that wait.
    clean_articles.serve(name=name, parameters=parameters, print_starting_message=False, limit=1, **schedule)


@app.command()
def preview(
    files: list[Path] = typer.Argument(..., exists=True, help="Raw pages, or a folder of them."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, min=1, help="Pages cleaned together (the site-template scope), as in `clean`."),
    explain: bool = typer.Option(False, "--explain", help="Print what each rule tagged and removed and each stage's time, not the records."),
) -> None:
    """Clean pages with the library alone (no Prefect) and print their JSON records, exactly
    as `clean` makes them: the same batches, site templates and sidecars (one record per page)."""
    from extractors.contract import to_json
    from flows.run.batch import records_of
    from flows.cli.output import explanation_text
    from flows.store.listing import list_raw

    notes: dict = {}
    for root, paths in _preview_inputs(files, list_raw):
        for start in range(0, len(paths), batch_size):
            for record in records_of(Zone(str(root)), paths[start : start + batch_size], explain=notes if explain else None):
                if not explain:
                    typer.echo(json_terminal_safe(to_json(record)), nl=False)
    if explain:
        typer.echo(explanation_text(notes))


def _preview_inputs(files: list[Path], list_raw) -> list[tuple[Path, list[str]]]:
    """(raw root, its inputs): a folder is a raw zone of its own; files are inputs of their folder."""
    folders = [(f, list_raw(Zone(str(f))).inputs) for f in files if f.is_dir()]
    loose: dict[Path, list[str]] = {}
    for file in files:
        if not file.is_dir():
            loose.setdefault(file.parent, []).append(file.name)
    return folders + list(loose.items())


@app.command()
def schema(folder: Path = typer.Argument(Path("docs/schema"), help="Where to write the schemas.")) -> None:
    """Write the JSON Schemas of the output records, generated from the models."""
    import json

    from extractors.contract import json_schemas

    for name, document in json_schemas().items():
        Zone(str(folder)).write_atomic(name, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        say(f"wrote {folder / name}")


@app.command()
def rules(write: Path = typer.Option(None, "--write", help="Update the rule table in this Markdown file (docs/rules.md).")) -> None:
    """Print every rule by its reason code (extractors.registry), or update docs/rules.md's table."""
    from extractors.registry import rules_markdown

    table = rules_markdown()
    if write is None:
        typer.echo(table, nl=False)
        return
    text = write.read_text(encoding="utf-8")
    start, end = text.index(RULES_START) + len(RULES_START), text.index(RULES_END)
    Zone(str(write.parent)).write_atomic(write.name, text[:start] + "\n" + table + text[end:])
    say(f"wrote the rule table of {write}")


RULES_START, RULES_END = "<!-- rules: generated by `healthclean rules --write docs/rules.md` -->", "<!-- rules: end -->"


app.add_typer(runs_app, name="runs")
app.add_typer(server_app, name="server")
app.command()(scrape)
app.command()(changes)
app.command()(export)
app.command()(copies)

if __name__ == "__main__":
    app()
