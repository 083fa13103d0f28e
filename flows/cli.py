"""The `healthclean` command: `clean` runs the flow, `preview` runs the library on one page."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from flows.settings import DEFAULT_BATCH_SIZE, configure_prefect_env, direct_run, uses_embedded_server
from flows.landing import pages_of
from flows.storage import OutputError, Zone

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
console = Console(stderr=True)


@app.command()
def clean(
    raw: str = typer.Argument("raw", help="Raw folder or fsspec URL (s3://bucket/raw, memory://raw ...)."),
    out: str = typer.Option("clean", "--out", "-o", help="Output folder or fsspec URL."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, min=1, help="Pages a worker cleans at once (the site-template scope)."),
    force: bool = typer.Option(False, "--force", help="Clean every page again, even unchanged ones."),
    processes: int = typer.Option(None, min=0, help="Worker processes here [default: one per core; 0: none]."),
    workers: int = typer.Option(None, "--workers", min=1, help="Start a local Dask cluster of N workers."),
    dask: str = typer.Option(None, "--dask", help="Run on an existing Dask scheduler, e.g. tcp://host:8786."),
) -> None:
    """Clean every page below RAW into OUT (articles/, rejected/, runs/)."""
    configure_prefect_env()
    from flows import progress
    from flows.clean_articles import clean_articles  # imports Prefect, so only after configuring it
    from flows.runners import RunnerError, plan_execution

    raw_zone = Zone(raw)
    if not raw_zone.fs.isdir(raw_zone.root):
        _fail(f"No raw folder at {raw}.")
    try:  # a wrong combination is said here, before the temporary server starts
        plan_execution(processes=processes, dask_address=dask, dask_workers=workers,
                        process_local_storage=raw_zone.is_process_local or Zone(out).is_process_local)
        Zone(out).check_writable()
    except (RunnerError, OutputError) as error:
        _fail(str(error))
    total = len(pages_of(raw_zone.list_files()))
    engine = "a temporary Prefect server (about 15 s to start)" if uses_embedded_server() else "the Prefect API"
    console.print(f"Cleaning {total} raw inputs from [bold]{raw}[/] into [bold]{out}[/] using {engine}.")
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        pages = bar.add_task("Cleaning", total=total)
        with progress.listening(lambda n: bar.advance(pages, n)), direct_run():
            try:
                manifest = clean_articles(raw=raw, out=out, batch_size=batch_size, force=force,
                                          processes=processes, dask_address=dask, dask_workers=workers)
            except OutputError as error:  # what was written stays whole: writes are atomic
                _fail(f"{error} The run stopped; records written so far are complete.")
    console.print(_summary(manifest))
    console.print(f"Manifest: {manifest.manifest}")


def _fail(message: str) -> None:
    console.print(f"[red]{message}[/]")
    raise typer.Exit(2)


def _summary(manifest) -> Table:
    totals = manifest.totals
    table = Table(title="healthclean run", show_header=False)
    table.add_row("inputs", str(totals.inputs))
    table.add_row("articles written", str(totals.outcomes.get("written", 0)))
    table.add_row("unchanged", str(totals.outcomes.get("unchanged", 0)))
    table.add_row("rejected", str(totals.outcomes.get("rejected", 0)))
    table.add_row("languages", _counts(totals.languages))
    if totals.rejections:
        table.add_row("rejection reasons", _counts(totals.rejections))
    if totals.warnings:
        table.add_row("warnings", _counts(totals.warnings))
    return table


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items()) or "-"


@app.command()
def replay(
    raw: Path = typer.Argument(..., exists=True, file_okay=False, help="Raw snapshot to clean."),
    out: Path = typer.Option(..., "--out", "-o", help="Where the new output goes."),
    against: Path = typer.Option(..., "--against", exists=True, file_okay=False, help="A previous output folder."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, min=1, help="Pages a worker cleans at once (the site-template scope)."),
) -> None:
    """Clean RAW into OUT, then report article by article what changed against AGAINST."""
    import json

    from flows.replay import diff_outputs, summary

    clean(raw=str(raw), out=str(out), batch_size=batch_size, force=True, processes=None, workers=None, dask=None)
    report = diff_outputs(against, out)
    Zone(str(out)).write_atomic("replay-diff.json", json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    typer.echo(summary(report))
    console.print(f"Report: {out / 'replay-diff.json'}")


@app.command()
def serve(
    raw: Path = typer.Argument(Path("raw"), file_okay=False, help="Raw folder to read."),
    out: Path = typer.Option(Path("clean"), "--out", "-o", help="Output folder."),
    cron: str = typer.Option("0 3 * * *", help="When to run (cron, UTC)."),
    name: str = typer.Option("healthclean-serve", help="Deployment name."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, min=1, help="Pages a worker cleans at once (the site-template scope)."),
) -> None:
    """Run the clean flow on a schedule (needs a Prefect server; keeps running)."""
    configure_prefect_env()
    if uses_embedded_server():
        console.print(
            "Schedules need a Prefect server; the temporary one cannot schedule flows.\n"
            "  1. prefect server start            (UI on http://127.0.0.1:4200)\n"
            "  2. export PREFECT_API_URL=http://127.0.0.1:4200/api\n"
            "  3. healthclean serve ... again"
        )
        raise typer.Exit(2)
    from flows.clean_articles import clean_articles

    console.print(f"Serving deployment clean-articles/{name} on cron {cron!r} (Ctrl-C stops).")
    parameters = {"raw": str(raw.resolve()), "out": str(out.resolve()), "batch_size": batch_size}
    clean_articles.serve(name=name, cron=cron, parameters=parameters, print_starting_message=False)


runs_app = typer.Typer(help="Past runs of the clean flow, from OUT/runs.", invoke_without_command=True)
app.add_typer(runs_app, name="runs")


@runs_app.callback()
def runs(ctx: typer.Context, out: Path = typer.Option(Path("clean"), "--out", "-o", help="Output folder.")) -> None:
    """List past runs, newest first."""
    ctx.obj = out
    if ctx.invoked_subcommand is not None:
        return
    from flows.manifest import RunManifest

    manifests = [RunManifest.model_validate_json(p.read_bytes()) for p in (out / "runs").glob("*.json")]
    if not manifests:
        typer.echo(f"No runs in {out / 'runs'}.")
    for m in sorted(manifests, key=lambda m: m.started, reverse=True):  # plain lines: easy to grep
        seconds = (m.finished - m.started).total_seconds()
        typer.echo(f"{m.started:%Y-%m-%d %H:%M:%S}  {seconds:7.1f}s  {m.totals.inputs:6d} inputs  "
                   f"{_counts(m.totals.outcomes):30s}  {m.run_id}")


@runs_app.command("show")
def runs_show(ctx: typer.Context, run_id: str = typer.Argument(..., help="A run id from `healthclean runs`.")) -> None:
    """Print one run's manifest (JSON)."""
    path = ctx.obj / "runs" / f"{Path(run_id).name}.json"
    if not path.is_file():
        console.print(f"No run {run_id!r} in {path.parent}.")
        raise typer.Exit(1)
    typer.echo(path.read_text(encoding="utf-8"), nl=False)


@app.command()
def scrape(
    urls: Path = typer.Argument(..., exists=True, dir_okay=False, help="A text file: one URL a line, # comments."),
    raw: str = typer.Option("raw", "--raw", help="Raw zone the pages land in (<host>/<date>/<sha256>.html)."),
    clean_into: str = typer.Option(None, "--clean", help="Then clean the raw zone into this output folder."),
    user_agent: str = typer.Option("healthclean-scraper/0.1", help="How the requests identify themselves."),
) -> None:
    """Fetch URLs into RAW politely (robots.txt, a pace per host, conditional requests)."""
    configure_prefect_env()
    from flows.scrape import scrape as scrape_flow, scrape_and_clean

    with direct_run():
        if clean_into:
            scraped, cleaned = scrape_and_clean(urls_file=str(urls), raw=raw, out=clean_into, user_agent=user_agent)
            console.print(_summary(cleaned))
        else:
            scraped = scrape_flow(urls_file=str(urls), raw=raw, user_agent=user_agent)
    console.print("URLs: " + _counts(scraped.totals))
    console.print(f"Scrape manifest: {scraped.manifest}")


@app.command()
def preview(file: Path = typer.Argument(..., exists=True, dir_okay=False, help="One raw page.")) -> None:
    """Clean one page with the library alone (no Prefect) and print its JSON record."""
    from extractors.contract import to_json
    from extractors.pipeline import clean_page

    typer.echo(to_json(clean_page(file.read_bytes(), file.name)), nl=False)


@app.command()
def schema(folder: Path = typer.Argument(Path("docs/schema"), help="Where to write the schemas.")) -> None:
    """Write the JSON Schemas of the output records, generated from the models."""
    import json

    from extractors.contract import json_schemas

    for name, document in json_schemas().items():
        Zone(str(folder)).write_atomic(name, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        console.print(f"wrote {folder / name}")


if __name__ == "__main__":
    app()
