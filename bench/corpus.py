"""A scale corpus: the 181 real AEB pages repeated to N files, each copy with distinct bytes.

    python -m bench.corpus N OUT_FOLDER [--corpora PATH]

Copy k of a page is the page with an HTML comment naming the copy appended, so every file
has its own content hash (no run can skip it as already seen) while its text stays the
page's. Files go to OUT_FOLDER/copy-<k>/<page id>.html (about 180 to a folder).
"""

from __future__ import annotations

import argparse
import gzip
import json
from datetime import datetime
from collections.abc import Iterator
from pathlib import Path

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def aeb_pages(corpora: Path = DEFAULT_CORPORA) -> list[tuple[str, bytes]]:
    """(page id, raw HTML bytes) for every AEB page, sorted by id."""
    files = sorted((corpora / "aeb" / "html").glob("*.html.gz"))
    if not files:
        raise SystemExit(f"No AEB pages in {corpora / 'aeb' / 'html'}")
    return [(f.name.removesuffix(".html.gz"), gzip.decompress(f.read_bytes())) for f in files]


def corpus_files(n: int, pages: list[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    """The first `n` (relative path, bytes) of the repeated corpus."""
    for i in range(n):
        copy, (page_id, data) = divmod(i, len(pages))[0], pages[i % len(pages)]
        yield f"copy-{copy:04d}/{page_id}.html", data + f"\n<!-- healthclean bench copy {copy} -->\n".encode()


def build(n: int, folder: Path, corpora: Path = DEFAULT_CORPORA) -> int:
    """Write the corpus of `n` pages below `folder` (files already right are left alone)."""
    written = 0
    for relpath, data in corpus_files(n, aeb_pages(corpora)):
        target = folder / relpath
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    args = parser.parse_args()
    print(f"{build(args.n, args.folder, args.corpora)} files written below {args.folder}")


if __name__ == "__main__":
    main()


def run_seconds(out: Path) -> float:
    """The one clean run of `out`: its own wall time, its manifest's started..finished (the
    temporary Prefect server's start, the catalog and copies steps after it left out)."""
    (manifest,) = (out / "runs").glob("*.json")
    header = json.loads(manifest.read_text(encoding="utf-8"))
    return (datetime.fromisoformat(header["finished"]) - datetime.fromisoformat(header["started"])).total_seconds()
