"""The one place where tags become removals."""

from __future__ import annotations

from extractors.contract import Removal
from extractors.records import Block


def decide(blocks: list[Block]) -> tuple[list[Block], list[Removal]]:
    """Split tagged blocks into those kept and a removal record for each other one."""
    kept, removed = [], []
    for block in blocks:
        reason = block.removed_by
        if reason is None:
            kept.append(block)
        else:
            removed.append(Removal(reason=reason, text=block.text, line=block.line))
    return kept, removed
