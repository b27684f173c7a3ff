"""Member levels' tables: who holds which level since when, and every change with its reason.

``members.level`` stays the level everything else reads (the roster, segments, the member
index, exports); ``member_levels`` adds when the member reached it and the basis value it was
given for, and ``level_changes`` keeps each change (old → new, the value, the reason in Chinese
and English, the audit batch that made it). The policy is the workspace setting
``points_levels`` (JSON; see ``policy_setting``): no setting means levels are not computed at
all (they are what imports and operators set).

Basis values, read for every member in one ``GROUP BY`` pass over the ledger:

- lifetime (累计积分): the points a member *earned*: every positive ``earn`` or ``adjust`` entry
  (game and rule points, manual and imported awards, the opening balance 期初余额), less those
  that stand reversed. Spending, expiry and negative adjustments (taking points back, an import
  lowering a balance) do not lower it: a level is earned, not a balance. A reversal takes its
  entry out whole, at the entry's own time; a reversal of that reversal puts it back.
  Reversals of spending (points coming back) are not earnings and never count.
- rolling 12 months (近 12 个月积分): the same, for entries made at or after
  ``domain.levels.rolling_window_start``.
- spend (累计消费): a ``members.spend`` column (whole yuan) when the workspace has one; none has
  yet (orders and spend are not imported), so ``spend_available`` is False and there is no value.

The grouped pass reads a partial covering index of the earnings (``points_entries_earned``,
member, time and amount of positive earn/adjust entries: about 20 bytes an entry) instead of the
ledger's wide rows: at 200,000 members and 4,000,000 entries 0.5 s instead of 9 s.

Rules (which level a value earns, why it changed) are ``domain/levels.py``'s; this module reads
and writes what it is given.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..domain import levels as L
from ..domain import points as P
from . import audit
from .audit import WriteContext

SETTING = "points_levels"
SPEND_COLUMN = "spend"
IntArray = npt.NDArray[np.int64]

SCHEMA_V13 = """
CREATE TABLE IF NOT EXISTS member_levels (
    member_id INTEGER PRIMARY KEY,
    level INTEGER NOT NULL,
    since INTEGER NOT NULL,
    value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS level_changes (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    old_level INTEGER NOT NULL,
    new_level INTEGER NOT NULL,
    value INTEGER NOT NULL,
    reason TEXT NOT NULL,
    reason_en TEXT NOT NULL DEFAULT '',
    batch INTEGER
);
CREATE INDEX IF NOT EXISTS level_changes_member ON level_changes(member_id, id);
CREATE INDEX IF NOT EXISTS points_entries_earned ON points_entries(member_id, at, amount)
    WHERE kind IN ('earn', 'adjust') AND amount > 0;
"""

CHANGE_COLUMNS = ("id", "member_id", "at", "old_level", "new_level", "value", "reason",
                  "reason_en", "batch")
LEVEL_COLUMNS = ("member_id", "level", "since", "value")
EARNING = "kind IN ('earn', 'adjust') AND amount > 0"

audit.PRIMARY_KEYS.setdefault("member_levels", ("member_id",))
audit.PRIMARY_KEYS.setdefault("level_changes", ("id",))
audit.register_no_undo(
    "levels_recompute", "按规则重新定级不能撤销。",
    "等级由规则和积分算出：如果规则不对，请改回规则后重新计算，变化会记在“等级变更”里。",
    "A recomputation of levels cannot be undone.",
    "Levels follow from the policy and the points: if the policy is wrong, change it back and "
    "recompute; the changes are listed under level changes.")


def create_tables(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA_V13.split(";\n"):
        if statement.strip():
            conn.execute(statement)


# -- the policy setting --------------------------------------------------------------------------

def policy_setting(policy: L.LevelPolicy, enabled: bool = True) -> dict[str, Any]:
    """The JSON the setting holds."""
    return {"enabled": enabled, "basis": str(policy.basis),
            "thresholds": list(policy.thresholds),
            "benefits": [{"coupons_per_month": b.coupons_per_month,
                          "birthday_gift": b.birthday_gift, "new_year_gift": b.new_year_gift}
                         for b in policy.benefits]}


def policy_from_setting(raw: object) -> tuple[L.LevelPolicy, bool] | None:
    """The stored policy and whether it is on; None when none was saved (or it no longer
    reads: edited by hand, then levels are not computed until a policy is saved again)."""
    if not isinstance(raw, dict):
        return None
    try:
        t = [int(x) for x in raw["thresholds"]]
        b = [L.Benefits(int(x.get("coupons_per_month", 0)), str(x.get("birthday_gift", "")),
                        str(x.get("new_year_gift", ""))) for x in raw.get("benefits") or ()]
        if len(t) != 3 or len(b) not in (0, 4):
            return None
        benefits = (b[0], b[1], b[2], b[3]) if b else L.DEFAULT_BENEFITS
        policy = L.LevelPolicy(L.LevelBasis(str(raw.get("basis", "lifetime"))),
                               (t[0], t[1], t[2]), benefits)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return policy, bool(raw.get("enabled", True))


def stored_policy(conn: sqlite3.Connection) -> tuple[L.LevelPolicy, bool] | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SETTING,)).fetchone()
    return policy_from_setting(json.loads(row[0])) if row else None


def save_policy(ctx: WriteContext, policy: L.LevelPolicy, enabled: bool) -> None:
    """Store the policy, logged (undo puts the previous one back)."""
    conn = ctx.conn
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SETTING,)).fetchone()
    value = json.dumps(policy_setting(policy, enabled), ensure_ascii=False, sort_keys=True)
    conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                 "value = excluded.value", (SETTING, value))
    ctx.log("settings", None if row is None else {"key": SETTING, "value": row[0]},
            {"key": SETTING, "value": value})


# -- basis values --------------------------------------------------------------------------------

def spend_available(conn: sqlite3.Connection) -> bool:
    return any(r[1] == SPEND_COLUMN for r in conn.execute("PRAGMA table_info(members)"))


def member_ids(conn: sqlite3.Connection) -> IntArray:
    """Every member's id, ascending."""
    return np.fromiter((r[0] for r in conn.execute("SELECT id FROM members ORDER BY id")),
                       dtype=np.int64)


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[i:i + 900]) for i in range(0, len(ids), 900)]


def _reversed_earnings(conn: sqlite3.Connection, since: int | None,
                       ids: Sequence[int] | None) -> list[tuple[int, int]]:
    """(member, amount) of earnings that stand reversed: reversed an odd number of times."""
    reversal_of = dict(conn.execute(
        "SELECT reverses, seq FROM points_entries WHERE reverses IS NOT NULL"))
    if not reversal_of:
        return []
    sql = ("SELECT o.seq, o.member_id, o.amount FROM points_entries r JOIN points_entries o "
           "ON o.seq = r.reverses WHERE r.reverses IS NOT NULL AND o.kind IN ('earn', 'adjust') "
           "AND o.amount > 0")
    params: list[int] = []
    if since is not None:
        sql += " AND o.at >= ?"
        params.append(since)
    rows: list[tuple[int, int, int]] = []
    if ids is None:
        rows = conn.execute(sql, params).fetchall()
    else:
        for chunk in _chunks(ids):
            rows += conn.execute(sql + f" AND o.member_id IN ({', '.join('?' * len(chunk))})",
                                 [*params, *chunk]).fetchall()
    out = []
    for seq, member_id, amount in rows:
        times, at = 0, seq
        while at in reversal_of:
            at = reversal_of[at]
            times += 1
        if times % 2:
            out.append((member_id, amount))
    return out


def earned(conn: sqlite3.Connection, ids: IntArray, since: int | None = None) -> IntArray:
    """Points earned by each member of ``ids`` (ascending), since ``since`` when given: see
    the module's note. One grouped pass over the ledger for everyone; with a few members, their
    entries by the member index."""
    sql = f"SELECT member_id, sum(amount) FROM points_entries WHERE {EARNING}"
    params: list[int] = []
    if since is not None:
        sql += " AND at >= ?"
        params.append(since)
    pairs: list[tuple[int, int]] = []
    everyone = len(ids) > 20_000
    if everyone:
        pairs = conn.execute(sql + " GROUP BY member_id", params).fetchall()
    else:
        for chunk in _chunks(ids.tolist()):
            pairs += conn.execute(
                sql + f" AND member_id IN ({', '.join('?' * len(chunk))}) GROUP BY member_id",
                [*params, *chunk]).fetchall()
    values = np.zeros(len(ids), dtype=np.int64)
    _add(values, ids, pairs)
    back = _reversed_earnings(conn, since, None if everyone else ids.tolist())
    _add(values, ids, [(m, -a) for m, a in back])
    return values


def _add(values: IntArray, ids: IntArray, pairs: Sequence[tuple[int, int]]) -> None:
    if not pairs or not len(ids):
        return
    who = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    amount = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
    at = np.searchsorted(ids, who).clip(0, len(ids) - 1)
    hit = ids[at] == who  # entries of members not asked for (or deleted) are left out
    np.add.at(values, at[hit], amount[hit])


def spend(conn: sqlite3.Connection, ids: IntArray) -> IntArray:
    """Each member's imported spend (whole yuan; 0 when empty). Only with ``spend_available``."""
    got = dict(conn.execute(f"SELECT id, coalesce({SPEND_COLUMN}, 0) FROM members"))
    return np.fromiter((int(got.get(int(m), 0)) for m in ids), dtype=np.int64, count=len(ids))


def levels_of(conn: sqlite3.Connection, ids: IntArray) -> IntArray:
    """``members.level`` of each of ``ids`` (ascending; -1 for an id with no member)."""
    out = np.full(len(ids), -1, dtype=np.int64)
    if len(ids) > 20_000:
        pairs = conn.execute("SELECT id, level FROM members ORDER BY id").fetchall()
    else:
        pairs = []
        for chunk in _chunks(ids.tolist()):
            pairs += conn.execute(f"SELECT id, level FROM members WHERE id IN "
                                  f"({', '.join('?' * len(chunk))})", chunk).fetchall()
    if pairs and len(ids):
        who = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
        level = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
        at = np.searchsorted(ids, who).clip(0, len(ids) - 1)
        hit = ids[at] == who
        out[at[hit]] = level[hit]
    return out


def counts(conn: sqlite3.Connection) -> dict[int, int]:
    """Members per level now."""
    return {int(level): int(n) for level, n in conn.execute(
        "SELECT level, count(*) FROM members GROUP BY level")}


# -- writing -------------------------------------------------------------------------------------

def apply(ctx: WriteContext, changes: Sequence[L.LevelChange], values: Mapping[int, int]
          ) -> int:
    """Write ``changes`` (from ``domain.levels.level_changes``) at ``ctx.now``: the members'
    levels, their level rows (since now, with the value) and one change row each, in the
    caller's transaction. The change rows are the audit's record (they hold old and new);
    such a batch is not undoable (``register_no_undo``). Returns the number written."""
    if not changes:
        return 0
    conn = ctx.conn
    ids = [c.member_id for c in changes]
    conn.executemany("UPDATE members SET level = ? WHERE id = ?",
                     ((c.new, c.member_id) for c in changes))
    after = [(c.member_id, c.new, ctx.now, int(values[c.member_id])) for c in changes]
    conn.executemany("INSERT INTO member_levels(member_id, level, since, value) VALUES "
                     "(?, ?, ?, ?) ON CONFLICT(member_id) DO UPDATE SET level = excluded.level, "
                     "since = excluded.since, value = excluded.value", after)
    first = int(conn.execute("SELECT coalesce(max(id), 0) FROM level_changes").fetchone()[0]) + 1
    rows = [(first + i, c.member_id, ctx.now, c.old, c.new, int(values[c.member_id]), c.reason,
             c.reason_en, ctx.batch_id) for i, c in enumerate(changes)]
    conn.executemany(f"INSERT INTO level_changes({', '.join(CHANGE_COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(CHANGE_COLUMNS))})", rows)
    ctx.log_rows("level_changes", CHANGE_COLUMNS, None, rows)
    if ctx.batch_id is not None:
        conn.execute("UPDATE audit_batches SET undoable = 0 WHERE id = ?", (ctx.batch_id,))
    ctx.changes.members.update(ids)
    ctx.changes.levels_changed = True
    return len(changes)


# -- reading -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ChangeRow:
    id: int
    member_id: int
    name: str
    at: int
    old: int
    new: int
    value: int
    reason: str
    reason_en: str
    batch: int | None

    @property
    def is_upgrade(self) -> bool:
        return self.new > self.old


_CHANGE_SELECT = ("SELECT c.id, c.member_id, coalesce(m.name, ''), c.at, c.old_level, "
                  "c.new_level, c.value, c.reason, c.reason_en, c.batch FROM level_changes c "
                  "LEFT JOIN members m ON m.id = c.member_id")


def recent_changes(conn: sqlite3.Connection, limit: int = 200) -> list[ChangeRow]:
    return [ChangeRow(*r) for r in conn.execute(
        _CHANGE_SELECT + " ORDER BY c.id DESC LIMIT ?", (limit,))]


def history(conn: sqlite3.Connection, member_id: int, limit: int = 100) -> list[ChangeRow]:
    """A member's level changes, newest first."""
    return [ChangeRow(*r) for r in conn.execute(
        _CHANGE_SELECT + " WHERE c.member_id = ? ORDER BY c.id DESC LIMIT ?",
        (member_id, limit))]


def change_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM level_changes").fetchone()[0])


@dataclass(frozen=True, slots=True)
class Held:
    """A member's level now, and what ``member_levels`` says of it (None: never computed)."""

    level: int
    computed_level: int | None
    since: int | None
    value: int | None


def held(conn: sqlite3.Connection, member_id: int) -> Held | None:
    row = conn.execute("SELECT m.level, l.level, l.since, l.value FROM members m LEFT JOIN "
                       "member_levels l ON l.member_id = m.id WHERE m.id = ?",
                       (member_id,)).fetchone()
    return None if row is None else Held(*row)


# -- the demo ------------------------------------------------------------------------------------

DEMO_POLICY = L.LevelPolicy(L.LevelBasis.LIFETIME, (800, 1500, 2200), (
    L.Benefits(0, "生日祝福", ""),
    L.Benefits(1, "生日 20 元券", "新春红包"),
    L.Benefits(2, "生日礼盒", "新春礼盒"),
    L.Benefits(4, "生日礼盒 + 专属顾问问候", "新春限定礼盒"),
))


def demo_history(conn: sqlite3.Connection, entries: Sequence[tuple[P.Draft, Sequence[P.Draw]]],
                 policy: L.LevelPolicy = DEMO_POLICY) -> int:
    """The demo's levels as if the policy had run all year: ``entries`` are the demo ledger's
    drafts in seq order (seq = position + 1); each time a member's earned points cross a
    threshold, a change at that entry's time. Stores the policy (on), every member's level and
    returns the number of changes. Only the lifetime basis."""
    create_tables(conn)
    conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                 "value = excluded.value",
                 (SETTING, json.dumps(policy_setting(policy), ensure_ascii=False,
                                      sort_keys=True)))
    earned_by: dict[int, int] = {}
    level: dict[int, int] = {}
    since: dict[int, int] = {}
    value_at: dict[int, int] = {}
    earning: set[int] = set()
    rows: list[tuple[Any, ...]] = []
    for seq, (d, _draws) in enumerate(entries, 1):
        if d.kind in (P.Kind.EARN, P.Kind.ADJUST) and d.amount > 0:
            earning.add(seq)
            delta = d.amount
        elif d.kind is P.Kind.REVERSE and d.reverses in earning:
            delta = d.amount  # negative: the earning taken out
        else:
            continue
        m = d.member_id
        value = earned_by[m] = earned_by.get(m, 0) + delta
        for c in L.level_changes(policy, {m: level.get(m, 0)}, {m: value}):
            rows.append((len(rows) + 1, m, d.at, c.old, c.new, value, c.reason, c.reason_en,
                         None))
            level[m], since[m], value_at[m] = c.new, d.at, value
    conn.execute("UPDATE members SET level = 0")
    conn.executemany("UPDATE members SET level = ? WHERE id = ?",
                     ((lv, m) for m, lv in level.items()))
    conn.executemany("INSERT INTO member_levels(member_id, level, since, value) VALUES "
                     "(?, ?, ?, ?)", ((m, lv, since[m], value_at[m]) for m, lv in level.items()))
    conn.executemany(f"INSERT INTO level_changes({', '.join(CHANGE_COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(CHANGE_COLUMNS))})", rows)
    return len(rows)
