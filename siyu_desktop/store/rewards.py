"""The rewards catalog's tables: items, their coupon codes, and redemptions.

A redemption is one write transaction: the rule is checked (``domain/rewards.py``), the points
are spent through the ledger (``store.points.append``: a spend entry, source redemption, its
``source_ref`` the redemption id, its key ``redeem:{id}``), the redemption row is inserted, the
stock taken or a coupon code held. Cancelling reverses that entry (``store.points.reverse``) and
gives the stock and the held code back, in one transaction too. Issuing marks it issued and hands
a coupon's code over, which is then never free again.

Undo: catalog edits and code imports are audited and undone as any other rows (an item row's
``version`` moves with every redemption, so an edit, creation or import followed by a redemption
is never rolled back under it). Redeeming, issuing and cancelling are logged for the history
but their batches are not undoable: putting a redemption row back would leave the ledger's spend
or reversal standing (the ledger is append-only) and the stock and codes out of step with it. A
redemption is taken back by cancelling it, which is the compensation: the points come back by a
reversal, the stock and the code by the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..domain import points as P
from ..domain import rewards as R
from ..errors import ValidationError
from . import audit
from . import points as ledger
from .audit import WriteContext, rows_as_dicts

SCHEMA_V11 = """
CREATE TABLE IF NOT EXISTS reward_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('coupon', 'goods', 'points_cash')),
    name TEXT NOT NULL UNIQUE,
    points INTEGER NOT NULL CHECK (points > 0),
    cash_fen INTEGER NOT NULL DEFAULT 0 CHECK (cash_fen >= 0),
    stock INTEGER CHECK (stock IS NULL OR stock >= 0),
    per_member INTEGER CHECK (per_member IS NULL OR per_member > 0),
    valid_from INTEGER,
    valid_until INTEGER,
    active INTEGER NOT NULL DEFAULT 1,
    description TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS reward_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES reward_items(id),
    code TEXT NOT NULL,
    redemption_id INTEGER UNIQUE,
    issued_at INTEGER,
    imported_at INTEGER NOT NULL,
    UNIQUE (item_id, code)
);
CREATE INDEX IF NOT EXISTS reward_codes_free ON reward_codes(item_id, id)
    WHERE redemption_id IS NULL;
CREATE TABLE IF NOT EXISTS redemptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES reward_items(id),
    member_id INTEGER NOT NULL,
    points INTEGER NOT NULL CHECK (points > 0),
    cash_fen INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('pending', 'issued', 'cancelled')),
    code_id INTEGER REFERENCES reward_codes(id),
    entry_seq INTEGER,
    reversal_seq INTEGER,
    request_key TEXT UNIQUE,
    operator TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    issued_at INTEGER,
    cancelled_at INTEGER
);
CREATE INDEX IF NOT EXISTS redemptions_member ON redemptions(member_id, item_id);
CREATE INDEX IF NOT EXISTS redemptions_status ON redemptions(status, id);
CREATE INDEX IF NOT EXISTS redemptions_item ON redemptions(item_id, status);
"""

ITEM_COLUMNS = ("id", "kind", "name", "points", "cash_fen", "stock", "per_member", "valid_from",
                "valid_until", "active", "description")
REDEMPTION_SELECT = """
SELECT r.id, r.item_id, r.member_id, r.points, r.cash_fen, r.status, r.created_at, r.entry_seq,
       r.reversal_seq, r.code_id, CASE WHEN r.status = 'issued' THEN coalesce(c.code, '') ELSE ''
       END, r.issued_at, r.cancelled_at, r.operator, r.note, i.name, i.kind, coalesce(m.name, '')
FROM redemptions r JOIN reward_items i ON i.id = r.item_id
LEFT JOIN reward_codes c ON c.id = r.code_id LEFT JOIN members m ON m.id = r.member_id
"""

for _table in ("reward_items", "reward_codes", "redemptions"):
    audit.PRIMARY_KEYS.setdefault(_table, ("id",))
audit.register_no_undo(
    "rewards_redeem", "兑换不能撤销。", "要退回积分，请在“兑换记录”里取消这次兑换（待发放的才能取消）。",
    "A redemption cannot be undone.",
    "To give the points back, cancel the redemption under Redemptions (only a pending one can "
    "be cancelled).")
audit.register_no_undo(
    "rewards_issue", "发放是最终的，不能撤销。", "券码或货品已经发给客户；如需补偿，请另行发放积分。",
    "Issuing is final and cannot be undone.",
    "The code or the goods went to the member; to make up for it, award points separately.")
audit.register_no_undo(
    "rewards_cancel", "取消兑换不能撤销。", "积分已经退回；如客户仍要这个奖品，请重新兑换。",
    "A cancellation cannot be undone.",
    "The points were given back; if the member still wants the item, redeem it again.")


def create_tables(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA_V11.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _refused(exc: P.LedgerError) -> ValidationError:
    return ValidationError(exc.message, english=exc.english)


def _row(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, Any]:
    rows = rows_as_dicts(conn, f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    return rows[0] if rows else {}


def _no_undo(ctx: WriteContext) -> None:
    """Redemption writes: taken back by cancelling, never by undo (see the module's words)."""
    if ctx.batch_id is not None:
        ctx.conn.execute("UPDATE audit_batches SET undoable = 0 WHERE id = ?", (ctx.batch_id,))


# -- reading -------------------------------------------------------------------------------------

def _item(row: Sequence[Any]) -> R.Item:
    (iid, kind, name, points, cash, stock, per_member, valid_from, valid_until, active,
     description, free, total) = row
    return R.Item(iid, R.ItemKind(kind), name, points, cash, stock, per_member, valid_from,
                  valid_until, bool(active), description, free or 0, total or 0)


_ITEM_SELECT = f"""
SELECT {', '.join(f'i.{c}' for c in ITEM_COLUMNS)},
       (SELECT count(*) FROM reward_codes c WHERE c.item_id = i.id AND c.redemption_id IS NULL
        AND c.issued_at IS NULL),
       (SELECT count(*) FROM reward_codes c WHERE c.item_id = i.id)
FROM reward_items i
"""


def items(conn: sqlite3.Connection, *, active_only: bool = False) -> list[R.Item]:
    where = " WHERE i.active = 1" if active_only else ""
    return [_item(r) for r in conn.execute(f"{_ITEM_SELECT}{where} ORDER BY i.active DESC, i.id")]


def item(conn: sqlite3.Connection, item_id: int) -> R.Item | None:
    row = conn.execute(f"{_ITEM_SELECT} WHERE i.id = ?", (item_id,)).fetchone()
    return None if row is None else _item(row)


def item_by_name(conn: sqlite3.Connection, name: str) -> R.Item | None:
    row = conn.execute(f"{_ITEM_SELECT} WHERE i.name = ?", (name.strip(),)).fetchone()
    return None if row is None else _item(row)


def _need_item(conn: sqlite3.Connection, item_id: int) -> R.Item:
    found = item(conn, item_id)
    if found is None:
        raise ValidationError(f"没有编号为 {item_id} 的奖品。", english=f"There is no item {item_id}.")
    return found


def _redemption(row: Sequence[Any]) -> R.Redemption:
    (rid, item_id, member_id, points, cash, status, created, entry_seq, reversal_seq, code_id,
     code, issued_at, cancelled_at, operator, note, item_name, kind, member_name) = row
    return R.Redemption(rid, item_id, member_id, points, cash, R.Status(status), created,
                        entry_seq, reversal_seq, code_id, code, issued_at, cancelled_at,
                        operator, note, item_name, R.ItemKind(kind), member_name)


def redemption(conn: sqlite3.Connection, rid: int) -> R.Redemption | None:
    row = conn.execute(f"{REDEMPTION_SELECT} WHERE r.id = ?", (rid,)).fetchone()
    return None if row is None else _redemption(row)


def redemptions(conn: sqlite3.Connection, *, status: R.Status | None = None,
                item_id: int | None = None, member_id: int | None = None,
                limit: int = 1000) -> list[R.Redemption]:
    """Newest first, filtered by any of status, item and member."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("r.status", None if status is None else str(status)),
                          ("r.item_id", item_id), ("r.member_id", member_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = REDEMPTION_SELECT + (f" WHERE {' AND '.join(where)}" if where else "")
    return [_redemption(r) for r in conn.execute(f"{sql} ORDER BY r.id DESC LIMIT ?",
                                                 (*params, limit))]


@dataclass(frozen=True, slots=True)
class Counts:
    pending: int = 0
    issued: int = 0
    cancelled: int = 0


def counts(conn: sqlite3.Connection) -> Counts:
    got = dict(conn.execute("SELECT status, count(*) FROM redemptions GROUP BY status"))
    return Counts(got.get("pending", 0), got.get("issued", 0), got.get("cancelled", 0))


def used(conn: sqlite3.Connection, item_id: int, member_id: int) -> int:
    """The member's redemptions of the item that count against its limit."""
    row = conn.execute("SELECT count(*) FROM redemptions WHERE item_id = ? AND member_id = ? "
                       "AND status != 'cancelled'", (item_id, member_id)).fetchone()
    return int(row[0])


def codes(conn: sqlite3.Connection, item_id: int) -> list[R.Code]:
    return [R.Code(*r) for r in conn.execute(
        "SELECT id, item_id, code, redemption_id, issued_at FROM reward_codes WHERE item_id = ? "
        "ORDER BY id", (item_id,))]


# -- the catalog ---------------------------------------------------------------------------------

def _values(it: R.Item) -> tuple[Any, ...]:
    return (str(it.kind), it.name, it.points, it.cash_fen, it.stock, it.per_member,
            it.valid_from, it.valid_until, int(it.active), it.description)


def _name_taken(conn: sqlite3.Connection, name: str, item_id: int) -> None:
    row = conn.execute("SELECT id FROM reward_items WHERE name = ? AND id != ?",
                       (name, item_id)).fetchone()
    if row is not None:
        raise ValidationError(f"已经有名为“{name}”的奖品了（编号 {row[0]}）。", "请换一个名称。",
                              english=f"There is already an item called {name} (#{row[0]}).",
                              english_hint="Choose another name.")


def add_item(ctx: WriteContext, new: R.Item) -> R.Item:
    try:
        it = R.check_item(new)
    except R.RewardError as exc:
        raise _refused(exc) from None
    _name_taken(ctx.conn, it.name, 0)
    cur = ctx.conn.execute(
        f"INSERT INTO reward_items({', '.join(ITEM_COLUMNS[1:])}, created_at, updated_at) "
        f"VALUES ({', '.join('?' * (len(ITEM_COLUMNS) - 1))}, ?, ?)",
        (*_values(it), ctx.now, ctx.now))
    item_id = int(cur.lastrowid or 0)
    ctx.log("reward_items", None, _row(ctx.conn, "reward_items", item_id))
    ctx.changes.rewards_changed = True
    return _need_item(ctx.conn, item_id)


def edit_item(ctx: WriteContext, changed: R.Item) -> R.Item:
    """Save an item's fields (the kind stays what it was: a coupon's codes would not fit goods).
    Redemptions made before keep the price they were made at."""
    conn = ctx.conn
    old = _need_item(conn, changed.id)
    try:
        it = R.check_item(R.Item(old.id, old.kind, changed.name, changed.points,
                                 changed.cash_fen, changed.stock, changed.per_member,
                                 changed.valid_from, changed.valid_until, changed.active,
                                 changed.description))
    except R.RewardError as exc:
        raise _refused(exc) from None
    _name_taken(conn, it.name, it.id)
    before = _row(conn, "reward_items", it.id)
    conn.execute(f"UPDATE reward_items SET {', '.join(f'{c} = ?' for c in ITEM_COLUMNS[1:])}, "
                 f"version = version + 1, updated_at = ? WHERE id = ?",
                 (*_values(it), ctx.now, it.id))
    ctx.log("reward_items", before, _row(conn, "reward_items", it.id))
    ctx.changes.rewards_changed = True
    return _need_item(conn, it.id)


def set_active(ctx: WriteContext, item_id: int, active: bool) -> R.Item:
    return edit_item(ctx, replace(_need_item(ctx.conn, item_id), active=active))


@dataclass(frozen=True, slots=True)
class CodesAdded:
    item_id: int
    added: int
    found: R.CodeList


def add_codes(ctx: WriteContext, item_id: int, raw: Sequence[str],
              header: bool | None = None) -> CodesAdded:
    """Add a coupon's codes (one transaction): tidied, repeats and codes the item has already
    left out and reported."""
    conn = ctx.conn
    it = _need_item(conn, item_id)
    if it.kind is not R.ItemKind.COUPON:
        raise ValidationError(f"“{it.name}”不是优惠券，不能导入券码。",
                              english=f"{it.name} is not a coupon; it takes no codes.")
    existing = {c.code for c in codes(conn, item_id)}
    found = R.normalise_codes(raw, existing, header)
    if not found.codes:
        return CodesAdded(item_id, 0, found)
    start = int(conn.execute("SELECT coalesce(max(id), 0) FROM reward_codes").fetchone()[0])
    conn.executemany("INSERT INTO reward_codes(item_id, code, imported_at) VALUES (?, ?, ?)",
                     [(item_id, code, ctx.now) for code in found.codes])
    rows = conn.execute("SELECT id, item_id, code, redemption_id, issued_at, imported_at FROM "
                        "reward_codes WHERE item_id = ? AND id > ? ORDER BY id",
                        (item_id, start)).fetchall()
    ctx.log_rows("reward_codes", ("id", "item_id", "code", "redemption_id", "issued_at",
                                  "imported_at"), None, [tuple(r) for r in rows])
    _bump(ctx, item_id)
    ctx.changes.rewards_changed = True
    return CodesAdded(item_id, len(rows), found)


def _bump(ctx: WriteContext, item_id: int, stock_delta: int = 0) -> None:
    """The item row moves with everything done to it (so undoing an older edit or import of it
    is refused once it has redemptions); a limited stock by ``stock_delta``."""
    before = _row(ctx.conn, "reward_items", item_id)
    ctx.conn.execute("UPDATE reward_items SET version = version + 1, updated_at = ?, "
                     "stock = CASE WHEN stock IS NULL THEN NULL ELSE stock + ? END WHERE id = ?",
                     (ctx.now, stock_delta, item_id))
    ctx.log("reward_items", before, _row(ctx.conn, "reward_items", item_id))


# -- a redemption's life -------------------------------------------------------------------------

def redeem(ctx: WriteContext, item_id: int, member_id: int, *, request_key: str | None = None,
           operator: str = "") -> R.Redemption:
    """Redeem ``item_id`` for ``member_id`` now: spend the points, take one from the stock (or
    hold one coupon code), and insert the pending redemption. ``request_key``: the same key
    twice is one redemption (the second call returns the first)."""
    conn = ctx.conn
    if request_key is not None:
        row = conn.execute("SELECT id FROM redemptions WHERE request_key = ?",
                           (request_key,)).fetchone()
        if row is not None:
            done = redemption(conn, int(row[0]))
            assert done is not None
            if (done.item_id, done.member_id) != (item_id, member_id):
                raise ValidationError("这个兑换请求标识已经用于另一次兑换。",
                                      english="This request key was used for another redemption.")
            return done
    it = _need_item(conn, item_id)
    member = conn.execute("SELECT id FROM members WHERE id = ?", (member_id,)).fetchone()
    if member is None:
        raise ValidationError(f"没有编号为 {member_id} 的客户。",
                              english=f"There is no member {member_id}.")
    acc = ledger.account(conn, member_id)
    try:
        R.check_redeem(it, at=ctx.now, used=used(conn, item_id, member_id),
                       spendable=acc.spendable(ctx.now))
        draws = P.plan_spend(acc, it.points, ctx.now)
    except P.LedgerError as exc:
        raise _refused(exc) from None
    operator = operator or ctx.actor
    cur = conn.execute(
        "INSERT INTO redemptions(item_id, member_id, points, cash_fen, status, request_key, "
        "operator, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)",
        (item_id, member_id, it.points, it.cash_fen, request_key, operator, ctx.now))
    rid = int(cur.lastrowid or 0)
    code_id: int | None = None
    if it.kind is R.ItemKind.COUPON:
        row = conn.execute("SELECT id FROM reward_codes WHERE item_id = ? AND redemption_id IS "
                           "NULL AND issued_at IS NULL ORDER BY id LIMIT 1", (item_id,)).fetchone()
        code_id = None if row is None else int(row[0])
    try:
        R.new_redemption(it, member_id, rid=rid, at=ctx.now, operator=operator, code_id=code_id)
    except R.RewardError as exc:
        raise _refused(exc) from None
    if code_id is not None:
        before = _row(conn, "reward_codes", code_id)
        conn.execute("UPDATE reward_codes SET redemption_id = ? WHERE id = ?", (rid, code_id))
        ctx.log("reward_codes", before, _row(conn, "reward_codes", code_id))
    (entry,) = ledger.append(ctx, [(P.Draft(
        member_id, -it.points, P.Kind.SPEND, R.spend_reason(it.name), P.Source.REDEMPTION,
        str(rid), operator, ctx.now, f"redeem:{rid}"), draws)])
    conn.execute("UPDATE redemptions SET entry_seq = ?, code_id = ? WHERE id = ?",
                 (entry.seq, code_id, rid))
    _bump(ctx, item_id, -1)
    ctx.log("redemptions", None, _row(conn, "redemptions", rid))
    ctx.changes.rewards_changed = True
    _no_undo(ctx)
    done = redemption(conn, rid)
    assert done is not None
    return done


def _need_redemption(conn: sqlite3.Connection, rid: int) -> R.Redemption:
    found = redemption(conn, rid)
    if found is None:
        raise ValidationError(f"没有编号为 {rid} 的兑换记录。",
                              english=f"There is no redemption {rid}.")
    return found


def issue(ctx: WriteContext, rid: int, *, note: str = "") -> R.Redemption:
    """pending → issued; a coupon's held code is handed over (and never free again)."""
    conn = ctx.conn
    r = _need_redemption(conn, rid)
    code: R.Code | None = None
    if r.item_kind is R.ItemKind.COUPON:
        code_row = None
        if r.code_id is not None:
            code_row = conn.execute("SELECT id, item_id, code, redemption_id, issued_at FROM "
                                    "reward_codes WHERE id = ?", (r.code_id,)).fetchone()
        if code_row is None:  # a redemption that holds no code takes a free one
            code_row = conn.execute(
                "SELECT id, item_id, code, redemption_id, issued_at FROM reward_codes WHERE "
                "item_id = ? AND redemption_id IS NULL AND issued_at IS NULL ORDER BY id LIMIT 1",
                (r.item_id,)).fetchone()
        code = None if code_row is None else R.Code(*code_row)
    try:
        done = R.issue(r, at=ctx.now, code=code)
    except R.RewardError as exc:
        raise _refused(exc) from None
    if code is not None:
        before = _row(conn, "reward_codes", code.id)
        conn.execute("UPDATE reward_codes SET redemption_id = ?, issued_at = ? WHERE id = ?",
                     (rid, ctx.now, code.id))
        ctx.log("reward_codes", before, _row(conn, "reward_codes", code.id))
    before = _row(conn, "redemptions", rid)
    conn.execute("UPDATE redemptions SET status = 'issued', issued_at = ?, code_id = ?, "
                 "note = CASE WHEN ? != '' THEN ? ELSE note END WHERE id = ?",
                 (ctx.now, done.code_id, note.strip(), note.strip(), rid))
    ctx.log("redemptions", before, _row(conn, "redemptions", rid))
    _bump(ctx, r.item_id)
    ctx.changes.rewards_changed = True
    _no_undo(ctx)
    return _need_redemption(conn, rid)


def cancel(ctx: WriteContext, rid: int, *, note: str = "") -> R.Redemption:
    """pending → cancelled: the spend is reversed (the points go back to the lots they came
    from), the stock and a held code come back, all in this transaction."""
    conn = ctx.conn
    r = _need_redemption(conn, rid)
    try:
        R.cancel(r, at=ctx.now, reversal_seq=None, note=note)
    except R.RewardError as exc:
        raise _refused(exc) from None
    reversal_seq: int | None = None
    if r.entry_seq is not None:
        reason = f"兑换取消：{note.strip()}" if note.strip() else "兑换取消，积分退回"
        reversal_seq = ledger.reverse(ctx, r.entry_seq, reason=reason,
                                      operator=r.operator or ctx.actor).seq
    if r.code_id is not None:
        before = _row(conn, "reward_codes", r.code_id)
        conn.execute("UPDATE reward_codes SET redemption_id = NULL WHERE id = ? AND issued_at "
                     "IS NULL", (r.code_id,))
        ctx.log("reward_codes", before, _row(conn, "reward_codes", r.code_id))
    before = _row(conn, "redemptions", rid)
    conn.execute("UPDATE redemptions SET status = 'cancelled', cancelled_at = ?, "
                 "reversal_seq = ?, code_id = NULL, note = ? WHERE id = ?",
                 (ctx.now, reversal_seq, note.strip(), rid))
    ctx.log("redemptions", before, _row(conn, "redemptions", rid))
    _bump(ctx, r.item_id, +1)
    ctx.changes.rewards_changed = True
    _no_undo(ctx)
    return _need_redemption(conn, rid)
