"""`healthclean server start|stop|status`: a local Prefect server for repeated commands
(flows.run.local_server). Commands find it by themselves; PREFECT_API_URL, if set, wins."""

from __future__ import annotations

import typer

from flows.cli.output import fail, say

server_app = typer.Typer(help="A local Prefect server that later commands use by themselves (runs in seconds).",
                         no_args_is_help=True)


@server_app.command("start")
def server_start(port: int = typer.Option(4200, help="Port on 127.0.0.1 (another free one if taken).")) -> None:
    """Start a local Prefect server in the background (or say where the running one is)."""
    from flows.run import local_server

    try:
        state = local_server.start(port=port)
    except RuntimeError as error:
        fail(str(error))
    say(f"Prefect server running: UI {state['ui_url']}, API {state['api_url']} (pid {state['pid']}, log {state['log']}).")
    say("Later healthclean commands with this PREFECT_HOME use it; `healthclean server stop` ends it.")


@server_app.command("stop")
def server_stop() -> None:
    """Stop the local Prefect server that `server start` started."""
    from flows.run import local_server

    state = local_server.stop()
    say(f"Stopped the Prefect server at {state['api_url']}." if state else "No local Prefect server was recorded.")


@server_app.command("url")
def server_url() -> None:
    """Print the local server's API URL alone, for PREFECT_API_URL (exit 1 if none runs)."""
    from flows.run import local_server

    url = local_server.running_api_url()
    if url is None:
        raise typer.Exit(1)
    typer.echo(url)


@server_app.command("status")
def server_status() -> None:
    """Say whether the local Prefect server runs, and where (exit 1 if it does not)."""
    from flows.run import local_server

    state = local_server.recorded()
    if state and local_server.healthy(state["api_url"]):
        say(f"Running: UI {state['ui_url']}, API {state['api_url']} (pid {state['pid']}).")
        return
    say("No local Prefect server runs here: commands start a temporary one (`healthclean server start` to keep one).")
    raise typer.Exit(1)
