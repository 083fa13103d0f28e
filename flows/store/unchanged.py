"""The inputs a run need not clean: their record for these bytes and this pipeline version
is in OUT. Found by their files' stamps (flows.store.fingerprints, local disks), else by content:
read, hash, and read the record's few summary fields."""

from __future__ import annotations

from pathlib import Path

from extractors.assemble import page_id
from extractors.identity import fetch_time, fetched_urls
from extractors.records import Origin
from extractors.version import pipeline_version
from flows.scrape.landing import origin_of
from flows.store.fingerprints import Fingerprints, Stamps
from flows.store.layout import ARTICLES, REJECTED, RETRIED_REASONS, read_input, record_fields
from flows.store.local_files import path_text
from flows.run.manifest import InputOutcome, outcome_of
from flows.store.storage import Zone

SUMMARY_FIELDS = ("id", "reason", "language", "removed", "warnings", "pipeline", "source")  # outcome_of's, and the origin


def fingerprints_of(raw: str | Path, out: str | Path, enabled: bool) -> Fingerprints:
    """The stamps cache of a run, used where both zones are on a local disk."""
    raw_zone, out_zone = Zone(str(raw)), Zone(str(out))
    return Fingerprints(raw_zone.root, out_zone.root, pipeline_version(), enabled=enabled and raw_zone.is_local and out_zone.is_local)


def check_batch(
    raw: str | Path, out: str | Path, batch: list[str], cache: Fingerprints, force: bool
) -> tuple[dict[str, InputOutcome], list[str], Stamps, dict[str, str]]:
    """A batch's current outcomes (by stamp, else by content), the paths left to clean,
    their stamps taken before they were read, and their page ids."""
    if force:
        return {}, batch, {}, {}
    current = cache.unchanged(batch)
    rest = [path for path in batch if path not in current]
    stamps = cache.stamps(rest)
    checked, ids = find_unchanged(raw, out, rest)
    cache.remember(stamps, checked.items())
    return current | checked, [path for path in rest if path not in checked], stamps, ids


def stamp_cleaned(cache: Fingerprints, cleaned: dict[str, InputOutcome], stamps: Stamps, ids: dict[str, str]) -> None:
    """Stamp the cleaned pages (path -> outcome) whose record is of the bytes checked before
    (a page that changed in between is checked again next run; a refused input has no page
    id; a page whose worker died is tried again next run)."""
    cache.remember(stamps, ((path, outcome) for path, outcome in cleaned.items()
                            if outcome.id == ids.get(path) and outcome.reason not in RETRIED_REASONS))


def find_unchanged(raw: str | Path, out: str | Path, paths: list[str]) -> tuple[dict[str, InputOutcome], dict[str, str]]:
    """Outcomes of the inputs whose record for these bytes and this pipeline version
    exists, and the page id of every input read."""
    raw_zone, out_zone, version, found, ids = Zone(str(raw)), Zone(str(out)), pipeline_version(), {}, {}
    for path in paths:
        data = read_input(raw_zone, path)
        if isinstance(data, bytes):
            ids[path] = page_id(data)
            if (outcome := _existing(out_zone, path, ids[path], version, origin_of(raw_zone, path))) is not None:
                found[path] = outcome
    return found, ids


def _existing(out: Zone, path: str, record_id: str, version: str, origin: Origin | None) -> InputOutcome | None:
    """The written record's outcome, from the few fields it needs: a replay must cost far
    less than a clean, and validating a whole article would cost a tenth of one. A record
    this page names is not current when its sidecar now says more (another URL)."""
    for folder in (ARTICLES, REJECTED):
        record = record_fields(out, f"{folder}/{record_id}.json", SUMMARY_FIELDS)
        current = record.get("id") == record_id and record.get("pipeline", {}).get("version") == version
        current = current and not _origin_moved(record.get("source") or {}, path_text(path), origin or Origin())
        if current and record.get("reason") not in RETRIED_REASONS:
            return outcome_of(path_text(path), record, unchanged=True)
    return None


def _origin_moved(source: dict, path: str, origin: Origin) -> bool:
    """The page's sidecar gives another fetch time or URL list than its record states (a
    record named by another page with the same bytes is that page's business)."""
    if source.get("path") != path:
        return False
    return source.get("urls", []) != fetched_urls(origin.urls) or source.get("fetched_at") != fetch_time(origin.fetched_at)
