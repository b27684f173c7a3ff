"""The window's export: the save dialog offers .xlsx and .csv and follows the chosen filter; a
.csv name writes real CSV; an unknown ending, the workspace's own file or an unwritable folder
is a message in the status bar or a box, never a crash report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shiboken6

from siyu_desktop.errors import UserError
from siyu_desktop.services.exporter import Exporter
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.controllers.export_controller import ExportController


@pytest.fixture
def said(driver: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    out: list[str] = []
    monkeypatch.setattr(driver.feedback, "info", lambda text, *_: out.append(text))
    monkeypatch.setattr(driver.feedback, "error", lambda exc: out.append(
        exc.message if isinstance(exc, UserError) else f"BUG: {exc!r}"))
    return out


@pytest.fixture
def controller(service: Any, driver: Any, qtbot: Any) -> Any:
    made = ExportController(Exporter(service), driver.tasks, driver.feedback, None)
    yield made
    driver.idle()
    shiboken6.delete(made)


def test_dialog_offers_xlsx_and_csv(controller: Any) -> None:
    controller.choose_and_export(None)
    dialog = controller._file_dialog
    filters = dialog.nameFilters()
    assert any("*.xlsx" in f for f in filters) and any("*.csv" in f for f in filters)
    assert dialog.defaultSuffix() == "xlsx"
    dialog.filterSelected.emit(next(f for f in filters if "*.csv" in f))
    assert dialog.defaultSuffix() == "csv"
    dialog.reject()


def test_export_csv_and_refusals_are_messages(controller: Any, driver: Any, service: Any, workspace: Workspace,
                                              tmp_path: Path, said: list[str]) -> None:
    target = tmp_path / "out" / "名单.csv"
    target.parent.mkdir()
    controller.export([3, 1, 2], str(target))
    driver.idle()
    assert target.read_bytes().startswith("\ufeff客户名称".encode())
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == 4
    for bad in (tmp_path / "out" / "名单.txt", workspace.path, tmp_path / "没有" / "名单.xlsx"):
        said.clear()
        controller.export([1], str(bad))
        driver.idle()
        assert said and not said[0].startswith("BUG"), said
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["名单.csv"]
