"""Language decisions on real labelled sentences (shared/corpora/langid), ours next to plain
langdetect in the same run, and the foreign-block flag's hit and false-alarm rates.

    python -m bench.langid [--corpora PATH] [--per-language N]

Ours: `extractors.language.detect_language` limited to the lexicon's languages (a null code
counts as not correct, and is reported apart). Plain: langdetect on all its 55 languages,
seeded, default settings. Paragraphs join 5 consecutive sentences. Norwegian (nb, nn) is `no`.
Foreign block: on native sentences of 40+ characters (false alarms) and on English
sentences of 40+ characters set into each other language's article (hits).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from extractors.language import detect_language, reads_as_english
from extractors.lexicon import load_lexicon

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
ALIASES = {"nb": "no", "nn": "no"}


def plain_factory() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def plain(factory: DetectorFactory, text: str) -> str | None:
    detector = factory.create()
    detector.append(text)
    try:
        return detector.detect()
    except Exception:  # noqa: BLE001 - langdetect's "no features"
        return None


def accuracy(samples: list[tuple[str, str]], factory: DetectorFactory) -> dict[str, float]:
    languages = load_lexicon().languages
    ours_ok = forced_ok = plain_ok = unsure = 0
    times = []
    for code, text in samples:
        start = time.process_time()
        found = detect_language(text, languages=languages)
        times.append((time.process_time() - start) * 1000)
        ours = getattr(found, "code", None)
        ours_ok += ours == code
        unsure += ours is None
        forced = detect_language(text, languages=languages, min_chars=0, min_confidence=0)
        forced_ok += getattr(forced, "code", None) == code
        plain_ok += plain(factory, text) == code
    n = len(samples)
    decided = max(n - unsure, 1)
    return {"ours": ours_ok / n, "sure": ours_ok / decided, "forced": forced_ok / n, "plain": plain_ok / n,
            "unsure": unsure / n, "ms": statistics.median(times)}


def foreign_rates(sentences: dict[str, list[str]]) -> tuple[float, float]:
    english = [s for s in sentences["en"] if len(s) >= 40]
    alarms = checks = hits = tries = 0
    for code, lines in sentences.items():
        if code == "en":
            continue
        native = [s for s in lines if len(s) >= 40]
        alarms += sum(reads_as_english(s, code) for s in native)
        checks += len(native)
        hits += sum(reads_as_english(s, code) for s in english[: len(native)])
        tries += min(len(native), len(english))
    return hits / tries, alarms / checks


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.langid", description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--per-language", type=int, default=200, help="sentences per language (default 200)")
    args = parser.parse_args(argv)
    sentences: dict[str, list[str]] = {}
    for path in sorted((args.corpora / "langid" / "sentences").glob("*.txt")):
        code = ALIASES.get(path.stem, path.stem)
        lines = path.read_text(encoding="utf-8").splitlines()[: args.per_language]
        sentences.setdefault(code, []).extend(lines)
    singles = [(code, s) for code, lines in sentences.items() for s in lines]
    paragraphs = [(c, " ".join(ls[i : i + 5])) for c, ls in sentences.items() for i in range(0, len(ls) - 4, 5)]
    factory = plain_factory()
    rows = {"paragraphs (5 sentences)": accuracy(paragraphs, factory), "single sentences": accuracy(singles, factory)}
    hit, alarm = foreign_rates(sentences)
    print("| texts | ours: correct | ours: unsure (null) | ours: correct when sure | ours, never unsure | "
          "plain langdetect | ours ms/text |")
    print("|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | {r['ours']:.1%} | {r['unsure']:.1%} | {r['sure']:.1%} | {r['forced']:.1%} | "
              f"{r['plain']:.1%} | {r['ms']:.2f} |")
    print(f"\nforeign_block on sentences of 40+ characters: hit rate {hit:.1%} (English sentences), "
          f"false alarms {alarm:.1%} (native sentences)")


if __name__ == "__main__":
    main()
