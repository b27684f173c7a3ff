"""The audit trail: every change by an operator or a sync, row by row, in batches.

Each write transaction gets one ``audit_batches`` row; each changed table row gets an ``audit`` row
with the whole row before and after (JSON). Undo walks a batch backwards and puts every row back
as it was, as a new batch of its own (so an undo can itself be undone).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from typing import Any

import sqlite_utils

from ..domain.members import AuditBatch, AuditEntry
from ..errors import ValidationError
from .index import Changes

# Primary-key columns per audited table; rows are restored by these.
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "members": ("id",),
    "member_tags": ("member_id", "tag_id"),
    "tags": ("id",),
    "tag_groups": ("id",),
    "groups": ("id",),
    "group_tags": ("group_id", "name"),
    "segments": ("id",),
    "staff": ("id",),
    "follows": ("member_id", "staff_id"),
    "follow_tags": ("member_id", "staff_id", "tag_id"),
    "roster": ("id",),
}


class WriteContext:
    """What a write function gets: the connection, who is acting, and the audit/changes log."""

    def __init__(self, conn: sqlite3.Connection, actor: str, action: str, summary: str,
                 changes: Changes, audited: bool) -> None:
        self.conn = conn
        self.actor = actor
        self.action = action
        self.summary = summary
        self.changes = changes
        self.now = int(time.time())
        self.batch_id: int | None = None
        self._count = 0
        self._pending: list[tuple[Any, ...]] = []
        if audited:
            cur = conn.execute(
                "INSERT INTO audit_batches(at, actor, action, summary) VALUES (?, ?, ?, ?)",
                (self.now, actor, action, summary))
            self.batch_id = cur.lastrowid

    def log(self, table: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        """Record one row change (``before`` None = inserted, ``after`` None = deleted)."""
        self._count += 1
        if self.batch_id is None:
            return
        row = after if after is not None else before
        assert row is not None
        pk = json.dumps([row[c] for c in PRIMARY_KEYS[table]], ensure_ascii=False)
        member_id = row.get("member_id") if table != "members" else row.get("id")
        self._pending.append((self.batch_id, table, pk, member_id, _dump(before), _dump(after)))
        if len(self._pending) >= 5000:
            self._flush()

    def log_many(self, table: str, befores: Iterable[dict[str, Any] | None],
                 afters: Iterable[dict[str, Any] | None]) -> None:
        for before, after in zip(befores, afters, strict=True):
            self.log(table, before, after)

    def _flush(self) -> None:
        if self._pending:
            self.conn.executemany(
                "INSERT INTO audit(batch_id, tbl, pk, member_id, before, after) "
                "VALUES (?, ?, ?, ?, ?, ?)", self._pending)
            self._pending.clear()

    def finish(self) -> None:
        self._flush()
        if self.batch_id is not None:
            self.conn.execute("UPDATE audit_batches SET changes = ?, summary = ? WHERE id = ?",
                              (self._count, self.summary, self.batch_id))

    @property
    def count(self) -> int:
        return self._count


def _dump(row: dict[str, Any] | None) -> str | None:
    return None if row is None else json.dumps(row, ensure_ascii=False)


def rows_as_dicts(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    return list(sqlite_utils.Database(conn).query(sql, params))


# -- reading the trail -------------------------------------------------------------------------
def recent_batches(conn: sqlite3.Connection, limit: int = 50) -> list[AuditBatch]:
    rows = conn.execute(
        "SELECT id, at, actor, action, summary, changes, undone_at FROM audit_batches "
        "WHERE changes > 0 ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    return [AuditBatch(*r) for r in rows]


def member_history(conn: sqlite3.Connection, member_id: int, limit: int = 200) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT a.id, a.batch_id, b.at, b.actor, b.action, a.tbl, a.pk, a.before, a.after "
        "FROM audit a JOIN audit_batches b ON b.id = a.batch_id "
        "WHERE a.member_id = ? ORDER BY a.id DESC LIMIT ?", (member_id, limit)).fetchall()
    return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                       json.loads(r[7]) if r[7] else None, json.loads(r[8]) if r[8] else None)
            for r in rows]


# -- undo ------------------------------------------------------------------------------------
def undo_batch(ctx: WriteContext, batch_id: int) -> int:
    """Put every row the batch touched back as it was. Returns the number of rows restored."""
    conn = ctx.conn
    row = conn.execute("SELECT undone_at, undoable FROM audit_batches WHERE id = ?",
                       (batch_id,)).fetchone()
    if row is None:
        raise ValidationError("找不到这次操作记录。", english="No such operation.")
    if row[0] is not None:
        raise ValidationError("这次操作已经撤销过了。", english="This operation was already undone.")
    if not row[1]:
        raise ValidationError("这次操作不能撤销。", english="This operation cannot be undone.")
    entries = conn.execute(
        "SELECT tbl, pk, before, after FROM audit WHERE batch_id = ? ORDER BY id DESC",
        (batch_id,)).fetchall()
    restored = 0
    for table, pk_json, before_json, after_json in entries:
        before = json.loads(before_json) if before_json else None
        after = json.loads(after_json) if after_json else None
        keys = PRIMARY_KEYS[table]
        pk = json.loads(pk_json)
        where = " AND ".join(f"{k} = ?" for k in keys)
        current = rows_as_dicts(conn, f"SELECT * FROM {table} WHERE {where}", pk)
        now_row = current[0] if current else None
        if before is None:
            conn.execute(f"DELETE FROM {table} WHERE {where}", pk)
        else:
            # An upsert, not INSERT OR REPLACE: REPLACE deletes first, which would cascade.
            cols = list(before)
            updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in keys)
            conflict = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
            conn.execute(
                f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
                f"ON CONFLICT({', '.join(keys)}) {conflict}", [before[c] for c in cols])
        ctx.log(table, now_row, before)
        _note_change(ctx.changes, table, before or after or {}, added=before is not None)
        restored += 1
    conn.execute("UPDATE audit_batches SET undone_at = ? WHERE id = ?", (ctx.now, batch_id))
    if ctx.batch_id is not None:
        conn.execute("UPDATE audit_batches SET undo_of = ? WHERE id = ?", (batch_id, ctx.batch_id))
    return restored


def _note_change(changes: Changes, table: str, row: dict[str, Any], *, added: bool) -> None:
    if table == "member_tags":
        (changes.tag_added if added else changes.tag_removed).setdefault(
            row["tag_id"], []).append(row["member_id"])
    elif table == "members":
        changes.members.add(row["id"])
    elif table in ("tags", "tag_groups"):
        changes.library_changed = True
        if table == "tags" and not added:
            changes.tags_dropped.add(row["id"])
    elif table in ("follows", "follow_tags"):
        changes.follows_changed = True
    elif table in ("groups", "roster", "group_tags"):
        changes.groups_changed = True
    elif table == "segments":
        changes.segments_changed = True
