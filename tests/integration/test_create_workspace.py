"""Creating workspaces (the window and ``siyu new`` share ``create_workspace``) and the demo
build's ``Progress`` and ``CancelToken``."""

from __future__ import annotations

from pathlib import Path

import pytest

from siyu_desktop.errors import Cancelled, ValidationError
from siyu_desktop.ops import CancelToken, Progress
from siyu_desktop.services import workspaces
from siyu_desktop.services.workspace_settings import WorkspaceSettingsService
from siyu_desktop.store.db import Workspace
from siyu_desktop.store.demo import DemoSize


def test_create_workspace_names_the_file_after_the_brand(tmp_path: Path) -> None:
    path = workspaces.create_workspace(tmp_path, "毛孩子/食堂", "UTC", "")
    assert path == (tmp_path / "毛孩子_食堂.siyu.db").resolve()
    assert workspaces.last_workspace(tmp_path) == path
    assert workspaces.recent_workspaces(tmp_path) == [path]
    with Workspace.open(path, create=False) as ws:
        settings = WorkspaceSettingsService(ws).load()
        assert (settings.brand, settings.timezone) == ("毛孩子/食堂", "UTC")
        assert ws.reader().execute("SELECT count(*) FROM members").fetchone()[0] == 0
    left = {p.name.removeprefix("毛孩子_食堂.siyu.db") for p in tmp_path.iterdir()
            if p.name.startswith("毛孩子")}
    assert left <= {"", ".session", ".index"} and "" in left  # no -wal, -shm or lock left


@pytest.mark.parametrize(("brand", "tz", "words"), [
    ("", "Asia/Shanghai", "请填写品牌名称"), ("  ", "Asia/Shanghai", "请填写品牌名称"),
    ("好名字", "Not/AZone", "不认识时区"), ("demo", "Asia/Shanghai", "演示工作区"),
])
def test_create_workspace_refuses_and_leaves_nothing(tmp_path: Path, brand: str, tz: str,
                                                     words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        workspaces.create_workspace(tmp_path, brand, tz)
    assert words in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_recent_list_is_most_recent_first_and_drops_missing_files(tmp_path: Path) -> None:
    a = workspaces.create_workspace(tmp_path, "甲")
    b = workspaces.create_workspace(tmp_path, "乙")
    workspaces.remember(tmp_path, a)
    assert workspaces.recent_workspaces(tmp_path) == [a, b]
    b.unlink()
    assert workspaces.recent_workspaces(tmp_path) == [a]
    known = workspaces.known_workspaces(tmp_path)
    assert [(k.path, k.current) for k in known] == [(a, True)]


def test_the_demo_build_reports_progress_by_step_and_cancels_cleanly(tmp_path: Path) -> None:
    seen: list[Progress] = []
    size = DemoSize(members=1500, groups=6, tags=30, roster_mean=10)
    workspaces.create_demo(tmp_path / "demo.siyu.db", size, seed=2, progress=seen.append).close()
    steps = list(dict.fromkeys(p.step for p in seen))
    assert steps == list(workspaces.DEMO_STEPS)
    assert [p.step_index for p in seen] == sorted(p.step_index for p in seen)
    assert Progress("groups", 6, 6, 3) in seen
    assert seen[-1] == Progress("points", 1, 1, 4)

    cancel = CancelToken()

    def cancel_at_members(p: Progress) -> None:
        if p.step == "members":
            cancel.cancel()

    target = tmp_path / "other" / "demo.siyu.db"
    with pytest.raises(Cancelled):
        workspaces.create_demo(target, size, progress=cancel_at_members, cancel=cancel)
    assert not target.exists() and not [p for p in target.parent.iterdir()
                                         if p.name.startswith("demo.siyu.db")]
