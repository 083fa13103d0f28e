"""The scrape flow: a list of URLs into the raw zone, politely; and scrape-and-clean.

Hosts are fetched in parallel (one task each), a host's URLs one after another at its pace.
Every URL ends in the run's manifest (raw/.scrape/runs/<run id>.json) as fetched,
not_modified, robots_disallowed or failed with a reason; a failure never stops the run.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_table_artifact
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import BaseModel

from flows.run.clean_articles import clean_articles
from flows.scrape.fetch import Fetched, Fetcher, FetchSettings
from flows.scrape.fetch_urls import ascii_host, url_problem
from flows.scrape.landing import OutsideRaw, land
from flows.scrape.state import GONE_STATUSES, link_same_bytes, load_url_state, load_validators, save_url_state, save_validators
from flows.run.manifest import RunSummary
from flows.store.storage import OutputError, Zone

HOSTS_AT_ONCE = 8


class UrlOutcome(BaseModel):
    url: str
    outcome: str  # fetched, not_modified, robots_disallowed, failed
    status: int | None = None
    page: str | None = None  # where a fetched page landed in the raw zone
    reason: str | None = None
    message: str | None = None


class ScrapeSummary(BaseModel):
    run_id: str
    started: datetime
    finished: datetime
    totals: dict[str, int]
    manifest: str


class ScrapeManifest(ScrapeSummary):
    parameters: dict[str, str | float | int]
    urls: list[UrlOutcome]


def read_url_list(text: str) -> list[str]:
    """One URL a line; blank lines and '#' comments skipped; repeats kept once, in order."""
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return list(dict.fromkeys(line for line in lines if line))


@task(name="fetch-host")
def fetch_host(urls: list[str], raw: str, settings: FetchSettings, validators: dict, day: str) -> tuple[list[UrlOutcome], dict]:
    """One host's URLs in order at its pace; each new page lands in the raw zone."""
    fetcher = Fetcher(settings, validators)
    try:
        return [_outcome(fetcher, url, Zone(raw), day) for url in urls], fetcher.validators
    finally:
        fetcher.close()


def _outcome(fetcher: Fetcher, url: str, raw: Zone, day: str) -> UrlOutcome:
    try:
        fetched: Fetched = fetcher.fetch(url)
        page = land(raw, fetched, day) if fetched.outcome == "fetched" else None
    except OutsideRaw as error:
        return UrlOutcome(url=url, outcome="failed", reason="outside_raw", message=str(error))
    except OutputError:  # the raw zone cannot be written: no later URL could land either
        raise
    except Exception as error:  # noqa: BLE001 - a bug costs its URL, never the run and its manifest
        return UrlOutcome(url=url, outcome="failed", reason="internal_error", message=f"{type(error).__name__}: {error}")
    return UrlOutcome(url=url, outcome=fetched.outcome, status=fetched.status, page=page,
                      reason=fetched.reason, message=fetched.message)


def invalid_url_outcome(url: str) -> UrlOutcome | None:
    """The outcome of a URL no request can be made for, found before any task starts."""
    problem = url_problem(url)
    return None if problem is None else UrlOutcome(url=url, outcome="failed", reason="invalid_url", message=problem)


@flow(name="scrape", task_runner=ThreadPoolTaskRunner(max_workers=HOSTS_AT_ONCE))
def scrape(urls_file: str, raw: str = "raw", user_agent: str = FetchSettings.user_agent,
           host_interval_s: float = FetchSettings.host_interval_s, timeout_s: float = FetchSettings.timeout_s,
           deadline_s: float = FetchSettings.deadline_s, max_bytes: int = FetchSettings.max_bytes,
           day: str | None = None) -> ScrapeSummary:
    """Fetch every URL of `urls_file` into `raw` (see flows.scrape.landing for the layout); the
    settings are flows.scrape.fetch_settings.FetchSettings's. `day` names the pages' day folder
    (YYYY-MM-DD; default the run's UTC date), for a backfill filed under the day it stands for."""
    started, raw_zone = datetime.now(timezone.utc), Zone(raw)
    if day is not None and (len(day) != 10 or date.fromisoformat(day).isoformat() != day):  # fromisoformat raises on others
        raise ValueError(f"day must be YYYY-MM-DD, not {day!r}")
    settings = FetchSettings(user_agent=user_agent, host_interval_s=host_interval_s, timeout_s=timeout_s,
                             deadline_s=deadline_s, max_bytes=max_bytes)
    urls, validators = read_url_list(Path(urls_file).read_text(encoding="utf-8")), load_validators(raw_zone)
    outcomes = {url: outcome for url in urls if (outcome := invalid_url_outcome(url)) is not None}
    by_host: dict[str, list[str]] = {}
    for url in urls:
        if url not in outcomes:  # one task a host, whatever its port, case or spelling (IDNA)
            by_host.setdefault(ascii_host(url), []).append(url)
    futures = [fetch_host.submit(host_urls, raw_zone.shared_url, settings, {u: validators[u] for u in host_urls if u in validators},
                                 day or f"{started:%Y-%m-%d}") for host_urls in by_host.values()]
    for future in futures:
        done, kept = future.result()
        outcomes.update({o.url: o for o in done})
        validators.update(kept)
    save_validators(raw_zone, validators)
    outcomes = remember_answers(raw_zone, outcomes, started.isoformat(timespec="seconds"))
    link_same_bytes(raw_zone, sorted({o.page for o in outcomes.values() if o.outcome == "fetched" and o.page}))
    run_id = flow_run.get_id() or str(uuid.uuid4())
    location = f".scrape/runs/{run_id}.json"
    manifest = ScrapeManifest(run_id=run_id, started=started, finished=datetime.now(timezone.utc),
                              totals=dict(sorted(Counter(o.outcome for o in outcomes.values()).items())),
                              manifest=raw_zone.location(location),
                              parameters={"urls_file": urls_file, "raw": raw, "user_agent": user_agent,
                                          "host_interval_s": host_interval_s, "timeout_s": timeout_s,
                                          "deadline_s": deadline_s, "max_bytes": max_bytes, "day": day or f"{started:%Y-%m-%d}"},
                              urls=[outcomes[url] for url in urls])
    raw_zone.write_atomic(location, manifest.model_dump_json(indent=2) + "\n")
    create_table_artifact(table=[o.model_dump(exclude={"message"}) for o in manifest.urls], key="scrape-urls",
                          description=f"Every URL of scrape run {run_id} and what became of it")
    return ScrapeSummary(**manifest.model_dump(include=set(ScrapeSummary.model_fields)))


def remember_answers(raw: Zone, outcomes: dict[str, UrlOutcome], at: str) -> dict[str, UrlOutcome]:
    """Keep each URL's last answer in the raw zone's state (flows.scrape.landing.URL_STATE);
    a 304 names the page its URL last landed. Other failures (a timeout, a 500) may pass, so
    they leave the state as it was."""
    state, named = load_url_state(raw), {}
    for url, outcome in outcomes.items():
        page = outcome.page or (state.get(url) or {}).get("page")
        if outcome.outcome in ("fetched", "not_modified") or outcome.status in GONE_STATUSES:
            state[url] = {"status": outcome.status, "page": page, "at": at}
        named[url] = outcome.model_copy(update={"page": page}) if outcome.outcome == "not_modified" else outcome
    save_url_state(raw, state)
    return named


@flow(name="scrape-and-clean")
def scrape_and_clean(urls_file: str, raw: str = "raw", out: str = "clean", user_agent: str = FetchSettings.user_agent,
                     host_interval_s: float = FetchSettings.host_interval_s) -> tuple[ScrapeSummary, RunSummary]:
    """Land the URLs' pages in `raw`, then clean `raw` into `out`: pages already cleaned are
    unchanged, so only the new ones are cleaned."""
    scraped = scrape(urls_file=urls_file, raw=raw, user_agent=user_agent, host_interval_s=host_interval_s)
    return scraped, clean_articles(raw=raw, out=out)
