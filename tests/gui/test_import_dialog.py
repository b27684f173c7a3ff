"""The import window against a real demo workspace: choose a file, see the preview, correct the
mapping, save the rejected rows and the template, import, cancel — and the export controller."""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

from siyu_desktop.errors import UserError
from siyu_desktop.excel.writer import write_xlsx
from siyu_desktop.services.exporter import Exporter
from siyu_desktop.services.importer import Importer
from siyu_desktop.ui.controllers.export_controller import ExportController
from siyu_desktop.ui.controllers.import_controller import ImportController
from siyu_desktop.ui.models.mapping_model import COL_FIELD, EXTRA, SKIP, FieldDelegate


@pytest.fixture
def messages(driver: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(driver.feedback, "info", lambda text, *_: said.append(text))
    monkeypatch.setattr(driver.feedback, "error", lambda exc: said.append(
        exc.message if isinstance(exc, UserError) else f"BUG: {exc!r}"))
    return said


@pytest.fixture
def screen(service: Any, driver: Any, qtbot: Any, messages: list[str]) -> Any:
    controller = ImportController(Importer(service), driver.tasks, driver.feedback, None)
    controller.open()
    yield controller
    driver.idle()
    controller.dialog.close()
    shiboken6.delete(controller.dialog)
    shiboken6.delete(controller)
    gc.collect()


@pytest.fixture
def roster_file(tmp_path: Path) -> Path:
    path = tmp_path / "名单.xlsx"
    write_xlsx(path, ["客户名称", "手机号", "卡种", "标签"], [
        ["界面甲", "13811110001", "金卡", "界面:新标签"],
        ["界面乙", "13811110002", "银卡", ""],
        ["界面丙", "123", "", ""],
    ])
    return path


def count(screen: Any, key: str) -> str:
    return str(screen.dialog.count_labels[key].text())


def test_preview_mapping_and_commit(screen: Any, driver: Any, qtmodeltester: Any,
                                    workspace: Any, roster_file: Path, tmp_path: Path,
                                    messages: list[str]) -> None:
    dialog = screen.dialog
    assert dialog.isVisible() and not dialog.isModal()
    assert not dialog.import_button.isEnabled()
    dialog.set_path(str(roster_file))
    driver.wait_for(lambda: screen.preview is not None)
    driver.idle()
    assert dialog.path_edit.text() == str(roster_file)
    assert dialog.sheet_combo.currentData() == "客户名单"
    assert (count(screen, "new"), count(screen, "rejected")) == ("2", "1")
    assert dialog.problems_model.records() == [(4, "手机号「123」：不是有效的手机号")]
    assert "界面:新标签" in dialog.summary.text()
    assert dialog.import_button.isEnabled() and dialog.rejects_button.isEnabled()

    model = dialog.mapping_model
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    assert model.index(2, COL_FIELD).data(Qt.ItemDataRole.ToolTipRole) == "附加信息（原样保存）"  # 卡种 is not recognised
    # The operator picks 会员等级 for that column through the combo delegate.
    delegate = dialog.mapping_view.itemDelegateForColumn(COL_FIELD)
    assert isinstance(delegate, FieldDelegate)
    editor = delegate.createEditor(dialog.mapping_view.viewport(), QStyleOptionViewItem(),
                                   model.index(2, COL_FIELD))
    assert isinstance(editor, QComboBox)
    delegate.setEditorData(editor, model.index(2, COL_FIELD))
    assert editor.currentData() == EXTRA
    editor.setCurrentIndex(editor.findData("level"))
    delegate.setModelData(editor, model, model.index(2, COL_FIELD))
    editor.deleteLater()
    driver.wait_for(lambda: screen.preview is not None and screen.preview.mapping_source == "given")
    driver.idle()
    assert screen.preview.mapping.fields["level"] == 2
    qtmodeltester.check(model)
    assert model.index(2, COL_FIELD).data(Qt.ItemDataRole.ToolTipRole) == "会员等级"
    assert model.setData(model.index(0, COL_FIELD), "nonsense") is False

    rejects = tmp_path / "rejects.xlsx"
    screen.save_rejects(str(rejects))
    template = tmp_path / "template.xlsx"
    screen.save_template(str(template))
    driver.idle()
    assert openpyxl.load_workbook(rejects).active["B2"].value == "界面丙"
    assert "客户名单" in openpyxl.load_workbook(template).sheetnames

    imported: list[Any] = []
    screen.imported.connect(imported.append)
    screen.commit()
    driver.wait_for(lambda: bool(imported))
    driver.idle()
    conn = workspace.reader()
    assert conn.execute("SELECT level FROM members WHERE name = '界面甲'").fetchone() == (2,)
    assert imported[0].inserted == 2
    assert "新增 2 位" in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()
    assert any("已导入" in m for m in messages)


def test_skip_a_column_and_cancel_the_commit(screen: Any, driver: Any, workspace: Any,
                                             roster_file: Path) -> None:
    dialog = screen.dialog
    dialog.set_path(str(roster_file))
    driver.wait_for(lambda: screen.preview is not None)
    driver.idle()
    dialog.mapping_model.choose(3, SKIP)  # don't import the tags column
    driver.wait_for(lambda: screen.preview is not None)
    driver.idle()
    assert "tags" not in screen.preview.mapping.fields
    assert "新标签" not in dialog.summary.text()
    before = workspace.reader().execute("SELECT count(*) FROM members").fetchone()[0]
    screen.commit()
    screen.cancel()  # before the writer gets to it: nothing may be written
    driver.idle()
    driver.wait_for(lambda: "已取消" in dialog.status_label.text())
    assert workspace.reader().execute("SELECT count(*) FROM members").fetchone()[0] == before
    assert screen.outcome is None
    assert dialog.import_button.isEnabled()  # the preview still stands: import again


def test_a_broken_file_is_said_plainly(screen: Any, driver: Any, tmp_path: Path,
                                       messages: list[str]) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_text("名字,电话\n", encoding="utf-8")
    screen.dialog.set_path(str(broken))
    driver.wait_for(lambda: bool(messages))
    driver.idle()
    assert "不是真正的 Excel 文件" in messages[0]
    assert not screen.dialog.import_button.isEnabled()
    assert screen.dialog.progress.isHidden()


def test_export_controller(service: Any, driver: Any, tmp_path: Path, messages: list[str]) -> None:
    controller = ExportController(Exporter(service), driver.tasks, driver.feedback, None)
    done: list[tuple[int, str]] = []
    controller.exported.connect(lambda n, p: done.append((n, p)))
    target = tmp_path / "picked.xlsx"
    controller.export([3, 1, 2], str(target))
    driver.idle()
    assert done == [(3, str(target))]
    sheet = openpyxl.load_workbook(target).active
    assert sheet.max_row == 4
    shiboken6.delete(controller)


def test_a_big_workbook_loading_says_it_is_still_going(
        screen: Any, driver: Any, roster_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook read by the loading child (as big ones are) shows the seconds it has taken
    until its first rows arrive, then previews as usual."""
    from siyu_desktop.excel import reader
    from siyu_desktop.ui.controllers import import_controller

    monkeypatch.setattr(reader, "CHILD_READ_BYTES", 0)
    monkeypatch.setattr(import_controller, "LOADING_NOTE_AFTER_S", 0.0)
    load = reader._iter_workbook_in_child

    def slow_load(*args: Any) -> Any:  # a small file loads too fast to see the wait
        time.sleep(0.5)
        yield from load(*args)
    monkeypatch.setattr(reader, "_iter_workbook_in_child", slow_load)
    seen: list[str] = []
    screen._timer.timeout.connect(lambda: seen.append(screen.dialog.status_label.text()))
    driver.run(screen.load_file(str(roster_file)))
    driver.wait_for(lambda: screen.preview is not None, timeout=30)
    assert any("已用" in text and "秒" in text for text in seen), seen
    assert count(screen, "new") == "2"
