"""The rewards tabs (奖品目录, 兑换记录) against a real demo workspace: a redemption's life through
the widgets — redeem for a member id, see it pending, issue it and see its coupon code; redeem
again, cancel after the confirmation, and the member's points are back — plus the item dialog
and a coupon's codes imported from a file."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
import shiboken6

from siyu_desktop.domain import rewards as R
from siyu_desktop.errors import UserError
from siyu_desktop.services.rewards import RewardsService
from siyu_desktop.store import points as ledger
from siyu_desktop.ui.controllers.rewards_controller import RewardsController
from siyu_desktop.ui.dialogs.reward_dialogs import DecisionDialog, ItemDialog


@pytest.fixture
def messages(driver, monkeypatch):  # type: ignore[no-untyped-def]
    said: list[str] = []
    monkeypatch.setattr(driver.feedback, "user_error", lambda exc, **_: said.append(exc.message))
    monkeypatch.setattr(driver.feedback, "error", lambda exc: said.append(
        exc.message if isinstance(exc, UserError) else f"BUG: {exc!r}"))
    monkeypatch.setattr(driver.feedback, "info", lambda text, *_: said.append(text))
    return said


@pytest.fixture
def rewards(workspace, driver, qtbot, messages):  # type: ignore[no-untyped-def]
    controller = RewardsController(RewardsService(workspace), driver.tasks, driver.feedback, None)
    controller.start()
    driver.idle()
    yield controller
    driver.idle()
    for tab in (controller.catalog_tab, controller.redemptions_tab):
        tab.close()
        shiboken6.delete(tab)
    shiboken6.delete(controller)
    gc.collect()


def spendable(workspace: Any, member_id: int) -> tuple[int, int]:
    acc = ledger.account(workspace.reader(), member_id)
    return acc.balance, acc.spendable(int(workspace.clock.now()))


def rich_member(workspace: Any, at_least: int = 1000) -> int:
    now = int(workspace.clock.now())
    for (member_id,) in workspace.reader().execute(
            "SELECT id FROM members WHERE points >= ? ORDER BY id", (at_least,)):
        if ledger.account(workspace.reader(), member_id).spendable(now) >= at_least:
            return int(member_id)
    raise AssertionError("no member with enough points")


def redeem_through_the_tab(driver: Any, tab: Any, item_name: str, member_id: int) -> None:
    index = next(i for i in range(tab.item.count()) if tab.item.itemText(i).startswith(item_name))
    tab.item.setCurrentIndex(index)
    tab.member.setText(str(member_id))
    driver.idle()
    tab.redeem_button.click()
    driver.idle()


def decide(controller: RewardsController, note: str = "") -> str:
    dialog = controller.dialog
    assert isinstance(dialog, DecisionDialog) and dialog.isVisible()
    dialog.note.setText(note)
    text = dialog.text()
    dialog.accept()
    return text


def test_a_redemption_s_life_through_the_widgets(rewards, driver, workspace, messages,  # type: ignore[no-untyped-def]
                                                 qtmodeltester) -> None:
    tab = rewards.redemptions_tab
    qtmodeltester.check(tab.model)
    qtmodeltester.check(rewards.catalog_tab.model)
    assert tab.model.rowCount() > 0  # the demo's redemptions, on first start
    member = rich_member(workspace)
    before = spendable(workspace, member)
    redeem_through_the_tab(driver, tab, "20元无门槛券", member)
    assert "可用" in tab.member_info.text()
    r = tab.current_redemption()
    assert r is not None and r.member_id == member and r.status is R.Status.PENDING
    assert r.item_name == "20元无门槛券" and r.code == ""
    assert any("等待发放" in m for m in messages)
    assert spendable(workspace, member)[0] == before[0] - 200
    assert tab.issue_button.isEnabled() and tab.cancel_button.isEnabled()

    tab.issue_button.click()
    assert "发放后不能再取消" in decide(rewards, "微信已发")
    driver.idle()
    done = tab.current_redemption()
    assert done is not None and done.id == r.id and done.status is R.Status.ISSUED
    assert done.code and done.note == "微信已发"
    assert any(done.code in m for m in messages)
    assert not tab.issue_button.isEnabled() and not tab.cancel_button.isEnabled()
    assert done.code in tab.detail.text()

    middle = spendable(workspace, member)
    redeem_through_the_tab(driver, tab, "猫砂一袋", member)
    again = tab.current_redemption()
    assert again is not None and again.id != r.id and again.status is R.Status.PENDING
    assert spendable(workspace, member)[0] == middle[0] - 500
    tab.cancel_button.click()
    rewards.dialog.reject()  # 返回: nothing happens
    driver.idle()
    assert tab.current_redemption().status is R.Status.PENDING
    tab.cancel_button.click()
    assert "500 积分会原路退回" in decide(rewards, "缺货")
    driver.idle()
    gone = tab.current_redemption()
    assert gone is not None and gone.status is R.Status.CANCELLED and gone.note == "缺货"
    assert spendable(workspace, member) == middle  # the points are back
    assert f"{middle[1]:,}" in tab.member_info.text()

    tab.status.setCurrentIndex(tab.status.findData("cancelled"))
    driver.idle()
    assert {x.status for x in tab.model.records()} == {R.Status.CANCELLED}
    assert gone.id in {x.id for x in tab.model.records()}
    assert not [m for m in messages if m.startswith("BUG")]


def test_a_refused_redemption_is_said_and_writes_nothing(rewards, driver, workspace, messages) -> None:  # type: ignore[no-untyped-def]
    tab = rewards.redemptions_tab
    poor = workspace.reader().execute("SELECT id FROM members WHERE points < 100 LIMIT 1").fetchone()[0]
    count = workspace.reader().execute("SELECT count(*) FROM redemptions").fetchone()[0]
    redeem_through_the_tab(driver, tab, "猫砂一袋", poor)
    assert any("积分不够" in m for m in messages)
    assert workspace.reader().execute("SELECT count(*) FROM redemptions").fetchone()[0] == count
    tab.member.setText("99999999")
    driver.idle()
    assert tab.member_info.text() == "没有这位客户"


def test_items_are_added_in_the_dialog_and_codes_imported(rewards, driver, workspace, messages,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    catalog = rewards.catalog_tab
    rows = catalog.model.rowCount()
    catalog.add_button.click()
    dialog = rewards.dialog
    assert isinstance(dialog, ItemDialog)
    dialog.name.setText("周年庆满减券")
    dialog.kind.setCurrentIndex(dialog.kind.findData("points_cash"))
    dialog.points.setValue(300)
    dialog.accept()  # points + cash without cash: said inline, the dialog stays open
    assert dialog.isVisible() and "现金金额" in dialog.error.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("coupon"))
    assert not dialog.stock.isEnabled() and not dialog.cash.isEnabled()
    dialog.limited.setChecked(True)
    dialog.per_member.setValue(2)
    dialog.accept()
    driver.idle()
    assert catalog.model.rowCount() == rows + 1
    item = catalog.current_item()
    assert item is not None and item.name == "周年庆满减券" and item.kind is R.ItemKind.COUPON
    assert (item.per_member, item.left) == (2, 0)
    assert catalog.codes_button.isEnabled()

    codes = tmp_path / "codes.csv"
    codes.write_text("券码\nZN-1\nZN-2\nZN-2\n", encoding="utf-8")
    rewards.import_codes(item.id, codes)
    driver.idle()
    assert any("新增 2 个券码（重复 1" in m for m in messages)
    assert catalog.current_item().left == 2
    rewards.import_codes(item.id, codes)
    driver.idle()
    assert any("新增 0 个券码（重复 0，已有 2" in m for m in messages)

    catalog.shelf_button.click()
    driver.idle()
    assert not catalog.current_item().active
    names = [rewards.redemptions_tab.item.itemText(i)
             for i in range(rewards.redemptions_tab.item.count())]
    assert not any(n.startswith("周年庆满减券") for n in names)  # off the shelf
    catalog.edit_button.click()
    edit = rewards.dialog
    assert isinstance(edit, ItemDialog) and not edit.kind.isEnabled()
    edit.points.setValue(250)
    edit.accept()
    driver.idle()
    assert catalog.current_item().points == 250
    assert not [m for m in messages if m.startswith("BUG")]


def test_another_screen_s_write_reloads_the_tabs(rewards, driver, workspace) -> None:  # type: ignore[no-untyped-def]
    from siyu_desktop.store.index import Changes

    service = RewardsService(workspace)
    member = rich_member(workspace)
    r = driver.run(service.redeem(1, member))
    rewards.workspace_changed(Changes(rewards_changed=True))
    driver.idle()
    assert r.id in {x.id for x in rewards.redemptions_tab.model.records()}
