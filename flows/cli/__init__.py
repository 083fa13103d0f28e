"""The `healthclean` command: the typer app, its output, and the commands it groups."""
