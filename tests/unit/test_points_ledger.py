"""The ledger's invariants over random sequences of earn, spend, expire, reverse and redemption
(a spend that is later cancelled by its reversal), held by hypothesis."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from siyu_desktop.domain import points as P

TZ = ZoneInfo("Asia/Shanghai")
T0 = int(datetime(2026, 1, 1, tzinfo=TZ).timestamp())
DAY = 86400


@dataclass
class Ledger:
    """The ledger as the store keeps it, in memory: entries, their draws, and the book."""

    entries: list[P.Entry] = field(default_factory=list)
    draws: dict[int, list[P.Draw]] = field(default_factory=dict)
    book: P.Book = field(default_factory=P.Book)

    def post(self, d: P.Draft, draws: list[P.Draw]) -> P.Entry | None:
        if d.key in self.book.keys:
            return None  # the same key twice is one entry
        last = self.entries[-1] if self.entries else None
        (entry,) = P.chain([d], after_seq=last.seq if last else 0,
                           after_hash=last.hash if last else P.GENESIS)
        self.book.add(entry, draws)
        self.entries.append(entry)
        self.draws[entry.seq] = list(draws)
        return entry

    def earn(self, member: int, amount: int, at: int, key: str) -> P.Entry | None:
        exp = P.expires_at(P.ExpiryPolicy(months=2), at, TZ)
        return self.post(P.Draft(member, amount, P.Kind.EARN, "游戏", P.Source.GAME, "g", "op",
                                 at, key, exp), [])

    def spend(self, member: int, amount: int, at: int, key: str) -> P.Entry | None:
        draws = P.plan_spend(self.book.account(member), amount, at)
        return self.post(P.Draft(member, -amount, P.Kind.SPEND, "兑换", P.Source.REDEMPTION,
                                 "r", "op", at, key), draws)

    def expire(self, member: int, on: int) -> P.Entry | None:
        draws = P.plan_expiry(self.book.account(member), on)
        total = sum(t for _, t in draws)
        if total == 0:
            return None
        return self.post(P.Draft(member, -total, P.Kind.EXPIRE, "过期", P.Source.SYSTEM, "",
                                 "system", on, f"expire:{member}:{on}"), draws)

    def reverse(self, seq: int, at: int) -> P.Entry | None:
        original = self.entries[seq - 1]
        draws = P.plan_reversal(self.book.account(original.member_id), original,
                                self.draws[seq])
        return self.post(P.reversal_draft(original, reason="", operator="op", at=at), draws)

    def state(self) -> dict[int, tuple[int, tuple[tuple[int, int], ...]]]:
        return {m: (a.balance, tuple((s, lot.remaining) for s, lot in a.lots.items()
                                     if lot.remaining))
                for m, a in self.book.accounts.items()}


op = st.one_of(
    st.tuples(st.just("earn"), st.integers(1, 3), st.integers(1, 500)),
    st.tuples(st.just("spend"), st.integers(1, 3), st.integers(1, 500)),
    st.tuples(st.just("expire"), st.integers(1, 3), st.integers(0, 0)),
    st.tuples(st.just("reverse"), st.integers(1, 3), st.integers(0, 10_000)),
    st.tuples(st.just("redeem_cancel"), st.integers(1, 3), st.integers(1, 300)),
    st.tuples(st.just("again"), st.integers(1, 3), st.integers(0, 10_000)),
)


def run(ops: list[tuple[str, int, int]]) -> Ledger:
    ledger = Ledger()
    at = T0
    for i, (name, member, n) in enumerate(ops):
        at += DAY * 5
        try:
            if name == "earn":
                ledger.earn(member, n, at, f"k{i}")
            elif name == "spend":
                ledger.spend(member, n, at, f"k{i}")
            elif name == "expire":
                before = {s: lot.remaining for s, lot in ledger.book.account(member).lots.items()}
                expired = {lot.seq for lot in ledger.book.account(member).expiring(at)}
                e = ledger.expire(member, at)
                after = ledger.book.account(member).lots
                # exactly the unspent part of expired lots goes, nothing else is touched
                assert e is None or -e.amount == sum(before[s] for s in expired)
                for s, lot in after.items():
                    assert lot.remaining == (0 if s in expired else before[s])
            elif name == "reverse" and ledger.entries:
                seq = n % len(ledger.entries) + 1
                if seq not in ledger.book.reversed and ledger.entries[seq - 1].reverses is None:
                    ledger.reverse(seq, at)
            elif name == "redeem_cancel":
                state = ledger.state()
                e = ledger.spend(member, n, at, f"k{i}")
                assert e is not None
                ledger.reverse(e.seq, at)
                assert ledger.state() == state  # a cancelled redemption gives every point back
            elif name == "again" and ledger.entries:
                e = ledger.entries[n % len(ledger.entries)]
                count = len(ledger.entries)
                assert ledger.post(replace(_draft(e)), []) is None
                assert len(ledger.entries) == count
        except P.LedgerError:
            pass  # not enough points, or already spent: refused, and nothing changed
    return ledger


def _draft(e: P.Entry) -> P.Draft:
    return P.Draft(e.member_id, e.amount, e.kind, e.reason, e.source, e.source_ref, e.operator,
                   e.at, e.key, e.expires_at, e.reverses)


@settings(max_examples=300, deadline=None)
@given(st.lists(op, max_size=60))
def test_invariants_hold_over_any_sequence(ops: list[tuple[str, int, int]]) -> None:
    ledger = run(ops)
    for member, account in ledger.book.accounts.items():
        total = sum(e.amount for e in ledger.entries if e.member_id == member)
        assert account.balance == total >= 0
        assert account.balance == sum(lot.remaining for lot in account.lots.values())
        assert all(0 <= lot.remaining <= lot.amount for lot in account.lots.values())
    assert len({e.key for e in ledger.entries}) == len(ledger.entries)
    assert P.verify_chain(ledger.entries) == (len(ledger.entries), None)


@settings(max_examples=200, deadline=None)
@given(st.lists(op, min_size=1, max_size=40), st.data())
def test_any_single_edit_delete_or_swap_breaks_the_chain_there(
        ops: list[tuple[str, int, int]], data: st.DataObject) -> None:
    entries = run(ops).entries
    if not entries:
        return
    i = data.draw(st.integers(0, len(entries) - 1))
    how = data.draw(st.sampled_from(["amount", "member", "reason", "delete", "swap", "hash"]))
    tampered = list(entries)
    if how == "amount":
        tampered[i] = replace(entries[i], amount=entries[i].amount + 1)
    elif how == "member":
        tampered[i] = replace(entries[i], member_id=entries[i].member_id + 10)
    elif how == "reason":
        tampered[i] = replace(entries[i], reason=entries[i].reason + "!")
    elif how == "hash":  # a forger who recomputes this entry's hash still breaks the next one
        e = replace(entries[i], amount=entries[i].amount + 1)
        tampered[i] = replace(e, hash=P.entry_hash(e.prev_hash, e.seq, e))
        if i == len(entries) - 1:
            return  # the newest entry rewritten with its hash: only an anchor kept elsewhere
    elif how == "delete":
        del tampered[i]
        if i == len(entries) - 1:
            return  # dropping the newest entry leaves a valid shorter chain (see the count)
    else:
        if len(entries) < 2:
            return
        j = i + 1 if i + 1 < len(entries) else i - 1
        tampered[i], tampered[j] = tampered[j], tampered[i]
        i = min(i, j)
    count, broken = P.verify_chain(tampered)
    assert broken is not None
    assert broken.seq == entries[i].seq + (1 if how == "hash" else 0)
    assert count == broken.seq - 1


def test_spending_takes_the_oldest_lots_first_and_skips_expired_ones() -> None:
    ledger = Ledger()
    a = ledger.earn(1, 100, T0, "a")
    b = ledger.earn(1, 50, T0 + 40 * DAY, "b")
    assert a and b
    spend = ledger.spend(1, 120, T0 + 41 * DAY, "s")
    assert spend and ledger.draws[spend.seq] == [(a.seq, 100), (b.seq, 20)]
    # a is earned 2026-01-01 and expires at the end of March; b (February) at the end of April
    ledger2 = Ledger()
    ledger2.earn(1, 100, T0, "a")
    ledger2.earn(1, 50, T0 + 40 * DAY, "b")
    april = P.day_start("2026-04-10", TZ)
    assert ledger2.book.account(1).spendable(april) == 50
    with pytest.raises(P.LedgerError) as exc:
        ledger2.spend(1, 60, april, "s")
    assert "可用 50" in exc.value.message and "50 available" in exc.value.english
    e = ledger2.expire(1, april)  # run late for April 10: removes exactly the expired 100
    assert e is not None and e.amount == -100
    assert ledger2.expire(1, april) is None  # and once
    assert ledger2.book.account(1).balance == 50


def test_reversing_an_earn_already_spent_is_refused_in_words() -> None:
    ledger = Ledger()
    a = ledger.earn(1, 100, T0, "a")
    assert a is not None
    ledger.spend(1, 30, T0 + DAY, "s")
    with pytest.raises(P.LedgerError) as exc:
        ledger.reverse(a.seq, T0 + 2 * DAY)
    assert "30 分" in exc.value.message and "adjustment" in exc.value.english
    assert ledger.book.account(1).balance == 70


@pytest.mark.parametrize(("earned", "policy", "expired_from"), [
    ("2026-01-15T10:00", P.ExpiryPolicy(months=12), "2027-02-01"),
    ("2026-12-31T23:59", P.ExpiryPolicy(months=1), "2027-02-01"),
    ("2026-03-02T08:00", P.ExpiryPolicy(P.ExpiryKind.YEARLY, month=12, day=31, grace_years=0),
     "2027-01-01"),
    ("2026-03-02T08:00", P.ExpiryPolicy(P.ExpiryKind.YEARLY, month=12, day=31, grace_years=1),
     "2028-01-01"),
    ("2026-07-01T08:00", P.ExpiryPolicy(P.ExpiryKind.YEARLY, month=6, day=30, grace_years=0),
     "2027-07-01"),
])
def test_expiry_dates_follow_the_policy_in_the_workspace_time_zone(
        earned: str, policy: P.ExpiryPolicy, expired_from: str) -> None:
    at = int(datetime.fromisoformat(earned).replace(tzinfo=TZ).timestamp())
    assert P.expires_at(policy, at, TZ) == P.day_start(expired_from, TZ)


def test_never_expires_and_bad_policies_are_refused() -> None:
    assert P.expires_at(P.ExpiryPolicy(P.ExpiryKind.NEVER), T0, TZ) is None
    with pytest.raises(P.LedgerError):
        P.ExpiryPolicy(months=0)
    with pytest.raises(P.LedgerError):
        P.ExpiryPolicy(P.ExpiryKind.YEARLY, month=2, day=30)


def test_29_february_is_refused_as_a_yearly_day() -> None:
    with pytest.raises(P.LedgerError) as refused:
        P.ExpiryPolicy(P.ExpiryKind.YEARLY, month=2, day=29)
    assert "2 月 29 日" in refused.value.message


@given(st.sampled_from(list(P.ExpiryKind)), st.integers(1, 120), st.integers(1, 12),
       st.integers(1, 28), st.integers(0, 10))
def test_a_policy_reads_back_from_its_setting(kind: P.ExpiryKind, months: int, month: int,
                                              day: int, grace: int) -> None:
    policy = P.ExpiryPolicy(kind, months, month, day, grace)
    back = P.policy_from_setting(json.loads(json.dumps(P.policy_to_setting(policy))))
    assert back.kind is kind and back.describe() == policy.describe()
    for at in (T0, T0 + 200 * 86400):
        assert P.expires_at(back, at, TZ) == P.expires_at(policy, at, TZ)


def test_drafts_refuse_wrong_signs_and_missing_keys() -> None:
    with pytest.raises(P.LedgerError):
        P.Draft(1, -5, P.Kind.EARN, "", P.Source.MANUAL, "", "op", T0, "k")
    with pytest.raises(P.LedgerError):
        P.Draft(1, 5, P.Kind.SPEND, "", P.Source.MANUAL, "", "op", T0, "k")
    with pytest.raises(P.LedgerError):
        P.Draft(1, 5, P.Kind.ADJUST, "", P.Source.MANUAL, "", "op", T0, "")
    with pytest.raises(P.LedgerError):
        P.Draft(1, 0, P.Kind.ADJUST, "", P.Source.MANUAL, "", "op", T0, "k")


def test_an_expiry_run_takes_lots_from_their_expiry_day_on_not_a_day_early() -> None:
    ledger = Ledger()
    ledger.earn(1, 100, T0, "a")  # January, two months: valid through March 31
    assert ledger.expire(1, P.day_start("2026-03-31", TZ)) is None
    assert ledger.book.account(1).spendable(P.day_start("2026-04-01", TZ) - 1) == 100
    e = ledger.expire(1, P.day_start("2026-04-01", TZ))
    assert e is not None and e.amount == -100 and ledger.book.account(1).balance == 0
