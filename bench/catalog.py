"""What the catalog and the export cost next to the clean run they follow (issue 20).

    python -m bench.catalog [--pages N]

Builds N distinct articles from the AEB corpus (bench.corpus's copies, each without its
canonical link and og:url, so that each copy is an article of its own), cleans them with
`healthclean clean --processes 2` (the temporary Prefect server's start left out: the run's
own wall time from its manifest), then times, on that output: the catalog update of the
run (`update_catalog`: read every input's record fields, decide, write catalog.sqlite and
the change feed), the same update again (a second run that changes nothing), the Parquet
and JSONL exports, and `replay --diff-only` of the output against itself (every record
read and matched by key). Wall seconds, each against the clean run's. Then the store
choice: the same catalog (its articles after the run) written whole and read back for one
key as SQLite (what healthclean keeps), a DuckDB file and a Parquet file: seconds and size.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import aeb_pages, corpus_files, run_seconds
from flows.run.replay import diff_outputs
from flows.store.catalog_store import update_catalog
from flows.store.export import write_export
from flows.store.storage import Zone


# What names a page's canonical URL (extractors.html_meta): gone, each copy is its own article.
_CANONICAL = re.compile(rb"<link[^>]*canonical[^>]*>|<meta[^>]*og:url[^>]*>", re.IGNORECASE)


def build_articles(n: int, folder: Path) -> None:
    for relpath, data in corpus_files(n, aeb_pages()):
        target = folder / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_CANONICAL.sub(b"", data))


def _diff_counts(out: Path) -> dict[str, int]:
    report = diff_outputs(out, out)
    return {"changed": len(report["changed"]), "unchanged": report["unchanged"]}


def store_choice(out: Path) -> None:
    """The catalog's rows in each candidate store: write whole, then find one key."""
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    with sqlite3.connect(out / "catalog.sqlite") as db:
        rows = db.execute("SELECT * FROM articles ORDER BY article_key").fetchall()
    names = ("article_key", "record_id", "path", "url", "first_seen", "last_seen", "versions", "state")
    table = pa.Table.from_pylist([dict(zip(names, row)) for row in rows])
    key = rows[len(rows) // 2][0]
    with tempfile.TemporaryDirectory() as folder:
        def sqlite_write():
            with sqlite3.connect(f"{folder}/c.sqlite") as db:
                db.execute("CREATE TABLE articles (article_key TEXT PRIMARY KEY, record_id, path, url, first_seen, last_seen, versions, state)")
                db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

        def duckdb_write():
            with duckdb.connect(f"{folder}/c.duckdb") as db:
                db.register("catalog", table)
                db.execute("CREATE TABLE articles AS SELECT * FROM catalog")

        stores = {
            "SQLite": (sqlite_write, lambda: sqlite3.connect(f"{folder}/c.sqlite").execute(
                "SELECT record_id FROM articles WHERE article_key = ?", (key,)).fetchone(), "c.sqlite"),
            "DuckDB": (duckdb_write, lambda: duckdb.connect(f"{folder}/c.duckdb", read_only=True).execute(
                "SELECT record_id FROM articles WHERE article_key = ?", [key]).fetchone(), "c.duckdb"),
            "Parquet": (lambda: pq.write_table(table, f"{folder}/c.parquet"), lambda: pq.read_table(
                f"{folder}/c.parquet", filters=[("article_key", "=", key)]).column("record_id")[0], "c.parquet"),
        }
        print(f"store choice, {len(rows)} catalog rows (write whole / find one key / size):")
        for name, (write, find, file) in stores.items():
            written, _ = timed(write)
            found, _ = timed(find)
            print(f"  {name:8} {written:6.3f} s  {found * 1000:7.1f} ms  {Path(folder, file).stat().st_size / 1e6:5.2f} MB")


def timed(step) -> tuple[float, object]:
    start = time.perf_counter()
    result = step()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="healthclean-catalog-bench-") as folder:
        raw, out = Path(folder) / "raw", Path(folder) / "out"
        build_articles(args.pages, raw)
        command = [Path(sys.executable).parent / "healthclean", "clean", str(raw), "--out", str(out), "--processes", "2"]
        subprocess.run(command, check=True, capture_output=True)
        clean_s = run_seconds(out)
        location = f"runs/{next((out / 'runs').glob('*.json')).name}"
        (out / "catalog.sqlite").unlink()  # the run made it: time it again from nothing
        steps = {
            "catalog update (first run)": lambda: update_catalog(Zone(str(out)), Zone(str(raw)), location),
            "catalog update (nothing changed)": lambda: update_catalog(Zone(str(out)), Zone(str(raw)), location),
            "export parquet": lambda: write_export(Zone(str(out)), "parquet"),
            "export jsonl": lambda: write_export(Zone(str(out)), "jsonl"),
            "replay --diff-only (output against itself)": lambda: _diff_counts(out),
        }
        print(f"{args.pages} pages; clean run {clean_s:.1f} s (its manifest's started..finished, 2 worker processes)")
        for name, step in steps.items():
            seconds, result = timed(step)
            print(f"  {name:34} {seconds:6.2f} s  {seconds / clean_s:6.1%} of the clean run  {result}")
        store_choice(out)


if __name__ == "__main__":
    main()
