"""The `healthclean` commands beside cleaning: past runs (`runs`, `runs show`), `scrape`, and
what downstream apps read (`changes`, `export`: docs/downstream.md)."""

from __future__ import annotations

import os

from pathlib import Path

import typer

from flows.cli.output import console, counts, json_terminal_safe, run_table, say
from flows.run.settings import configure_prefect_env, direct_run
from flows.store.storage import Zone

runs_app = typer.Typer(help="Past runs of the clean flow, from OUT/runs.", invoke_without_command=True)


@runs_app.callback()
def runs(ctx: typer.Context, out: Path = typer.Option(Path("clean"), "--out", "-o", help="Output folder.")) -> None:
    """List past runs, newest first."""
    ctx.obj = out
    if ctx.invoked_subcommand is not None:
        return
    from flows.run.manifest import RunManifest

    manifests = [RunManifest.model_validate_json(p.read_bytes()) for p in (out / "runs").glob("*.json")]
    if not manifests:
        typer.echo(f"No runs in {out / 'runs'}.")
    for m in sorted(manifests, key=lambda m: m.started, reverse=True):  # plain lines: easy to grep
        seconds = (m.finished - m.started).total_seconds()
        typer.echo(f"{m.started:%Y-%m-%d %H:%M:%S}  {seconds:7.1f}s  {m.totals.inputs:6d} inputs  "
                   f"{counts(m.totals.outcomes):30s}  {m.run_id}")


@runs_app.command("show")
def runs_show(
    ctx: typer.Context,
    run_id: str = typer.Argument(..., help="A run id from `healthclean runs`."),
    out: Path = typer.Option(None, "--out", "-o", help="Output folder (also accepted before `show`)."),
) -> None:
    """Print one run's manifest (JSON)."""
    path = (out or ctx.obj) / "runs" / f"{Path(run_id).name}.json"
    if not path.is_file():
        say(f"No run {run_id!r} in {path.parent}.")
        raise typer.Exit(1)
    typer.echo(json_terminal_safe(path.read_text(encoding="utf-8")), nl=False)


def scrape(
    urls: Path = typer.Argument(..., exists=True, dir_okay=False, help="A text file: one URL a line, # comments."),
    raw: str = typer.Option("raw", "--raw", help="Raw zone the pages land in (<host>/<date>/<sha256>.html)."),
    clean_into: str = typer.Option(None, "--clean", help="Then clean the raw zone into this output folder."),
    user_agent: str = typer.Option("healthclean-scraper/0.1", help="How the requests identify themselves."),
) -> None:
    """Fetch URLs into RAW politely (robots.txt, a pace per host, conditional requests)."""
    configure_prefect_env()
    from flows.scrape.flow import scrape as scrape_flow, scrape_and_clean

    with direct_run():
        if clean_into:
            scraped, cleaned = scrape_and_clean(urls_file=str(urls), raw=raw, out=clean_into, user_agent=user_agent)
            console.print(run_table(cleaned))
        else:
            scraped = scrape_flow(urls_file=str(urls), raw=raw, user_agent=user_agent)
    say("URLs: " + counts(scraped.totals))
    say(f"Scrape manifest: {scraped.manifest}")


def changes(
    out: str = typer.Argument("clean", help="Output folder or fsspec URL."),
    since: str = typer.Option(None, "--since", help="A run id: only the runs after it (default: every run)."),
) -> None:
    """What the runs after SINCE added, changed and marked gone, one JSON line each, oldest first."""
    import json

    from flows.store.catalog_store import UnknownRun, changes_since

    try:
        for change in changes_since(Zone(out), since):
            typer.echo(json_terminal_safe(json.dumps(change, ensure_ascii=False)))
    except UnknownRun as error:
        say(str(error))
        raise typer.Exit(1) from None


def export(
    out: str = typer.Argument("clean", help="Output folder or fsspec URL."),
    format: str = typer.Option("parquet", "--format", "-f", help="parquet or jsonl."),
    to: str = typer.Option(None, "--to", help="Where the file goes (default: OUT/export)."),
    all_versions: bool = typer.Option(False, "--all", help="Every article record, not only each article's current one."),
) -> None:
    """Write the current articles of OUT as one dataset file (id, text, metadata)."""
    from flows.store.export import FORMATS, write_export

    if format not in FORMATS:
        raise typer.BadParameter(f"one of {', '.join(FORMATS)}", param_hint="--format")
    location, rows = write_export(Zone(out), format, Zone(to) if to else None, all_versions=all_versions)
    say(f"{rows} articles: {location}")


def copies(
    out: str = typer.Argument("clean", help="Output folder or fsspec URL."),
) -> None:
    """Group the current articles of OUT that are copies of one article (translations, the
    same page twice), rewrite OUT/copies/groups.jsonl and report.jsonl, and say what each
    copy lacks against its siblings."""
    from flows.store.copies import GROUPS, REPORT, write_copies

    zone = Zone(out)
    groups = write_copies(zone, processes=os.cpu_count() or 1)
    for group, lines in groups:
        say(f"group {group.id}: {len(group.members)} copies, original {group.original.path} ({group.original.language})")
        for line in lines:
            lacks = "; ".join(_lack_text(lack) for lack in line["lacks"]) or "nothing the siblings have"
            verdict = f" [its lost_list warning: {line['lost_list']}]" if line["lost_list"] else ""
            say(f"  {line['language'] or '?'} {line['path']}: lacks {lacks}{verdict}")
    say(f"{len(groups)} groups: {zone.location(GROUPS)}, {zone.location(REPORT)}")


def _lack_text(lack: dict) -> str:
    what = f"a list of {lack['items']} items" if lack["kind"] == "list" else "a section"
    where = f" after \"{lack['after_text'][:60]}\"" if lack["after_text"] else " at the start"
    intro = " (only its intro line is here)" if lack["intro_only"] else ""
    siblings = ", ".join(s["path"] for s in lack["siblings"])
    return f"{what}{where}{intro}, which {siblings} has ({len(lack['siblings'])} of {lack['reaching']} reaching it)"
