"""`healthclean clean`: check the options, run the clean flow with a progress bar, and stop
the way a person or a scheduler asks (Ctrl-C, SIGTERM: flows.run.interrupt)."""

from __future__ import annotations

import os

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flows.run import interrupt
from flows.cli.output import console, fail, run_table, say
from flows.run.fork_server import start_fork_server
from flows.run.settings import configure_prefect_env, detach_temporary_server, direct_run, uses_embedded_server
from flows.store.storage import OutputError, Zone


def run_clean(raw: str, out: str, **options) -> None:
    """Clean RAW into OUT as `healthclean clean` does; options are the flow's
    (batch_size, force, processes, dask_address, dask_workers). Exits 2 for options that
    cannot work, 128 + n when stopped by signal n."""
    interrupt.arm()
    try:
        _run(raw, out, options)
    except interrupt.StopNow as stop:  # before the run started, or a second signal
        say(f"Stopped by {stop}; records written so far are complete.", style="red")
        raise typer.Exit(128 + stop.signum) from None


def _run(raw: str, out: str, options: dict) -> None:
    configure_prefect_env()
    raw_zone, out_zone = Zone(raw), Zone(out)
    if not raw_zone.fs.isdir(raw_zone.root):
        fail(f"No raw folder at {raw}.")
    process_local = raw_zone.is_process_local or out_zone.is_process_local
    if options.get("processes") != 0 and not (options.get("dask_address") or options.get("dask_workers") or process_local):
        start_fork_server()  # its ~1 s of imports and loading overlaps Prefect's start below
    from flows.run import progress
    from flows.run.clean_articles import clean_articles  # imports Prefect, so only after configuring it
    from flows.store.listing import check_apart, list_raw
    from flows.run.runners import RunnerError, plan_execution

    try:  # a wrong combination is said here, before the temporary server starts
        check_apart(raw_zone, out_zone)
        plan_execution(processes=options.get("processes"), dask_address=options.get("dask_address"),
                       dask_workers=options.get("dask_workers"), process_local_storage=process_local)
        out_zone.check_writable()
    except (RunnerError, OutputError, ValueError) as error:
        fail(str(error))
    total = len(list_raw(raw_zone).inputs)
    engine = "a temporary Prefect server (10-20 s to start)" if uses_embedded_server() else os.environ["PREFECT_API_URL"]
    say(f"Cleaning {total} raw inputs from {raw} into {out} using {engine}.")
    if uses_embedded_server():
        detach_temporary_server()
        say("Tip: `healthclean server start` (or `make server`) keeps a local Prefect server; "
            "later commands use it and take seconds.")
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        pages = bar.add_task("Cleaning", total=total)
        # Not a terminal (a log file, CI, `docker logs`): no bar, a plain line every few seconds.
        lines = None if console.is_terminal else (lambda line: say(f"Cleaned {line}"))
        with progress.listening(lambda n: bar.advance(pages, n), lines), direct_run():
            try:
                state = clean_articles(raw=raw, out=out, **options, return_state=True)
                summary = state.result(raise_on_failure=not state.is_cancelled())
            except OutputError as error:  # what was written stays whole: writes are atomic
                fail(f"{error} The run stopped; records written so far are complete.")
    console.print(run_table(summary))
    if summary.interrupted:
        not_done = summary.totals.outcomes.get("interrupted", 0)
        say(f"Interrupted by {summary.interrupted}: {not_done} inputs not done; the next run does them.", style="red")
    say(f"Manifest: {summary.manifest}")
    if summary.catalog:
        said = ", ".join(f"{summary.catalog[kind]} {kind}" for kind in ("added", "changed", "gone"))
        say(f"Catalog: {summary.catalog['current']} current articles; this run {said} "
            f"(`healthclean changes {out} --since {summary.run_id}` later shows what came after it).")
    if summary.copy_groups is not None:
        say(f"Copies: {summary.copy_groups} groups of copies of one article "
            f"(`healthclean copies {out}` says what each copy lacks).")
    if summary.interrupted:
        raise typer.Exit(interrupt.exit_code(summary.interrupted))
