"""备份与恢复 from the window: a confirmed restore closes the workspace, puts the backup in its
place (the current file kept first as a safety copy) and opens it again, with every screen
showing the backup's state; a damaged backup is refused and the workspace opens unchanged."""

from __future__ import annotations

from pathlib import Path

from siyu_desktop import app as appmod
from siyu_desktop.errors import UserError
from siyu_desktop.services.backups import SAFETY
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.main_window import MainWindow

from .conftest import Driver


def _tag_group_names(shell: appmod.App, driver: Driver) -> set[str]:
    assert shell.session is not None
    return {g.name for g in driver.run(shell.session.workspace.tag_groups())}


def test_restoring_a_backup_from_the_window_reopens_it_and_keeps_the_current_file(
        tmp_path: Path, driver: Driver) -> None:
    own = tmp_path / "own" / "我的品牌.siyu.db"
    Workspace.open(own, actor="tester").close()
    args = appmod.parse_args(["--workspace", str(own), "--data-dir", str(tmp_path / "data")])
    window = MainWindow()
    shell = appmod.App(args, window, driver.tasks, driver.feedback)
    shown: list[str] = []
    driver.feedback.info = lambda text, *a: shown.append(text)  # type: ignore[method-assign]
    try:
        assert driver.run(shell.open_workspace())
        session = shell.session
        assert session is not None
        driver.run(session.workspace.create_tag_group("会员等级", "basic"))
        backup = driver.run(session.backups.back_up_now())
        driver.run(session.workspace.create_tag_group("后来加的", "basic"))
        assert _tag_group_names(shell, driver) == {"会员等级", "后来加的"}
        old_controllers = list(shell.controllers)

        task = shell.restore_backup(backup)
        assert task is not None
        assert driver.run(task) is True
        assert session.closed and shell.session is not None and shell.session is not session
        assert shell.controllers and shell.controllers[0] is not old_controllers[0]
        assert window.nav.count() == 7
        assert _tag_group_names(shell, driver) == {"会员等级"}  # the backup's state

        listed = driver.run(shell.session.backups.list())
        safety = [b for b in listed if b.kind == SAFETY]
        assert len(safety) == 1  # the file as it was before, restorable in its turn
        kept = Workspace.open(safety[0].path, actor="tester")
        try:
            names = {g.name for g in driver.run(WorkspaceService(kept).tag_groups())}
            assert names == {"会员等级", "后来加的"}
        finally:
            kept.close()
        assert any(backup.name in t and safety[0].path.name in t for t in shown)
    finally:
        shell.close()
        window.close()


def test_a_damaged_backup_is_refused_and_the_workspace_opens_unchanged(
        tmp_path: Path, driver: Driver) -> None:
    own = tmp_path / "own" / "我的品牌.siyu.db"
    Workspace.open(own, actor="tester").close()
    args = appmod.parse_args(["--workspace", str(own), "--data-dir", str(tmp_path / "data")])
    window = MainWindow()
    shell = appmod.App(args, window, driver.tasks, driver.feedback)
    refused: list[UserError] = []
    driver.feedback.user_error = refused.append  # type: ignore[method-assign,assignment]
    try:
        assert driver.run(shell.open_workspace())
        assert shell.session is not None
        driver.run(shell.session.workspace.create_tag_group("会员等级", "basic"))
        damaged = tmp_path / "坏的备份.siyu.db"
        damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 + b"not a database")

        task = shell.restore_backup(damaged)
        assert task is not None
        assert driver.run(task) is False
        assert len(refused) == 1 and "备份" in refused[0].message  # said, in its words
        assert shell.session is not None and not shell.session.closed
        assert _tag_group_names(shell, driver) == {"会员等级"}
        assert window.nav.count() == 7
    finally:
        shell.close()
        window.close()
