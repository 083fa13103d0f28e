"""One batch of raw inputs: read, clean with the library, write the record."""

from __future__ import annotations

from pathlib import Path

from extractors.contract import Article, Rejection, Source, to_json
from extractors.pipeline import clean_page, describe_source, format_of, reject
from extractors.records import Failure
from flows.manifest import InputOutcome, outcome_of
from flows.storage import write_atomic

ARTICLES, REJECTED, RUNS = "articles", "rejected", "runs"


def clean_inputs(raw_root: Path, out_root: Path, paths: list[str]) -> list[InputOutcome]:
    """Clean each raw file and write its article or rejection; never raises for one input."""
    return [clean_input(Path(raw_root), Path(out_root), path) for path in paths]


def clean_input(raw_root: Path, out_root: Path, path: str) -> InputOutcome:
    record = _clean_file(raw_root / path, path)
    folder, stale = (ARTICLES, REJECTED) if isinstance(record, Article) else (REJECTED, ARTICLES)
    write_atomic(out_root / folder / f"{record.id}.json", to_json(record))
    # A rule change can turn a rejection into an article or back: keep one record per id.
    (out_root / stale / f"{record.id}.json").unlink(missing_ok=True)
    return outcome_of(path, record)


def _clean_file(file: Path, path: str) -> Article | Rejection:
    try:
        data = file.read_bytes()
    except OSError as error:
        source = Source(path=path, sha256=None, format=format_of(path))
        return reject(source, Failure("unreadable", f"The file could not be read: {error.strerror or error}."))
    try:
        return clean_page(data, path)
    except Exception as error:  # a library bug must cost one page, not the run
        return reject(describe_source(data, path), Failure("internal_error", f"{type(error).__name__}: {error}"))
