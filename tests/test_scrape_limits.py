"""The scraper's limits against a real HTTP site on 127.0.0.1 (tests/site_server.py): a size
cap counted while the body streams, a deadline for a whole request, robots.txt as RFC 9309
reads it, URLs no request can be made for, and a raw layout nothing escapes."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.scrape.fetch import Fetched, Fetcher, FetchSettings
from flows.scrape.fetch_urls import MAX_URL_CHARS, ascii_host, url_problem
from flows.scrape.landing import INVALID_HOST, OutsideRaw, host_folder, land
from flows.scrape.flow import fetch_host, invalid_url_outcome, read_url_list
from flows.store.storage import Zone
from tests.site_server import SMALL_CAP, Site, running_site

QUICK = FetchSettings(user_agent="healthclean-test/1", timeout_s=1.0, deadline_s=0.5, retries=1, backoff_s=0.0,
                      host_interval_s=0.0, max_bytes=SMALL_CAP)


@pytest.fixture
def site():
    with running_site() as base:
        yield base


def quick_fetcher(settings: FetchSettings = QUICK) -> Fetcher:
    return Fetcher(settings, sleep=lambda seconds: None)


def test_bodies_over_max_bytes_fail_too_large_and_land_nothing(site, tmp_path):
    paths = ["/too-big-declared", "/too-big-unsized", "/gzip-bomb", "/just-fits"]
    done, _ = fetch_host.fn([site + p for p in paths], str(tmp_path), QUICK, {}, "2026-01-01")
    said = {o.url.removeprefix(site): (o.outcome, o.reason) for o in done}
    assert said == {"/too-big-declared": ("failed", "too_large"), "/too-big-unsized": ("failed", "too_large"),
                    "/gzip-bomb": ("failed", "too_large"), "/just-fits": ("fetched", None)}
    assert "announced" in done[0].message and "inflated" in done[2].message, "refused from Content-Length; counted inflated"
    landed = [p for p in tmp_path.rglob("*.html")]
    assert len(landed) == 1 and landed[0].stat().st_size == SMALL_CAP, "only the page at the cap landed"
    assert Site.hits["/gzip-bomb"] == 1, "too_large is final: never retried"


@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-headers"])
def test_a_trickling_server_is_cut_at_the_deadline(site, path):
    fetcher = quick_fetcher()
    started = time.monotonic()
    trickled = fetcher.fetch(site + path)
    elapsed = time.monotonic() - started
    fetcher.close()
    assert (trickled.outcome, trickled.reason, Site.hits[path]) == ("failed", "timeout", 2), "retried once, like timeouts"
    assert "deadline_s = 0.5" in trickled.message
    assert elapsed < 2.5, f"two attempts of 0.5 s, not the 10 s the answer takes (took {elapsed:.1f} s)"


def robots_site(robots_routes: dict):
    return running_site({**robots_routes, "/private/x": lambda h, n: h.answer(200, b"<p>private</p>")})


def redirect_chain(hops: int) -> dict:
    """/robots.txt redirected `hops` times, the last hop to rules that disallow /private/."""
    names = ["/robots.txt", *(f"/moved-{i}" for i in range(1, hops)), "/real-robots.txt"]
    routes = {src: (lambda to: lambda h, n: h.redirect(to))(dst) for src, dst in zip(names, names[1:])}
    return {**routes, "/real-robots.txt": lambda h, n: h.answer(200, b"User-agent: *\nDisallow: /private/\n")}


@pytest.mark.parametrize(("hops", "private"), [(1, "robots_disallowed"), (5, "robots_disallowed"), (6, "fetched")])
def test_robots_txt_redirects_are_followed_up_to_five(hops, private):
    with robots_site(redirect_chain(hops)) as base:
        fetcher = quick_fetcher()
        assert fetcher.fetch(f"{base}/private/x").outcome == private, "more than five redirects: unavailable, allow all"
        assert fetcher.fetch(f"{base}/sv/muskelkramper").outcome == "fetched"
        fetcher.close()
        assert Site.hits["/robots.txt"] == 1, "read once for the run"


@pytest.mark.parametrize(("status", "private"), [(404, "fetched"), (410, "fetched"), (503, "robots_disallowed")])
def test_robots_txt_4xx_allows_all_and_5xx_disallows_all(status, private):
    with robots_site({"/robots.txt": lambda h, n: h.answer(status, b"no")}) as base:
        fetcher = quick_fetcher()
        assert fetcher.fetch(f"{base}/private/x").outcome == private
        fetcher.close()


def test_robots_txt_on_a_closed_port_is_a_connection_error_not_a_disallow():
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fetcher = quick_fetcher()
    refused = fetcher.fetch(f"http://127.0.0.1:{port}/page")
    fetcher.close()
    assert (refused.outcome, refused.reason) == ("failed", "connection_error")
    assert "ConnectError" in refused.message


BAD_URLS = ["http://[::1", "http://xn--/", "http://a\x00b.example/", "http://example.org/" + "x" * 70_000,
            "http://" + "a" * 260 + "/", "http://" + ("a" * 50 + ".") * 5 + "example/", "http://example.org:99999/",
            "ftp://example.org/file"]


def test_urls_no_request_can_be_made_for_are_invalid_url_and_the_run_goes_on(prefect_harness, site, tmp_path):
    from flows.scrape.flow import ScrapeManifest, scrape

    good = f"{site}/sv/muskelkramper"
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join([BAD_URLS[0], good, *BAD_URLS[1:]]) + "\n", encoding="utf-8")
    scraped = scrape(urls_file=str(urls), raw=str(tmp_path / "raw"), user_agent="healthclean-test/1", host_interval_s=0.0)
    manifest = ScrapeManifest.model_validate_json(Path(scraped.manifest).read_bytes())
    said = {o.url: (o.outcome, o.reason) for o in manifest.urls}
    assert said == {good: ("fetched", None), **{url: ("failed", "invalid_url") for url in BAD_URLS}}
    assert all(o.message for o in manifest.urls if o.outcome == "failed")


@pytest.mark.parametrize("final_url", ["http://../escaped", "http://./x", "http://a/../../b", "http://%2e%2e/x",
                                       "http://..%2f..%2fetc/x", "http://.hidden/x", "http://[::1]:8080/x"])
def test_a_page_lands_inside_raw_whatever_its_final_host(tmp_path, final_url):
    raw = tmp_path / "deep" / "raw"
    page = land(Zone(str(raw)), Fetched("http://example.org/", "fetched", 200, final_url, body=b"<p>x</p>"), "2026-01-01")
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) == 2 and all(p.resolve().is_relative_to(raw.resolve()) for p in written)
    assert page.split("/")[0] in (INVALID_HOST, "a", "ipv6---1")


def test_a_symlinked_host_folder_leading_out_of_raw_is_refused(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "raw" / "example.org").symlink_to(tmp_path / "outside")
    with pytest.raises(OutsideRaw):
        land(Zone(str(tmp_path / "raw")), Fetched("http://example.org/", "fetched", 200, body=b"x"), "2026-01-01")
    assert not any((tmp_path / "outside").iterdir())


HOSTISH = st.one_of(st.text(), st.text(alphabet="[]:%./\\-_@aZ0Äß\x00\t ", max_size=30),
                    st.integers(60, 300).map(lambda n: "a" * n), st.just("xn--"), st.just(".."))
SCHEMES = st.sampled_from(["http", "https", "HTTP", "ftp", ""])
LINES = st.one_of(st.text(), st.builds("{}://{}{}".format, SCHEMES, HOSTISH, st.text()))


@given(st.lists(LINES, max_size=8))
def test_every_line_of_any_url_list_is_classified_and_nothing_raises(lines):
    for url in read_url_list("\n".join(lines)):
        outcome = invalid_url_outcome(url)
        assert outcome is None or (outcome.outcome, outcome.reason, bool(outcome.message)) == ("failed", "invalid_url", True)
        if outcome is None:  # what passes can be requested, grouped and landed
            httpx.Request("GET", url)
            assert ascii_host(url) and len(url) <= MAX_URL_CHARS
            assert host_folder(url) not in (".", "..") and "/" not in host_folder(url)


LABEL = st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,10})?", fullmatch=True)  # no "--": IDNA keeps it for xn--


@given(st.lists(LABEL, min_size=1, max_size=4), st.sampled_from(["http", "https"]), st.text(alphabet="abc/?=&%-._~", max_size=40))
def test_well_formed_urls_are_accepted_and_land_under_their_host(labels, scheme, path):
    host = ".".join(labels) + ".example"
    url = f"{scheme}://{host}/{path}"
    assert url_problem(url) is None, url
    assert host_folder(url) == host


def test_a_hostile_sidecar_costs_only_its_origin(tmp_path):
    from flows.scrape.landing import origin_of

    (tmp_path / "page.html").write_text("<p>page</p>")
    (tmp_path / "page.json").write_text('{"a":' * 5000 + "1" + "}" * 5000)  # RecursionError in json.loads
    assert origin_of(Zone(str(tmp_path)), "page.html") is None
