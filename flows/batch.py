"""One batch of raw inputs: read, clean with the library, write the records."""

from __future__ import annotations

from pathlib import Path

from extractors.contract import Article, Rejection, Source, to_json
from extractors.pipeline import format_of, reject
from extractors.records import Failure
from extractors.templates import clean_pages
from flows.manifest import InputOutcome, outcome_of
from flows.storage import write_atomic

ARTICLES, REJECTED, RUNS = "articles", "rejected", "runs"


def clean_inputs(raw_root: Path, out_root: Path, paths: list[str]) -> list[InputOutcome]:
    """Clean a batch of raw files together (so site templates can be seen) and write each
    article or rejection; never raises for one input."""
    raw_root, out_root = Path(raw_root), Path(out_root)
    loaded = {path: _read(raw_root / path, path) for path in paths}
    readable = [(data, path) for path, data in loaded.items() if isinstance(data, bytes)]
    records = dict(zip((path for _, path in readable), clean_pages(readable)))
    return [_write(out_root, path, records.get(path) or loaded[path]) for path in paths]


def _read(file: Path, path: str) -> bytes | Rejection:
    try:
        return file.read_bytes()
    except OSError as error:
        source = Source(path=path, sha256=None, format=format_of(path))
        return reject(source, Failure("unreadable", f"The file could not be read: {error.strerror or error}."))


def _write(out_root: Path, path: str, record: Article | Rejection) -> InputOutcome:
    folder, stale = (ARTICLES, REJECTED) if isinstance(record, Article) else (REJECTED, ARTICLES)
    write_atomic(out_root / folder / f"{record.id}.json", to_json(record))
    # A rule change can turn a rejection into an article or back: keep one record per id.
    (out_root / stale / f"{record.id}.json").unlink(missing_ok=True)
    return outcome_of(path, record)
