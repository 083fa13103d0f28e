"""What a run takes from the raw zone: its inputs, and every other file with the reason
it is skipped, so that every file below RAW is accounted for in the manifest."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from flows.scrape.landing import pages_of
from flows.store.storage import Zone, is_hidden

# Why a file below RAW is not an input (docs/reliability.md, "What a run reads").
SKIP_REASONS = {
    "hidden": "a name starting with '.' (tool state: .git, .DS_Store, the scraper's .scrape/)",
    "sidecar": "the fetch metadata `<name>.json` beside a scraped page `<name>.html`",
}


@dataclass(frozen=True)
class RawListing:
    inputs: list[str]
    skipped: dict[str, str] = field(default_factory=dict)  # path -> a key of SKIP_REASONS

    def skipped_counts(self) -> dict[str, int]:
        counts = {reason: 0 for reason in SKIP_REASONS}
        for reason in self.skipped.values():
            counts[reason] += 1
        return {reason: n for reason, n in counts.items() if n}


def list_raw(raw: Zone) -> RawListing:
    """The sorted inputs of `raw` and the files skipped, with their reasons."""
    every = raw.list_files(hidden=True)
    visible = [path for path in every if not is_hidden(path)]
    inputs = pages_of(visible)
    skipped = {path: "hidden" for path in every if is_hidden(path)}
    skipped.update((path, "sidecar") for path in sorted(set(visible) - set(inputs)))
    return RawListing(inputs, dict(sorted(skipped.items())))


def check_apart(raw: Zone, out: Zone) -> None:
    """Raise ValueError if one zone lies inside the other (or they are one): a run would
    take its own records for inputs, and the next run would clean them again."""
    if _protocol(raw) != _protocol(out):
        return
    a, b = _folder(raw), _folder(out)
    if _within(a, b) or _within(b, a):
        raise ValueError(f"The output {out.location('').rstrip('/')} and the raw folder {raw.location('').rstrip('/')} "
                         "overlap: a run would read its own records as pages. Put the output beside the raw folder, not in it.")


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _protocol(zone: Zone) -> str:
    return "file" if zone.is_local else str(zone.fs.protocol)


def _folder(zone: Zone) -> str:
    root = os.path.realpath(zone.root) if zone.is_local else zone.root
    return root.rstrip("/") or "/"
