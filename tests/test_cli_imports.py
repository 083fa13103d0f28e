"""Commands that do not run a flow import nothing heavy (issue 16): no Prefect for --help,
runs, schema and preview; not even the cleaning libraries for --help, runs and schema."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import RAW

CHECK = """
import sys
from typer.testing import CliRunner
from flows.cli.app import app
result = CliRunner().invoke(app, sys.argv[1:])
assert result.exit_code in (0, 1), result.output
print(",".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


@pytest.mark.parametrize("args, heavy", [
    (["--help"], {"prefect", "trafilatura", "dateparser", "langdetect", "lxml"}),
    (["runs", "--out", "/nonexistent"], {"prefect", "trafilatura", "dateparser", "langdetect"}),
    (["schema", "{tmp}"], {"prefect", "trafilatura", "dateparser", "langdetect"}),
    (["preview", str(RAW / "sv_muskelspasmer.txt")], {"prefect"}),
])
def test_commands_without_a_flow_import_nothing_heavy(args, heavy, tmp_path):
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    loaded = subprocess.run([sys.executable, "-c", CHECK, *args], capture_output=True, text=True, check=True)
    assert not heavy & set(loaded.stdout.strip().split(","))
