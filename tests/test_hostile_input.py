"""Hostile input (issue 7): every kind of the generated corpus ends as an article or a
rejection with its reason; nothing raises, nothing escapes raw/, nothing reaches the network."""

from __future__ import annotations

import json
import socket
import time

import jsonschema
import pytest

from extractors.contract import Article, Rejection, json_schemas, to_json
from extractors.config import CleanConfig
from extractors.limits import Limits
from extractors.pipeline import clean_page
from flows.run.batch import clean_inputs
from flows.store.storage import Zone
from tests.hostile_inputs import ARTICLE, CONTENT, build_raw_folder, page

SCHEMAS = json_schemas()


def outcome(record: Article | Rejection) -> str:
    return "written" if isinstance(record, Article) else record.reason


@pytest.mark.parametrize("name, data, expected", CONTENT.values(), ids=CONTENT.keys())
def test_each_kind_of_bad_content_ends_as_its_outcome(name, data, expected):
    record = clean_page(data, name)
    assert outcome(record) == expected, getattr(record, "message", "")
    text = to_json(record)
    schema = "article.schema.json" if isinstance(record, Article) else "rejection.schema.json"
    jsonschema.validate(json.loads(text), SCHEMAS[schema])
    if isinstance(record, Rejection):
        assert len(record.message) > 20 and record.reason.isidentifier() and record.reason.islower()
    if len(data) < 1_000_000:  # the big ones cost seconds; the property tests cover determinism
        assert to_json(clean_page(data, name)) == text, "the same bytes give the same record"


def test_entities_are_never_expanded_nor_fetched():
    laughs = clean_page(CONTENT["billion laughs in XHTML"][1], "laughs.xhtml")
    entities = clean_page(CONTENT["external entities"][1], "entities.xhtml")
    assert "lollol" not in to_json(laughs)
    assert "root:" not in to_json(entities), "an external entity must not pull in a local file"


def test_damaged_encodings_keep_the_readable_text():
    for kind in ("invalid UTF-8 mid-page", "declares latin-1, written in UTF-8", "UTF-16 with BOM", "UTF-16 without BOM"):
        name, data, _ = CONTENT[kind]
        text = to_json(clean_page(data, name))
        assert "Stretching the muscle gently" in text, kind
    name, data, _ = CONTENT["UTF-16 without BOM"]
    assert "säger läkaren" in to_json(clean_page(data, name))
    name, data, _ = CONTENT["declares latin-1, written in UTF-8"]
    assert "Läkaren säger" in to_json(clean_page(data, name))


def test_hostile_metadata_is_dropped_and_the_page_kept():
    deep = clean_page(CONTENT["JSON-LD nested 5,000 deep"][1], "deep-json-ld.html")
    assert "metadata_ignored" in [w.code for w in deep.warnings]
    urls = clean_page(CONTENT["javascript: and data: page URLs"][1], "hostile-urls.html", url="javascript:alert(1)")
    assert (urls.canonical_url, urls.source.url) == (None, None)
    assert "javascript:" not in to_json(urls) and "data:text" not in to_json(urls)


def test_a_text_node_over_libxml2s_10_mb_limit_is_kept_whole():
    """libxml2 drops a text node over 10 MB (XML_MAX_TEXT_LENGTH) and all after it unless
    huge_tree is on; the page must not come out with a fraction of its body."""
    huge = "Stretching helps cramps at night. " * 300_000  # 10.2 MB in one paragraph
    data = page(ARTICLE + huge + "\nThe last paragraph comes after the huge one.\n").encode()
    start = time.process_time()
    article = clean_page(data, "one-paragraph.html")
    assert isinstance(article, Article), article
    texts = [b.text for s in article.sections for b in s.blocks]
    assert (len(texts), texts[3], texts[-1]) == (5, huge.strip(), "The last paragraph comes after the huge one.")
    assert time.process_time() - start < Limits().time_budget_s / 3


def test_a_page_past_a_limit_of_the_parser_itself_is_refused_not_written_short():
    deep = ("<html><body>" + "<div>" * 3000 + ARTICLE + "</div>" * 3000 + "</body></html>").encode()
    record = clean_page(deep, "deep.html", config=CleanConfig(limits=Limits(max_depth=5000)))  # libxml2 stops at 2048
    assert (record.reason, "limits" in record.message) == ("parser_limit", True)
    assert clean_page(deep, "deep.html").reason == "too_deep", "max_depth still applies under huge_tree"


@pytest.mark.parametrize("in_thread", [False, True], ids=["timer signal", "checkpoints only"])
def test_a_page_over_its_cpu_budget_is_rejected_as_timeout(in_thread):
    import threading

    name, data, _ = CONTENT["a single 10 MB line"]
    data = data[:2_000_000]  # in a thread only the checkpoints between stages stop it: keep stages short
    results = []
    limits = Limits(time_budget_s=0.05, timer_signal=not in_thread)  # the timer only works in a main thread
    work = lambda: results.append(clean_page(data, name, config=CleanConfig(limits=limits)))  # noqa: E731
    if in_thread:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    else:
        work()
    assert (results[0].reason, "CPU-time budget" in results[0].message) == ("timeout", True)


def test_the_library_takes_no_signal_unless_asked(monkeypatch):
    import signal

    taken = []
    real = signal.signal
    monkeypatch.setattr(signal, "signal", lambda signum, handler: taken.append(signum) or real(signum, handler))
    clean_page(ARTICLE.encode(), "page.txt")
    assert signal.SIGVTALRM not in taken, "a library caller keeps its signals"
    clean_page(ARTICLE.encode(), "page.txt", config=CleanConfig(limits=Limits(timer_signal=True)))
    assert signal.SIGVTALRM in taken and signal.getsignal(signal.SIGVTALRM) in (signal.SIG_DFL, None), "put back after"


def test_limits_are_settings_with_defaults_real_pages_never_reach():
    limits = Limits()
    assert (limits.max_bytes, limits.max_inflated_bytes, limits.max_depth, limits.time_budget_s) == (
        20_000_000, 50_000_000, 250, 30.0)
    shallow = clean_page(CONTENT["100,000 nested divs"][1].replace(b"<div>" * 100_000, b"<div>" * 50).replace(
        b"</div>" * 100_000, b"</div>" * 50), "shallow.html")
    assert isinstance(shallow, Article)


@pytest.fixture(scope="module")
def hostile_raw(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    expected = build_raw_folder(base / "raw", base / "outside")
    return base, expected


def test_a_flow_run_over_a_hostile_raw_folder_accounts_for_every_entry(prefect_harness, hostile_raw, monkeypatch):
    from flows.run.clean_articles import clean_articles
    from flows.run.manifest import RunManifest

    base, expected = hostile_raw
    assert len(expected) >= 30
    raw, out = base / "raw", base / "out"
    assert sorted(Zone(str(raw)).list_files()) == sorted(expected), "every entry listed once, nothing from outside"
    before = {p for p in base.rglob("*") if "out" not in p.relative_to(base).parts[:1]}
    with no_network(monkeypatch) as attempts:  # the flow's own API calls go to 127.0.0.1
        summary = clean_articles(raw=str(raw), out=str(out), batch_size=8, processes=0)
    assert attempts == [], "the clean flow makes no network request"
    outcomes = RunManifest.model_validate_json((out / "runs" / f"{summary.run_id}.json").read_bytes()).inputs
    # Identical bytes share one record: the copy later in sort order finds it there.
    later_copies = {"notes.md": "unchanged", "remote.html": "unchanged"}  # of alias.txt, "copy of remote.html"
    assert {o.path: o.reason or o.outcome for o in outcomes} == {**expected, **later_copies}
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json") if p.parent.name != "runs")
    ids = {o.id for o in outcomes}
    assert all(p.split("/")[0] in ("articles", "rejected") and p.split("/")[1][:-5] in ids for p in written)
    assert len(written) == len(ids), "identical files share one record; no id is both article and rejection"
    assert {p for p in base.rglob("*") if "out" not in p.relative_to(base).parts[:1]} == before, "nothing written outside OUT"
    assert "secret text" not in "".join(p.read_text() for p in out.rglob("*.json"))
    copies = [o for o in outcomes if o.path in ("remote.html", "copy of remote.html")]
    assert copies[0].id == copies[1].id
    record = json.loads((out / "articles" / f"{copies[0].id}.json").read_text())
    assert record["source"]["path"] == "copy of remote.html", "the first path in sort order names shared bytes"


def test_a_raw_file_rewritten_during_the_run_still_ends_once(tmp_path):
    import threading

    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(30):
        (raw / f"page-{i:02}.txt").write_text(ARTICLE)
    stop = threading.Event()

    def rewrite() -> None:
        n = 0
        while not stop.is_set():
            (raw / "page-15.txt").write_text(ARTICLE * (n % 3) + "x" * (n % 7))  # truncated, grown, emptied
            n += 1

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        outcomes = clean_inputs(raw, tmp_path / "out", Zone(str(raw)).list_files(), batch_size=5)
    finally:
        stop.set()
        writer.join()
    assert [o.path for o in outcomes] == [f"page-{i:02}.txt" for i in range(30)]
    assert {o.outcome for o in outcomes} <= {"written", "rejected", "unchanged"}  # its bytes may equal another's


class no_network:
    """Refuse and record every connection or name lookup not to 127.0.0.1 in this block."""

    def __init__(self, monkeypatch):
        self.monkeypatch, self.attempts = monkeypatch, []

    def __enter__(self) -> list:
        real_connect, real_lookup = socket.socket.connect, socket.getaddrinfo

        def connect(sock, address):
            if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
                self.attempts.append(address)
                raise OSError("network blocked by the test")
            return real_connect(sock, address)

        def lookup(host, *args, **kwargs):
            if host not in ("127.0.0.1", "::1", "localhost"):
                self.attempts.append(host)
                raise OSError("name lookup blocked by the test")
            return real_lookup(host, *args, **kwargs)

        self.monkeypatch.setattr(socket.socket, "connect", connect)
        self.monkeypatch.setattr(socket, "getaddrinfo", lookup)
        self.started = time.monotonic()
        return self.attempts

    def __exit__(self, *exc) -> None:
        self.monkeypatch.undo()

