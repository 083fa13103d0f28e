"""One batch of raw inputs: read, clean with the library, write the records."""

from __future__ import annotations

from pathlib import Path

from extractors.contract import Article, Rejection, Source, to_json
from extractors.pipeline import format_of, page_id, reject
from extractors.version import pipeline_version
from extractors.records import Failure
from extractors.templates import clean_pages
from flows.manifest import InputOutcome, outcome_of
from flows.storage import write_atomic

ARTICLES, REJECTED, RUNS = "articles", "rejected", "runs"


def clean_inputs(raw_root: Path, out_root: Path, paths: list[str], *, force: bool = False) -> list[InputOutcome]:
    """Clean a batch of raw files together (so site templates can be seen) and write each
    article or rejection; never raises for one input.

    force: clean every page again, even one whose record for this pipeline version exists
    (those are otherwise `unchanged`: not cleaned, not rewritten).
    """
    raw_root, out_root = Path(raw_root), Path(out_root)
    loaded = {path: _read(raw_root / path, path) for path in paths}
    current = {} if force else _current_records(out_root, loaded)
    todo = [(data, path) for path, data in loaded.items() if isinstance(data, bytes) and path not in current]
    cpu_ms: dict[str, float] = {}
    records = dict(zip((path for _, path in todo), clean_pages(todo, cpu_ms=cpu_ms)))
    return [
        outcome_of(path, current[path], unchanged=True)
        if path in current
        else _write(out_root, path, records.get(path) or loaded[path], cpu_ms.get(path))
        for path in paths
    ]


def _current_records(out_root: Path, loaded: dict[str, bytes | Rejection]) -> dict[str, Article | Rejection]:
    """The records already written for these bytes by this pipeline version."""
    version, found = pipeline_version(), {}
    for path, data in loaded.items():
        if isinstance(data, bytes):
            record = _existing(out_root, page_id(data))
            if record is not None and record.pipeline.version == version:
                found[path] = record
    return found


def _existing(out_root: Path, record_id: str) -> Article | Rejection | None:
    for folder, model in ((ARTICLES, Article), (REJECTED, Rejection)):
        try:
            return model.model_validate_json((out_root / folder / f"{record_id}.json").read_bytes())
        except (OSError, ValueError):  # absent, or written by another contract: not current
            continue
    return None


def _read(file: Path, path: str) -> bytes | Rejection:
    try:
        return file.read_bytes()
    except OSError as error:
        source = Source(path=path, sha256=None, format=format_of(path))
        return reject(source, Failure("unreadable", f"The file could not be read: {error.strerror or error}."))


def _write(out_root: Path, path: str, record: Article | Rejection, cpu_ms: float | None = None) -> InputOutcome:
    folder, stale = (ARTICLES, REJECTED) if isinstance(record, Article) else (REJECTED, ARTICLES)
    write_atomic(out_root / folder / f"{record.id}.json", to_json(record))
    # A rule change can turn a rejection into an article or back: keep one record per id.
    (out_root / stale / f"{record.id}.json").unlink(missing_ok=True)
    return outcome_of(path, record).model_copy(update={"cpu_ms": None if cpu_ms is None else round(cpu_ms, 1)})
