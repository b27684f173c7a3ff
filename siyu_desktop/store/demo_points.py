"""A demo brand's year of points, written through the ledger's own rules: opening balances,
weekly games (taking part, and 50/30/20 for the podium), birthday bonuses, redemptions from a
small real catalog (coupons with their codes, cat litter, a points + cash item; recent ones
pending, older ones issued, one cancelled by its reversal) and the month-end expiry runs.

Events are generated per member, sorted by time, and then planned one by one against the
members' accounts exactly as the app would (oldest lots first, expired lots never spent), so the
demo's ledger verifies, its balances check, and every points screen has something to show.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from ..domain import points as P
from ..domain import rewards as R
from ..domain.points_rules import award_key
from . import levels as levels_store
from . import points as ledger
from . import points_rules as rules_store
from . import rewards as rewards_store

DAY = 86400
WINDOW_DAYS = 400
POLICY = P.ExpiryPolicy(P.ExpiryKind.MONTHS_AFTER, months=12)
# the demo's catalog, redeemed through the year: (name, kind, points, cash in fen, stock left at
# the end (None: unlimited), per-member limit, active)
CATALOG = (
    ("20元无门槛券", R.ItemKind.COUPON, 200, 0, None, 5, True),
    ("猫砂一袋", R.ItemKind.GOODS, 500, 0, 48, None, True),
    ("试吃装", R.ItemKind.GOODS, 120, 0, None, 1, True),
    ("50元满减券", R.ItemKind.COUPON, 400, 0, None, 3, True),
    ("猫爬架（积分+现金）", R.ItemKind.POINTS_CASH, 800, 9900, 6, 1, True),
    ("国庆限定礼盒", R.ItemKind.GOODS, 1500, 0, 0, 1, False),
)
REDEEMABLE = 5  # the first five are redeemed in the history; the last one is off the shelf
FREE_CODES = 30  # unused codes each coupon keeps at the end
PENDING_DAYS = 10  # redemptions younger than this are still waiting for fulfilment
OPERATOR = "演示运营"
GAMES = ("猜谜", "找不同", "迷宫")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _month_starts(start: int, end: int, tz: ZoneInfo) -> list[int]:
    local = datetime.fromtimestamp(start, tz)
    out: list[int] = []
    y, m = local.year, local.month
    while True:
        m += 1
        if m > 12:
            y, m = y + 1, 1
        t = int(datetime(y, m, 1, tzinfo=tz).timestamp())
        if t > end:
            return out
        out.append(t)


def generate(conn: sqlite3.Connection, rng: np.random.Generator, opening: Sequence[int],
             joined: Sequence[int], birth_md: Sequence[int | None], now: int,
             tz: ZoneInfo = SHANGHAI,
             check: Callable[[], None] = lambda: None) -> int:
    """Write the history for members 1..n (``opening`` their points before the window) and set
    their cached balances. Returns the number of entries."""
    n = len(opening)
    start = now - WINDOW_DAYS * DAY
    # (at, order, member, what, amount, reason, ref): order keeps same-second events stable
    events: list[tuple[int, int, int, str, int, str, str]] = []
    weeks = WINDOW_DAYS // 7
    taste = rng.gamma(0.5, 0.2, n).clip(0, 0.9)  # how often each member plays
    for i in range(n):
        member = i + 1
        if opening[i] > 0:
            events.append((max(start, joined[i]), 0, member, "opening", int(opening[i]),
                           P.OPENING_REASON, "migration"))
        plays = np.nonzero(rng.random(weeks) < taste[i])[0]
        for w in plays:
            at = start + int(w) * 7 * DAY + 20 * 3600 + int(rng.integers(0, 3600))
            if at < joined[i] or at > now:
                continue
            game = GAMES[int(w) % 3]
            ref = f"{game}第{int(w) + 1}期"
            events.append((at, 1, member, "play", 10, f"参与{game}", ref))
            podium = rng.random()
            if podium < 0.04:
                rank = 1 if podium < 0.01 else (2 if podium < 0.025 else 3)
                events.append((at + 60, 1, member, "rank", (50, 30, 20)[rank - 1],
                               f"{game}第 {rank} 名", ref))
        md = birth_md[i]
        if md:
            for year in (datetime.fromtimestamp(start, tz).year,
                         datetime.fromtimestamp(now, tz).year):
                try:
                    at = int(datetime(year, md // 100, md % 100, 10, tzinfo=tz).timestamp())
                except ValueError:
                    continue  # 02-29 in a common year
                if start <= at <= now and at >= joined[i]:
                    events.append((at, 1, member, "birthday", 100, "生日积分", f"birthday:{year}"))
        if taste[i] > 0.2 or opening[i] > 600:
            for _ in range(int(rng.integers(1, 4))):
                # spread over ten hours by member (no extra draw: the seed gives the same demo)
                at = (start + int(rng.integers(30, WINDOW_DAYS)) * DAY + 10 * 3600
                      + (member * 7919) % (10 * 3600))
                pick = int(rng.integers(0, REDEEMABLE))
                events.append((min(at, now - 3600), 2, member, "redeem", CATALOG[pick][2],
                               R.spend_reason(CATALOG[pick][0]), str(pick)))
    for t in _month_starts(start, now, tz):
        events.append((t, -1, 0, "expire", 0, "积分过期", ""))
    events.sort()
    check()

    accounts: dict[int, P.Account] = {}
    planned: list[tuple[P.Draft, list[P.Draw]]] = []
    seq_of_key: dict[str, int] = {}
    cancelled_one = False
    shop = _Shop()
    for at, _order, member, what, amount, reason, ref in events:
        if what == "expire":
            for acc in accounts.values():
                draws = P.plan_expiry(acc, at)
                total = sum(t for _, t in draws)
                if total:
                    day = datetime.fromtimestamp(at, tz).date().isoformat()
                    x = P.Draft(acc.member_id, -total, P.Kind.EXPIRE, reason, P.Source.SYSTEM,
                                day, "system", at, f"expire:{acc.member_id}:{day}")
                    P.apply(acc, x, len(planned) + 1, draws)
                    planned.append((x, draws))
            continue
        acc = accounts.setdefault(member, P.Account(member))
        d: P.Draft
        draws = []
        if what == "redeem":
            pick = int(ref)
            limit = CATALOG[pick][5]
            if acc.spendable(at) < amount or (limit is not None
                                              and shop.used.get((member, pick), 0) >= limit):
                continue
            draws = P.plan_spend(acc, amount, at)
            rid = len(shop.rows) + 1
            d = P.Draft(member, -amount, P.Kind.SPEND, reason, P.Source.REDEMPTION, str(rid),
                        OPERATOR, at, f"redeem:{rid}")
            shop.redeem(rid, pick, member, at, len(planned) + 1)
        elif what == "opening":
            d = P.Draft(member, amount, P.Kind.ADJUST, reason, P.Source.SYSTEM, ref, "system",
                        at, f"opening:{member}", P.expires_at(POLICY, at, tz))
        else:
            source = P.Source.RULE if what == "birthday" else P.Source.GAME
            # paid by the demo's rules (rules_store.DEMO_RULES): their keys, so a rule run
            # over the same games and birthdays finds them paid and pays nothing twice
            rule_id = {"play": "participation", "rank": "rank", "birthday": "birthday"}[what]
            d = P.Draft(member, amount, P.Kind.EARN, reason, source, ref, "system", at,
                        award_key(rule_id, ref, member), P.expires_at(POLICY, at, tz))
        seq = len(planned) + 1
        P.apply(acc, d, seq, draws)
        planned.append((d, draws))
        seq_of_key[d.key] = seq
        if what == "redeem" and not cancelled_one and at < now - 20 * DAY:
            # one redemption that could not be fulfilled: cancelled, the points come back
            cancelled_one = True
            back = [(lot, -t) for lot, t in draws]
            r = P.Draft(member, amount, P.Kind.REVERSE, "兑换取消：缺货，积分退回",
                        P.Source.REDEMPTION, d.source_ref, OPERATOR, at + 3 * DAY,
                        f"reverse:{seq}", None, seq)
            P.apply(acc, r, seq + 1, back)
            planned.append((r, back))
            shop.cancel(len(shop.rows), at + 3 * DAY, seq + 1)
    check()
    rows = []
    lots = []
    draws_rows: list[tuple[int, int, int]] = []
    prev = P.GENESIS
    for seq, (d, draws) in enumerate(planned, 1):
        h = P.entry_hash(prev, seq, d)
        rows.append((seq, d.member_id, d.amount, str(d.kind), d.reason, str(d.source),
                     d.source_ref, d.operator, d.at, d.key, d.expires_at, d.reverses, prev, h))
        prev = h
        if P.is_lot(d, draws):
            lots.append((seq, d.member_id, d.amount, accounts[d.member_id].lots[seq].remaining,
                         d.at, d.expires_at))
        draws_rows.extend((seq, lot, t) for lot, t in draws)
    ledger.create_tables(conn)
    conn.executemany(f"INSERT INTO points_entries({', '.join(ledger.COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(ledger.COLUMNS))})", rows)
    conn.executemany("INSERT INTO points_lots(seq, member_id, amount, remaining, at, expires_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)", lots)
    conn.executemany("INSERT INTO points_draws(entry_seq, lot_seq, amount) VALUES (?, ?, ?)",
                     draws_rows)
    conn.executemany("UPDATE members SET points = ? WHERE id = ?",
                     ((acc.balance, m) for m, acc in accounts.items()))
    shop.write(conn, rng, now)
    rules_store.seed_demo(conn, start)
    levels_store.demo_history(conn, planned)  # the year's level changes, policy on
    return len(rows)


@dataclass
class _Redeemed:
    id: int
    pick: int  # the item's index in CATALOG
    member: int
    at: int
    seq: int  # the spend entry
    reversal: int | None = None
    cancelled_at: int | None = None


@dataclass
class _Shop:
    """The history's redemptions as the catalog's rows: pending when recent, issued before,
    the one cancelled; every coupon redemption holds its code and an issued one has it."""

    rows: list[_Redeemed] = field(default_factory=list)
    used: dict[tuple[int, int], int] = field(default_factory=dict)  # (member, pick): counted

    def redeem(self, rid: int, pick: int, member: int, at: int, seq: int) -> None:
        self.rows.append(_Redeemed(rid, pick, member, at, seq))
        self.used[(member, pick)] = self.used.get((member, pick), 0) + 1

    def cancel(self, rid: int, at: int, reversal_seq: int) -> None:
        row = self.rows[rid - 1]
        row.reversal, row.cancelled_at = reversal_seq, at
        self.used[(row.member, row.pick)] -= 1

    def write(self, conn: sqlite3.Connection, rng: np.random.Generator, now: int) -> None:
        rewards_store.create_tables(conn)
        start = now - WINDOW_DAYS * DAY
        kept = [r for r in self.rows if r.cancelled_at is None]
        for i, (name, kind, points, cash, left, per_member, active) in enumerate(CATALOG):
            conn.execute(
                "INSERT INTO reward_items(id, kind, name, points, cash_fen, stock, per_member, "
                "valid_from, valid_until, active, description, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, '', ?, ?)",
                (i + 1, str(kind), name, points, cash, left, per_member,
                 None if active else now - 60 * DAY, int(active), start, start))
        codes: list[list[int | str | None]] = []  # id, item, code, redemption, issued, imported
        free: dict[int, list[int]] = {}
        for i, (_name, kind, *_rest) in enumerate(CATALOG):
            if kind is R.ItemKind.COUPON:
                free[i] = []
                for _ in range(sum(1 for r in kept if r.pick == i) + FREE_CODES):
                    code_id = len(codes) + 1
                    text = f"{'WM' if i == 0 else 'MJ'}{int(rng.integers(16**6, 16**7)):07X}"
                    codes.append([code_id, i + 1, f"{text}{code_id:04d}", None, None, start])
                    free[i].append(code_id)
        newest = sorted((r.at for r in kept), reverse=True)[:3]
        redemptions = []
        for r in self.rows:
            _name, _kind, points, cash, *_rest = CATALOG[r.pick]
            issued_at: int | None = None
            held: int | None = None
            if r.cancelled_at is not None:
                status = "cancelled"
            else:
                pending = r.at > now - PENDING_DAYS * DAY or r.at in newest
                status = "pending" if pending else "issued"
                if not pending:
                    issued_at = min(now - 60, r.at + int(rng.integers(2, 48)) * 3600)
                if r.pick in free:
                    held = free[r.pick].pop(0)
                    codes[held - 1][3:5] = [r.id, issued_at]
            redemptions.append((r.id, r.pick + 1, r.member, points, cash, status, held,
                                r.seq, r.reversal, OPERATOR,
                                "缺货" if status == "cancelled" else "", r.at, issued_at,
                                r.cancelled_at))
        conn.executemany("INSERT INTO reward_codes(id, item_id, code, redemption_id, issued_at, "
                         "imported_at) VALUES (?, ?, ?, ?, ?, ?)", codes)
        conn.executemany("INSERT INTO redemptions(id, item_id, member_id, points, cash_fen, "
                         "status, code_id, entry_seq, reversal_seq, operator, note, created_at, "
                         "issued_at, cancelled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                         "?, ?)", redemptions)
