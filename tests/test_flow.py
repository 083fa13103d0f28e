"""The flow's wiring: the batch task alone (fast, via .fn), then whole runs under one harness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.store.local_files import PARTIAL_SUFFIX
from flows.cli.app import app
from flows.run.clean_articles import clean_articles, clean_chunk
from flows.run.manifest import InputOutcome, RunManifest
from tests.conftest import GOLDEN, RAW, SAMPLES, golden, raw_folder

BAD = {"empty.txt": b"", "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00", "notes/boilerplate.txt": b"Posted on\nAnonim\n"}


@pytest.fixture
def raw(tmp_path) -> Path:
    folder = raw_folder(tmp_path / "raw")
    for name, data in BAD.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(data)
    (folder / ".gitkeep").write_bytes(b"")
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_chunk_task_writes_articles_and_rejections(raw, tmp_path):
    out = tmp_path / "out"
    lines = clean_chunk.fn(str(raw), str(out), [*SAMPLES, "empty.txt", "missing.txt"], batch_size=3)
    outcomes = [InputOutcome.model_validate_json(line) for line in lines.splitlines()]
    assert [(o.outcome, o.reason) for o in outcomes] == [
        ("written", None), ("written", None), ("rejected", "empty_input"), ("rejected", "unreadable")]
    for name, outcome in zip(SAMPLES, outcomes):
        expected = golden(name.replace(".txt", ".json"))
        assert (out / "articles" / f"{outcome.id}.json").read_text(encoding="utf-8") == expected
    rejected = json.loads((out / "rejected" / f"{outcomes[3].id}.json").read_text())
    assert (rejected["reason"], rejected["source"]["path"], rejected["source"]["sha256"]) == (
        "unreadable", "missing.txt", None)
    assert not list(out.rglob(f"*{PARTIAL_SUFFIX}")), "no temporary file is left behind"


def test_flow_accounts_for_every_input_and_replays_identically(prefect_harness, raw, tmp_path, monkeypatch):
    monkeypatch.setattr("flows.run.artifacts.PROGRESS_INTERVAL_SECONDS", 0.0)  # a bar even for this short run
    first = clean_articles(raw=str(raw), out=str(tmp_path / "a"), batch_size=2, chunk_size=3, processes=2)
    clean_articles(raw=str(raw), out=str(tmp_path / "b"), batch_size=2, chunk_size=5, processes=0)

    assert first.totals.inputs == len(SAMPLES) + len(BAD) == sum(first.totals.outcomes.values())
    assert first.totals.outcomes == {"written": 2, "rejected": 3}
    assert first.totals.languages == {"nl": 1, "sv": 1}
    assert first.totals.rejections == {"binary_input": 1, "empty_input": 1, "no_content": 1}
    assert first.manifest == str(tmp_path / "a" / "runs" / f"{first.run_id}.json")
    manifest = RunManifest.model_validate_json(Path(first.manifest).read_bytes())
    assert manifest.totals == first.totals
    assert [o.path for o in manifest.inputs] == sorted([*SAMPLES, *BAD])
    assert all(o.cpu_ms > 0 for o in manifest.inputs if o.outcome == "written")  # for the slowest-pages summary

    articles_a, articles_b = files(tmp_path / "a" / "articles"), files(tmp_path / "b" / "articles")
    assert articles_a == articles_b, "the same raw bytes must give byte-identical articles"
    assert files(tmp_path / "a" / "rejected") == files(tmp_path / "b" / "rejected")
    assert sorted(articles_a.values()) == sorted(golden(p.name).encode() for p in GOLDEN.glob("*.json"))
    assert {"clean-totals", "clean-summary", "clean-progress"} <= artifact_keys()


def artifact_keys() -> set[str]:
    import asyncio

    from prefect.client.orchestration import get_client

    async def read() -> set[str]:
        async with get_client() as client:
            return {a.key for a in await client.read_artifacts()}

    return asyncio.run(read())


class _State:
    def __init__(self, error: Exception):
        self.error = error

    def result(self):
        raise self.error


def test_only_io_failures_are_retried():
    from flows.run.clean_articles import is_io_failure

    assert is_io_failure(None, None, _State(OSError("disk gone"))) is True
    assert is_io_failure(None, None, _State(ValueError("a bug"))) is False


def test_cli_clean_prints_a_summary(prefect_harness, raw, tmp_path):
    result = CliRunner().invoke(app, ["clean", str(raw), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "articles" in result.output and "nl 1, sv 1" in result.output
    assert len(list((tmp_path / "out" / "articles").glob("*.json"))) == 2


def test_cli_preview_needs_no_engine():
    result = CliRunner().invoke(app, ["preview", str(RAW / "sv_muskelspasmer.txt")])
    assert result.exit_code == 0
    assert result.stdout == golden("sv_muskelspasmer.json")


def test_cli_runs_lists_and_shows_manifests(tmp_path):
    from datetime import datetime, timezone

    from flows.run.manifest import RunManifest
    from flows.run.tally import RunTally

    now = datetime(2026, 11, 20, 3, 0, tzinfo=timezone.utc)
    manifest = RunManifest(run_id="run-1", started=now, finished=now, pipeline_version="v", parameters={},
                           totals=RunTally().totals(), inputs=[])
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "run-1.json").write_text(manifest.model_dump_json(), encoding="utf-8")
    listed = CliRunner().invoke(app, ["runs", "--out", str(tmp_path)])
    assert listed.exit_code == 0 and "run-1" in listed.stdout and "2026-11-20 03:00:00" in listed.stdout
    shown = CliRunner().invoke(app, ["runs", "--out", str(tmp_path), "show", "run-1"])
    assert shown.exit_code == 0 and '"run_id":"run-1"' in shown.stdout
    assert CliRunner().invoke(app, ["runs", "--out", str(tmp_path), "show", "nope"]).exit_code == 1


def test_direct_runs_send_no_heartbeats_unless_the_user_set_them(monkeypatch):
    from prefect.settings import get_current_settings, temporary_settings

    from flows.run.settings import HEARTBEAT_SETTINGS, direct_run

    for name in HEARTBEAT_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    with temporary_settings(updates={"flows.heartbeat_frequency": 180}):
        with direct_run():
            assert get_current_settings().flows.heartbeat_frequency is None
        monkeypatch.setenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "180")
        with direct_run():  # asked for: left as the user set it
            assert get_current_settings().flows.heartbeat_frequency == 180


def test_cli_text_says_what_a_user_needs(tmp_path):
    helped = CliRunner().invoke(app, ["--help"])
    assert helped.exit_code == 0 and "cli_more" not in helped.output and "server" in helped.output
    clean_help = CliRunner().invoke(app, ["clean", "--help"], env={"COLUMNS": "200"})
    assert "(default: one per core; 0: none" in clean_help.output


def test_runs_show_takes_out_after_the_subcommand_too(tmp_path):
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "run-2.json").write_text('{"run_id": "run-2"}\n', encoding="utf-8")
    shown = CliRunner().invoke(app, ["runs", "show", "run-2", "--out", str(tmp_path)])
    assert shown.exit_code == 0 and '"run_id": "run-2"' in shown.stdout


def test_an_unchanged_rerun_table_does_not_contradict_itself():
    from flows.cli.output import run_table
    from flows.run.manifest import RunSummary, Totals
    from rich.console import Console

    totals = Totals(inputs=6, outcomes={"unchanged": 6}, languages={"sv": 2}, rejections={"no_content": 4},
                    removals={}, warnings={})
    summary = RunSummary(run_id="r", started="2026-01-01T00:00:00Z", finished="2026-01-01T00:00:00Z",
                         pipeline_version="v", totals=totals)
    console = Console(width=200, record=True)
    console.print(run_table(summary))
    text = " ".join(console.export_text().split())
    assert "unchanged (already current) │ 6" in text and "rejection reasons (new and unchanged) │ no_content 4" in text


def test_preview_reads_a_scraped_pages_sidecar(tmp_path):
    import shutil

    page = tmp_path / "abc.html"
    shutil.copy(RAW / "webmd_peanut_allergy.html", page)
    (tmp_path / "abc.json").write_text('{"url": "https://example.org/peanut", "final_url": "https://example.org/peanut"}')
    shown = CliRunner().invoke(app, ["preview", str(page)])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["source"]["url"] == "https://example.org/peanut"


def test_preview_of_a_folder_shows_exactly_what_clean_writes(tmp_path):
    from flows.run.batch import clean_inputs
    from flows.store.listing import list_raw
    from flows.store.storage import Zone
    from tests.test_templates import HEADER, TOPICS, page

    raw = tmp_path / "raw"
    (raw / "site-a").mkdir(parents=True)
    for topic in TOPICS:
        (raw / "site-a" / f"{topic.lower()}.txt").write_bytes(page(topic))
    clean_inputs(raw, tmp_path / "out", list_raw(Zone(str(raw))).inputs)
    written = sorted(p.read_text(encoding="utf-8") for p in (tmp_path / "out" / "articles").glob("*.json"))
    shown = CliRunner().invoke(app, ["preview", str(raw)])
    assert shown.exit_code == 0
    printed = sorted("{\n" + part.removeprefix("{\n") + ("" if part.endswith("\n") else "\n")
                     for part in shown.stdout.split("\n{\n"))
    assert len(written) == len(TOPICS) and printed == written, "byte for byte what clean writes"
    assert all(f'"text": "{HEADER}"' in text and '"site_template"' in text for text in written), "templates too"
