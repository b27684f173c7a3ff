"""The window as the app assembles it (``app.App``): screens wired to one change bus."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from siyu_desktop import app as appmod
from siyu_desktop.excel.normalize import RosterRow
from siyu_desktop.excel.writer import write_roster
from siyu_desktop.ui.controllers.import_controller import ImportController
from siyu_desktop.ui.main_window import MainWindow

from .conftest import Driver


async def until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.02)
    await asyncio.wait_for(poll(), timeout)


def test_status_bar_counts_members_through_an_import_and_its_undo(
        demo_path: Path, tmp_path: Path, driver: Driver) -> None:
    """The status bar's member count follows an import from the import window and the undo of
    that import from the roster's undo button (it once kept the imported count after the undo).
    All of it on one running loop, as in the app."""
    args = appmod.parse_args(["--workspace", str(demo_path), "--data-dir", str(tmp_path / "data")])
    window = MainWindow()
    shell = appmod.App(args, window, driver.tasks, driver.feedback)
    roster_file = tmp_path / "new.xlsx"
    write_roster(roster_file, (RosterRow(name=f"新客{i}", phone=f"1390000{i:04d}") for i in range(30)))

    async def scenario() -> None:
        await shell.open_workspace()
        await driver.tasks.wait_idle()
        assert shell.workspace is not None
        before = shell.workspace.reader().execute("SELECT count(*) FROM members").fetchone()[0]
        assert window.members_label.text() == f"客户 {before:,}"

        importer = shell.helpers[0]
        assert isinstance(importer, ImportController)
        importer.open()
        await importer.load_file(str(roster_file))
        await until(lambda: importer.preview is not None)
        commit = importer.commit()
        assert commit is not None
        await commit
        await until(lambda: window.members_label.text() == f"客户 {before + 30:,}")

        undo = shell.controllers[0].undo()  # type: ignore[attr-defined]
        assert undo is not None  # the import reached the roster's undo stack through its signal
        await undo
        await until(lambda: window.members_label.text() == f"客户 {before:,}")
        importer.dialog.close()
        await driver.tasks.wait_idle()

    try:
        driver.run(scenario())
        assert not driver.errors, driver.errors
    finally:
        shell.close()
        window.close()
