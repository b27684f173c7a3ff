"""The sheet-reading child dies with the app that started it, even when the app is killed with
SIGKILL in the middle of a big read, and the spill file it leaves is removed by
``reader.cleanup_stale_spills`` at the next start (while a live app's spill is left alone)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest
import xlsxwriter

from siyu_desktop.excel import reader

# Run as a script so the spawned child imports it too (as __mp_main__): the patch below then
# holds in the child, which reads the sheet, says so, and would sit there for two minutes.
PARENT = textwrap.dedent('''
    import os, sys, time
    from pathlib import Path
    import siyu_desktop.excel.reader as reader

    if os.environ["SPILL_TEST_MODE"] == "lifeline":  # the cross-platform way only
        reader._linux_death_signal = lambda: None
    _read = reader._iter_workbook

    def _slow(*args):
        yield from _read(*args)
        Path(os.environ["SPILL_TEST_CHILD"]).write_text(str(os.getpid()))
        time.sleep(120)

    reader._iter_workbook = _slow

    if __name__ == "__main__":
        reader.CHILD_READ_BYTES = 0  # every workbook goes to the child
        for _ in reader.iter_rows(sys.argv[1]):
            pass
''')


def gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL of the parent is POSIX")
@pytest.mark.parametrize("mode", ["default", "lifeline"])
def test_child_dies_with_killed_parent_and_spill_is_cleaned(tmp_path: Path, mode: str) -> None:
    book_path = tmp_path / "big.xlsx"
    book = xlsxwriter.Workbook(str(book_path))
    sheet = book.add_worksheet("客户名单")
    sheet.write_row(0, 0, ["客户名称", "手机号"])
    for r in range(1, 3000):
        sheet.write_row(r, 0, [f"客户{r}", f"138{r:08d}"])
    book.close()
    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    spills = tmp_path / "tmp"
    spills.mkdir()
    child_file = tmp_path / "child.pid"
    env = {**os.environ, "TMPDIR": str(spills), "SPILL_TEST_MODE": mode,
           "SPILL_TEST_CHILD": str(child_file),
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]),
                                          os.environ.get("PYTHONPATH", "")])}
    parent = subprocess.Popen([sys.executable, str(script), str(book_path)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not child_file.exists() or not child_file.read_text():
            assert parent.poll() is None, parent.communicate()
            assert time.monotonic() < deadline, "the child never read the sheet"
            time.sleep(0.05)
        child = int(child_file.read_text())
        left = list(spills.glob(f"{reader.SPILL_PREFIX}*.rows"))
        assert len(left) == 1 and f"-{parent.pid}-" in left[0].name
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 5
        while not gone(child):
            assert time.monotonic() < deadline, "the reader outlived its parent"
            time.sleep(0.05)
    finally:
        if parent.poll() is None:
            parent.kill()
        parent.wait(10)
        if child_file.exists() and child_file.read_text() and not gone(int(child_file.read_text())):
            os.kill(int(child_file.read_text()), signal.SIGKILL)

    # A spill of a live app (here the one that runs pytest) is not touched.
    live = spills / f"{reader.SPILL_PREFIX}{os.getppid()}-abcd1234.rows"
    live.write_bytes(b"x")
    reader.cleanup_stale_spills(spills)
    assert list(spills.glob(f"{reader.SPILL_PREFIX}*.rows")) == [live]


def test_cleanup_rules(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    now = time.time()
    files = {
        "dead_owner": f"{reader.SPILL_PREFIX}{dead.pid}-aaaa.rows",
        "live_owner": f"{reader.SPILL_PREFIX}{os.getppid()}-bbbb.rows",
        "mine": f"{reader.SPILL_PREFIX}{os.getpid()}-cccc.rows",
        "unowned_fresh": f"{reader.SPILL_PREFIX}dddd1234.rows",
        "unowned_old": f"{reader.SPILL_PREFIX}eeee1234.rows",
        "not_a_spill": "other-file.rows",
    }
    for name in files.values():
        (tmp_path / name).write_bytes(b"x")
    old = now - reader.SPILL_UNOWNED_SECONDS - 60
    os.utime(tmp_path / files["unowned_old"], (old, old))
    assert reader.cleanup_stale_spills(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        files[k] for k in ("live_owner", "mine", "unowned_fresh", "not_a_spill"))


def test_big_read_still_works_in_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "CHILD_READ_BYTES", 0)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    path = tmp_path / "b.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("s").write_row(0, 0, ["客户名称", "手机号"])
    book.close()
    rows = list(reader.iter_rows(path))
    assert rows[0].cells == ["客户名称", "手机号"]
    assert not list(tmp_path.glob(f"{reader.SPILL_PREFIX}*"))
