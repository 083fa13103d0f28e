"""The sibling report of each group of copies (flows.store.copies): its members' records read
again for their report profiles (extractors/copies/siblings.py), in worker processes when
there are many groups (a run's own worker processes are idle by then).
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from concurrent.futures import ProcessPoolExecutor

from extractors.copies.config import CopyConfig
from extractors.copies.grouping import Group, with_profiles
from extractors.copies.profile import profile_of
from extractors.copies.siblings import Lack, sibling_views
from flows.run.fork_server import prepare_worker, start_fork_server
from flows.store.layout import ARTICLES
from flows.store.storage import Zone

MIN_GROUPS_PER_PROCESS = 200  # fewer are reported here: starting a worker costs more than they do


def group_reports(out: Zone, groups: list[Group], config: CopyConfig, processes: int = 0) -> list[list[dict]]:
    """Each group's report lines, in order; in `processes` worker processes (forked from the
    run's fork server) when each gets at least MIN_GROUPS_PER_PROCESS groups, else here."""
    if processes < 2 or len(groups) < processes * MIN_GROUPS_PER_PROCESS or out.is_process_local:
        return reports_here(out.shared_url, groups, config)
    size, light = -(-len(groups) // processes), [_without_words(g) for g in groups]
    chunks = [light[start:start + size] for start in range(0, len(light), size)]
    with ProcessPoolExecutor(len(chunks), mp_context=start_fork_server(), initializer=prepare_worker,
                             initargs=(os.getpid(),)) as pool:
        done = pool.map(reports_here, [out.shared_url] * len(chunks), chunks, [config] * len(chunks))
        return [lines for chunk in done for lines in chunk]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a copies step: it builds hundreds of
    thousands of long-lived objects (profiles, pairs, report lines) and makes no cycles of
    note, and at 100,000 articles the collector ran 8 full passes over them, 2.9 of the first
    write's 21 s (bench/copies_scale.py). What cycles there are go at the next collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _without_words(group: Group) -> Group:
    """The group as a report worker needs it (its members' records give their words): a
    tenth of the bytes to pickle."""
    return with_profiles(group, {m.id: replace(m, text="", heads="", stems="") for m in group.members})


def reports_here(out: str, groups: list[Group], config: CopyConfig) -> list[list[dict]]:
    """`group_reports` in this process (OUT by its shared URL: this may be a worker)."""
    zone = Zone(out)
    with collector_paused():
        return [list(report_lines(report_group(zone, group, config), config)) for group in groups]


def report_group(out: Zone, group: Group, config: CopyConfig) -> Group:
    """`group` with its members' sibling-report profiles (their records read again)."""
    return with_profiles(group, {m.id: profile_of(read_record(out, m.id), config, report=True) for m in group.members})


def read_record(out: Zone, record_id: str) -> dict:
    """An article record of OUT, as a dict."""
    return json.loads(out.read(f"{ARTICLES}/{record_id}.json"))


def report_lines(group: Group, config: CopyConfig) -> Iterator[dict]:
    for member, view in zip(group.members, sibling_views(group, config)):
        yield {"group": group.id, "id": member.id, "path": member.path, "language": member.language,
               "original": member is group.original, "lost_list": view.lost_list,
               "lacks": [_lack_fields(lack, group) for lack in view.lacks]}


def _lack_fields(lack: Lack, group: Group) -> dict:
    paths = {m.id: m.path for m in group.members}
    return {"kind": lack.kind, "items": lack.items, "after_block": lack.after_block, "after_text": lack.after_text,
            "intro_only": lack.intro_only, "siblings": [{"id": s, "path": paths[s]} for s in lack.siblings],
            "reaching": lack.reaching, "example": lack.example}
