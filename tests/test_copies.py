"""Copies of one article across languages (extractors/copies, flows/store/copies.py)."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from extractors.contract import Article
from extractors.copies.config import CopyConfig
from extractors.copies.grouping import group_copies, original_of, with_profiles
from extractors.copies.pairs import aligned_runs, common_words
from extractors.copies.profile import head_code, heads, profile_of, skeleton
from extractors.copies.siblings import alignments, sibling_views
from extractors.pipeline import clean_batch
from extractors.records import RawPage
from flows.cli.app import app
from tests.conftest import RAW

COPIES = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "copies"
SAMPLES = ("nl_spierkrampen.txt", "sv_muskelspasmer.txt")


def profiles(pages: dict[str, bytes], *, report: bool = False):
    records = clean_batch([RawPage(data, path) for path, data in pages.items()])
    return {r.source.path: profile_of(json.loads(r.model_dump_json()), report=report)
            for r in records if isinstance(r, Article)}


@pytest.fixture(scope="module")
def samples():
    return profiles({name: (RAW / name).read_bytes() for name in SAMPLES})


@pytest.fixture(scope="module")
def sample_reports():
    return profiles({name: (RAW / name).read_bytes() for name in SAMPLES}, report=True)


def naive_lcs(matches: np.ndarray) -> int:
    rows, columns = matches.shape
    table = [[0] * (columns + 1) for _ in range(rows + 1)]
    for i, j in itertools.product(range(rows), range(columns)):
        table[i + 1][j + 1] = table[i][j] + 1 if matches[i, j] else max(table[i][j + 1], table[i + 1][j])
    return table[rows][columns]


def test_the_lcs_lengths_agree_with_the_textbook_one():
    rng = np.random.default_rng(7)
    matrices = [rng.random((rng.integers(1, 140), rng.integers(1, 200))) < rng.random() * 0.4 for _ in range(200)]
    assert common_words(matrices).tolist() == [naive_lcs(m) for m in matrices]


def test_the_alignment_is_a_longest_common_subsequence_of_the_first_letters():
    rng = np.random.default_rng(11)
    for _ in range(100):
        a, b = (tuple(rng.choice(["#12", "#120", "hipokal", "hipoten", "potasi", "sintom", "simptomi"],
                                 size=rng.integers(1, 40)).tolist()) for _ in range(2))
        runs = aligned_runs(*("".join(map(head_code, heads(words, 4))) for words in (a, b)))
        pairs = [(i + k, j + k) for i, j, size in runs for k in range(size)]
        matches = np.array([[x[:4] == y[:4] if x[0] != "#" else x == y for y in b] for x in a])
        assert len(pairs) == naive_lcs(matches)
        assert all(matches[i, j] for i, j in pairs)
        assert all(p[0] < q[0] and p[1] < q[1] for p, q in zip(pairs, pairs[1:]))


def test_a_cognate_reads_alike_in_every_language_and_script():
    assert skeleton("Hyperkortisolismus")[:14] == skeleton("hipercortisolismo")[:14] == "hiperkortisoli"
    assert skeleton("гипертония") == "gipertonia"
    assert skeleton("Flexeril") == skeleton("flexeril")


def test_the_two_samples_are_one_group_and_the_dutch_copy_lacks_the_swedish_list(samples, sample_reports):
    groups = group_copies(samples.values())
    assert len(groups) == 1 and {m.path for m in groups[0].members} == set(SAMPLES)
    group = with_profiles(groups[0], {p.id: p for p in sample_reports.values()})
    dutch, swedish = sample_reports["nl_spierkrampen.txt"], sample_reports["sv_muskelspasmer.txt"]
    views = dict(zip((m.path for m in group.members), sibling_views(group)))
    view = views[dutch.path]
    lists = [lack for lack in view.lacks if lack.kind == "list"]
    assert len(lists) == 1
    lost = lists[0]
    assert lost.siblings == (swedish.id,) and lost.items == 5 and lost.intro_only
    assert lost.after_text == "Thuis kunt u het volgende proberen:"
    assert lost.example.startswith("Massageapparater\nVärme")
    assert dutch.lost_list and view.lost_list == "confirmed"
    assert not [lack for lack in views[swedish.path].lacks if lack.kind == "list"]


def test_the_original_is_the_english_copy_else_the_earliest_published(samples):
    dutch, swedish = samples["nl_spierkrampen.txt"], samples["sv_muskelspasmer.txt"]
    assert original_of([replace(dutch, published="2020-01-01"), replace(swedish, published="2021-01-01")]).path == dutch.path
    assert original_of([replace(dutch, published=None), replace(swedish, published="2021-01-01")]).path == swedish.path
    english = replace(swedish, language="en", published="2024-01-01")
    assert original_of([replace(dutch, published="2020-01-01"), english]) is english


def test_the_same_text_twice_in_one_language_is_one_group():
    data = (RAW / "sv_muskelspasmer.txt").read_bytes()
    twice = profiles({"a/sv.txt": data, "b/sv.txt": data + b"\nDela\n"})
    groups = group_copies(twice.values())
    assert len(groups) == 1 and len(groups[0].members) == 2


def test_the_same_text_sixty_times_is_one_group_though_each_of_its_stems_is_common():
    """More copies than `common_stem_articles`: every stem weighs nothing for the rare-stem
    candidates, and the near-duplicate buckets still find them; the report stays bounded."""
    data = (RAW / "sv_muskelspasmer.txt").read_bytes()
    many = profiles({f"site-{n:02d}/sv.txt": data + f"\nSidan {n}\n".encode() for n in range(60)})
    groups = group_copies(many.values())
    assert [len(g.members) for g in groups] == [60]
    assert len(alignments(groups[0], CopyConfig())) <= 2 * 60 * CopyConfig().report_siblings


@pytest.mark.skipif(not COPIES.exists(), reason="needs ../shared/corpora/copies")
def test_on_the_copies_corpus_pairs_are_grouped_and_no_negative_is():
    """A floor on real translated copies (bench/copies.py has the split figures): every
    native negative stays alone, and pair precision and recall stay at what was measured."""
    truth = {name: group for group, names in json.loads((COPIES / "groups.json").read_text()).items() for name in names}
    pages = {f"page-{i:02d}.txt": p.read_bytes() for i, p in enumerate(sorted((COPIES / "pages").glob("*.txt")))}
    names = dict(zip(pages, sorted(p.name for p in (COPIES / "pages").glob("*.txt"))))
    group_of = {m.path: g.id for g in group_copies(profiles(pages).values()) for m in g.members}
    assert not [names[p] for p in group_of if names[p].startswith("none_")]
    tp = fp = fn = 0
    for a, b in itertools.combinations(pages, 2):
        same = truth.get(names[a]) is not None and truth.get(names[a]) == truth.get(names[b])
        grouped = a in group_of and group_of[a] == group_of.get(b)
        tp, fp, fn = tp + (same and grouped), fp + (grouped and not same), fn + (same and not grouped)
    assert tp / (tp + fp) == 1.0 and tp / (tp + fn) >= 0.95, (tp, fp, fn)


def test_a_clean_batch_keeps_the_copies_profiles_of_its_articles(tmp_path):
    from flows.run.batch import clean_and_write
    from flows.store.copies_kept import fresh_words, made_by
    from flows.store.storage import Zone
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for name in SAMPLES:
        (raw / name).write_bytes((RAW / name).read_bytes())
    clean_and_write(str(raw), str(out), list(SAMPLES))
    fresh, files = fresh_words(Zone(str(out)), made_by(CopyConfig()))
    records = [json.loads(path.read_text()) for path in (out / "articles").glob("*.json")]
    assert len(files) == 1 and sorted(fresh) == sorted(r["id"] for r in records) and len(records) == 2
    assert all(fresh[r["id"]].fields["text"] == profile_of(r).text != "" for r in records)
    assert fresh_words(Zone(str(out)), "another")[0] == {}


def test_the_flow_writes_groups_and_report_and_the_cli_rewrites_them(prefect_harness, tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in SAMPLES:
        (raw / name).write_bytes((RAW / name).read_bytes())
    (raw / "alone.txt").write_bytes((COPIES / "pages" / "none_sv_werlabs.se_sanka-kortisol.txt").read_bytes()
                                    if COPIES.exists() else b"Kortisol\n\nEtt hormon som binjurarna bildar vid stress.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", str(raw), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Copies: 1 groups" in result.output
    assert not list((out / "copies" / "fresh").glob("*"))  # the workers' profiles, read into profiles.jsonl
    groups = [json.loads(line) for line in (out / "copies" / "groups.jsonl").read_text().splitlines()]
    assert len(groups) == 1 and sorted(m["path"] for m in groups[0]["members"]) == sorted(SAMPLES)
    assert {m["language"] for m in groups[0]["members"]} == {"nl", "sv"}
    report = {line["path"]: line for line in map(json.loads, (out / "copies" / "report.jsonl").read_text().splitlines())}
    dutch = report["nl_spierkrampen.txt"]
    assert dutch["lost_list"] == "confirmed"
    assert [(l["kind"], l["items"], l["siblings"][0]["path"]) for l in dutch["lacks"] if l["kind"] == "list"] == [
        ("list", 5, "sv_muskelspasmer.txt")]
    import sqlite3
    with sqlite3.connect(out / "catalog.sqlite") as db:
        assert {row[0] for row in db.execute("SELECT article_key FROM copy_groups")} == {f"path:{n}" for n in SAMPLES}
    before = (out / "copies" / "groups.jsonl").read_bytes()
    (out / "copies" / "groups.jsonl").unlink()
    said = CliRunner().invoke(app, ["copies", str(out)])
    assert said.exit_code == 0, said.output
    assert "a list of 5 items" in said.output and "only its intro line is here" in said.output
    assert (out / "copies" / "groups.jsonl").read_bytes() == before
    # A run whose current articles are those of the last write keeps the files; another
    # configuration (or pipeline version, or set of articles) writes them again.
    from flows.store.catalog_store import copies_made_from
    from flows.store.copies import refresh_copies
    from flows.store.storage import Zone
    written = (out / "copies" / "report.jsonl").stat().st_mtime_ns
    assert refresh_copies(Zone(str(out))) == 1
    assert (out / "copies" / "report.jsonl").stat().st_mtime_ns == written
    made_from = copies_made_from(Zone(str(out)))
    assert made_from[1] == 1
    assert refresh_copies(Zone(str(out)), replace(CopyConfig(), consensus_share=0.9)) == 1
    assert copies_made_from(Zone(str(out)))[0] != made_from[0]
    # Each record's words are kept for the next run, made by this pipeline version and
    # configuration; kept words made by another are not used.
    from flows.store.copies import DECISIONS, PROFILES, write_copies
    write_copies(Zone(str(out)))  # the last write had another configuration
    decided = [json.loads(line) for line in (out / DECISIONS).read_text().splitlines()[1:]]
    assert [share > 0.2 for a, b, share in decided if share is not None] == [True]  # the samples' pair
    kept = (out / PROFILES).read_text().splitlines()
    assert len(kept) == 1 + 3 and "made_by" in json.loads(kept[0])
    emptied = [kept[0]] + [json.dumps({**json.loads(line), "text": "", "heads": "", "stems": ""}) for line in kept[1:]]
    (out / PROFILES).write_text("\n".join(emptied) + "\n")
    assert write_copies(Zone(str(out))) == []  # the kept (emptied) words were used
    (out / PROFILES).write_text("\n".join([json.dumps({"made_by": "another"})] + emptied[1:]) + "\n")
    assert len(write_copies(Zone(str(out)))) == 1
    assert (out / "copies" / "groups.jsonl").read_bytes() == before
    # Profiles a clean run's workers kept (a run stopped before its copies step leaves them)
    # are used in place of the records, then folded into profiles.jsonl.
    from flows.store.copies_kept import FRESH, keep, made_by
    (out / PROFILES).unlink()
    keep(Zone(str(out)), f"{FRESH}/stopped.jsonl", made_by(CopyConfig()), map(json.loads, emptied[1:]))
    assert write_copies(Zone(str(out))) == [] and not (out / FRESH / "stopped.jsonl").exists()
    assert len((out / PROFILES).read_text().splitlines()) == 1 + 3
    (out / PROFILES).unlink()
    assert len(write_copies(Zone(str(out)))) == 1
    # Many groups are reported in worker processes; the lines are the same.
    from flows.store import copies_report
    reported = copies_report.reports_here(str(out), [g for g, _ in write_copies(Zone(str(out)))], CopyConfig())
    monkeypatch.setattr(copies_report, "MIN_GROUPS_PER_PROCESS", 1)
    twice = [g for g, _ in write_copies(Zone(str(out)))] * 2
    assert copies_report.group_reports(Zone(str(out)), twice, CopyConfig(), processes=2) == reported * 2
    # A group of the same members keeps its report lines from the last write.
    report_path = out / "copies" / "report.jsonl"
    edited = [json.dumps({**json.loads(line), "lacks": "kept"}) for line in report_path.read_text().splitlines()]
    report_path.write_text("\n".join(edited) + "\n")
    write_copies(Zone(str(out)))
    assert {json.loads(line)["lacks"] for line in report_path.read_text().splitlines()} == {"kept"}


def test_kept_lines_are_read_back_as_written_with_any_character(tmp_path):
    # JSON leaves U+2028 and U+0085 unescaped; str.splitlines would cut a line there.
    from flows.store.copies_kept import FRESH, fresh_words, keep, made_by
    from flows.store.storage import Zone
    fields = {"id": "ab", "language": "sv", "published": None, "canonical_url": "https://x.test/a\u2028b\x85c",
              "lost_list": False, "text": "words", "heads": "\ue000", "stems": "\ue000"}
    keep(Zone(str(tmp_path)), f"{FRESH}/one.jsonl", made_by(CopyConfig()), [fields])
    [(record_id, words)] = fresh_words(Zone(str(tmp_path)), made_by(CopyConfig()))[0].items()
    assert record_id == "ab" and words.fields == fields and words.line == json.dumps(fields, ensure_ascii=False) + "\n"


def test_the_copies_step_pauses_the_collector_and_gives_it_back():
    import gc

    from flows.store.copies_report import collector_paused
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own choice stays
    finally:
        gc.enable()
