"""Ctrl-C during ``siyu import``: a real process, a real .xlsx, a real SIGINT.

The rule checked is the one the operator relies on, whichever moment the signal lands:
exit 130 ⇒ the workspace is exactly as it was; exit 0 ⇒ every row is in and the undo line
was printed (and that undo works)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

ROWS = 8_000


def _env(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "SIYU_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8",
            "PYTHONUNBUFFERED": "1"}


def _siyu(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "siyu_desktop.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", env=_env(data_dir), timeout=120)


def _start(roster: Path, data_dir: Path) -> subprocess.Popen[str]:
    # SIGINT may be ignored by whoever started pytest (a background job): the child must not be.
    # --workspace: the data dir remembers the template's workspace by its absolute path.
    return subprocess.Popen([sys.executable, "-m", "siyu_desktop.cli", "--workspace",
                             str(data_dir / "demo.siyu.db"), "import", str(roster)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env=_env(data_dir),
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _members(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM members").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("cancel")
    data = root / "data"
    done = _siyu("demo", "--members", "300", "--groups", "10", data_dir=data)
    assert done.returncode == 0, done.stderr
    roster = root / "roster.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("客户")
    sheet.append(["客户名称", "手机号", "客户ID", "备注"])
    for i in range(ROWS):
        sheet.append([f"中断{i}", f"1390000{i:04d}", f"wmSIGINT{i}", "取消测试"])
    book.save(roster)
    return data, roster


@pytest.fixture
def fresh(template: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path, int]:
    data, roster = template
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    return copy, roster, _members(copy / "demo.siyu.db")


def _check_consistent(child: subprocess.Popen[str], out: str, err: str, data: Path,
                      before: int) -> int:
    db = data / "demo.siyu.db"
    after = _members(db)
    if child.returncode == 130:
        assert after == before, (out, err)
        return 130
    assert child.returncode == 0, (child.returncode, out, err)
    assert after == before + ROWS, (out, err)
    assert f"新增 {ROWS:,} 位" in out and "siyu undo" in out, out
    batch = out.rsplit("siyu undo", 1)[1].split()[0]
    undo = _siyu("--workspace", str(db), "undo", batch, data_dir=data)
    assert undo.returncode == 0, undo.stderr
    assert _members(db) == before
    return 0


def _opened(pid: int, path: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.path.realpath(fd) == str(path.resolve()) for fd in fds.iterdir())
    except OSError:
        return False


@pytest.mark.parametrize("attempt", range(3))
def test_sigint_while_reading_writes_nothing(fresh: tuple[Path, Path, int], attempt: int) -> None:
    data, roster, before = fresh
    child = _start(roster, data)
    deadline = time.monotonic() + 30
    if Path("/proc/self/fd").is_dir():  # wait until it is reading the file, then interrupt
        while not _opened(child.pid, roster) and child.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.005)
    else:
        time.sleep(0.5)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 130, (out, err)
    assert _members(data / "demo.siyu.db") == before
    assert "siyu undo" not in out


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.3, 0.5, 0.8])
def test_sigint_while_writing_is_all_or_nothing(fresh: tuple[Path, Path, int],
                                                delay: float) -> None:
    """The summary lines are printed just before the commit starts: interrupt after them, at
    several delays, so the signal lands early in, late in, or after the write."""
    data, roster, before = fresh
    child = _start(roster, data)
    assert child.stdout is not None
    seen = []
    for line in child.stdout:
        seen.append(line)
        if line.startswith("按客户ID匹配"):  # the last summary line before the commit
            break
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    rest, err = child.communicate(timeout=120)
    out = "".join(seen) + rest
    code = _check_consistent(child, out, err, data, before)
    if code == 130:
        assert "已取消，没有导入任何数据" in out, out
