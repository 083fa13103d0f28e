"""A run's outcomes as batches finish: counted in memory, spooled to disk, then the manifest.

The flow's memory must not grow with the corpus: a run holds its totals, the few pages its
summary names and one offset per batch. The outcome lines wait in a temporary file until
the manifest is written, in input order.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from extractors.explain import STAGES
from flows.run.manifest import INPUTS_LINE, InputOutcome, Totals

NOTABLE = 5  # pages the run summary names: the most stripped, the slowest


def outcome_lines(outcomes: Iterable[InputOutcome]) -> str:
    """Outcomes as JSON lines: what a batch task returns. One string is one result to
    Prefect, which tracks each item of a returned list for the whole run (~3 KB an item)."""
    return "".join(outcome.model_dump_json() + "\n" for outcome in outcomes)


class RunTally:
    """Totals, notable pages and the spooled outcome lines of one run."""

    COUNTED = ("outcomes", "languages", "rejections", "removals", "warnings", "tagged")

    def __init__(self) -> None:
        self.inputs = 0
        self.counts: dict[str, Counter[str]] = {name: Counter() for name in self.COUNTED}
        self.most_stripped: list[InputOutcome] = []
        self.slowest: list[InputOutcome] = []
        self._spool = tempfile.TemporaryFile()
        self._blocks: dict[int, tuple[int, int]] = {}  # batch position -> (offset, size) in the spool
        self.stages_ms: Counter[str] = Counter()

    def add(self, position: int, lines: str) -> int:
        """Count one batch's outcome lines; `position` orders the batches in the manifest.
        Returns the number of inputs it accounted for."""
        data = lines.encode("utf-8")
        self._blocks[position] = (self._spool.seek(0, 2), len(data))
        self._spool.write(data)
        outcomes = [InputOutcome.model_construct(**json.loads(line)) for line in _lines(lines)]  # written by outcome_lines: valid
        for outcome in outcomes:
            self._count(outcome)
        return len(outcomes)

    def _count(self, outcome: InputOutcome) -> None:
        self.inputs += 1
        self.counts["outcomes"][outcome.outcome] += 1
        self.counts["languages"].update([outcome.language] if outcome.language else [])
        self.counts["rejections"].update([outcome.reason] if outcome.reason else [])
        self.counts["removals"].update(outcome.removed)
        self.counts["warnings"].update(outcome.warnings)
        self.counts["tagged"].update(outcome.tagged)
        self.stages_ms.update(outcome.stages_ms)
        _keep_top(self.most_stripped, outcome, key=lambda o: (-sum(o.removed.values()), o.path))
        if outcome.cpu_ms is not None:
            _keep_top(self.slowest, outcome, key=lambda o: (-o.cpu_ms, o.path))

    def totals(self) -> Totals:
        stages = {name: round(self.stages_ms[name], 1) for name in STAGES if name in self.stages_ms}
        return Totals(inputs=self.inputs, stages_ms=stages, **{name: dict(sorted(self.counts[name].items())) for name in self.COUNTED})

    def manifest_chunks(self, header_json: str) -> Iterator[str]:
        """The manifest text: `header_json` (an indented JSON object) with an "inputs" list
        added last, one input a line, in batch order (input order: batches are slices of
        the sorted inputs and keep their order)."""
        if not header_json.endswith("\n}"):
            raise ValueError("the manifest header must be an indented JSON object")
        yield header_json[:-2] + f",\n{INPUTS_LINE}"
        separator = "\n    "
        for position in sorted(self._blocks):
            offset, size = self._blocks[position]
            self._spool.seek(offset)
            lines = _lines(self._spool.read(size).decode("utf-8"))
            if lines:
                yield separator + ",\n    ".join(lines)
                separator = ",\n    "
        yield "\n  ]\n}\n"

    def close(self) -> None:
        self._spool.close()


def _lines(text: str) -> list[str]:
    """JSON lines split on newlines only: JSON escapes a newline inside a string, but not
    U+2028, U+0085 or the other breaks `str.splitlines` knows, which a file name may hold."""
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n") if text else []


def _keep_top(top: list[InputOutcome], outcome: InputOutcome, *, key: Callable) -> None:
    if len(top) == NOTABLE and key(outcome) >= key(top[-1]):  # most pages: not notable
        return
    top.append(outcome)
    top.sort(key=key)
    del top[NOTABLE:]
