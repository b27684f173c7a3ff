"""The points earning rules' table, and the reads a rule run or a preview needs.

``points_rules`` holds one row per rule: its id (the id goes into every award's idempotency key,
``rule:ID:REF:MEMBER``, so it never changes), the rule's fields as JSON, and whether it is on.
What a rule pays and how caps work is ``domain/points_rules.py``'s; this module stores rules and
reads the raw facts events are made of:

- birthdays: members whose ``birth_md`` is one of the given month-days (with when they joined);
- invites: roster rows whose ``inviter`` is a *member* (their ``external_userid``). WeCom names
  an inviter only when a staff member invited someone into a group, so synced rosters hold no
  member-to-member invites; an import or a fission tool that records them fills this in;
- games: the ledger's game entries (source ``game``, ``source_ref`` the session);
- what each rule already paid (its keys' entries, not reversed) in a time range, for the caps.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..domain.points_rules import Rule, RuleKind
from ..errors import ValidationError
from . import audit
from .audit import WriteContext, rows_as_dicts

SCHEMA_V12 = """
CREATE TABLE IF NOT EXISTS points_rules (
    id TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS members_birth_md ON members(birth_md) WHERE birth_md IS NOT NULL;
"""

audit.PRIMARY_KEYS.setdefault("points_rules", ("id",))


def create_tables(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA_V12.split(";\n"):
        if statement.strip():
            conn.execute(statement)


# -- rules ---------------------------------------------------------------------------------------

def definition(rule: Rule) -> str:
    """A rule's fields as the JSON the table keeps (id and enabled have their own columns)."""
    return json.dumps({"name": rule.name, "kind": str(rule.kind), "amount": rule.amount,
                       "amounts": list(rule.amounts), "rate": str(rule.rate),
                       "stay_days": rule.stay_days, "daily_cap": rule.daily_cap,
                       "monthly_cap": rule.monthly_cap}, ensure_ascii=False, sort_keys=True)


def _rule(rule_id: str, text: str, enabled: int) -> Rule:
    d = json.loads(text)
    return Rule(id=rule_id, name=str(d.get("name", "")), kind=RuleKind(d["kind"]),
                amount=int(d.get("amount", 0)), amounts=tuple(int(a) for a in d.get("amounts", ())),
                rate=Decimal(str(d.get("rate", "0"))), stay_days=int(d.get("stay_days", 0)),
                daily_cap=d.get("daily_cap"), monthly_cap=d.get("monthly_cap"),
                enabled=bool(enabled))


@dataclass(frozen=True, slots=True)
class StoredRule:
    rule: Rule
    created_at: int
    updated_at: int


def rules(conn: sqlite3.Connection) -> list[StoredRule]:
    """Every rule, in the order they were added."""
    return [StoredRule(_rule(i, d, e), c, u) for i, d, e, c, u in conn.execute(
        "SELECT id, definition, enabled, created_at, updated_at FROM points_rules "
        "ORDER BY created_at, id")]


def rule(conn: sqlite3.Connection, rule_id: str) -> Rule | None:
    row = conn.execute("SELECT id, definition, enabled FROM points_rules WHERE id = ?",
                       (rule_id,)).fetchone()
    return None if row is None else _rule(*row)


def ids(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT id FROM points_rules")}


def _row(conn: sqlite3.Connection, rule_id: str) -> dict[str, Any]:
    found = rows_as_dicts(conn, "SELECT * FROM points_rules WHERE id = ?", (rule_id,))
    return found[0] if found else {}


def _need(conn: sqlite3.Connection, rule_id: str) -> Rule:
    found = rule(conn, rule_id)
    if found is None:
        raise ValidationError(f"没有编号为“{rule_id}”的积分规则。", "用 siyu points rules 查看所有规则。",
                              english=f"There is no points rule {rule_id!r}.",
                              english_hint="See every rule with siyu points rules.")
    return found


def insert(ctx: WriteContext, new: Rule) -> Rule:
    if rule(ctx.conn, new.id) is not None:
        raise ValidationError(f"规则编号“{new.id}”已经有了。", "请换一个编号。",
                              english=f"There is already a rule {new.id!r}.",
                              english_hint="Choose another id.")
    ctx.conn.execute("INSERT INTO points_rules(id, definition, enabled, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, ?)",
                     (new.id, definition(new), int(new.enabled), ctx.now, ctx.now))
    ctx.log("points_rules", None, _row(ctx.conn, new.id))
    return _need(ctx.conn, new.id)


def update(ctx: WriteContext, changed: Rule) -> tuple[Rule, Rule]:
    """Save a rule's fields and switch; (before, after)."""
    old = _need(ctx.conn, changed.id)
    before = _row(ctx.conn, changed.id)
    ctx.conn.execute("UPDATE points_rules SET definition = ?, enabled = ?, updated_at = ? "
                     "WHERE id = ?", (definition(changed), int(changed.enabled), ctx.now,
                                      changed.id))
    ctx.log("points_rules", before, _row(ctx.conn, changed.id))
    return old, _need(ctx.conn, changed.id)


# -- the facts events are made of ----------------------------------------------------------------

def birthdays(conn: sqlite3.Connection, month_days: Sequence[int]
              ) -> list[tuple[int, int, int | None]]:
    """(member id, birth month-day as MMDD, joined at) of members born on any of
    ``month_days``."""
    if not month_days:
        return []
    marks = ", ".join("?" * len(month_days))
    return [(int(m), int(md), j) for m, md, j in conn.execute(
        f"SELECT id, birth_md, joined_at FROM members WHERE birth_md IN ({marks}) ORDER BY id",
        list(month_days))]


def member_invites(conn: sqlite3.Connection, joined_from: int, joined_to: int
                   ) -> list[tuple[int, int, int]]:
    """(inviter member id, invited member id, join time) for members still in a group that a
    member invited them into, who joined in ``[joined_from, joined_to)``; the earliest join
    per invited member."""
    return [(int(a), int(b), int(t)) for a, b, t in conn.execute(
        "SELECT i.id, r.member_id, min(r.join_time) FROM roster r "
        "JOIN members i ON i.external_userid = r.inviter "
        "WHERE r.inviter != '' AND r.member_id IS NOT NULL AND r.member_id != i.id "
        "AND r.join_time >= ? AND r.join_time < ? GROUP BY r.member_id ORDER BY r.member_id",
        (joined_from, joined_to))]


def has_member_inviters(conn: sqlite3.Connection) -> bool:
    """Whether any roster row names a member as its inviter (else invites cannot be known)."""
    row = conn.execute("SELECT 1 FROM roster r JOIN members i ON i.external_userid = r.inviter "
                       "WHERE r.inviter != '' LIMIT 1").fetchone()
    return row is not None


def game_entries(conn: sqlite3.Connection, start: int, end: int
                 ) -> list[tuple[int, int, int, str, str]]:
    """(member id, at, amount, reason, session) of the ledger's game earnings in
    ``[start, end)``."""
    return [(int(m), int(a), int(x), str(r), str(s)) for m, a, x, r, s in conn.execute(
        "SELECT member_id, at, amount, reason, source_ref FROM points_entries "
        "WHERE at >= ? AND at < ? AND source = 'game' AND amount > 0 ORDER BY seq",
        (start, end))]


def orders_imported(conn: sqlite3.Connection) -> bool:
    """Orders are not imported yet in any version: there is no orders table."""
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'orders'"
                       ).fetchone()
    return row is not None


def paid(conn: sqlite3.Connection, rule_id: str, start: int, end: int
         ) -> list[tuple[int, int, int]]:
    """(member id, at, amount) of what rule ``rule_id`` paid in ``[start, end)`` (its keys'
    entries that were not reversed since): what its caps have already counted."""
    prefix = f"rule:{rule_id}:"
    return [(int(m), int(a), int(x)) for m, a, x in conn.execute(
        "SELECT e.member_id, e.at, e.amount FROM points_entries e "
        "WHERE e.key >= ? AND e.key < ? AND e.at >= ? AND e.at < ? AND e.amount > 0 "
        "AND NOT EXISTS (SELECT 1 FROM points_entries r WHERE r.reverses = e.seq)",
        (prefix, prefix + "\U0010ffff", start, end))]


def member_names(conn: sqlite3.Connection, member_ids: Sequence[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    ids_ = list(member_ids)
    for start in range(0, len(ids_), 900):
        chunk = ids_[start:start + 900]
        out.update((int(i), str(n)) for i, n in conn.execute(
            f"SELECT id, name FROM members WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
    return out


# -- the demo ------------------------------------------------------------------------------------

DEMO_RULES = (
    Rule(id="participation", name="参与游戏", kind=RuleKind.PARTICIPATION, amount=10),
    Rule(id="rank", name="游戏名次", kind=RuleKind.RANK, amounts=(50, 30, 20)),
    Rule(id="birthday", name="生日积分", kind=RuleKind.BIRTHDAY, amount=100),
    Rule(id="invite", name="邀请好友留存 7 天", kind=RuleKind.INVITE_STAYED, amount=30,
         stay_days=7, daily_cap=90),
)


def seed_demo(conn: sqlite3.Connection, at: int) -> None:
    """The demo's rules: the ones its history was paid by (taking part 10, the podium 50/30/20,
    birthdays 100), and an invite rule (30 for a friend who stayed 7 days, at most 90 a day)."""
    create_tables(conn)
    conn.executemany("INSERT OR IGNORE INTO points_rules(id, definition, enabled, created_at, "
                     "updated_at) VALUES (?, ?, 1, ?, ?)",
                     [(r.id, definition(r), at + i, at + i) for i, r in enumerate(DEMO_RULES)])
