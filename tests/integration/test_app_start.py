"""Starting the window where the data folder cannot be written: a message, never a traceback.
The real ``main.py`` in a real process (offscreen, ``--smoke-test`` so nothing waits for a click)
on a read-only tmpfs mount — root can write anywhere else."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_replacing_and_backups import small_disk

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def window(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("SIYU_DATA_DIR", None)
    return subprocess.run([sys.executable, str(MAIN), *args, "--smoke-test"], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=180)


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "ro", "1m") as disk:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        yield disk


def test_a_read_only_data_folder_logs_to_stderr_and_says_so(read_only_dir: Path,
                                                            demo_path: Path) -> None:
    out = window("--data-dir", str(read_only_dir), "--workspace", str(demo_path))
    assert "Traceback" not in out.stderr, out.stderr
    assert out.returncode == 0, out.stderr
    assert "smoke-test ok" in out.stdout
    assert "无法写入日志文件夹" in out.stderr and "Cannot write the log folder" in out.stderr


def test_an_unusable_data_folder_is_a_message(read_only_dir: Path) -> None:
    out = window("--data-dir", str(read_only_dir))  # the demo would have to be built there
    assert "Traceback" not in out.stderr, out.stderr
    assert out.returncode == 1
    assert "无法使用数据文件夹" in out.stderr
    missing = window("--data-dir", str(read_only_dir / "not" / "there"))
    assert "Traceback" not in missing.stderr, missing.stderr
    assert missing.returncode == 1 and "无法使用数据文件夹" in missing.stderr
