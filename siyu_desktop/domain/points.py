"""The points ledger's rules: entries, the hash chain, lots, spending, expiry and reversal.

Nothing here touches SQL. The ledger is append-only: an entry is never edited or deleted, a
mistake is corrected by a reversal entry. Points a member earns form *lots* (every positive entry
that is not a restoration); a negative entry *draws* from lots, oldest first, and its draws are
recorded so that reversing it gives the points back to the very lots they came from (with their
own expiry dates). Expired lots cannot be spent even before the expiry run removes them, so a
missed expiry run can be done later for its date without anyone having spent points they no
longer had. A member's balance is the sum of their entries and never goes below zero.

The hash chain: every entry's hash covers its content and the previous entry's hash, so editing,
deleting or reordering any stored entry breaks the chain from that entry on, and ``verify_chain``
names the first entry where it breaks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

GENESIS = bytes(32)  # the "previous hash" of a ledger's first entry


class Kind(StrEnum):
    EARN = "earn"
    SPEND = "spend"
    EXPIRE = "expire"
    ADJUST = "adjust"
    REVERSE = "reverse"


class Source(StrEnum):
    GAME = "game"
    REDEMPTION = "redemption"
    IMPORT = "import"
    RULE = "rule"
    MANUAL = "manual"
    SYSTEM = "system"  # the opening balances and expiry runs


OPENING_REASON = "期初余额"
SIGN_OK: dict[Kind, tuple[bool, bool]] = {  # kind -> (may be positive, may be negative)
    Kind.EARN: (True, False),
    Kind.SPEND: (False, True),
    Kind.EXPIRE: (False, True),
    Kind.ADJUST: (True, True),
    Kind.REVERSE: (True, True),
}


class LedgerError(ValueError):
    """A ledger operation that cannot be done as asked; ``message`` is the operator's words in
    Chinese, ``english`` in English."""

    def __init__(self, message: str, english: str) -> None:
        super().__init__(english)
        self.message = message
        self.english = english


@dataclass(frozen=True, slots=True)
class Draft:
    """An entry before it has a place in the chain."""

    member_id: int
    amount: int
    kind: Kind
    reason: str
    source: Source
    source_ref: str
    operator: str
    at: int  # epoch seconds
    key: str  # idempotency key: the same key twice is one entry
    expires_at: int | None = None  # for lots: the first second at which they are expired
    reverses: int | None = None  # the seq of the entry this one reverses

    def __post_init__(self) -> None:
        if self.amount == 0:
            raise LedgerError("积分数量不能为 0。", "An entry's amount cannot be 0.")
        positive, negative = SIGN_OK[self.kind]
        if (self.amount > 0 and not positive) or (self.amount < 0 and not negative):
            raise LedgerError(f"“{self.kind}”条目的积分方向不对：{self.amount}。",
                              f"A {self.kind} entry cannot have the amount {self.amount}.")
        if not self.key:
            raise LedgerError("每条积分记录都需要一个幂等键。", "Every entry needs a key.")
        if (self.kind is Kind.REVERSE) != (self.reverses is not None):
            raise LedgerError("冲正条目必须指明冲正的是哪一条。",
                              "A reversal names the entry it reverses, and only a reversal does.")


@dataclass(frozen=True, slots=True)
class Entry:
    seq: int
    member_id: int
    amount: int
    kind: Kind
    reason: str
    source: Source
    source_ref: str
    operator: str
    at: int
    key: str
    expires_at: int | None
    reverses: int | None
    prev_hash: bytes
    hash: bytes


def content(seq: int, d: Draft | Entry) -> bytes:
    """The bytes an entry's hash covers besides the previous hash: every field in a fixed order,
    separated by ``|``; free text is written as ``length:text`` so no text can pass for another
    field, and an absent date or entry is the empty field."""
    return (f"{seq}|{d.member_id}|{d.amount}|{d.kind}|{len(d.reason)}:{d.reason}|{d.source}|"
            f"{len(d.source_ref)}:{d.source_ref}|{len(d.operator)}:{d.operator}|{d.at}|"
            f"{len(d.key)}:{d.key}|{'' if d.expires_at is None else d.expires_at}|"
            f"{'' if d.reverses is None else d.reverses}").encode()


def entry_hash(prev_hash: bytes, seq: int, d: Draft | Entry) -> bytes:
    return hashlib.sha256(prev_hash + content(seq, d)).digest()


def chain(drafts: Iterable[Draft], *, after_seq: int, after_hash: bytes) -> Iterator[Entry]:
    """Entries for ``drafts`` appended after the entry ``after_seq`` whose hash is
    ``after_hash`` (0 and ``GENESIS`` for an empty ledger)."""
    seq, prev = after_seq, after_hash
    for d in drafts:
        seq += 1
        h = entry_hash(prev, seq, d)
        yield Entry(seq, d.member_id, d.amount, d.kind, d.reason, d.source, d.source_ref,
                    d.operator, d.at, d.key, d.expires_at, d.reverses, prev, h)
        prev = h


@dataclass(frozen=True, slots=True)
class ChainBreak:
    seq: int  # the first entry that does not verify (or the first missing seq)
    why: str
    why_en: str


def verify_chain(entries: Iterable[Entry]) -> tuple[int, ChainBreak | None]:
    """Walk the stored entries in seq order: the number checked and the first break, if any.
    Streams, so it holds one entry at a time."""
    prev, expected, count = GENESIS, 1, 0
    for e in entries:
        if e.seq != expected:
            return count, ChainBreak(expected, f"第 {expected} 条记录不见了（下一条是第 {e.seq} 条）。",
                                     f"Entry {expected} is missing (the next one is {e.seq}).")
        if e.prev_hash != prev:
            return count, ChainBreak(e.seq, f"第 {e.seq} 条记录与前一条接不上（前一条被改过或删过）。",
                                     f"Entry {e.seq} does not follow the one before it (that one "
                                     f"was edited or removed).")
        if entry_hash(prev, e.seq, e) != e.hash:
            return count, ChainBreak(e.seq, f"第 {e.seq} 条记录的内容被改过。",
                                     f"Entry {e.seq} was edited.")
        prev, expected, count = e.hash, expected + 1, count + 1
    return count, None


# -- lots, draws and balances --------------------------------------------------------------------

@dataclass(slots=True)
class Lot:
    seq: int
    amount: int
    remaining: int
    at: int
    expires_at: int | None

    def live(self, at: int) -> bool:
        return self.remaining > 0 and (self.expires_at is None or self.expires_at > at)


Draw = tuple[int, int]  # (lot seq, points taken; negative when given back)


@dataclass(slots=True)
class Account:
    """One member's state: the lots in the order they were earned, and the balance."""

    member_id: int
    lots: dict[int, Lot] = field(default_factory=dict)  # insertion order = oldest first
    balance: int = 0

    def spendable(self, at: int) -> int:
        return sum(lot.remaining for lot in self.lots.values() if lot.live(at))

    def expiring(self, on: int) -> list[Lot]:
        """Lots with points left whose expiry is at or before ``on``."""
        return [lot for lot in self.lots.values()
                if lot.remaining > 0 and lot.expires_at is not None and lot.expires_at <= on]


def is_lot(d: Draft | Entry, draws: Sequence[Draw]) -> bool:
    return d.amount > 0 and not draws


def plan_spend(account: Account, amount: int, at: int) -> list[Draw]:
    """Draws that take ``amount`` points (> 0) from the oldest live lots first."""
    if amount <= 0:
        raise LedgerError("要扣的积分必须大于 0。", "The points to take must be more than 0.")
    have = account.spendable(at)
    if have < amount:
        raise LedgerError(f"积分不够：可用 {have}，需要 {amount}。",
                          f"Not enough points: {have} available, {amount} needed.")
    draws: list[Draw] = []
    left = amount
    for lot in account.lots.values():
        if left == 0:
            break
        if lot.live(at):
            take = min(lot.remaining, left)
            draws.append((lot.seq, take))
            left -= take
    return draws


def plan_expiry(account: Account, on: int) -> list[Draw]:
    """Draws that remove exactly the unspent part of the lots expired at ``on``."""
    return [(lot.seq, lot.remaining) for lot in account.expiring(on)]


def plan_reversal(account: Account, original: Entry, draws: Sequence[Draw]) -> list[Draw]:
    """Draws of the entry that reverses ``original`` (whose own draws are ``draws``): a lot is
    taken back from itself, anything else gives back (or takes again) exactly what it drew.
    Refused when the points to take back are no longer there."""
    if original.member_id != account.member_id:
        raise ValueError("the entry belongs to another member")
    if is_lot(original, draws):
        lot = account.lots[original.seq]
        if lot.remaining < original.amount:
            raise LedgerError(
                f"第 {original.seq} 条记录的积分已经用掉或过期了 {original.amount - lot.remaining} "
                f"分，无法整条冲正；请改用调整。",
                f"{original.amount - lot.remaining} of the points of entry {original.seq} were "
                f"already spent or expired, so it cannot be reversed; make an adjustment instead.")
        return [(original.seq, original.amount)]
    back = [(lot_seq, -taken) for lot_seq, taken in draws]
    for lot_seq, taken in back:
        if taken > 0 and account.lots[lot_seq].remaining < taken:
            raise LedgerError(f"第 {original.seq} 条记录退回的积分已经用掉，无法冲正。",
                              f"The points entry {original.seq} gave back were spent since; it "
                              f"cannot be reversed.")
    return back


def apply(account: Account, entry: Draft | Entry, seq: int, draws: Sequence[Draw]) -> None:
    """Put an entry (with its planned draws) into the account."""
    if is_lot(entry, draws):
        account.lots[seq] = Lot(seq, entry.amount, entry.amount, entry.at, entry.expires_at)
    else:
        if sum(taken for _, taken in draws) != -entry.amount:
            raise ValueError(f"draws of entry {seq} do not add up to its amount")
        for lot_seq, taken in draws:
            account.lots[lot_seq].remaining -= taken
    account.balance += entry.amount
    if account.balance < 0:
        raise ValueError(f"entry {seq} takes member {account.member_id} below zero")


# -- expiry policies -----------------------------------------------------------------------------

class ExpiryKind(StrEnum):
    NEVER = "never"
    MONTHS_AFTER = "months_after"  # at the end of the Nth calendar month after the earning month
    YEARLY = "yearly"  # every year on a month-day: what was earned before it (and a year ago)


@dataclass(frozen=True, slots=True)
class ExpiryPolicy:
    kind: ExpiryKind = ExpiryKind.MONTHS_AFTER
    months: int = 12
    month: int = 12  # YEARLY: the day points expire on, e.g. 12-31
    day: int = 31
    grace_years: int = 1  # YEARLY: points earned in year Y expire on month-day of year Y + n

    def __post_init__(self) -> None:
        if self.kind is ExpiryKind.MONTHS_AFTER and not 1 <= self.months <= 120:
            raise LedgerError("有效月数应在 1 到 120 之间。",
                              "The months until expiry must be between 1 and 120.")
        if self.kind is ExpiryKind.YEARLY:
            try:
                datetime(2024, self.month, self.day)
            except ValueError:
                raise LedgerError(f"{self.month} 月 {self.day} 日不是有效日期。",
                                  f"{self.month}-{self.day} is not a date.") from None
            if (self.month, self.day) == (2, 29):  # most years have none: no expiry date then
                raise LedgerError("2 月 29 日不是每年都有，请选 2 月 28 日或 3 月 1 日。",
                                  "Not every year has a 29 February; choose 28 February or "
                                  "1 March.")
            if not 0 <= self.grace_years <= 10:
                raise LedgerError("宽限年数应在 0 到 10 之间。",
                                  "The years of grace must be between 0 and 10.")

    def describe(self) -> tuple[str, str]:
        if self.kind is ExpiryKind.NEVER:
            return "积分永不过期", "Points never expire"
        if self.kind is ExpiryKind.MONTHS_AFTER:
            return (f"获得后第 {self.months} 个月月底过期",
                    f"Points expire at the end of the {self.months}th month after earning")
        # points earned in year Y expire on month-day of year Y + grace_years
        earned = "当年" if self.grace_years == 0 else f" {self.grace_years} 年前"
        earned_en = ("earned that year" if self.grace_years == 0
                     else f"earned {self.grace_years} year(s) before")
        return (f"每年 {self.month} 月 {self.day} 日清零{earned}获得的积分",
                f"Every year on {self.month}-{self.day}, the points {earned_en} expire")


def policy_from_setting(raw: object) -> ExpiryPolicy:
    """The workspace's ``points_expiry`` setting (a dict, or nothing for the default)."""
    if not isinstance(raw, dict):
        return ExpiryPolicy()
    return ExpiryPolicy(ExpiryKind(str(raw.get("kind", "months_after"))),
                        int(raw.get("months", 12)), int(raw.get("month", 12)),
                        int(raw.get("day", 31)), int(raw.get("grace_years", 1)))


def policy_to_setting(policy: ExpiryPolicy) -> dict[str, object]:
    """What ``policy_from_setting`` reads back: only the fields the kind uses."""
    if policy.kind is ExpiryKind.NEVER:
        return {"kind": str(policy.kind)}
    if policy.kind is ExpiryKind.MONTHS_AFTER:
        return {"kind": str(policy.kind), "months": policy.months}
    return {"kind": str(policy.kind), "month": policy.month, "day": policy.day,
            "grace_years": policy.grace_years}


def expires_at(policy: ExpiryPolicy, earned_at: int, tz: ZoneInfo) -> int | None:
    """The first second (epoch) at which points earned at ``earned_at`` are expired: the
    midnight after the last day they are valid, in the workspace's time zone."""
    if policy.kind is ExpiryKind.NEVER:
        return None
    local = datetime.fromtimestamp(earned_at, tz)
    if policy.kind is ExpiryKind.MONTHS_AFTER:
        index = local.year * 12 + (local.month - 1) + policy.months + 1  # the month after
        end = datetime(index // 12, index % 12 + 1, 1, tzinfo=tz)
    else:
        year = local.year + policy.grace_years
        last = datetime(year, policy.month, policy.day, tzinfo=tz)
        if policy.grace_years == 0 and local >= last + timedelta(days=1):
            last = datetime(year + 1, policy.month, policy.day, tzinfo=tz)
        end = last + timedelta(days=1)
    return int(end.timestamp())


def day_start(day: str, tz: ZoneInfo) -> int:
    """``YYYY-MM-DD``'s midnight in ``tz``, as epoch seconds: an expiry run for that day
    removes lots whose expiry is at or before it."""
    return int(datetime.fromisoformat(day).replace(tzinfo=tz).timestamp())


# -- replaying a ledger --------------------------------------------------------------------------

@dataclass(slots=True)
class Book:
    """Every member's account, built by replaying entries with their draws: what the store
    rebuilds balances from, and what the property tests compare against."""

    accounts: dict[int, Account] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    reversed: set[int] = field(default_factory=set)

    def account(self, member_id: int) -> Account:
        acc = self.accounts.get(member_id)
        if acc is None:
            acc = self.accounts[member_id] = Account(member_id)
        return acc

    def add(self, entry: Entry, draws: Sequence[Draw]) -> None:
        if entry.key in self.keys:
            raise ValueError(f"key {entry.key!r} twice")
        apply(self.account(entry.member_id), entry, entry.seq, draws)
        self.keys[entry.key] = entry.seq
        if entry.reverses is not None:
            self.reversed.add(entry.reverses)

    def balances(self) -> Mapping[int, int]:
        return {m: a.balance for m, a in self.accounts.items()}


def reversal_draft(original: Entry, *, reason: str, operator: str, at: int) -> Draft:
    return Draft(original.member_id, -original.amount, Kind.REVERSE, reason or
                 f"冲正第 {original.seq} 条", Source(original.source), original.source_ref,
                 operator, at, f"reverse:{original.seq}", None, original.seq)


def with_key(d: Draft, key: str) -> Draft:
    return replace(d, key=key)
