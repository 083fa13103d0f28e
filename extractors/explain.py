"""What the stages did to a page, for people tuning rules (`healthclean preview --explain`):
CPU milliseconds per stage, and per rule the lines it tagged and the lines it removed. It
only watches: a record is the same with or without it."""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from extractors.contract import Removal
from extractors.records import Block

STAGES = ("read", "inline", "tag", "decide", "language", "describe", "structure")


@dataclass
class Explanation:
    stages_ms: Counter = field(default_factory=Counter)
    tagged: Counter = field(default_factory=Counter)  # rule -> lines it tagged (removing or not)
    removed: Counter = field(default_factory=Counter)  # rule -> lines it removed (decide's choice)

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.thread_time()
        try:
            yield
        finally:
            self.stages_ms[name] += (time.thread_time() - started) * 1000

    def count_blocks(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            self.tagged.update({tag.rule for tag in block.tags})
            if block.removed_by:
                self.removed[block.removed_by] += 1

    def count_removals(self, removals: Iterable[Removal]) -> None:
        """Removals made before tagging (HTML furniture, inline noise): tagged and removed at once."""
        for removal in removals:
            self.tagged[removal.reason] += 1
            self.removed[removal.reason] += 1

    def add(self, other: Explanation) -> None:
        self.stages_ms.update(other.stages_ms)
        self.tagged.update(other.tagged)
        self.removed.update(other.removed)


def stage(explanation: Explanation | None, name: str) -> contextlib.AbstractContextManager:
    """Time a stage into `explanation`, or do nothing when nobody asked."""
    return explanation.stage(name) if explanation is not None else contextlib.nullcontext()
