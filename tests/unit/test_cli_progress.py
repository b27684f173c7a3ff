"""Progress on the command line: one redrawn line on a terminal, one line per step elsewhere."""

from __future__ import annotations

import io

from siyu_desktop import cli_progress
from siyu_desktop.cli_progress import ProgressLine
from siyu_desktop.ops import Progress


def _run(tty: bool) -> str:
    out = io.StringIO()
    with ProgressLine(out, tty=tty) as progress:
        for step, total in (("tags", 400), ("groups", 300)):
            for done in range(0, total + 1, 50):
                progress(Progress(step, done, total))
    return out.getvalue()


def test_not_a_terminal_gets_one_whole_line_per_step() -> None:
    text = _run(tty=False)
    assert "\r" not in text
    assert text.splitlines() == ["标签…（共 400）", "社群…（共 300）"]
    assert text.endswith("\n")


def test_a_terminal_gets_one_line_redrawn_and_cleared() -> None:
    cli_progress.REDRAW_SECONDS = 0.0  # draw every report here
    try:
        text = _run(tty=True)
    finally:
        cli_progress.REDRAW_SECONDS = 0.1
    assert "\n" not in text  # never a new line: the next output starts on a clean one
    frames = text.split("\r")
    assert any(f.startswith("标签 400/400") for f in frames)
    assert any(f.startswith("社群 300/300") for f in frames)
    assert frames[-1] == "" and frames[-2].strip() == ""  # cleared at the end


def test_a_shorter_frame_covers_the_longer_one_before_it() -> None:
    out = io.StringIO()
    line = ProgressLine(out, tty=True)
    line(Progress("members", 10_000, 20_000))
    line(Progress("tags", 4, 400))
    line.close()
    frames = out.getvalue().split("\r")[1:]
    assert cli_progress._cells(frames[1]) >= cli_progress._cells(frames[0])
