"""What the scraper remembers between runs, in raw/.scrape/ (hidden from the clean flow):
each URL's validators (ETag, Last-Modified), each URL's last answer and the page it last
landed (a 304 names it, a 404/410 makes its article gone: flows.store.catalog_store), and
every landing of the same bytes (so their sidecars list every URL that gave them)."""

from __future__ import annotations

import json

from flows.scrape.landing import read_sidecar, urls_of
from flows.store.layout import sidecar_of
from flows.store.storage import Zone

VALIDATORS, URL_STATE, LANDINGS = ".scrape/validators.json", ".scrape/urls.json", ".scrape/landings.json"
GONE_STATUSES = (404, 410)  # a page the site says is no more


def _load(raw: Zone, path: str) -> dict:
    """A state file's object, or {} when it is missing, unreadable or not an object."""
    try:
        found = json.loads(raw.read(path))
    except (OSError, ValueError, RecursionError):
        return {}
    return found if isinstance(found, dict) else {}


def load_validators(raw: Zone) -> dict[str, dict[str, str]]:
    return _load(raw, VALIDATORS)


def save_validators(raw: Zone, validators: dict[str, dict[str, str]]) -> None:
    raw.write_atomic(VALIDATORS, json.dumps(validators, indent=2, sort_keys=True) + "\n")


def load_url_state(raw: Zone) -> dict[str, dict]:
    """Each URL's last answer: {"status", "page" (the page it last landed, kept through a 304
    or a 404), "at"}; written by the scrape flow, read by the catalog (gone pages)."""
    return {url: entry for url, entry in _load(raw, URL_STATE).items() if isinstance(entry, dict)}


def save_url_state(raw: Zone, state: dict[str, dict]) -> None:
    raw.write_atomic(URL_STATE, json.dumps(state, indent=2, sort_keys=True) + "\n")


def gone_urls(raw: Zone) -> frozenset[str]:
    """The URLs whose last answer was 404 or 410."""
    return frozenset(url for url, entry in load_url_state(raw).items() if entry.get("status") in GONE_STATUSES)


def link_same_bytes(raw: Zone, landed: list[str]) -> int:
    """Give every landing of the same bytes (another day, another host: the file's name is
    their SHA-256) the same `urls`, all of them, so the record these bytes make lists every
    URL they were fetched from, whichever landing names it. The landings are indexed in
    raw/.scrape/landings.json (SHA-256 -> pages). Returns how many sidecars it rewrote."""
    index, touched = _load(raw, LANDINGS), set()
    for page in landed:
        digest = page.rsplit("/", 1)[-1].removesuffix(".html")
        pages = index.get(digest) if isinstance(index.get(digest), list) else []
        index[digest] = sorted({*pages, page})
        touched.add(digest)
    rewritten = sum(_share_urls(raw, index[digest]) for digest in sorted(touched) if len(index[digest]) > 1)
    raw.write_atomic(LANDINGS, json.dumps(index, indent=1, sort_keys=True) + "\n")
    return rewritten


def _share_urls(raw: Zone, pages: list[str]) -> int:
    sidecars = {page: side for page in pages if isinstance(side := read_sidecar(raw, page), dict)}
    every = sorted({u for side in sidecars.values() for u in urls_of(side)})
    changed = [page for page, side in sidecars.items() if side.get("urls") != every]
    for page in changed:
        raw.write_atomic(sidecar_of(page), json.dumps({**sidecars[page], "urls": every}, indent=2, sort_keys=True) + "\n")
    return len(changed)
