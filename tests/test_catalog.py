"""The catalog, the change feed and the export (issue 20): the rules on their own, three days
in the scraper's raw layout cleaned by the real flow and read back the way a downstream app
does (sqlite3, `healthclean changes` and `export`, pandas and DuckDB), and three days of the
real scraper against a site on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import duckdb
import pandas
import pytest
from typer.testing import CliRunner

from extractors.identity import article_key, normal_url
from flows.cli.app import app
from flows.store.catalog import Entry, Seen, next_catalog


@pytest.mark.parametrize(("url", "normal"), [
    ("HTTPS://Example.COM:443/a/b/?utm_source=x&id=3#top", "https://example.com/a/b?id=3"),
    ("http://example.com:8080/", "http://example.com:8080/"),
    ("https://example.com", "https://example.com/"),
    ("ftp://example.com/a", None),
    ("not a url", None),
    ("http://[::1", None),
])
def test_urls_have_one_spelling(url, normal):
    assert normal_url(url) == normal


def test_the_key_is_the_canonical_url_then_the_fetched_url_then_the_path():
    assert article_key("https://site.org/a?fbclid=1", "https://m.site.org/a", "h/d/x.html") == "https://site.org/a"
    assert article_key(None, "https://m.site.org/a/", "h/d/x.html") == "https://m.site.org/a"
    assert article_key("relative/a", None, "notes/x.txt") == "path:notes/x.txt"


def seen(key: str, record: str, fetched: str = "2026-12-01") -> Seen:
    return Seen(key, record, f"{key}-{record}.html", f"https://s/{key}", fetched)


def test_a_key_is_added_changed_gone_and_back_with_its_versions_counted():
    day1, changes1 = next_catalog({}, [seen("a", "1"), seen("b", "2")], "r1")
    assert [(c.key, c.change) for c in changes1] == [("a", "added"), ("b", "added")]
    day2, changes2 = next_catalog(day1, [seen("a", "1"), seen("a", "3", "2026-12-02"), seen("c", "4")], "r2")
    assert [(c.key, c.change, c.previous_id) for c in changes2] == [("a", "changed", "1"), ("b", "gone", "2"), ("c", "added", None)]
    assert day2["a"] == Entry("a", "3", "a-3.html", "https://s/a", "r1", "r2", 2, "current"), "the newest fetch is current"
    assert day2["b"].state == "gone" and day2["b"].record_id == "2"
    day3, changes3 = next_catalog(day2, [seen("a", "3"), seen("b", "2"), seen("c", "4")], "r3")
    assert [(c.key, c.change) for c in changes3] == [("b", "added")] and day3["b"].versions == 1
    assert next_catalog(day3, [seen("a", "3"), seen("b", "2"), seen("c", "4")], "r4")[1] == [], "nothing new, no change"


def page(title: str, words: str) -> bytes:
    body = "".join(f"<p>What helps with {title.lower()} ({words}) is what this paragraph, the {n}th of four, tells you "
                   "in plain words, so that you know what to do and when to see a doctor.</p>" for n in range(4))
    return f"<html lang=en><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>".encode()


def land(raw: Path, host: str, day: str, path: str, body: bytes) -> Path:
    """A page where the scraper lands it: raw/<host>/<day>/<sha256>.html and its sidecar."""
    stem = raw / host / day / hashlib.sha256(body).hexdigest()
    stem.parent.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".html").write_bytes(body)
    sidecar = {"url": f"https://{host}{path}", "final_url": f"https://{host}{path}", "status": 200,
               "headers": {"content-type": "text/html; charset=utf-8"}, "fetched_at": f"{day}T06:00:00+00:00"}
    stem.with_suffix(".json").write_text(json.dumps(sidecar))
    return stem.with_suffix(".html")


def clean(raw: Path, out: Path) -> str:
    from flows.run.clean_articles import clean_articles

    return clean_articles(raw=str(raw), out=str(out), processes=0, export="parquet").run_id


def test_three_days_of_scraping_keep_the_catalog_the_feed_and_the_export(prefect_harness, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    shared = page("Sleep", "rest")  # the same bytes from two sites
    land(raw, "a.org", "2026-12-01", "/cramps", page("Cramps", "muscle"))
    land(raw, "a.org", "2026-12-01", "/sleep", shared)
    land(raw, "b.org", "2026-12-01", "/sleep-copy", shared)
    removed = land(raw, "a.org", "2026-12-01", "/thirst", page("Thirst", "water"))
    day1 = clean(raw, out)

    land(raw, "a.org", "2026-12-02", "/cramps", page("Cramps", "muscle and nerve"))  # the page changed
    removed.unlink()
    removed.with_suffix(".json").unlink()
    land(raw, "a.org", "2026-12-02", "/fever", page("Fever", "heat"))
    day2 = clean(raw, out)
    day3 = clean(raw, out)

    with sqlite3.connect(out / "catalog.sqlite") as db:
        rows = {key: (state, versions) for key, state, versions in db.execute("SELECT article_key, state, versions FROM articles")}
    assert rows == {"https://a.org/cramps": ("current", 2), "https://a.org/sleep": ("current", 1),
                    "https://b.org/sleep-copy": ("current", 1), "https://a.org/thirst": ("gone", 1),
                    "https://a.org/fever": ("current", 1)}
    feed = [json.loads(line) for line in (out / "changes" / f"{day2}.jsonl").read_text().splitlines()]
    assert [(c["article_key"], c["change"]) for c in feed] == [
        ("https://a.org/cramps", "changed"), ("https://a.org/fever", "added"), ("https://a.org/thirst", "gone")]
    assert (out / "changes" / f"{day3}.jsonl").read_text() == "", "a run that changed nothing says so"
    said = CliRunner().invoke(app, ["changes", str(out), "--since", day1])
    assert said.exit_code == 0 and [json.loads(line)["run_id"] for line in said.stdout.splitlines()] == [day2] * 3
    assert CliRunner().invoke(app, ["changes", str(out), "--since", "no-such-run"]).exit_code == 1

    export = out / "export" / "articles.parquet"
    table = pandas.read_parquet(export)
    titles = sorted(m["title"] for m in table["metadata"])
    assert titles == ["Cramps", "Fever", "Sleep"], "current versions only; one row for bytes fetched from two URLs"
    assert "muscle and nerve" in table[table["metadata"].map(lambda m: m["title"]) == "Cramps"]["text"].iloc[0]
    assert duckdb.sql(f"SELECT count(*) FROM '{export}' WHERE metadata.language = 'en'").fetchall() == [(3,)]
    every = CliRunner().invoke(app, ["export", str(out), "--format", "jsonl", "--all"])
    assert every.exit_code == 0, every.output
    versions = [json.loads(line) for line in (out / "export" / "articles-all.jsonl").read_text().splitlines()]
    assert sorted(r["metadata"]["title"] for r in versions) == ["Cramps", "Cramps", "Fever", "Sleep", "Thirst"]
    assert sum(r["metadata"]["current"] for r in versions) == 3


def test_a_real_site_over_three_days_a_page_changed_one_gone_one_from_two_urls(prefect_harness, tmp_path):
    """The scraper against a loopback site on three days (its `day` names the folder), the
    clean flow after each: the catalog, the feed and the scrape manifest say what a person saw."""
    from flows.run.clean_articles import clean_articles
    from flows.scrape.flow import ScrapeManifest, scrape
    from flows.store.catalog_store import changes_since
    from flows.store.storage import Zone
    from tests.site_server import running_site

    pages = {"/cramps": page("Cramps", "muscle"), "/thirst": page("Thirst", "water"), "/sleep": page("Sleep", "rest")}
    served = running_site({path: (lambda h, n, path=path: h.answer(200, pages[path]) if path in pages else h.answer(404, b"gone"))
                           for path in ("/cramps", "/thirst", "/sleep", "/sleep-too", "/fever")})
    served.routes["/sleep-too"] = lambda h, n: h.answer(200, pages["/sleep"])  # the same bytes at a second URL
    raw, out, urls = tmp_path / "raw", tmp_path / "clean", tmp_path / "urls.txt"
    with served as site:
        urls.write_text("".join(f"{site}{p}\n" for p in ("/cramps", "/thirst", "/sleep", "/sleep-too", "/fever", "/etag")))
        runs = []
        for day, change in (("2026-12-01", None), ("2026-12-02", "edit"), ("2026-12-03", None)):
            if change:
                served.routes["/late-sleep"] = lambda h, n: h.answer(200, pages["/sleep"])  # the same bytes, a day later
                urls.write_text(urls.read_text() + f"{site}/late-sleep\n")
                pages["/cramps"] = page("Cramps", "muscle and nerve")
                del pages["/thirst"]
                pages["/fever"] = page("Fever", "heat")
            scraped = scrape(urls_file=str(urls), raw=str(raw), user_agent="healthclean-test/1", host_interval_s=0.01, day=day)
            runs.append((ScrapeManifest.model_validate_json(Path(scraped.manifest).read_bytes()),
                         clean_articles(raw=str(raw), out=str(out), processes=0)))
    (scrape1, clean1), (scrape2, _), (_, clean3) = runs
    said = {u.url.removeprefix(site): u for u in scrape2.urls}
    assert (said["/thirst"].reason, said["/etag"].outcome) == ("http_404", "not_modified")
    assert said["/etag"].page == next(u.page for u in scrape1.urls if u.url.endswith("/etag")), "a 304 names its page"
    sleep = json.loads((out / "articles" / f"{_record_of(out, 'Sleep')}.json").read_text())
    assert sleep["source"]["urls"] == [f"{site}/late-sleep", f"{site}/sleep", f"{site}/sleep-too"], "every URL, every day"
    assert sleep["source"]["fetched_at"].startswith("2026") and sleep["source"]["path"].split("/")[1] == "2026-12-01"
    host = site.removeprefix("http://")
    assert [(c["article_key"].removeprefix(f"http://{host}"), c["change"]) for c in changes_since(Zone(str(out)), clean1.run_id)] == [
        ("/cramps", "changed"), ("/fever", "added"), ("/thirst", "gone")], "its old page is still in raw/: the 404 says it is gone"
    assert clean3.catalog == {"added": 0, "changed": 0, "gone": 0, "current": 4}, "day 3 changed nothing"
    from flows.store.export import write_export

    location, rows = write_export(Zone(str(out)), "parquet")
    table = pandas.read_parquet(location)
    assert rows == 4 and sorted(m["title"] for m in table["metadata"] if m["title"] != "Babies Who Eat Peanuts Early May Avoid Allergy") == [
        "Cramps", "Fever", "Sleep"], "the /etag page is the fourth"
    assert duckdb.sql(f"SELECT list_sort(metadata.urls) FROM '{location}' WHERE metadata.title = 'Sleep'").fetchall() == [
        ([f"{site}/late-sleep", f"{site}/sleep", f"{site}/sleep-too"],)]


def _record_of(out: Path, title: str) -> str:
    return next(p.stem for p in (out / "articles").glob("*.json") if json.loads(p.read_text())["title"] == title)


def test_an_unknown_export_format_is_refused_before_anything_runs(tmp_path):
    for command in (["clean", str(tmp_path), "--export", "csv"], ["export", str(tmp_path), "--format", "csv"]):
        said = CliRunner().invoke(app, command)
        assert said.exit_code == 2 and "parquet, jsonl" in said.output


def test_a_manifest_read_one_input_at_a_time_is_the_manifest():
    """The catalog reads a run's inputs as a stream (a 100,000-page manifest as one model
    cost the flow process tens of MB); a file name holding the separator is no trap."""
    from datetime import datetime, timezone

    from flows.run.manifest import InputOutcome, RunHeader, RunManifest
    from flows.run.tally import RunTally, outcome_lines

    inputs = [InputOutcome(path=f'odd,\n  "inputs": [{n}.txt', id=f"{n:032x}", outcome="written", removed={"ad_label": n})
              for n in range(3)] + [InputOutcome(path="late.txt", id=None, outcome="interrupted")]
    tally = RunTally()
    tally.add(1, outcome_lines(inputs[2:]))
    tally.add(0, outcome_lines(inputs[:2]))
    now = datetime(2026, 12, 2, tzinfo=timezone.utc)
    header = RunHeader(run_id="r1", started=now, finished=now, pipeline_version="v", totals=tally.totals(), parameters={})
    text = "".join(tally.manifest_chunks(header.model_dump_json(indent=2, exclude={"catalog"}))).encode()
    whole = RunManifest.model_validate_json(text)
    assert [i.model_dump() for i in RunManifest.inputs_of(text)] == [i.model_dump() for i in whole.inputs] == [
        i.model_dump() for i in inputs]
    assert RunManifest.header_of(text).run_id == "r1"
