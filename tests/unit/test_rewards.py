"""The rewards catalog's rules: who may redeem what, a redemption's life (pending → issued, or
cancelled with its points back), coupon codes tidied and each issued once; and, over random
sequences of redeem / issue / cancel / earn held by hypothesis, that stock never goes below zero,
no code is issued twice, no member passes an item's limit, and a cancellation gives back exactly
the points (and lots) its redemption took."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from siyu_desktop.domain import points as P
from siyu_desktop.domain import rewards as R

T0 = 1_767_225_600  # 2026-01-01 00:00 Asia/Shanghai
DAY = 86400


def item(**kw: Any) -> R.Item:
    base = R.Item(1, R.ItemKind.GOODS, "猫砂一袋", 500, stock=3)
    return replace(base, **kw)


# -- the catalog ---------------------------------------------------------------------------------

def test_an_item_is_tidied_or_refused_in_words() -> None:
    assert R.check_item(item(name="  猫砂   一袋 ")).name == "猫砂 一袋"
    cases = [
        (item(name="  "), "请填写奖品名称"),
        (item(points=0), "所需积分"),
        (item(kind=R.ItemKind.POINTS_CASH, cash_fen=0), "现金金额"),
        (item(cash_fen=990), "只有“积分+现金”"),
        (item(kind=R.ItemKind.COUPON, stock=10), "券码数量"),
        (item(stock=-1), "库存不能小于 0"),
        (item(per_member=0), "每人限兑"),
        (item(valid_from=T0, valid_until=T0), "结束时间必须晚于开始时间"),
        (item(name="猫" * 61), "太长"),
    ]
    for bad, words in cases:
        with pytest.raises(R.RewardError) as exc:
            R.check_item(bad)
        assert words in exc.value.message and exc.value.english
    ok = R.check_item(item(kind=R.ItemKind.POINTS_CASH, cash_fen=1990, stock=None))
    assert (ok.cash_fen, ok.left) == (1990, None)


def test_yuan_and_fen() -> None:
    assert [R.parse_yuan(t) for t in ("19.9", "19.90", "¥20", "20元", "0.05", "")] == \
        [1990, 1990, 2000, 2000, 5, 0]
    assert [R.fen_text(f) for f in (1990, 2000, 5)] == ["19.90", "20", "0.05"]
    for bad in ("abc", "1.234", "-3"):
        with pytest.raises(R.RewardError):
            R.parse_yuan(bad)


def test_who_may_redeem_now_and_why_not() -> None:
    good = item(per_member=2, valid_from=T0, valid_until=T0 + 30 * DAY)
    assert R.refusal(good, at=T0 + DAY, used=1, spendable=500) is None
    reasons = [
        (replace(good, active=False), T0 + DAY, 0, 900, "已下架"),
        (good, T0 - 1, 0, 900, "还没到兑换时间"),
        (good, T0 + 30 * DAY, 0, 900, "已过兑换有效期"),
        (replace(good, stock=0), T0 + DAY, 0, 900, "没有库存"),
        (good, T0 + DAY, 2, 900, "最多兑换“猫砂一袋” 2 次"),
        (good, T0 + DAY, 0, 499, "积分不够：可用 499"),
        (item(kind=R.ItemKind.COUPON, stock=None, codes_free=0), T0, 0, 900, "券码已经用完"),
    ]
    for it, at, used, spendable, words in reasons:
        why = R.refusal(it, at=at, used=used, spendable=spendable)
        assert why is not None and words in why.message, (words, why)
        assert isinstance(why, P.LedgerError) and why.english
    with pytest.raises(R.RewardError):
        R.check_redeem(good, at=T0 + DAY, used=2, spendable=900)


def test_stock_is_taken_and_given_back() -> None:
    assert R.take_one(item(stock=1)).stock == 0
    with pytest.raises(R.RewardError):
        R.take_one(item(stock=0))
    assert R.take_one(item(stock=None)).stock is None
    coupon = item(kind=R.ItemKind.COUPON, stock=None, codes_free=1, codes_total=4)
    assert R.take_one(coupon).left == 0
    assert R.give_back_one(R.take_one(coupon)) == coupon
    assert R.give_back_one(item(stock=0)).stock == 1


def test_a_redemption_is_issued_or_cancelled_once_and_issued_is_final() -> None:
    r = R.new_redemption(item(), 7, rid=1, at=T0)
    assert (r.status, r.points, r.item_name) == (R.Status.PENDING, 500, "猫砂一袋")
    done = R.issue(r, at=T0 + 60)
    assert (done.status, done.issued_at, done.final) == (R.Status.ISSUED, T0 + 60, True)
    for act in (lambda x: R.issue(x, at=T0), lambda x: R.cancel(x, at=T0, reversal_seq=9)):
        with pytest.raises(R.RewardError) as exc:
            act(done)
        assert "已发放" in exc.value.message
    gone = R.cancel(r, at=T0 + 5, reversal_seq=12, note=" 缺货 ")
    assert (gone.status, gone.reversal_seq, gone.note) == (R.Status.CANCELLED, 12, "缺货")
    with pytest.raises(R.RewardError, match="cancelled"):
        R.issue(gone, at=T0)


def test_a_coupon_hands_over_the_code_it_holds_and_never_one_issued_already() -> None:
    coupon = item(kind=R.ItemKind.COUPON, stock=None, codes_free=2)
    with pytest.raises(R.RewardError):
        R.new_redemption(coupon, 7, rid=1, at=T0)  # a coupon always holds a code
    r = R.new_redemption(coupon, 7, rid=1, at=T0, code_id=10)
    held = R.Code(10, 1, "MJ-001", redemption_id=1)
    assert R.issue(r, at=T0 + 1, code=held).code == "MJ-001"
    with pytest.raises(R.RewardError, match="someone else"):
        R.issue(r, at=T0 + 1, code=R.Code(11, 1, "MJ-002", redemption_id=2))
    with pytest.raises(R.RewardError, match="someone else"):
        R.issue(r, at=T0 + 1, code=R.Code(12, 1, "MJ-003", issued_at=T0))
    with pytest.raises(R.RewardError, match="no code"):
        R.issue(r, at=T0 + 1, code=None)
    assert R.cancel(r, at=T0, reversal_seq=3).code_id is None


def test_codes_are_stripped_deduplicated_and_blanks_refused() -> None:
    got = R.normalise_codes(["券码", " A1 ", "A2", "", "A1", "\u3000A3\u3000", "B 4", "OLD",
                             "Ｃ５", "x" * 65, "A2"], existing={"OLD"})
    assert got.header == "券码"
    assert got.codes == ("A1", "A2", "A3", "C5")  # full-width letters become plain ones
    assert got.repeated == ("A1", "A2")
    assert got.existing == ("OLD",)
    assert got.blank == 1
    assert [(pos, why) for pos, _c, why, _en in got.refused] == [
        (7, "券码中间有空格"), (10, "券码太长（最多 64 个字符）")]
    assert got.left_out == 2 + 1 + 1 + 2
    assert R.normalise_codes(["A1", "A2"]).codes == ("A1", "A2")  # no header
    assert R.normalise_codes(["Code", "A1"]).codes == ("A1",)
    assert R.normalise_codes(["ZZZ", "A1"], header=True).codes == ("A1",)


# -- random lives ------------------------------------------------------------------------------

@dataclass
class Shop:
    """The catalog, codes, redemptions and the ledger, in memory, run only through the rules:
    what the store does in one transaction per step."""

    items: dict[int, R.Item]
    codes: dict[int, R.Code]
    book: P.Book = field(default_factory=P.Book)
    entries: dict[int, P.Entry] = field(default_factory=dict)
    draws: dict[int, list[P.Draw]] = field(default_factory=dict)
    redemptions: dict[int, R.Redemption] = field(default_factory=dict)
    issued_codes: list[str] = field(default_factory=list)
    now: int = T0

    def post(self, d: P.Draft, draws: list[P.Draw]) -> P.Entry:
        seq = len(self.entries) + 1
        prev = self.entries[seq - 1].hash if seq > 1 else P.GENESIS
        (e,) = P.chain([d], after_seq=seq - 1, after_hash=prev)
        self.book.add(e, draws)
        self.entries[seq] = e
        self.draws[seq] = list(draws)
        return e

    def used(self, item_id: int, member: int) -> int:
        return sum(1 for r in self.redemptions.values() if r.item_id == item_id
                   and r.member_id == member and r.status is not R.Status.CANCELLED)

    def earn(self, member: int, amount: int) -> None:
        self.post(P.Draft(member, amount, P.Kind.EARN, "游戏", P.Source.GAME, "g", "op",
                          self.now, f"earn:{len(self.entries)}", self.now + 40 * DAY), [])

    def redeem(self, item_id: int, member: int) -> R.Redemption | None:
        it = self.items[item_id]
        acc = self.book.account(member)
        if R.refusal(it, at=self.now, used=self.used(item_id, member),
                     spendable=acc.spendable(self.now)) is not None:
            return None
        rid = len(self.redemptions) + 1
        code_id = None
        if it.kind is R.ItemKind.COUPON:
            code_id = next(c.id for c in self.codes.values() if c.item_id == item_id and c.free)
            self.codes[code_id] = replace(self.codes[code_id], redemption_id=rid)
        r = R.new_redemption(it, member, rid=rid, at=self.now, code_id=code_id)
        draws = P.plan_spend(acc, it.points, self.now)
        e = self.post(P.Draft(member, -it.points, P.Kind.SPEND, R.spend_reason(it.name),
                              P.Source.REDEMPTION, str(rid), "op", self.now, f"redeem:{rid}"),
                      draws)
        self.items[item_id] = R.take_one(it)
        self.redemptions[rid] = replace(r, entry_seq=e.seq)
        return self.redemptions[rid]

    def issue(self, rid: int) -> None:
        r = self.redemptions[rid]
        code = self.codes[r.code_id] if r.code_id is not None else None
        done = R.issue(r, at=self.now, code=code)
        if code is not None:
            self.codes[code.id] = replace(code, issued_at=self.now)
            self.issued_codes.append(code.code)
        self.redemptions[rid] = done

    def cancel(self, rid: int) -> None:
        r = self.redemptions[rid]
        gone = R.cancel(r, at=self.now, reversal_seq=None)  # refused before anything is written
        assert r.entry_seq is not None
        original = self.entries[r.entry_seq]
        back = P.plan_reversal(self.book.account(r.member_id), original,
                               self.draws[r.entry_seq])
        e = self.post(P.reversal_draft(original, reason="兑换取消", operator="op", at=self.now),
                      back)
        if r.code_id is not None:  # the held code goes back; it was never issued
            self.codes[r.code_id] = replace(self.codes[r.code_id], redemption_id=None)
        self.items[r.item_id] = R.give_back_one(self.items[r.item_id])
        self.redemptions[rid] = replace(gone, reversal_seq=e.seq)


MEMBERS = (1, 2, 3)


class RedemptionLives(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        codes = {i: R.Code(i, 2, f"MJ{i:03d}") for i in range(1, 5)}
        self.shop = Shop({
            1: R.Item(1, R.ItemKind.GOODS, "猫砂", 300, stock=4, per_member=2),
            2: R.Item(2, R.ItemKind.COUPON, "满减券", 100, per_member=3, codes_free=4,
                      codes_total=4),
            3: R.Item(3, R.ItemKind.POINTS_CASH, "猫爬架", 800, cash_fen=9900),
        }, codes)
        for m in MEMBERS:
            self.shop.earn(m, 600)

    @rule(member=st.sampled_from(MEMBERS), amount=st.integers(1, 900))
    def earn(self, member: int, amount: int) -> None:
        self.shop.earn(member, amount)

    @rule(days=st.integers(1, 20))
    def time_passes(self, days: int) -> None:
        self.shop.now += days * DAY

    @rule(item_id=st.sampled_from((1, 2, 3)), member=st.sampled_from(MEMBERS))
    def redeem(self, item_id: int, member: int) -> None:
        before = self.shop.book.account(member).balance
        r = self.shop.redeem(item_id, member)
        if r is not None:
            assert self.shop.book.account(member).balance == before - r.points

    @precondition(lambda self: self._pending())
    @rule(data=st.data())
    def issue(self, data: st.DataObject) -> None:
        rid = data.draw(st.sampled_from(self._pending()))
        self.shop.issue(rid)
        with pytest.raises(R.RewardError):
            self.shop.issue(rid)  # issued is final

    @precondition(lambda self: self._pending())
    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        rid = data.draw(st.sampled_from(self._pending()))
        r = self.shop.redemptions[rid]
        before = self.shop.book.account(r.member_id).balance
        self.shop.cancel(rid)
        assert self.shop.book.account(r.member_id).balance == before + r.points
        with pytest.raises(R.RewardError):
            self.shop.cancel(rid)

    @rule(item_id=st.sampled_from((1, 2, 3)), member=st.sampled_from(MEMBERS))
    def redeem_then_cancel_leaves_the_account_as_it_was(self, item_id: int, member: int) -> None:
        acc = self.shop.book.account(member)
        lots = {s: (lot.remaining, lot.expires_at) for s, lot in acc.lots.items()}
        balance = acc.balance
        stock = self.shop.items[item_id]
        r = self.shop.redeem(item_id, member)
        if r is None:
            return
        self.shop.cancel(r.id)
        assert acc.balance == balance
        assert {s: (lot.remaining, lot.expires_at) for s, lot in acc.lots.items()} == lots
        assert self.shop.items[item_id] == stock

    def _pending(self) -> list[int]:
        return [r.id for r in self.shop.redemptions.values() if r.status is R.Status.PENDING]

    @invariant()
    def stock_never_below_zero(self) -> None:
        for it in self.shop.items.values():
            assert it.left is None or it.left >= 0
        coupon = self.shop.items[2]
        assert coupon.codes_free == sum(1 for c in self.shop.codes.values() if c.free)

    @invariant()
    def no_code_is_issued_twice(self) -> None:
        assert len(self.shop.issued_codes) == len(set(self.shop.issued_codes))
        held = [c.redemption_id for c in self.shop.codes.values() if c.redemption_id]
        assert len(held) == len(set(held))
        for r in self.shop.redemptions.values():
            if r.status is R.Status.ISSUED and r.item_kind is R.ItemKind.COUPON:
                assert r.code and self.shop.codes[r.code_id or 0].issued_at is not None

    @invariant()
    def nobody_passes_a_limit(self) -> None:
        for it in self.shop.items.values():
            if it.per_member is not None:
                for m in MEMBERS:
                    assert self.shop.used(it.id, m) <= it.per_member

    @invariant()
    def the_ledger_adds_up(self) -> None:
        for m in MEMBERS:
            acc = self.shop.book.account(m)
            assert acc.balance >= 0
            assert acc.balance == sum(lot.remaining for lot in acc.lots.values())
            spent = sum(r.points for r in self.shop.redemptions.values()
                        if r.member_id == m and r.status is not R.Status.CANCELLED)
            earned = sum(e.amount for e in self.shop.entries.values()
                         if e.member_id == m and e.kind is P.Kind.EARN)
            assert acc.balance == earned - spent


RedemptionLives.TestCase.settings = settings(max_examples=150, stateful_step_count=40,
                                             deadline=None)
TestRedemptionLives = RedemptionLives.TestCase
