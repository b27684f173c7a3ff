"""A demo brand's year of points, written through the ledger's own rules: opening balances,
weekly games (taking part, and 50/30/20 for the podium), birthday bonuses, redemptions (coupons
and cat litter, one of them cancelled by its reversal) and the month-end expiry runs.

Events are generated per member, sorted by time, and then planned one by one against the
members' accounts exactly as the app would (oldest lots first, expired lots never spent), so the
demo's ledger verifies, its balances check, and every points screen has something to show.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from ..domain import points as P
from . import points as ledger

DAY = 86400
WINDOW_DAYS = 400
POLICY = P.ExpiryPolicy(P.ExpiryKind.MONTHS_AFTER, months=12)
REWARDS = (("20元无门槛券", 200), ("猫砂一袋", 500), ("试吃装", 120), ("50元满减券", 400))
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
                at = start + int(rng.integers(30, WINDOW_DAYS)) * DAY + 15 * 3600
                reward, cost = REWARDS[int(rng.integers(0, len(REWARDS)))]
                events.append((min(at, now - 3600), 2, member, "redeem", cost, f"兑换{reward}",
                               reward))
    for t in _month_starts(start, now, tz):
        events.append((t, -1, 0, "expire", 0, "积分过期", ""))
    events.sort()
    check()

    accounts: dict[int, P.Account] = {}
    planned: list[tuple[P.Draft, list[P.Draw]]] = []
    seq_of_key: dict[str, int] = {}
    cancelled_one = False
    for k, (at, _order, member, what, amount, reason, ref) in enumerate(events):
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
            if acc.spendable(at) < amount:
                continue
            draws = P.plan_spend(acc, amount, at)
            d = P.Draft(member, -amount, P.Kind.SPEND, reason, P.Source.REDEMPTION, ref,
                        "演示运营", at, f"demo:{k}")
        elif what == "opening":
            d = P.Draft(member, amount, P.Kind.ADJUST, reason, P.Source.SYSTEM, ref, "system",
                        at, f"opening:{member}", P.expires_at(POLICY, at, tz))
        else:
            source = P.Source.RULE if what == "birthday" else P.Source.GAME
            d = P.Draft(member, amount, P.Kind.EARN, reason, source, ref, "system", at,
                        f"demo:{k}", P.expires_at(POLICY, at, tz))
        seq = len(planned) + 1
        P.apply(acc, d, seq, draws)
        planned.append((d, draws))
        seq_of_key[d.key] = seq
        if what == "redeem" and not cancelled_one and at < now - 20 * DAY:
            # one redemption that could not be fulfilled: cancelled, the points come back
            cancelled_one = True
            back = [(lot, -t) for lot, t in draws]
            r = P.Draft(member, amount, P.Kind.REVERSE, "兑换取消（缺货），积分退回",
                        P.Source.REDEMPTION, ref, "演示运营", at + 3 * DAY, f"reverse:{seq}",
                        None, seq)
            P.apply(acc, r, seq + 1, back)
            planned.append((r, back))
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
    return len(rows)
