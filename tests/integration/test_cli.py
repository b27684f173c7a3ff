"""The ``siyu`` command as a script would use it: real processes, real files, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def siyu(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIYU_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "siyu_desktop.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli")
    done = siyu("demo", "--members", "800", "--groups", "20", data_dir=path)
    assert done.returncode == 0, done.stderr
    return path


def test_info_counts(data_dir: Path) -> None:
    out = siyu("info", data_dir=data_dir)
    assert out.returncode == 0
    assert "客户\t800" in out.stdout
    assert "社群\t20" in out.stdout


def test_members_search_and_missing_segment(data_dir: Path) -> None:
    out = siyu("members", "--limit", "5", data_dir=data_dir)
    assert out.returncode == 0
    lines = out.stdout.strip().splitlines()
    assert lines[0].startswith("id\t姓名") and len(lines) == 6
    missing = siyu("members", "--segment", "不存在", data_dir=data_dir)
    assert missing.returncode == 1
    assert "找不到人群包" in missing.stderr
    none = siyu("members", "--search", "没有这个名字", data_dir=data_dir)
    assert none.returncode == 3


def test_tag_a_segment_and_undo(data_dir: Path) -> None:
    import sqlite3

    from siyu_desktop.domain.segments import Segment
    from siyu_desktop.store import segments
    from siyu_desktop.store.db import Workspace

    path = data_dir / "demo.siyu.db"
    with Workspace.open(path) as ws:
        ws.write(segments.save, "黑金", Segment(levels=(3,)))
        vip = {r[0] for r in ws.reader().execute("SELECT id FROM members WHERE level = 3")}
        tag_name = ws.reader().execute("SELECT g.name || ':' || t.name FROM tags t JOIN tag_groups g "
                                       "ON g.id = t.group_id WHERE t.source = 'app' "
                                       "ORDER BY t.id DESC LIMIT 1").fetchone()[0]
    out = siyu("tag", "add", tag_name, "--segment", "黑金", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    assert "siyu undo" in out.stdout
    batch = out.stdout.rsplit("siyu undo", 1)[1].strip()
    conn = sqlite3.connect(path)
    group, name = tag_name.split(":")
    tagged = {r[0] for r in conn.execute(
        "SELECT member_id FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE t.name = ?", (name,))}
    assert vip <= tagged
    undo = siyu("undo", batch, data_dir=data_dir)
    assert undo.returncode == 0, undo.stderr
    after = {r[0] for r in conn.execute(
        "SELECT member_id FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE t.name = ?", (name,))}
    assert after == tagged - (vip - (tagged - vip)) or vip.isdisjoint(after - (tagged - vip))
    unknown = siyu("tag", "add", "没有这个标签", "--segment", "黑金", data_dir=data_dir)
    assert unknown.returncode == 1 and "找不到标签" in unknown.stderr


def test_usage_errors_exit_2(data_dir: Path) -> None:
    assert siyu("tag", "add", data_dir=data_dir).returncode == 2
