"""The rewards catalog and redemptions in a real workspace file: a redemption's whole life through
the ledger, stock and per-member limits, coupon codes imported from files and each issued once,
a cancellation that gives back exactly the points and lots it took, the ledger's check and verify
clean after all of it, what undo does with each write, the demo's catalog, and the CLI."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Coroutine
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import openpyxl
import pytest

from siyu_desktop import cli
from siyu_desktop.domain import points as P
from siyu_desktop.domain import rewards as R
from siyu_desktop.errors import ValidationError
from siyu_desktop.services.points import PointsService
from siyu_desktop.services.rewards import RewardsService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import migrations
from siyu_desktop.store import points as ledger
from siyu_desktop.store.db import Workspace

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def rich(ws: Workspace, n: int = 1, at_least: int = 2000) -> list[int]:
    now = int(ws.clock.now())
    out = []
    for (member_id,) in ws.reader().execute("SELECT id FROM members WHERE points >= ? ORDER BY id",
                                            (at_least,)):
        if ledger.account(ws.reader(), member_id).spendable(now) >= at_least:
            out.append(member_id)
        if len(out) == n:
            return out
    raise AssertionError("the demo has too few members with points")


def lots(ws: Workspace, member_id: int) -> tuple[int, dict[int, tuple[int, int | None]]]:
    acc = ledger.account(ws.reader(), member_id)
    return acc.balance, {s: (lot.remaining, lot.expires_at) for s, lot in acc.lots.items()}


def ledger_clean(ws: Workspace) -> None:
    points = PointsService(ws)
    assert run(points.check()) == (0, [])
    assert run(points.verify()).broken is None


def goods(name: str = "测试猫砂", **kw: Any) -> R.Item:
    return replace(R.Item(0, R.ItemKind.GOODS, name, 300, stock=5), **kw)


def add(service: RewardsService, item: R.Item) -> R.Item:
    return run(service.add_item(item))[0]


def left(service: RewardsService, item_id: int) -> int | None:
    found = run(service.item(item_id))
    assert found is not None
    return found.left


def test_a_redemption_pending_then_issued_spends_through_the_ledger(workspace: Workspace) -> None:
    service = RewardsService(workspace)
    (member,) = rich(workspace)
    it = add(service, goods(stock=2, per_member=1))
    before, _ = lots(workspace, member)
    r = run(service.redeem(it.id, member))
    assert (r.status, r.points, r.item_name, r.member_id) == (R.Status.PENDING, 300, "测试猫砂",
                                                              member)
    entry = ledger.entry(workspace.reader(), r.entry_seq or 0)
    assert entry is not None
    assert (entry.kind, entry.source, entry.source_ref, entry.key, entry.amount, entry.reason) == (
        P.Kind.SPEND, P.Source.REDEMPTION, str(r.id), f"redeem:{r.id}", -300, "兑换测试猫砂")
    assert lots(workspace, member)[0] == before - 300
    assert left(service, it.id) == 1
    assert [x.id for x in run(service.redemptions("pending"))][0] == r.id
    done = run(service.issue(r.id, "顺丰 SF123"))
    assert (done.status, done.note) == (R.Status.ISSUED, "顺丰 SF123")
    assert done.issued_at is not None
    for again in (service.issue(r.id), service.cancel(r.id)):
        with pytest.raises(ValidationError, match="已发放"):
            run(again)
    assert lots(workspace, member)[0] == before - 300  # issuing touches no points
    assert r.id in [x.id for x in run(service.redemptions(R.Status.ISSUED, member_id=member))]
    assert run(service.counts()).issued >= 1
    ledger_clean(workspace)


def test_cancelling_gives_back_exactly_the_points_and_lots_and_the_stock(
        workspace: Workspace) -> None:
    service = RewardsService(workspace)
    (member,) = rich(workspace)
    it = add(service, goods("测试冻干", stock=3))
    before = lots(workspace, member)
    r = run(service.redeem(it.id, member))
    assert lots(workspace, member) != before
    gone = run(service.cancel(r.id, "缺货"))
    assert (gone.status, gone.note) == (R.Status.CANCELLED, "缺货")
    assert lots(workspace, member) == before  # balance and every lot's remaining, exactly
    back = ledger.entry(workspace.reader(), gone.reversal_seq or 0)
    assert back is not None and back.reverses == r.entry_seq and back.amount == 300
    assert back.source_ref == str(r.id) and "缺货" in back.reason
    assert left(service, it.id) == 3
    with pytest.raises(ValidationError, match="已取消"):
        run(service.issue(r.id))
    with pytest.raises(ValidationError, match="已取消"):
        run(service.cancel(r.id))
    cached = workspace.reader().execute("SELECT points FROM members WHERE id = ?",
                                        (member,)).fetchone()[0]
    assert cached == before[0]
    ledger_clean(workspace)


def test_stock_limits_validity_and_points_refuse_in_words(workspace: Workspace) -> None:
    service = RewardsService(workspace)
    a, b, c = rich(workspace, 3)
    one = add(service, goods("限量罐头", stock=1))
    run(service.redeem(one.id, a))
    with pytest.raises(ValidationError, match="没有库存"):
        run(service.redeem(one.id, b))
    limited = add(service, goods("每人一次", stock=None, per_member=1))
    first = run(service.redeem(limited.id, a))
    with pytest.raises(ValidationError, match="最多兑换“每人一次” 1 次"):
        run(service.redeem(limited.id, a))
    run(service.cancel(first.id))  # a cancelled one no longer counts
    run(service.redeem(limited.id, a))
    dear = add(service, goods("钻石猫窝", points=9_000_000, stock=None))
    with pytest.raises(ValidationError, match="积分不够"):
        run(service.redeem(dear.id, b))
    now = int(workspace.clock.now())
    later = add(service, goods("下月上架", stock=None, valid_from=now + 86400))
    with pytest.raises(ValidationError, match="还没到兑换时间"):
        run(service.redeem(later.id, c))
    over = add(service, goods("已过期", stock=None, valid_from=now - 9 * 86400,
                              valid_until=now - 86400))
    with pytest.raises(ValidationError, match="已过兑换有效期"):
        run(service.redeem(over.id, c))
    off, _ = run(service.set_active(one.id, False))
    assert not off.active
    with pytest.raises(ValidationError, match="已下架"):
        run(service.redeem(one.id, c))
    with pytest.raises(ValidationError, match="没有编号为 99999999 的客户"):
        run(service.redeem(limited.id, 99_999_999))
    with pytest.raises(ValidationError, match="已经有名为"):
        add(service, goods("每人一次"))
    ledger_clean(workspace)


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_coupon_codes_are_imported_once_held_while_pending_and_issued_once(
        workspace: Workspace, tmp_path: Path) -> None:
    service = RewardsService(workspace)
    coupon = add(service, R.Item(0, R.ItemKind.COUPON, "测试满减券", 100, per_member=5))
    assert coupon.left == 0
    file = write_xlsx(tmp_path / "codes.xlsx", [["客户", "券码"], ["", " A001 "], ["", "A002"],
                                                ["", "A001"], ["x", None], ["", 30003]])
    done, batch = run(service.import_codes(coupon.id, file))
    assert done.added == 3 and done.found.repeated == ("A001",) and done.found.blank == 1
    assert batch is not None
    again, _ = run(service.import_codes(coupon.id, file))
    assert again.added == 0 and set(again.found.existing) == {"A001", "A002", "30003"}
    csv = tmp_path / "more.csv"
    csv.write_text("A004\nA005\n", encoding="utf-8")
    assert run(service.import_codes(coupon.id, csv))[0].added == 2
    assert left(service, coupon.id) == 5

    members = rich(workspace, 6, at_least=600)
    made = [run(service.redeem(coupon.id, m)) for m in members[:5]]
    with pytest.raises(ValidationError, match="券码已经用完"):
        run(service.redeem(coupon.id, members[5]))
    assert all(r.code == "" for r in made)  # a held code is not shown before it is issued
    run(service.cancel(made[0].id))  # its code goes back to the pool
    made[0] = run(service.redeem(coupon.id, members[5]))
    issued = [run(service.issue(r.id)) for r in made]
    codes = [r.code for r in issued]
    assert sorted(codes) == ["30003", "A001", "A002", "A004", "A005"]
    assert left(service, coupon.id) == 0
    rows = workspace.reader().execute(
        "SELECT code, redemption_id, issued_at FROM reward_codes WHERE item_id = ?",
        (coupon.id,)).fetchall()
    assert all(rid is not None and at is not None for _c, rid, at in rows)
    with pytest.raises(ValidationError, match="不是优惠券"):
        run(service.import_codes(add(service, goods("不是券")).id, csv))
    ledger_clean(workspace)


def test_the_same_request_key_is_one_redemption(workspace: Workspace) -> None:
    service = RewardsService(workspace)
    (member,) = rich(workspace)
    it = add(service, goods("幂等测试", stock=10))
    first = run(service.redeem(it.id, member, request_key="click-1"))
    second = run(service.redeem(it.id, member, request_key="click-1"))
    assert first.id == second.id
    assert left(service, it.id) == 9
    assert len(run(service.redemptions(item_id=it.id))) == 1


def test_catalog_edits_undo_but_redemptions_are_taken_back_by_cancelling(
        workspace: Workspace) -> None:
    service = RewardsService(workspace)
    history = WorkspaceService(workspace)
    (member,) = rich(workspace)
    temp, batch = run(service.add_item(goods("撤销测试")))
    assert batch is not None
    run(history.undo(batch))
    assert run(service.item(temp.id)) is None
    it, added = run(service.add_item(goods("兑换后改价")))
    edited, edit_batch = run(service.edit_item(replace(it, points=350)))
    assert edited.points == 350
    r = run(service.redeem(it.id, member))
    assert r.points == 350
    for older in (added, edit_batch):  # the item moved since: undoing would lose that
        assert older is not None
        with pytest.raises(ValidationError, match="又被修改过"):
            run(history.undo(older))
    coupon = add(service, R.Item(0, R.ItemKind.COUPON, "撤销券", 100))
    imported, codes_batch = run(service.add_codes(coupon.id, ["U1", "U2"]))
    assert imported.added == 2 and codes_batch is not None
    run(history.undo(codes_batch))  # nothing happened since: the codes go
    assert left(service, coupon.id) == 0 and run(service.codes(coupon.id)) == []
    _again, codes_batch = run(service.add_codes(coupon.id, ["U1", "U2"]))
    run(service.redeem(coupon.id, member))
    assert codes_batch is not None
    with pytest.raises(ValidationError, match="又被修改过"):  # one is held by a redemption
        run(history.undo(codes_batch))
    redeem_batch = workspace.reader().execute(
        "SELECT id, undoable FROM audit_batches WHERE action = 'rewards_redeem' ORDER BY id DESC "
        "LIMIT 1").fetchone()
    assert redeem_batch[1] == 0
    with pytest.raises(ValidationError, match="兑换不能撤销") as refused:
        run(history.undo(redeem_batch[0]))
    assert "取消这次兑换" in refused.value.hint and refused.value.english_hint
    blocker = run(history.undo_blocker(redeem_batch[0]))
    assert blocker is not None and blocker.message == "兑换不能撤销。"
    ledger_clean(workspace)


def test_the_demo_catalog_and_its_redemptions_agree_with_the_ledger(workspace: Workspace) -> None:
    conn = workspace.reader()
    service = RewardsService(workspace)
    names = {it.name: it for it in run(service.items())}
    assert {"猫砂一袋", "20元无门槛券", "50元满减券", "猫爬架（积分+现金）"} <= set(names)
    assert names["猫爬架（积分+现金）"].cash_fen == 9900
    assert names["20元无门槛券"].left == 30 and names["20元无门槛券"].codes_total > 30
    counts = run(service.counts())
    assert counts.pending >= 3 and counts.issued > 0 and counts.cancelled == 1
    spends = conn.execute("SELECT count(*) FROM points_entries WHERE source = 'redemption' AND "
                          "kind = 'spend'").fetchone()[0]
    assert spends == conn.execute("SELECT count(*) FROM redemptions").fetchone()[0]
    assert conn.execute("""SELECT count(*) FROM redemptions r JOIN points_entries e
        ON e.seq = r.entry_seq WHERE e.key = 'redeem:' || r.id AND e.amount = -r.points
        AND e.member_id = r.member_id""").fetchone()[0] == spends
    (cancelled,) = run(service.redemptions("cancelled"))
    back = ledger.entry(conn, cancelled.reversal_seq or 0)
    assert back is not None and back.reverses == cancelled.entry_seq
    issued_coupons = conn.execute("SELECT count(*) FROM redemptions r JOIN reward_items i ON "
                                  "i.id = r.item_id WHERE i.kind = 'coupon' AND r.status = "
                                  "'issued'").fetchone()[0]
    assert conn.execute("SELECT count(DISTINCT code) FROM reward_codes WHERE issued_at IS NOT "
                        "NULL").fetchone()[0] == issued_coupons
    for r in run(service.redemptions("issued", limit=50)):
        assert (r.code != "") == (r.item_kind is R.ItemKind.COUPON)
    # the demo's pending ones can be issued and cancelled like any other
    pending = run(service.redemptions("pending"))
    run(service.issue(pending[0].id))
    before = lots(workspace, pending[1].member_id)
    run(service.cancel(pending[1].id))
    assert lots(workspace, pending[1].member_id)[0] == before[0] + pending[1].points
    ledger_clean(workspace)


def test_a_v10_file_gains_the_empty_catalog(tmp_path: Path) -> None:
    path = tmp_path / "old.siyu.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for version, step in migrations.MIGRATIONS:
        if version <= 10:
            step(conn)
    conn.execute("PRAGMA user_version = 10")
    conn.execute("COMMIT")
    conn.close()
    with Workspace.open(path, actor="tester") as ws:
        assert run(RewardsService(ws).items()) == []
        assert ws.reader().execute("SELECT count(*) FROM redemptions").fetchone()[0] == 0
        assert ws.reader().execute("PRAGMA user_version").fetchone()[0] == \
            migrations.CURRENT_VERSION


def test_the_cli_runs_a_redemption_s_life(demo_path: Path, tmp_path: Path, capsys: Any) -> None:
    ws_args = ["--workspace", str(demo_path)]

    def siyu(*args: str) -> tuple[int, str, str]:
        code = cli.main([*ws_args, "rewards", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    code, out, _ = siyu("items")
    assert code == 0 and "猫砂一袋" in out and "20元无门槛券" in out
    code, out, _ = siyu("add-item", "命令行券", "--kind", "coupon", "--points", "150",
                        "--limit", "2", "--until", "2099-12-31")
    assert code == 0 and "命令行券" in out and "import-codes" in out
    item_id = out.split("\t")[0]
    codes = write_xlsx(tmp_path / "c.xlsx", [["券码"], ["CLI-1"], ["CLI-2"], ["CLI-1"]])
    code, out, _ = siyu("import-codes", "命令行券", str(codes))
    assert code == 0 and "新增券码 2 个（重复 1" in out
    code, _out, _ = siyu("import-codes", item_id, str(codes))
    assert code == 1  # nothing new
    with Workspace.open(demo_path, actor="tester") as ws:
        member, other = rich(ws, 2, at_least=400)
    code, out, _ = siyu("redeem", item_id, str(member))
    assert code == 0 and "待发放" in out
    rid = out.split("\t")[0]
    code, out, _ = siyu("issue", rid)
    assert code == 0 and "券码\tCLI-" in out
    code, out, _ = siyu("redeem", "命令行券", str(other), "--key", "k1")
    rid2 = out.split("\t")[0]
    code, out, _ = siyu("list", "--status", "pending", "--item", item_id)
    assert code == 0 and out.count("命令行券") == 1
    code, out, _ = siyu("cancel", rid2, "--note", "客户不要了")
    assert code == 0 and "积分已退回" in out
    code, out, _ = siyu("cancel", rid2)
    assert code == 1
    code, out, _ = siyu("add-item", "猫砂一袋", "--points", "10")
    assert code == 1
    code, out, _ = siyu("add-item", "加价购猫爬架", "--kind", "points_cash", "--points", "500",
                        "--cash", "49.9", "--stock", "3")
    assert code == 0 and "500+¥49.90" in out
    code, out, _ = siyu("edit-item", "加价购猫爬架", "--inactive")
    assert code == 0 and "已下架" in out
    code, out, _ = siyu("list", "--member", str(other))
    assert code == 0 and "已取消" in out
    for check in ("check", "verify"):
        assert cli.main([*ws_args, "points", check]) == 0
