"""The 规则 tab against a real demo workspace: the demo's rules listed; a new rule added through
the dialog (a wrong field said inline, the dialog stays), its preview with the numbers the
service gives, saved switched on from the preview; a rule switched off and on again (on only
from its preview); and today's rule points paid from the tab, once."""

from __future__ import annotations

import gc
from typing import Any

import pytest
import shiboken6

from siyu_desktop.domain.points_rules import RuleKind
from siyu_desktop.errors import UserError
from siyu_desktop.services.points_rules import PointsRulesService
from siyu_desktop.ui.controllers.rules_controller import RulesController
from siyu_desktop.ui.dialogs.rule_dialog import PreviewDialog, RuleDialog


@pytest.fixture
def messages(driver, monkeypatch):  # type: ignore[no-untyped-def]
    said: list[str] = []
    monkeypatch.setattr(driver.feedback, "user_error", lambda exc, **_: said.append(exc.message))
    monkeypatch.setattr(driver.feedback, "error", lambda exc: said.append(
        exc.message if isinstance(exc, UserError) else f"BUG: {exc!r}"))
    monkeypatch.setattr(driver.feedback, "info", lambda text, *_: said.append(text))
    return said


@pytest.fixture
def rules(workspace, driver, qtbot, messages):  # type: ignore[no-untyped-def]
    controller = RulesController(PointsRulesService(workspace), driver.tasks, driver.feedback,
                                 None)
    controller.start()
    driver.idle()
    yield controller
    driver.idle()
    if controller.dialog is not None and shiboken6.isValid(controller.dialog):
        controller.dialog.close()
    controller.tab.close()
    shiboken6.delete(controller.tab)
    shiboken6.delete(controller)
    gc.collect()


def shown(tab: Any) -> list[tuple[str, ...]]:
    model = tab.proxy
    return [tuple(model.index(r, c).data() for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def test_the_demo_rules_are_listed(rules, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    rows = shown(rules.tab)
    names = [r[0] for r in rows]
    assert names == ["参与游戏", "游戏名次", "生日积分", "邀请好友留存 7 天"]
    assert rows[1][2] == "第1名 50 分 · 第2名 30 · 第3名 20"
    assert rows[3][3] == "90" and rows[3][5] == "启用"
    assert "4 条规则，4 条启用" in rules.tab.summary.text()
    assert "每位好友只算一次" in rules.tab.detail.text() or rules.tab.detail.text()
    qtmodeltester.check(rules.tab.model)


def test_add_a_rule_through_the_dialog_preview_and_enable(  # type: ignore[no-untyped-def]
        rules, driver, workspace, messages) -> None:
    rules.tab.add_button.click()
    dialog = rules.dialog
    assert isinstance(dialog, RuleDialog) and dialog.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData(str(RuleKind.PARTICIPATION)))
    dialog.name.setText("参与加赠")
    dialog.amount.setValue(5)
    dialog.daily_on.setChecked(True)
    dialog.monthly_on.setChecked(True)
    dialog.daily_cap.setValue(50)
    dialog.monthly_cap.setValue(10)  # below the daily cap: refused in words, the dialog stays
    dialog.next_button.click()
    assert dialog.isVisible() and not dialog.error.isHidden()
    assert "每月上限不能小于每日上限" in dialog.error.text()
    dialog.daily_cap.setValue(10)
    dialog.monthly_cap.setValue(10)
    assert "每人每天最多 10 分，每人每月最多 10 分" in dialog.note.text()
    dialog.next_button.click()
    assert not dialog.isVisible()
    preview = rules.dialog
    assert isinstance(preview, PreviewDialog)
    driver.idle()
    report = preview.report
    assert report is not None and report.days == 30 and report.members > 0
    assert str(report.total) in preview.summary.text().replace(",", "")
    assert f"{report.members:,} 位客户共得 {report.total:,} 分" in preview.summary.text()
    assert preview.model.rowCount() == report.members
    assert report.capped > 0 and f"{report.capped:,} 位客户触到上限" in preview.summary.text()
    capped_cells = [preview.model.index(r, 4).data() for r in range(preview.model.rowCount())]
    assert sum(1 for c in capped_cells if c.startswith("触到上限")) == report.capped
    preview.days.setValue(7)  # another window: the numbers follow
    driver.idle()
    assert preview.report is not None and preview.report.days == 7
    assert preview.primary.isEnabled()
    preview.primary.click()
    driver.idle()
    saved = {s.rule.name: s.rule for s in driver.run(PointsRulesService(workspace).rules())}
    assert "参与加赠" in saved, messages
    rule = saved["参与加赠"]
    assert (rule.id, rule.amount, rule.daily_cap, rule.monthly_cap, rule.enabled) == (
        "participation-2", 5, 10, 10, True)
    assert messages[-1] == "已新增并启用规则“参与加赠”"
    assert rules.tab.current_rule() is not None and rules.tab.current_rule().id == rule.id
    assert "5 条规则，5 条启用" in rules.tab.summary.text()


def test_switch_off_then_on_from_the_preview(rules, driver, workspace, messages) -> None:  # type: ignore[no-untyped-def]
    assert rules.tab.select("birthday")
    assert rules.tab.toggle_button.text() == "停用"
    rules.tab.toggle_button.click()
    driver.idle()
    assert driver.run(PointsRulesService(workspace).rule("birthday")).enabled is False
    assert rules.tab.toggle_button.text() == "启用…"
    rules.tab.toggle_button.click()
    preview = rules.dialog
    assert isinstance(preview, PreviewDialog)
    driver.idle()
    assert preview.report is not None and preview.report.total == 100 * preview.report.members
    preview.reject()  # 返回: nothing changes
    driver.idle()
    assert driver.run(PointsRulesService(workspace).rule("birthday")).enabled is False
    rules.tab.toggle_button.click()
    driver.idle()
    rules.dialog.accept()
    driver.idle()
    assert driver.run(PointsRulesService(workspace).rule("birthday")).enabled is True
    assert messages[-1] == "规则“生日积分”已启用"


def test_an_invite_rule_s_preview_says_why_it_is_empty(rules, driver) -> None:  # type: ignore[no-untyped-def]
    assert rules.tab.select("invite")
    rules.tab.preview_button.click()
    driver.idle()
    preview = rules.dialog
    assert isinstance(preview, PreviewDialog)
    assert not preview.note.isHidden() and "企业微信只记下由员工邀请入群" in preview.note.text()
    assert "没有客户会得到积分" in preview.summary.text()


def test_pay_today_s_rule_points_once(rules, driver, workspace, messages) -> None:  # type: ignore[no-untyped-def]
    plan = driver.run(PointsRulesService(workspace).plan_run())
    rules.tab.run_button.click()
    driver.idle()
    if not plan.awards:
        assert messages[-1].startswith("今天按规则该发的积分都已发过")
        return
    box = rules.dialog
    assert f"{plan.total:,} 分" in box.text()
    go = next(b for b in box.buttons() if b.text() == "发放")
    go.click()
    driver.idle()
    assert messages[-1].startswith(f"已按规则给 {plan.members:,} 位客户发放 {plan.total:,} 分")
    rules.tab.run_button.click()
    driver.idle()
    assert messages[-1].startswith("今天按规则该发的积分都已发过")
