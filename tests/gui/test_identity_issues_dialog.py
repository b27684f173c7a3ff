"""The WeCom screen after a sync that kept customers apart (their phone or unionid pointed at
different or several members): the done text says how many, 查看 opens the list."""

from __future__ import annotations

import pytest

from siyu_desktop.wecom.emulator import running_emulator

from ..integration.test_sync_identity_issues import (
    CONFLICT_PHONE,
    SHARED_PHONE,
    unclear_customers,
    workspace_people,
)


@pytest.fixture
def emu():  # type: ignore[no-untyped-def]
    with running_emulator(seed=31, members=40, groups=3, staff=3, latency_ms=0) as running:
        yield running


@pytest.fixture
def controller(connection_controller):  # type: ignore[no-untyped-def]
    return connection_controller


def test_the_done_text_counts_them_and_the_dialog_lists_them(  # type: ignore[no-untyped-def]
        controller, driver, emu, empty_workspace, qtmodeltester):
    conflict, shared = unclear_customers(emu)
    people = workspace_people(empty_workspace, conflict)
    page = controller.page
    assert page.identity_issues_button.isHidden()
    driver.save_connection(page, emu)
    page.full_button.click()
    driver.idle()
    text = page.progress_label.text()
    assert "同步完成" in text
    assert ("；2 位客户的身份无法确定（手机号或 unionid 指向不同的客户），已单独建档，"
            "可点“查看”核对") in text
    assert not page.identity_issues_button.isHidden()

    page.identity_issues_button.click()
    driver.idle()
    dialog = page.identity_issues_dialog
    assert dialog is not None and dialog.isVisible()
    model = dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    rows = {model.index(r, 1).data(): [model.index(r, c).data()
                                       for c in range(model.columnCount())]
            for r in range(model.rowCount())}
    c = empty_workspace.reader()

    def kept(ext: str) -> int:
        return int(c.execute("SELECT id FROM members WHERE external_userid = ?",
                             (ext,)).fetchone()[0])
    name, _, member, pointing, reason, at = rows[conflict.external_userid]
    assert (name, member) == (conflict.name, f"#{kept(conflict.external_userid)}")
    assert pointing == (f"unionid「{conflict.unionid}」 → #{people['甲']} 甲；"
                        f"手机号「{CONFLICT_PHONE}」 → #{people['乙']} 乙")
    assert reason == "unionid和手机号指向不同的客户" and at
    name, _, member, pointing, reason, _ = rows[shared.external_userid]
    assert (name, member) == (shared.name, f"#{kept(shared.external_userid)}")
    assert pointing == f"手机号「{SHARED_PHONE}」 → #{people['丙']} 丙、#{people['丁']} 丁"
    assert reason == "手机号对应 2 位已有客户，无法确定是哪一位"
    dialog.close()

    # A sync with nothing new to report says nothing about them and hides 查看.
    page.full_button.click()
    driver.idle()
    assert "同步完成" in page.progress_label.text()
    assert "身份无法确定" not in page.progress_label.text()
    assert page.identity_issues_button.isHidden()
