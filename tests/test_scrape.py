"""Scraping (issue 8) against a real HTTP site on 127.0.0.1 started here: politeness, retries,
conditional requests, the raw layout with sidecars, and the clean flow reading them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from flows.scrape.fetch import Fetcher, FetchSettings
from flows.scrape.landing import origin_of, pages_of
from flows.scrape.flow import read_url_list
from flows.store.storage import Zone
from tests.site_server import ETAG, Site, running_site

FAST = FetchSettings(user_agent="healthclean-test/1", timeout_s=1.0, retries=2, backoff_s=0.25, host_interval_s=0.2)


@pytest.fixture
def site():
    with running_site() as base:
        yield base


@pytest.fixture
def fetcher():
    slept: list[float] = []
    fetcher = Fetcher(FAST, sleep=lambda s: slept.append(s))
    fetcher.slept = slept
    yield fetcher
    fetcher.close()


def test_robots_txt_is_honoured_and_read_once_per_host(site, fetcher):
    assert fetcher.fetch(f"{site}/private/page").outcome == "robots_disallowed"
    assert fetcher.fetch(f"{site}/sv/muskelkramper").outcome == "fetched"
    assert (Site.hits["/robots.txt"], Site.hits["/private/page"]) == (1, 0)
    assert set(Site.user_agents) == {"healthclean-test/1"}


def test_redirects_are_followed_up_to_a_cap_and_loops_fail(site, fetcher):
    chain = fetcher.fetch(f"{site}/old")
    assert (chain.outcome, chain.final_url) == ("fetched", f"{site}/sv/muskelkramper")
    assert len(fetcher.slept) == 3, "after robots.txt, each of the three hops waits for the host's pace"
    loop = fetcher.fetch(f"{site}/loop/a")
    assert (loop.outcome, loop.reason) == ("failed", "too_many_redirects")
    assert Site.hits["/loop/a"] + Site.hits["/loop/b"] == 1 + FAST.max_redirects


def test_robots_txt_is_checked_at_every_redirect_hop(site, fetcher):
    hop = fetcher.fetch(f"{site}/to-private")
    assert (hop.outcome, hop.final_url) == ("robots_disallowed", f"{site}/private/page")
    assert (Site.hits["/to-private"], Site.hits["/private/page"]) == (1, 0)


def test_a_404_is_never_retried_a_500_and_a_429_are(site, fetcher):
    missing = fetcher.fetch(f"{site}/missing")
    assert (missing.outcome, missing.reason, Site.hits["/missing"]) == ("failed", "http_404", 1)
    flaky = fetcher.fetch(f"{site}/flaky")
    assert (flaky.outcome, Site.hits["/flaky"]) == ("fetched", 2)
    busy = fetcher.fetch(f"{site}/busy")
    assert (busy.outcome, Site.hits["/busy"]) == ("fetched", 2)
    assert 1.0 in fetcher.slept, "the 429's Retry-After: 1 was waited"


def test_a_slow_answer_times_out_and_fails_after_its_retries(site):
    fetcher = Fetcher(replace(FAST, timeout_s=0.5), sleep=lambda s: None)  # /slow answers after 3 s: 3 tries of 0.5 s
    try:
        slow = fetcher.fetch(f"{site}/slow")
    finally:
        fetcher.close()
    assert (slow.outcome, slow.reason, Site.hits["/slow"]) == ("failed", "timeout", 3)


def test_requests_to_one_host_keep_its_pace(site):
    clock = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    fetcher = Fetcher(FAST, sleep=sleep, clock=lambda: clock[0])
    for _ in range(3):
        fetcher.fetch(f"{site}/sv/muskelkramper")
    fetcher.close()
    assert slept == [pytest.approx(0.2)] * 3, "robots.txt, then three pages: 0.2 s apart"


def test_etag_and_last_modified_make_a_second_fetch_not_modified(site, fetcher):
    assert fetcher.fetch(f"{site}/etag").outcome == "fetched"
    assert fetcher.fetch(f"{site}/dated").outcome == "fetched"
    assert fetcher.validators[f"{site}/etag"] == {"etag": ETAG}
    assert fetcher.fetch(f"{site}/etag").outcome == "not_modified"
    assert fetcher.fetch(f"{site}/dated").outcome == "not_modified"


def test_url_lists_skip_blanks_comments_and_repeats():
    assert read_url_list("# pages\nhttp://a/1\n\nhttp://a/2  # second\nhttp://a/1\n") == ["http://a/1", "http://a/2"]


def test_a_sidecar_is_not_an_input_but_says_where_its_page_came_from(tmp_path):
    (tmp_path / "h" / "d").mkdir(parents=True)
    (tmp_path / "h/d/abc.html").write_text("<p>x</p>")
    (tmp_path / "h/d/abc.json").write_text(json.dumps({"url": "http://h/a", "final_url": "http://h/b",
                                                       "headers": {"content-type": "text/html; charset=ISO-8859-1"}}))
    (tmp_path / "data.json").write_text("{}")
    assert pages_of(Zone(str(tmp_path)).list_files()) == ["data.json", "h/d/abc.html"]
    origin = origin_of(Zone(str(tmp_path)), "h/d/abc.html")
    assert (origin.url, origin.charset) == ("http://h/b", "ISO-8859-1")


def test_scrape_and_clean_lands_pages_with_sidecars_and_cleans_them(prefect_harness, site, tmp_path):
    from flows.scrape.flow import ScrapeManifest, scrape, scrape_and_clean

    paths = ["/health/peanut-allergy", "/old", "/wrong-charset", "/private/page", "/missing", "/loop/a", "/etag", "bad-url"]
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(p if p == "bad-url" else site + p for p in paths) + "\n")
    raw, out = tmp_path / "raw", tmp_path / "clean"
    scraped, cleaned = scrape_and_clean(urls_file=str(urls), raw=str(raw), out=str(out), user_agent="healthclean-test/1",
                                        host_interval_s=0.05)  # the pace itself: test_requests_to_one_host_keep_its_pace

    manifest = ScrapeManifest.model_validate_json(Path(scraped.manifest).read_bytes())
    said = {o.url.removeprefix(site): (o.outcome, o.reason) for o in manifest.urls}
    assert said == {
        "/health/peanut-allergy": ("fetched", None), "/old": ("fetched", None), "/wrong-charset": ("fetched", None),
        "/private/page": ("robots_disallowed", "robots_disallowed"), "/missing": ("failed", "http_404"),
        "/loop/a": ("failed", "too_many_redirects"), "/etag": ("fetched", None), "bad-url": ("failed", "invalid_url"),
    }
    pages = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*.html"))
    assert len(pages) == 3, "/old and /wrong-charset serve the same bytes: one page"
    host, day = pages[0].split("/")[:2]
    assert host == "127.0.0.1" and day == f"{manifest.started:%Y-%m-%d}"
    sidecar = json.loads((raw / pages[0].replace(".html", ".json")).read_text())
    assert {"url", "final_url", "status", "headers", "fetched_at"} <= set(sidecar) and sidecar["status"] == 200

    assert cleaned.totals.inputs == 3, "sidecars and scraper state are not inputs"
    articles = [json.loads(p.read_text()) for p in (out / "articles").glob("*.json")]
    assert {a["source"]["url"] for a in articles} <= {f"{site}{p}" for p in ("/health/peanut-allergy", "/sv/muskelkramper", "/wrong-charset", "/etag")}
    swedish = next(a for a in articles if a["language"]["code"] == "sv")
    assert "smärtsamma" in json.dumps(swedish, ensure_ascii=False), "the charset header was tried, the mojibake repaired"

    again = scrape(urls_file=str(urls), raw=str(raw), user_agent="healthclean-test/1", host_interval_s=0.05)
    assert again.totals.get("not_modified") == 1 and len(list(raw.rglob("*.html"))) == 3
