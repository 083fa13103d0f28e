"""Where records live in OUT, and the reads every step shares: a raw input (or the
rejection saying why it cannot be read) and a record's top-level fields."""

from __future__ import annotations

from extractors.contract import Rejection, Source, top_level_fields
from extractors.limits import DEFAULT_LIMITS
from extractors.assemble import reject
from extractors.read import format_of
from extractors.records import Failure
from flows.store.local_files import RefusedInput, path_text
from flows.run.manifest import InputOutcome
from flows.store.storage import Zone

ARTICLES, REJECTED, RUNS = "articles", "rejected", "runs"
CHANGES, EXPORT = "changes", "export"  # each run's change feed; the dataset file (flows.store.catalog_store, .export)
COPIES = "copies"  # groups of copies of one article and what each lacks (flows.store.copies)
WRITTEN_FOLDERS = ("", ARTICLES, REJECTED, RUNS, CHANGES, EXPORT, COPIES)  # where a clean run writes in OUT ("": OUT itself)
# Rejections that say nothing about the page's bytes (its worker process died: memory ran
# out, a C extension crashed): not current, so the next run tries the page again.
RETRIED_REASONS = frozenset({"worker_crashed"})


def record_of(outcome: InputOutcome) -> str:
    """Where an input's record is in OUT."""
    return f"{REJECTED if outcome.reason else ARTICLES}/{outcome.id}.json"


SIDECAR = ".json"  # <sha256>.json beside <sha256>.html(.gz): where a scraped page came from


def sidecar_of(page: str) -> str | None:
    """Where a scraped HTML page's sidecar is (flows.scrape.landing), None for other inputs."""
    return page.removesuffix(".gz").removesuffix(".html") + SIDECAR if page.endswith((".html", ".html.gz")) else None


def record_fields(out: Zone, location: str, names: tuple[str, ...]) -> dict:
    """Top-level fields of a written record; empty if it is absent or unreadable."""
    try:
        return top_level_fields(out.read(location).decode("utf-8"), names)
    except (OSError, ValueError):
        return {}


def read_input(raw: Zone, path: str) -> bytes | Rejection:
    try:
        return raw.read(path, max_bytes=DEFAULT_LIMITS.max_bytes)
    except RefusedInput as refused:
        failure = Failure(refused.reason, str(refused))
    except OSError as error:
        failure = Failure("unreadable", f"The file could not be read: {error.strerror or error}.")
    return reject(Source(path=path_text(path), sha256=None, format=format_of(path)), failure)
