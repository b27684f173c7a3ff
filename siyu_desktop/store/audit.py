"""The audit trail: every change by an operator or a sync, row by row, in batches.

Each write transaction gets one ``audit_batches`` row; each changed table row gets an ``audit`` row
with the whole row before and after (JSON). Bulk writers (an import's hundred thousand new
members, a sync) log chunks instead: one ``audit`` row holds up to ``CHUNK_ROWS`` rows of one
table as value lists under one list of column names, which costs a tenth of row-by-row logging
and reads back as the same entries. Undo walks a batch backwards and puts every row back as it
was, as a new batch of its own (so an undo can itself be undone) -- but only while every row is
still as the batch left it: putting a whole before-image back over a row someone changed later
would silently throw that later change away, so such an undo is refused instead. Tables that
must never be edited (``APPEND_ONLY``, the points ledger) are not put back but compensated: undo
appends a reversing row for each row the batch added.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from typing import Any

import sqlite_utils

from ..domain import authors
from ..domain.members import AuditBatch, AuditEntry
from ..errors import ValidationError
from .deferred import index_search, indexes_deferred, search_triggers_off, unindex_search
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
    "settings": ("key",),  # the channel list is a workspace setting and can be undone
    "follow_tags": ("member_id", "staff_id", "tag_id"),
    "roster": ("id",),
}
# Rows per chunk entry: small enough that one member's history parses little, big enough that
# the per-entry cost vanishes.
CHUNK_ROWS = 2000
# From this many member rows in one undo on, their search text is kept by chunk, not by trigger.
BULK_SEARCH_AT = 1000
Values = Sequence[Any]


class WriteContext:
    """What a write function gets: the connection, who is acting, and the audit/changes log."""

    def __init__(self, conn: sqlite3.Connection, actor: str, action: str, summary: str,
                 changes: Changes, audited: bool, now: float | None = None) -> None:
        self.conn = conn
        self.actor = actor
        self.action = action
        self.summary = summary
        self.changes = changes
        self.now = int(time.time() if now is None else now)  # the workspace's clock
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

    def log_rows(self, table: str, columns: Sequence[str], befores: Sequence[Values | None] | None,
                 afters: Sequence[Values | None] | None) -> None:
        """Record many row changes of one table at once, each row as values in ``columns``
        order; ``befores`` None = all inserted, ``afters`` None = all deleted. Rows whose
        member ids are close together should come together (sorted): a member's history then
        opens one chunk."""
        count = len(afters if afters is not None else befores or ())
        self._count += count
        if self.batch_id is None or not count:
            return
        self._flush()
        cols = json.dumps(list(columns), ensure_ascii=False)
        member_col = "id" if table == "members" else "member_id"
        at = list(columns).index(member_col) if member_col in columns else None
        rows: list[tuple[Any, ...]] = []
        for start in range(0, count, CHUNK_ROWS):
            before = None if befores is None else befores[start:start + CHUNK_ROWS]
            after = None if afters is None else afters[start:start + CHUNK_ROWS]
            lo = hi = None
            if at is not None:
                # A roster row of a staff member has no member: NULL ids are left out.
                ids = [r[at] for part in (before, after) if part for r in part
                       if r is not None and r[at] is not None]
                lo, hi = (min(ids), max(ids)) if ids else (None, None)
            rows.append((self.batch_id, table, "", lo, hi, cols, _dump_list(before),
                         _dump_list(after)))
        self.conn.executemany(
            "INSERT INTO audit(batch_id, tbl, pk, member_id, member_hi, cols, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

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


def _dump_list(rows: Sequence[Values | None] | None) -> str | None:
    return None if rows is None else json.dumps(rows, ensure_ascii=False)


def _entries(table: str, pk_json: str, cols_json: str | None, before_json: str | None,
             after_json: str | None) -> list[tuple[list[Any], dict[str, Any] | None,
                                                   dict[str, Any] | None]]:
    """The row changes one ``audit`` row holds, in the order they were made: (primary key,
    before, after) each, whether the entry is a single row or a chunk."""
    if cols_json is None:
        before = json.loads(before_json) if before_json else None
        after = json.loads(after_json) if after_json else None
        return [(json.loads(pk_json), before, after)]
    cols = json.loads(cols_json)
    befores = json.loads(before_json) if before_json else None
    afters = json.loads(after_json) if after_json else None
    count = len(afters if afters is not None else befores or [])
    keys = PRIMARY_KEYS[table]
    out: list[tuple[list[Any], dict[str, Any] | None, dict[str, Any] | None]] = []
    for i in range(count):
        b = befores[i] if befores is not None else None
        a = afters[i] if afters is not None else None
        before = dict(zip(cols, b, strict=True)) if b is not None else None
        after = dict(zip(cols, a, strict=True)) if a is not None else None
        row = after if after is not None else before
        assert row is not None
        out.append(([row[k] for k in keys], before, after))
    return out


def rows_as_dicts(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    return list(sqlite_utils.Database(conn).query(sql, params))


# -- reading the trail -------------------------------------------------------------------------
# Batches written by the app's own machinery, not by a person: syncs and outbox pushes.
SYSTEM_ACTORS = authors.SYSTEM_ACTORS
HISTORY_KINDS = ("mine", "system", "all")


def recent_batches(conn: sqlite3.Connection, limit: int = 50, kind: str = "all") -> list[AuditBatch]:
    """Newest first. ``kind``: ``mine`` (what people did: edits, tags, imports, undos),
    ``system`` (syncs and pushes) or ``all``; syncs would otherwise drown the operator's own."""
    if kind not in HISTORY_KINDS:
        raise ValueError(kind)
    where = {"mine": f" AND actor NOT IN {SYSTEM_ACTORS}", "system": f" AND actor IN {SYSTEM_ACTORS}",
             "all": ""}[kind]
    rows = conn.execute(
        "SELECT id, at, actor, action, summary, changes, undone_at, undoable FROM audit_batches "
        f"WHERE changes > 0{where} ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    return [AuditBatch(r[0], r[1], r[2], r[3], r[4], r[5], r[6], undoable=bool(r[7]))
            for r in rows]


def member_history(conn: sqlite3.Connection, member_id: int, limit: int = 200) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT a.id, a.batch_id, b.at, b.actor, b.action, a.tbl, a.pk, a.cols, a.before, a.after "
        "FROM audit a JOIN audit_batches b ON b.id = a.batch_id "
        "WHERE a.id IN (SELECT * FROM (SELECT id FROM audit WHERE member_id = ? "
        "               AND cols IS NULL ORDER BY id DESC LIMIT ?)"
        "               UNION ALL SELECT id FROM audit WHERE cols IS NOT NULL "
        "               AND member_hi >= ? AND member_id <= ?) "
        "ORDER BY a.id DESC", (member_id, limit, member_id, member_id)).fetchall()
    out: list[AuditEntry] = []
    for r in rows:
        for pk, before, after in reversed(_entries(r[5], r[6], r[7], r[8], r[9])):
            row = after if after is not None else before
            assert row is not None
            if row.get("id" if r[5] == "members" else "member_id") == member_id:
                out.append(AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5],
                                      json.dumps(pk, ensure_ascii=False), before, after))
        if len(out) >= limit:
            break
    return out[:limit]


# -- undo ------------------------------------------------------------------------------------
Change = tuple[list[Any], dict[str, Any] | None, dict[str, Any] | None]
# Appends the entry that reverses a logged inserted row (given as the audit logged it) and
# returns that new row as it now is in the table. It must only INSERT.
Compensate = Callable[[WriteContext, dict[str, Any]], dict[str, Any]]


# Tables that are never edited (the points ledger): undo appends a reversing entry for each row
# the batch inserted, in the undo's own batch (so undoing the undo appends the reversal of the
# reversal), and deletes and overwrites nothing.
APPEND_ONLY: dict[str, Compensate] = {}


def register_append_only(table: str, primary_key: tuple[str, ...],
                         compensate: Compensate) -> None:
    """Make ``table`` audited and append-only for undo: rows are logged by ``primary_key`` and
    undone by ``compensate``."""
    PRIMARY_KEYS[table] = primary_key
    APPEND_ONLY[table] = compensate


def unregister_append_only(table: str) -> None:
    APPEND_ONLY.pop(table, None)
    PRIMARY_KEYS.pop(table, None)


def _edits_append_only(conn: sqlite3.Connection, batch_id: int) -> ValidationError | None:
    """An append-only table only gains rows; a batch that logged an edit or a deletion of one
    cannot be compensated."""
    if not APPEND_ONLY:
        return None
    tables = list(APPEND_ONLY)
    row = conn.execute(
        f"SELECT tbl FROM audit WHERE batch_id = ? AND before IS NOT NULL AND tbl IN "
        f"({', '.join('?' * len(tables))}) LIMIT 1", (batch_id, *tables)).fetchone()
    if row is None:
        return None
    return ValidationError("这次操作修改了只能追加的记录，无法撤销。",
                           english=f"This operation edited rows of the append-only table "
                                   f"{row[0]}; it cannot be undone.")


def _compensate(ctx: WriteContext, table: str, changes: Sequence[Change]) -> None:
    """The batch's inserted rows of an append-only table reversed, newest first, each logged
    as an insert of this undo's batch."""
    compensate = APPEND_ONLY[table]
    for _pk, before, after in changes:
        assert before is None and after is not None  # _edits_append_only refused the others
        ctx.log(table, None, compensate(ctx, after))


class _LaterChanges:
    """Rows of a batch that were changed again after the batch wrote them, found while walking
    the batch backwards. Only a row's last write in the batch is compared (its earlier ones were
    overwritten by the batch itself), so each primary key is checked once."""

    def __init__(self) -> None:
        self._seen: dict[str, set[tuple[Any, ...]]] = {}
        self._own_links: set[tuple[Any, ...]] = set()  # member_tags rows the batch inserted
        self.members: set[int] = set()
        self.others = 0

    def check(self, table: str, changes: Sequence[Change],
              current: dict[tuple[Any, ...], dict[str, Any]]) -> None:
        """Compare rows (newest first) with what the batch wrote; a row the batch inserted that
        is gone, or deleted that is back, counts as changed too."""
        seen = self._seen.setdefault(table, set())
        for pk, before, after in changes:
            key = tuple(pk)
            if key in seen:
                continue
            seen.add(key)
            # Whole-row: every column of the after-image must match (an image may hold only
            # some columns; the rest were not the batch's to judge). Inlined, and items views
            # compare in C with values by ``==``: this runs for every row of a big import.
            now = current.get(key)
            if after is None:
                unchanged = now is None
            else:
                unchanged = now is not None and after.items() <= now.items()
            if unchanged:
                continue
            row = after or before or {}
            member_id = row.get("id" if table == "members" else "member_id")
            if member_id is None:
                self.others += 1
            else:
                self.members.add(member_id)

    def check_dropped_members(self, conn: sqlite3.Connection, table: str,
                              changes: Sequence[Change]) -> None:
        """Members the batch created are deleted by its undo, and their tag links with them (ON
        DELETE CASCADE). Links added later (the member tagged after the import) would go too:
        count those members as changed later. Call before the entry is restored; the batch's
        own links come earlier in the walk (they were written after the member), so they are
        remembered and not counted."""
        if table == "member_tags":
            self._own_links.update(tuple(pk) for pk, before, _after in changes if before is None)
            return
        if table != "members":
            return
        created = [pk[0] for pk, before, after in changes if before is None and after is not None]
        for i in range(0, len(created), 900):
            chunk = created[i:i + 900]
            rows = conn.execute("SELECT member_id, tag_id FROM member_tags WHERE member_id IN "
                                f"({','.join('?' * len(chunk))})", chunk).fetchall()
            self.members.update(m for m, t in rows if (m, t) not in self._own_links)

    @property
    def found(self) -> bool:
        return bool(self.members or self.others)

    def error(self) -> ValidationError:
        m, n = len(self.members), self.others
        if m and n:
            who, en = f"{m} 位客户和 {n} 项其他记录", f"{m} member(s) and {n} other record(s)"
        elif m:
            who, en = f"{m} 位客户", f"{m} member{'s' if m > 1 else ''}"
        else:
            who, en = f"{n} 项记录", f"{n} record{'s' if n > 1 else ''}"
        were = "was" if m + n == 1 else "were"
        return ValidationError(
            f"有 {who}在这次操作之后又被修改过，撤销会覆盖后来的修改，因此没有撤销。",
            "可以先撤销后来的那些操作，再撤销这一次。",
            english=f"{en} {were} changed after this operation; undoing it would overwrite "
                    "those later changes, so nothing was undone.",
            english_hint="Undo the later operations first, then undo this one.")


def _current(conn: sqlite3.Connection, table: str,
             pks: Sequence[Sequence[Any]]) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The rows with these primary keys as they are now, read in one query."""
    keys = PRIMARY_KEYS[table]
    if len(pks) == 1:  # a row-by-row entry: a plain lookup, cheaper than a json_each
        sql = f"SELECT * FROM {table} WHERE " + " AND ".join(f"{k} = ?" for k in keys)
        params: list[Any] = list(pks[0])
    elif len(keys) == 1:
        sql = f"SELECT * FROM {table} WHERE {keys[0]} IN (SELECT value FROM json_each(?))"
        params = [json.dumps([pk[0] for pk in pks])]
    else:
        sql = (f"SELECT * FROM {table} WHERE ({', '.join(keys)}) IN (SELECT "
               + ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(keys)))
               + " FROM json_each(?))")
        params = [json.dumps([list(pk) for pk in pks])]
    return {tuple(row[k] for k in keys): row for row in rows_as_dicts(conn, sql, params)}


# Why the batches of an action are never undoable, and what to do instead (message, hint and
# their English), for actions that mark their batches so (``undoable = 0``).
NO_UNDO_REASONS: dict[str, tuple[str, str, str, str]] = {}


def register_no_undo(action: str, message: str, hint: str, english: str,
                     english_hint: str) -> None:
    NO_UNDO_REASONS[action] = (message, hint, english, english_hint)


def _undo_state(conn: sqlite3.Connection, batch_id: int) -> ValidationError | None:
    row = conn.execute("SELECT undone_at, undoable, action FROM audit_batches WHERE id = ?",
                       (batch_id,)).fetchone()
    if row is None:
        return ValidationError("找不到这次操作记录。", english="No such operation.")
    if row[0] is not None:
        return ValidationError("这次操作已经撤销过了。", english="This operation was already undone.")
    if not row[1]:
        reason = NO_UNDO_REASONS.get(row[2])
        if reason is not None:
            message, hint, english, english_hint = reason
            return ValidationError(message, hint, english=english, english_hint=english_hint)
        return ValidationError("这次操作不能撤销。", english="This operation cannot be undone.")
    return None


def _batch_entries(conn: sqlite3.Connection, batch_id: int) -> list[tuple[str, str, str | None,
                                                                           str | None, str | None]]:
    return conn.execute(
        "SELECT tbl, pk, cols, before, after FROM audit WHERE batch_id = ? ORDER BY id DESC",
        (batch_id,)).fetchall()


def undo_blocker(conn: sqlite3.Connection, batch_id: int) -> ValidationError | None:
    """Why the batch cannot be undone now (the error ``undo_batch`` would raise), or None if it
    can; changes nothing. For a history screen to grey out an entry and say why: it reads the
    batch's rows and their current state, a query per audit entry (chunks count as one)."""
    refused = _undo_state(conn, batch_id) or _edits_append_only(conn, batch_id)
    if refused is not None:
        return refused
    later = _LaterChanges()
    for table, pk_json, cols_json, before_json, after_json in _batch_entries(conn, batch_id):
        if table in APPEND_ONLY:
            continue  # never changed later: compensating is always possible
        changes = _entries(table, pk_json, cols_json, before_json, after_json)[::-1]
        later.check_dropped_members(conn, table, changes)
        later.check(table, changes, _current(conn, table, [pk for pk, _, _ in changes]))
    return later.error() if later.found else None


def undo_batch(ctx: WriteContext, batch_id: int, *,
               progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], None] | None = None) -> int:
    """Put every row the batch touched back as it was. Returns the number of rows restored.
    ``progress(entries_done, entries)`` and ``cancel()`` (which raises to stop; the caller's
    transaction then rolls back) are called after each audit entry.

    Each entry's rows are compared with what the batch wrote before they are restored, from the
    same read the restore needs anyway. At the first row changed later the undo stops writing,
    only counts the rest, and raises: the caller's transaction rolls back what was restored, so
    nothing changes and the batch stays undoable (after the later operation is undone).

    Rows of append-only tables (``APPEND_ONLY``) are not restored but compensated: a reversing
    row is appended for each row the batch inserted; they count as restored."""
    conn = ctx.conn
    refused = _undo_state(conn, batch_id) or _edits_append_only(conn, batch_id)
    if refused is not None:
        raise refused
    entries = _batch_entries(conn, batch_id)
    # Rows per table in the batch's chunks: a big undo (of a first import, say) rebuilds the
    # indexes after its rows and keeps the members' search index a chunk at a time.
    sizes = dict(conn.execute(
        "SELECT tbl, sum(json_array_length(coalesce(after, before))) FROM audit "
        "WHERE batch_id = ? AND cols IS NOT NULL GROUP BY tbl", (batch_id,)).fetchall())
    search_by_hand = sizes.get("members", 0) >= BULK_SEARCH_AT
    restored = 0
    later = _LaterChanges()
    with ExitStack() as deferring:
        for table in ("members", "member_tags"):
            deferring.enter_context(indexes_deferred(conn, table, sizes.get(table, 0)))
        if search_by_hand:
            deferring.enter_context(search_triggers_off(conn))
        for done, (table, pk_json, cols_json, before_json, after_json) in enumerate(entries, 1):
            changes = _entries(table, pk_json, cols_json, before_json, after_json)[::-1]
            if table in APPEND_ONLY:
                if not later.found:
                    _compensate(ctx, table, changes)
                restored += len(changes)
                if cancel:
                    cancel()
                if progress:
                    progress(done, len(entries))
                continue
            current = _current(conn, table, [pk for pk, _, _ in changes])
            if not later.found:
                later.check_dropped_members(conn, table, changes)
            later.check(table, changes, current)
            if later.found:
                pass  # counting only from here on: the transaction will be rolled back
            elif cols_json is None:
                _restore_row(ctx, table, *changes[0], current, search_by_hand=search_by_hand)
            else:
                _restore_chunk(ctx, table, changes, current, search_by_hand=search_by_hand)
            restored += len(changes)
            if cols_json is not None or done % 500 == 0 or done == len(entries):
                if cancel:  # the last check is before the commit: a late cancel still undoes nothing
                    cancel()
                if progress:
                    progress(done, len(entries))
    if later.found:
        raise later.error()
    conn.execute("UPDATE audit_batches SET undone_at = ? WHERE id = ?", (ctx.now, batch_id))
    if ctx.batch_id is not None:
        conn.execute("UPDATE audit_batches SET undo_of = ? WHERE id = ?", (batch_id, ctx.batch_id))
    return restored


def _restore_row(ctx: WriteContext, table: str, pk: list[Any], before: dict[str, Any] | None,
                 after: dict[str, Any] | None,
                 current: dict[tuple[Any, ...], dict[str, Any]], *,
                 search_by_hand: bool = False) -> None:
    conn = ctx.conn
    keys = PRIMARY_KEYS[table]
    where = " AND ".join(f"{k} = ?" for k in keys)
    now_row = current.get(tuple(pk))
    by_hand = search_by_hand and table == "members"
    if by_hand and now_row is not None:
        unindex_search(conn, pk)
    if before is None:
        conn.execute(f"DELETE FROM {table} WHERE {where}", pk)
    else:
        # An upsert, not INSERT OR REPLACE: REPLACE deletes first, which would cascade.
        conn.execute(_upsert_sql(table, list(before)), [before[c] for c in before])
        if by_hand:
            index_search(conn, pk)
    ctx.log(table, now_row, before)
    _note_change(ctx.changes, table, before or after or {}, added=before is not None)


def _restore_chunk(ctx: WriteContext, table: str, changes: list[Change],
                   current: dict[tuple[Any, ...], dict[str, Any]],
                   *, search_by_hand: bool = False) -> None:
    """A chunk's rows put back with a few statements: ``current`` (the rows now, read in one
    query by the caller), deletes and upserts each one ``executemany``; logged as a chunk
    again."""
    conn = ctx.conn
    keys = PRIMARY_KEYS[table]
    pks = [tuple(pk) for pk, _, _ in changes]
    by_hand = search_by_hand and table == "members"
    if by_hand:
        unindex_search(conn, [pk[0] for pk in current])
    deletes = [pk for pk, (_, before, _) in zip(pks, changes, strict=True) if before is None]
    if deletes:
        where = " AND ".join(f"{k} = ?" for k in keys)
        conn.executemany(f"DELETE FROM {table} WHERE {where}", deletes)
    shapes: dict[tuple[str, ...], list[list[Any]]] = {}
    for _, before, _ in changes:
        if before is not None:
            shapes.setdefault(tuple(before), []).append(list(before.values()))
    for cols, values in shapes.items():
        conn.executemany(_upsert_sql(table, list(cols)), values)
    if by_hand:
        index_search(conn, [pk[0] for pk, (_, before, _) in zip(pks, changes, strict=True)
                            if before is not None])
    # Logged back as chunks of one shape: what each row was (current) and is again (before).
    logged: dict[tuple[str, ...], tuple[list[Any], list[Any]]] = {}
    for pk, (_, before, after) in zip(pks, changes, strict=True):
        now_row = current.get(pk)
        shape = tuple(now_row or before or {})
        if before is not None and now_row is not None and tuple(before) != shape:
            now_row = {c: now_row.get(c) for c in before}
            shape = tuple(before)
        olds, news = logged.setdefault(shape, ([], []))
        olds.append(None if now_row is None else [now_row[c] for c in shape])
        news.append(None if before is None else [before[c] for c in shape])
        _note_change(ctx.changes, table, before or after or {}, added=before is not None)
    for shape, (olds, news) in logged.items():
        ctx.log_rows(table, shape, olds if any(o is not None for o in olds) else None,
                     news if any(n is not None for n in news) else None)


def _upsert_sql(table: str, cols: list[str]) -> str:
    keys = PRIMARY_KEYS[table]
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in keys)
    conflict = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    return (f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
            f"ON CONFLICT({', '.join(keys)}) {conflict}")


def _note_change(changes: Changes, table: str, row: dict[str, Any], *, added: bool) -> None:
    if table == "member_tags":
        (changes.tag_added if added else changes.tag_removed).setdefault(
            row["tag_id"], []).append(row["member_id"])
    elif table == "members":
        (changes.members if added else changes.members_deleted).add(row["id"])
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
