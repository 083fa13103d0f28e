"""Progress for people who watch a run (issue 16): pages done, rate and time left, a line
every few seconds, counted from the batches this process cleans and from whole chunks."""

from __future__ import annotations

from flows.run.batch import clean_inputs
from flows.run.progress import LINE_INTERVAL_SECONDS, RunProgress
from tests.conftest import SAMPLES, raw_folder


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_line_every_few_seconds_says_done_rate_and_time_left():
    clock = Clock()
    run = RunProgress(1000, clock=clock)
    run.batch_done(200)
    clock.now += 4.0
    assert not run.line_due(), "not before the interval"
    clock.now += LINE_INTERVAL_SECONDS
    assert run.line_due() and not run.line_due(), "once per interval"
    assert run.line() == "200/1,000 pages (20 %), 22.2 pages/s, about 36 s left"
    run.chunk_done(1000)
    assert run.line().startswith("1,000/1,000 pages (100 %)") and "left" not in run.line()
    assert run.newly_done() == 1000 and run.newly_done() == 0


def test_batches_cleaned_in_this_process_count_themselves_in(tmp_path):
    raw = raw_folder(tmp_path / "raw")
    run = RunProgress(len(SAMPLES))
    clean_inputs(raw, tmp_path / "out", list(SAMPLES), batch_size=1, on_batch=run.batch_done)
    assert run.done == len(SAMPLES)
    clean_inputs(raw, tmp_path / "out", list(SAMPLES), batch_size=1, on_batch=run.batch_done)  # unchanged pages count too
    assert run._batches == 2 * len(SAMPLES)
