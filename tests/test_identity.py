"""An article's identity in its record (contract 1.4): its key, and when and from where its
bytes were fetched, from the scraper's sidecar (a sidecar is input: it is checked too)."""

from __future__ import annotations

import json

import pytest

from extractors.contract import Article
from extractors.identity import fetch_time, fetched_urls
from extractors.pipeline import clean_batch
from extractors.records import Origin, RawPage
from flows.scrape.fetch_settings import Fetched
from flows.scrape.landing import land, origin_of
from flows.store.storage import Zone
from tests.conftest import RAW

WEBMD = (RAW / "webmd_peanut_allergy.html").read_bytes()


@pytest.mark.parametrize(("value", "kept"), [
    ("2026-12-01T06:00:00+00:00", "2026-12-01T06:00:00+00:00"),
    ("2026-12-01T07:00:00+01:00", "2026-12-01T07:00:00+01:00"),
    ("2026-12-01T06:00:00", None),  # no offset: which day it was is unknown
    ("yesterday", None), (1733032800, None), ("2026-12-01T06:00:00+00:00" + " " * 60, None),
])
def test_a_fetch_time_is_kept_only_with_its_offset(value, kept):
    assert fetch_time(value) == kept


def test_only_web_urls_are_kept_sorted_and_once():
    assert fetched_urls(["https://b.org/x", "javascript:alert(1)", "https://a.org/", 3, "https://b.org/x"]) == [
        "https://a.org/", "https://b.org/x"]
    assert fetched_urls("https://a.org/") == [], "a string is no list of URLs"


def test_the_same_bytes_from_two_urls_keep_both_and_their_first_fetch(tmp_path):
    raw = Zone(str(tmp_path))
    first = Fetched("https://site.org/old", "fetched", 200, "https://site.org/new", {}, WEBMD, fetched_at="2026-12-01T06:00:00+00:00")
    again = Fetched("https://site.org/other", "fetched", 200, "https://site.org/other", {}, WEBMD, fetched_at="2026-12-01T09:00:00+00:00")
    page = land(raw, first, "2026-12-01")
    assert land(raw, again, "2026-12-01") == page, "one file for one set of bytes a day"
    sidecar = json.loads((tmp_path / page.replace(".html", ".json")).read_text())
    assert sidecar["urls"] == ["https://site.org/new", "https://site.org/old", "https://site.org/other"]
    origin = origin_of(raw, page)
    assert (origin.url, origin.fetched_at) == ("https://site.org/new", "2026-12-01T06:00:00+00:00"), "the first fetch's, not the last"

    (record,) = clean_batch([RawPage(WEBMD, page, origin)])
    assert isinstance(record, Article)
    assert record.source.fetched_at == "2026-12-01T06:00:00+00:00"
    assert record.source.urls == ["https://site.org/new", "https://site.org/old", "https://site.org/other"]
    assert record.article_key == "https://site.org/new", "the sample declares no canonical URL: the fetched one names it"


def test_the_key_prefers_the_canonical_url_and_falls_back_to_the_path():
    page = b"<html><head><link rel=canonical href='https://Site.org/a/?utm_medium=x'></head><body><article>" + \
        b"<p>Cramps come at night and stretching the calf helps most people within minutes.</p>" * 3 + b"</article></body></html>"
    (with_url,) = clean_batch([RawPage(page, "p.html", Origin(url="https://m.site.org/a"))])
    (without,) = clean_batch([RawPage(b"Cramps\n\nCramps come at night and stretching helps most people.\n", "notes/c.txt")])
    assert with_url.article_key == "https://site.org/a"
    assert without.article_key == "path:notes/c.txt" and without.source.fetched_at is None and without.source.urls == []


@pytest.mark.parametrize("fingerprints", [True, False], ids=["by-stamp", "by-content"])
def test_a_url_added_to_the_sidecar_later_reaches_the_record(tmp_path, fingerprints):
    """The bytes did not change, their sidecar did (the same page from a second URL that day):
    the record is cleaned again, found neither by its stamps nor by its content."""
    import os
    import time

    from flows.run.batch import clean_inputs

    raw, out = Zone(str(tmp_path / "raw")), tmp_path / "out"
    first = Fetched("https://site.org/a", "fetched", 200, "https://site.org/a", {}, WEBMD, fetched_at="2026-12-01T06:00:00+00:00")
    page = land(raw, first, "2026-12-01")
    settled = time.time() - 10  # older than the stamps' settle time, so a stamp is trusted
    for name in (page, page.replace(".html", ".json")):
        os.utime(tmp_path / "raw" / name, (settled, settled))
    (outcome,) = clean_inputs(raw.root, out, [page], fingerprints=fingerprints)
    assert clean_inputs(raw.root, out, [page], fingerprints=fingerprints)[0].outcome == "unchanged"
    land(raw, Fetched("https://site.org/b", "fetched", 200, "https://site.org/b", {}, WEBMD, fetched_at="2026-12-01T09:00:00+00:00"), "2026-12-01")
    (again,) = clean_inputs(raw.root, out, [page], fingerprints=fingerprints)
    assert again.outcome == "written"
    record = json.loads((out / "articles" / f"{outcome.id}.json").read_text())
    assert record["source"]["urls"] == ["https://site.org/a", "https://site.org/b"]
    assert clean_inputs(raw.root, out, [page], fingerprints=fingerprints)[0].outcome == "unchanged"


def test_every_landing_of_the_same_bytes_lists_every_url(tmp_path):
    """Another host, another day: two files of one set of bytes, one record (the first path
    names it, flows.run.batch), which must list both URLs whichever file names it."""
    from flows.scrape.state import link_same_bytes

    raw = Zone(str(tmp_path))
    one = land(raw, Fetched("https://a.org/x", "fetched", 200, "https://a.org/x", {}, WEBMD, fetched_at="2026-12-01T06:00:00+00:00"), "2026-12-01")
    assert link_same_bytes(raw, [one]) == 0, "one landing: nothing to share"
    two = land(raw, Fetched("https://b.org/y", "fetched", 200, "https://b.org/y", {}, WEBMD, fetched_at="2026-12-02T06:00:00+00:00"), "2026-12-02")
    assert link_same_bytes(raw, [two]) == 2
    assert origin_of(raw, one).urls == origin_of(raw, two).urls == ("https://a.org/x", "https://b.org/y")
    assert origin_of(raw, one).url == "https://a.org/x", "each landing keeps its own URL and fetch time"
