"""One dataset file of the articles in OUT, in the layout datatrove and Hugging Face datasets
read: `id`, `text` (the clean body in reading order) and `metadata` (article key, URLs,
title, language, dates, authors, page type and the nested sections).

    healthclean export OUT --format parquet|jsonl [--to DEST] [--all]

The current version of each article in the catalog (flows.store.catalog_store), or with
`--all` every article record in OUT/articles (a `current` flag in its metadata). Parquet
is written with pyarrow under a fixed schema, so `pandas.read_parquet(path)` and
`duckdb.sql("FROM 'path'")` read it in one line.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from extractors.identity import key_of
from flows.store.catalog_store import current_record_ids
from flows.store.layout import ARTICLES, EXPORT
from flows.store.storage import Zone

FORMATS = ("parquet", "jsonl")


def body_text(record: dict) -> str:
    """Headings, paragraphs, list items and table rows, one a line, in reading order."""
    lines = []
    for section in record.get("sections", []):
        lines += [section["heading"]] if section.get("heading") else []
        for block in section.get("blocks", []):
            if block["type"] == "list":
                lines += block["items"]
            elif block["type"] == "table":
                lines += [" | ".join(row) for row in block["rows"]]
            else:
                lines.append(block["text"])
    return "\n".join(lines)


def row_of(record: dict, *, current: bool) -> dict:
    source = record["source"]
    sections = [{"heading": s.get("heading"), "blocks": [_block(b) for b in s.get("blocks", [])]} for s in record.get("sections", [])]
    metadata = {
        "article_key": key_of(record),
        "url": source.get("url"), "urls": source.get("urls", []), "fetched_at": source.get("fetched_at"),
        "canonical_url": record.get("canonical_url"), "path": source["path"],
        "title": record.get("title"), "language": (record.get("language") or {}).get("code"),
        "published": record.get("published"), "updated": record.get("updated"), "authors": record.get("authors", []),
        "page_type": record.get("page_type"), "current": current, "sections": sections,
    }
    return {"id": record["id"], "text": body_text(record), "metadata": metadata}


def _block(block: dict) -> dict:
    """Every block with the same fields (a fixed schema): the others are null."""
    return {"type": block["type"], "text": block.get("text"), "ordered": block.get("ordered"),
            "items": block.get("items"), "rows": block.get("rows")}


def article_rows(out: Zone, *, all_versions: bool = False) -> Iterator[dict]:
    """The rows of the export, in article-key order (every record in id order with --all)."""
    current = current_record_ids(out)
    if all_versions:
        ids = sorted(p.removeprefix(f"{ARTICLES}/").removesuffix(".json") for p in out.list_files()
                     if p.startswith(f"{ARTICLES}/") and p.endswith(".json"))
    else:
        ids = current
    current = set(current)
    for record_id in dict.fromkeys(ids):  # two keys may share one record (the same bytes at two URLs)
        yield row_of(json.loads(out.read(f"{ARTICLES}/{record_id}.json")), current=record_id in current)


def write_export(out: Zone, fmt: str, dest: Zone | None = None, *, all_versions: bool = False) -> tuple[str, int]:
    """Write the export atomically; return where it went and how many rows it has."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    dest = dest or Zone(out.location(EXPORT))
    rows = list(article_rows(out, all_versions=all_versions))
    name = f"articles{'-all' if all_versions else ''}.{fmt}"
    if fmt == "jsonl":
        dest.write_atomic(name, "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows))
    else:
        dest.write_atomic(name, _parquet_bytes(rows))
    return dest.location(name), len(rows)


def _parquet_bytes(rows: list[dict]) -> bytes:
    import pyarrow as pa  # only for Parquet
    import pyarrow.parquet as pq

    block = pa.struct([("type", pa.string()), ("text", pa.string()), ("ordered", pa.bool_()),
                       ("items", pa.list_(pa.string())), ("rows", pa.list_(pa.list_(pa.string())))])
    section = pa.struct([("heading", pa.string()), ("blocks", pa.list_(block))])
    strings = ("article_key", "url", "fetched_at", "canonical_url", "path", "title", "language", "published", "updated",
               "page_type")
    metadata = pa.struct([*((name, pa.string()) for name in strings), ("urls", pa.list_(pa.string())),
                          ("authors", pa.list_(pa.string())),
                          ("current", pa.bool_()), ("sections", pa.list_(section))])
    schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("metadata", metadata)])
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), buffer)
    return buffer.getvalue()
