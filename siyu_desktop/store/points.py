"""The points ledger's tables: entries (append-only, hash-chained), lots and draws.

``points_entries`` is never edited or deleted (triggers refuse it; ``verify`` catches an edit made
outside the app). ``points_draws`` records which lots each negative entry took from (and what a
reversal gave back), ``points_lots`` keeps what is left of every lot: both are derived from the
entries and their draws and are rebuilt by ``check``. ``members.points`` is the cached balance the
member index and segments read; every append updates it in the same transaction.

Rules (what may be drawn, expiry dates, the hash) are ``domain/points.py``'s; this module only
reads accounts, appends planned entries and walks the ledger.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from ..domain import points as P
from ..domain.workspace_settings import DEFAULT_TIMEZONE
from ..errors import ValidationError
from . import audit
from .audit import WriteContext

SCHEMA_V10 = """
CREATE TABLE IF NOT EXISTS points_entries (
    seq INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL,
    amount INTEGER NOT NULL CHECK (amount != 0),
    kind TEXT NOT NULL CHECK (kind IN ('earn', 'spend', 'expire', 'adjust', 'reverse')),
    reason TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    source_ref TEXT NOT NULL DEFAULT '',
    operator TEXT NOT NULL DEFAULT '',
    at INTEGER NOT NULL,
    key TEXT NOT NULL UNIQUE,
    expires_at INTEGER,
    reverses INTEGER UNIQUE,
    prev_hash BLOB NOT NULL,
    hash BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS points_entries_member ON points_entries(member_id, seq);
CREATE INDEX IF NOT EXISTS points_entries_at ON points_entries(at);
CREATE TRIGGER IF NOT EXISTS points_entries_no_update BEFORE UPDATE ON points_entries
BEGIN SELECT RAISE(ABORT, 'points entries are append-only'); END;
CREATE TRIGGER IF NOT EXISTS points_entries_no_delete BEFORE DELETE ON points_entries
BEGIN SELECT RAISE(ABORT, 'points entries are append-only'); END;
CREATE TABLE IF NOT EXISTS points_lots (
    seq INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    remaining INTEGER NOT NULL,
    at INTEGER NOT NULL,
    expires_at INTEGER
);
CREATE INDEX IF NOT EXISTS points_lots_member ON points_lots(member_id, seq);
CREATE INDEX IF NOT EXISTS points_lots_expiring ON points_lots(expires_at) WHERE remaining > 0;
CREATE TABLE IF NOT EXISTS points_draws (
    entry_seq INTEGER NOT NULL,
    lot_seq INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (entry_seq, lot_seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS points_draws_lot ON points_draws(lot_seq);
"""

COLUMNS = ("seq", "member_id", "amount", "kind", "reason", "source", "source_ref", "operator",
           "at", "key", "expires_at", "reverses", "prev_hash", "hash")
EXPIRY_SETTING = "points_expiry"  # the workspace setting holding the expiry policy
AUDIT_COLUMNS = ("seq", "member_id", "amount", "kind", "key")  # what undo needs to find the entry


def create_tables(conn: sqlite3.Connection) -> None:
    # statements end at ";" + newline (a trigger's inner ";" is followed by " END")
    for statement in SCHEMA_V10.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _entry(row: Sequence[Any]) -> P.Entry:
    (seq, member_id, amount, kind, reason, source, ref, operator, at, key, expires, reverses,
     prev, h) = row
    return P.Entry(seq, member_id, amount, P.Kind(kind), reason, P.Source(source), ref, operator,
                   at, key, expires, reverses, bytes(prev), bytes(h))


def head(conn: sqlite3.Connection) -> tuple[int, bytes]:
    row = conn.execute("SELECT seq, hash FROM points_entries ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, P.GENESIS) if row is None else (row[0], bytes(row[1]))


def account(conn: sqlite3.Connection, member_id: int) -> P.Account:
    acc = P.Account(member_id)
    for seq, amount, remaining, at, expires in conn.execute(
            "SELECT seq, amount, remaining, at, expires_at FROM points_lots WHERE member_id = ? "
            "ORDER BY seq", (member_id,)):
        acc.lots[seq] = P.Lot(seq, amount, remaining, at, expires)
    acc.balance = sum(lot.remaining for lot in acc.lots.values())
    return acc


def accounts(conn: sqlite3.Connection, member_ids: Sequence[int]) -> dict[int, P.Account]:
    """Accounts of many members, read with their lots still holding points (what spending and
    expiry look at) in chunks."""
    out = {m: P.Account(m) for m in member_ids}
    ids = list(out)
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        for seq, member_id, amount, remaining, at, expires in conn.execute(
                f"SELECT seq, member_id, amount, remaining, at, expires_at FROM points_lots "
                f"WHERE member_id IN ({', '.join('?' * len(chunk))}) AND remaining > 0 "
                f"ORDER BY seq", chunk):
            acc = out[member_id]
            acc.lots[seq] = P.Lot(seq, amount, remaining, at, expires)
            acc.balance += remaining
    return out


def existing_keys(conn: sqlite3.Connection, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 900):
        chunk = keys[start:start + 900]
        found.update(r[0] for r in conn.execute(
            f"SELECT key FROM points_entries WHERE key IN ({', '.join('?' * len(chunk))})", chunk))
    return found


def keys_with_prefix(conn: sqlite3.Connection, prefix: str) -> int:
    """How many entries have a key starting with ``prefix`` (one range of the key index)."""
    row = conn.execute("SELECT count(*) FROM points_entries WHERE key >= ? AND key < ?",
                       (prefix, prefix + "\U0010ffff")).fetchone()
    return int(row[0])


Planned = tuple[P.Draft, Sequence[P.Draw]]


def append(ctx: WriteContext, planned: Iterable[Planned],
           progress: Callable[[int], None] | None = None,
           lots_later: dict[int, int] | None = None) -> list[P.Entry]:
    """Chain and insert planned entries in this transaction, update lots, draws and the cached
    balances, and log them for undo. Entries whose key is already in the ledger must have been
    left out by the caller (the UNIQUE key refuses them, and the whole write rolls back).

    ``lots_later``: the points taken from each lot are added to it instead of being taken
    now, and the caller calls ``take_from_lots`` with it before the transaction ends — for a
    write appended in several steps, whose lots then get one sweep instead of one per step."""
    conn = ctx.conn
    seq, prev = head(conn)
    entries: list[P.Entry] = []
    lots: list[tuple[int, int, int, int, int, int | None]] = []
    draws: list[tuple[int, int, int]] = []
    lot_changes: dict[int, int] = {}
    balance: dict[int, int] = {}
    for d, d_draws in planned:
        seq += 1
        h = P.entry_hash(prev, seq, d)
        entries.append(P.Entry(seq, d.member_id, d.amount, d.kind, d.reason, d.source,
                               d.source_ref, d.operator, d.at, d.key, d.expires_at, d.reverses,
                               prev, h))
        prev = h
        if P.is_lot(d, d_draws):
            lots.append((seq, d.member_id, d.amount, d.amount, d.at, d.expires_at))
        else:
            if sum(t for _, t in d_draws) != -d.amount:
                raise ValueError(f"draws of entry {seq} do not add up to its amount")
            for lot_seq, taken in d_draws:
                draws.append((seq, lot_seq, taken))
                lot_changes[lot_seq] = lot_changes.get(lot_seq, 0) + taken
        balance[d.member_id] = balance.get(d.member_id, 0) + d.amount
        if progress is not None and len(entries) % 5000 == 0:
            progress(len(entries))
    if not entries:
        return entries
    conn.executemany(f"INSERT INTO points_entries({', '.join(COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(COLUMNS))})",
                     ((e.seq, e.member_id, e.amount, str(e.kind), e.reason, str(e.source),
                       e.source_ref, e.operator, e.at, e.key, e.expires_at, e.reverses,
                       e.prev_hash, e.hash) for e in entries))
    conn.executemany("INSERT INTO points_lots(seq, member_id, amount, remaining, at, expires_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)", lots)
    draws.sort(key=lambda d: d[1])  # lot order: the lot index grows in one sweep (see below)
    conn.executemany("INSERT INTO points_draws(entry_seq, lot_seq, amount) VALUES (?, ?, ?)",
                     draws)
    if lots_later is None:
        take_from_lots(conn, lot_changes)
    else:
        for lot_seq, taken in lot_changes.items():
            lots_later[lot_seq] = lots_later.get(lot_seq, 0) + taken
    conn.executemany("UPDATE members SET points = points + ? WHERE id = ?",
                     ((amount, m) for m, amount in balance.items() if amount))
    negative = _negative_balance(conn, list(balance))
    if negative is not None:
        raise ValidationError(f"客户 {negative} 的积分会变成负数，已取消。",
                              english=f"Member {negative}'s points would go below zero; "
                                      f"nothing was changed.")
    ctx.changes.members.update(balance)
    ctx.log_rows("points_entries", AUDIT_COLUMNS, None,
                 [(e.seq, e.member_id, e.amount, str(e.kind), e.key) for e in entries])
    return entries


def take_from_lots(conn: sqlite3.Connection, taken: dict[int, int]) -> None:
    """Take (or, negative, give back) points from lots: ``lot seq → points``."""
    # in lot order: the lots a write draws from lie all over the table, and one sweep reads
    # and writes each page once where member order would come back to it for every member
    changed = sorted(taken)
    conn.executemany("UPDATE points_lots SET remaining = remaining - ? WHERE seq = ?",
                     ((taken[s], s) for s in changed))
    for start in range(0, len(changed), 900):  # the plans are the domain's; this is a guard
        chunk = changed[start:start + 900]
        bad = conn.execute(f"SELECT seq FROM points_lots WHERE seq IN "
                           f"({', '.join('?' * len(chunk))}) AND (remaining < 0 OR "
                           f"remaining > amount) LIMIT 1", chunk).fetchone()
        if bad is not None:
            raise ValueError(f"lot {bad[0]} would hold a wrong amount")


def _negative_balance(conn: sqlite3.Connection, member_ids: Sequence[int]) -> int | None:
    for start in range(0, len(member_ids), 900):
        chunk = member_ids[start:start + 900]
        row = conn.execute(f"SELECT id FROM members WHERE id IN ({', '.join('?' * len(chunk))}) "
                           f"AND points < 0 LIMIT 1", chunk).fetchone()
        if row is not None:
            return int(row[0])
    return None


def entry(conn: sqlite3.Connection, seq: int) -> P.Entry | None:
    row = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM points_entries WHERE seq = ?",
                       (seq,)).fetchone()
    return None if row is None else _entry(row)


def draws_of(conn: sqlite3.Connection, seq: int) -> list[P.Draw]:
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT lot_seq, amount FROM points_draws WHERE entry_seq = ? ORDER BY lot_seq", (seq,))]


def reverse(ctx: WriteContext, seq: int, *, reason: str = "", operator: str = "") -> P.Entry:
    """Append the entry that reverses entry ``seq`` (refused in words when it cannot be)."""
    conn = ctx.conn
    original = entry(conn, seq)
    if original is None:
        raise ValidationError(f"没有第 {seq} 条积分记录。", english=f"There is no entry {seq}.")
    done = conn.execute("SELECT seq FROM points_entries WHERE reverses = ?", (seq,)).fetchone()
    if done is not None:
        raise ValidationError(f"第 {seq} 条积分记录已经冲正过（第 {done[0]} 条）。",
                              english=f"Entry {seq} was already reversed (by entry {done[0]}).")
    try:
        d_draws = P.plan_reversal(account(conn, original.member_id), original,
                                  draws_of(conn, seq))
    except P.LedgerError as exc:
        raise ValidationError(exc.message, english=exc.english) from None
    d = P.reversal_draft(original, reason=reason, operator=operator or ctx.actor, at=ctx.now)
    return append(ctx, [(d, d_draws)])[0]


def _compensate(ctx: WriteContext, row: dict[str, Any]) -> dict[str, Any]:
    e = reverse(ctx, int(row["seq"]), reason=f"撤销：{ctx.summary}" if ctx.summary else "撤销")
    return {"seq": e.seq, "member_id": e.member_id, "amount": e.amount, "kind": str(e.kind),
            "key": e.key}


audit.register_append_only("points_entries", ("seq",), _compensate)


# -- reading -------------------------------------------------------------------------------------

def statement(conn: sqlite3.Connection, member_id: int, limit: int | None = None
              ) -> list[tuple[P.Entry, int]]:
    """A member's entries, newest first, each with the balance after it."""
    rows = [_entry(r) for r in conn.execute(
        f"SELECT {', '.join(COLUMNS)} FROM points_entries WHERE member_id = ? ORDER BY seq",
        (member_id,))]
    out: list[tuple[P.Entry, int]] = []
    running = 0
    for e in rows:
        running += e.amount
        out.append((e, running))
    out.reverse()
    return out if limit is None else out[:limit]


def walk(conn: sqlite3.Connection, batch: int = 20000) -> Iterator[P.Entry]:
    """Every entry in seq order, read a batch at a time."""
    last = 0
    while True:
        rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM points_entries WHERE seq > ? "
                            f"ORDER BY seq LIMIT ?", (last, batch)).fetchall()
        if not rows:
            return
        for r in rows:
            yield _entry(r)
        last = rows[-1][0]


@dataclass(frozen=True, slots=True)
class Mismatch:
    member_id: int
    cached: int
    ledger: int


def balance_mismatches(conn: sqlite3.Connection, limit: int = 1000) -> tuple[int, list[Mismatch]]:
    """Members whose cached balance (``members.points``) is not the sum of their entries, or
    whose lots do not add up to it: how many, and the first ``limit``."""
    sql = """
    WITH ledger AS (SELECT member_id, sum(amount) AS total FROM points_entries GROUP BY member_id),
         lots AS (SELECT member_id, sum(remaining) AS total FROM points_lots GROUP BY member_id)
    SELECT m.id, m.points, coalesce(l.total, 0) FROM members m
    LEFT JOIN ledger l ON l.member_id = m.id LEFT JOIN lots o ON o.member_id = m.id
    WHERE m.points != coalesce(l.total, 0) OR coalesce(o.total, 0) != coalesce(l.total, 0)
    """
    rows = conn.execute(sql).fetchall()
    return len(rows), [Mismatch(r[0], r[1], r[2]) for r in rows[:limit]]


def rebuild_balances(ctx: WriteContext) -> int:
    """Set every cached balance to the sum of the member's entries; the number changed."""
    conn = ctx.conn
    ids = [r[0] for r in conn.execute(
        "SELECT m.id FROM members m LEFT JOIN (SELECT member_id, sum(amount) AS total FROM "
        "points_entries GROUP BY member_id) l ON l.member_id = m.id "
        "WHERE m.points != coalesce(l.total, 0)")]
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        conn.execute(f"UPDATE members SET points = coalesce((SELECT sum(amount) FROM "
                     f"points_entries WHERE member_id = members.id), 0) WHERE id IN "
                     f"({', '.join('?' * len(chunk))})", chunk)
    ctx.changes.members.update(ids)
    return len(ids)


def _expiring_lots(conn: sqlite3.Connection, on: int
                   ) -> tuple[array[int], array[int], array[int]]:
    """(member ids, lot seqs, points left) of the lots expired at ``on``, by member and seq, in
    three compact arrays: at a million members a plain list of tuples costs ten times more."""
    members, seqs, left = array("q"), array("q"), array("q")
    # "+member_id": read the expiring-lots index and sort what it finds. Left to itself the
    # planner walks every lot in member order to skip the sort: at 18M lots 50 s, this 1.2 s.
    cursor = conn.execute(
        "SELECT member_id, seq, remaining FROM points_lots WHERE expires_at <= ? AND "
        "remaining > 0 ORDER BY +member_id, seq", (on,))
    while rows := cursor.fetchmany(50000):
        for member_id, seq, remaining in rows:
            members.append(member_id)
            seqs.append(seq)
            left.append(remaining)
    return members, seqs, left


def expiring(conn: sqlite3.Connection, on: int) -> dict[int, list[P.Draw]]:
    """Per member, the draws that remove the unspent part of the lots expired at ``on``."""
    out: dict[int, list[P.Draw]] = {}
    for batch in expiring_batches(conn, on, 0)[1]:
        out.update(batch)
    return out


def expiring_batches(conn: sqlite3.Connection, on: int, size: int = 20000
                     ) -> tuple[int, Iterator[dict[int, list[P.Draw]]]]:
    """``expiring`` ``size`` members at a time (0: all at once), in member order, with the
    number of members: an expiry run writes batch after batch and never holds every member's
    plan. Everything is read before the first batch, so writing one cannot change the next."""
    members, seqs, left = _expiring_lots(conn, on)
    count = len(set(members))

    def batches() -> Iterator[dict[int, list[P.Draw]]]:
        out: dict[int, list[P.Draw]] = {}
        for m, seq, remaining in zip(members, seqs, left, strict=True):
            draws = out.get(m)
            if draws is None:
                if size and len(out) >= size:
                    yield out
                    out = {}
                draws = out[m] = []
            draws.append((seq, remaining))
        if out:
            yield out
    return count, batches()


def _setting(conn: sqlite3.Connection, key: str) -> Any:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


def policy(conn: sqlite3.Connection) -> tuple[P.ExpiryPolicy, ZoneInfo]:
    """The workspace's expiry policy and time zone, as its settings hold them."""
    tz = _setting(conn, "timezone")
    return (P.policy_from_setting(_setting(conn, EXPIRY_SETTING)),
            ZoneInfo(tz if isinstance(tz, str) and tz else DEFAULT_TIMEZONE))


def save_policy(ctx: WriteContext, setting: dict[str, Any]) -> bool:
    """Write the ``points_expiry`` setting in the caller's transaction, audited (an undo puts
    the old one back); False when it already holds exactly this. Lots already earned keep the
    expiry date they were given."""
    before = ctx.conn.execute("SELECT value FROM settings WHERE key = ?",
                              (EXPIRY_SETTING,)).fetchone()
    after = json.dumps(setting, ensure_ascii=False, sort_keys=True)
    if before is not None and json.loads(before[0]) == setting:
        return False
    ctx.conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = excluded.value", (EXPIRY_SETTING, after))
    ctx.log("settings", None if before is None else {"key": EXPIRY_SETTING, "value": before[0]},
            {"key": EXPIRY_SETTING, "value": after})
    return True


def adjust_to(ctx: WriteContext, targets: Sequence[tuple[int, int]], *, reason: str,
              source_ref: str) -> int:
    """Bring members' balances to the given values (an import's 积分 column) by one adjust
    entry each for the difference; a decrease takes from the oldest live lots, and never more
    than the member can still spend (points already expired but not yet run out stay for the
    expiry run). Returns the number of entries."""
    conn = ctx.conn
    expiry, tz = policy(conn)
    accs = accounts(conn, [m for m, _ in targets])
    stamp = ctx.batch_id if ctx.batch_id is not None else f"t{ctx.now}"
    planned: list[Planned] = []
    for member_id, target in targets:
        acc = accs[member_id]
        diff = target - acc.balance
        key = f"import:{stamp}:{member_id}"
        if diff > 0:
            planned.append((P.Draft(member_id, diff, P.Kind.ADJUST, reason, P.Source.IMPORT,
                                    source_ref, ctx.actor, ctx.now, key,
                                    P.expires_at(expiry, ctx.now, tz)), ()))
        elif diff < 0:
            take = min(-diff, acc.spendable(ctx.now))
            if take:
                planned.append((P.Draft(member_id, -take, P.Kind.ADJUST, reason,
                                        P.Source.IMPORT, source_ref, ctx.actor, ctx.now, key),
                                P.plan_spend(acc, take, ctx.now)))
    return len(append(ctx, planned))


def opening_balances(conn: sqlite3.Connection, at: int) -> int:
    """The schema migration's step: every member's ``points`` becomes one opening-balance entry
    (kind adjust, reason 期初余额), chained, with its lot; a negative value (which the ledger
    cannot hold) is set to 0. Returns the number of entries."""
    create_tables(conn)
    conn.execute("UPDATE members SET points = 0 WHERE points < 0")
    seq, prev = head(conn)
    count = 0
    # members the ledger already holds keep their entries (a file migrated again, a test's
    # rewound user_version): their balance is the ledger's, never a second opening entry
    rows = conn.execute("SELECT id, points FROM members WHERE points > 0 AND id NOT IN "
                        "(SELECT member_id FROM points_entries) ORDER BY id").fetchall()
    batch: list[tuple[Any, ...]] = []
    lots: list[tuple[Any, ...]] = []
    for member_id, amount in rows:
        seq += 1
        d = P.Draft(member_id, amount, P.Kind.ADJUST, P.OPENING_REASON, P.Source.SYSTEM,
                    "migration", "system", at, f"opening:{member_id}")
        h = P.entry_hash(prev, seq, d)
        batch.append((seq, member_id, amount, "adjust", d.reason, "system", d.source_ref,
                      d.operator, at, d.key, None, None, prev, h))
        lots.append((seq, member_id, amount, amount, at, None))
        prev = h
        count += 1
        if len(batch) >= 50000:
            _insert_raw(conn, batch, lots)
            batch, lots = [], []
    _insert_raw(conn, batch, lots)
    return count


def _insert_raw(conn: sqlite3.Connection, batch: list[tuple[Any, ...]],
                lots: list[tuple[Any, ...]]) -> None:
    conn.executemany(f"INSERT INTO points_entries({', '.join(COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(COLUMNS))})", batch)
    conn.executemany("INSERT INTO points_lots(seq, member_id, amount, remaining, at, expires_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)", lots)
