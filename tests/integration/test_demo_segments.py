"""The demo ships the saved segments (人群包) an operator would have made, each matching some of
the demo's members, and the README's command-line examples name segments that exist."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from siyu_desktop.domain import demo_brand
from siyu_desktop.domain.segments import Segment
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import segments
from siyu_desktop.store.db import Workspace

ROOT = Path(__file__).resolve().parents[2]


def saved(workspace: Workspace) -> dict[str, Segment]:
    return {name: segment for _id, name, segment in segments.list_saved(workspace.reader())}


def ids(workspace: Workspace, where: str, *params: object) -> set[int]:
    return {r[0] for r in workspace.reader().execute(f"SELECT id FROM members WHERE {where}", params)}


def test_the_demo_ships_its_saved_segments(workspace: Workspace) -> None:
    found = saved(workspace)
    assert set(found) == {name for name, _s, _t in demo_brand.SAVED_SEGMENTS}
    assert 3 <= len(found) <= 5
    service = WorkspaceService(workspace)
    everyone = service.member_count_now()
    for name, segment in found.items():
        assert 0 < len(service.evaluate_now(segment)) < everyone, name


def test_the_saved_segments_mean_what_they_say(workspace: Workspace) -> None:
    found = saved(workspace)
    conn = workspace.reader()
    service = WorkspaceService(workspace)

    def members(name: str) -> set[int]:
        return set(service.evaluate_now(found[name]))

    assert members("高价值会员") == ids(workspace, "level IN (2, 3)")
    assert members("高价值沉默客户") <= members("高价值会员")
    assert members("高价值沉默客户") <= members("30 天未互动")
    cats = tuple(r[0] for r in conn.execute(
        "SELECT id FROM tags WHERE name IN ('猫', '猫狗双全') ORDER BY name = '猫狗双全'"))
    assert found["猫主人"].any_tags == cats and len(cats) == 2
    assert members("猫主人") == {r[0] for r in conn.execute(
        "SELECT member_id FROM member_tags WHERE tag_id IN (?, ?)", cats)}


def test_the_readmes_command_line_examples_name_segments_that_exist(workspace: Workspace) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"--segment (\S+)", readme))
    assert named, "the README shows --segment in its examples"
    assert named <= set(saved(workspace)), named - set(saved(workspace))


def test_the_readmes_members_example_runs(tmp_path: Path) -> None:
    env = {**os.environ, "SIYU_DATA_DIR": str(tmp_path), "PYTHONIOENCODING": "utf-8"}

    def siyu(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "siyu_desktop.cli", *args], env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=120)

    assert siyu("demo", "--members", "800", "--groups", "10").returncode == 0
    out = siyu("members", "--segment", "高价值沉默客户", "--limit", "3")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith("id\t姓名")
