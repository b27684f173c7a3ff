"""Undo of an append-only table (store/audit.py ``APPEND_ONLY``) compensates: it appends reversing
entries in its own batch and deletes or overwrites nothing; undoing the undo appends the reversal
of the reversal. A small table made here stands in for the points ledger: triggers make any
DELETE or UPDATE on it fail, so the undo can only pass by appending."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from siyu_desktop.errors import ValidationError
from siyu_desktop.store import audit, members
from siyu_desktop.store.audit import WriteContext, rows_as_dicts
from siyu_desktop.store.db import Workspace

COLUMNS = ("id", "member_id", "amount", "reverses")


def _reverse(ctx: WriteContext, row: dict[str, Any]) -> dict[str, Any]:
    cur = ctx.conn.execute("INSERT INTO test_entries(member_id, amount, reverses) VALUES (?, ?, ?)",
                           (row["member_id"], -row["amount"], row["id"]))
    return rows_as_dicts(ctx.conn, "SELECT * FROM test_entries WHERE id = ?", (cur.lastrowid,))[0]


@pytest.fixture
def ledger(workspace: Workspace) -> Iterator[Workspace]:
    def create(ctx: WriteContext) -> None:
        ctx.conn.execute("CREATE TABLE test_entries (id INTEGER PRIMARY KEY, member_id INTEGER, "
                         "amount INTEGER NOT NULL, reverses INTEGER)")
        for what in ("DELETE", "UPDATE"):
            ctx.conn.execute(f"CREATE TRIGGER test_entries_no_{what.lower()} BEFORE {what} ON "
                             "test_entries BEGIN SELECT RAISE(ABORT, 'append-only'); END")
    workspace.write(create, audited=False)
    audit.register_append_only("test_entries", ("id",), _reverse)
    try:
        yield workspace
    finally:
        audit.unregister_append_only("test_entries")


def _entries(ws: Workspace) -> list[tuple[Any, ...]]:
    return ws.reader().execute(f"SELECT {', '.join(COLUMNS)} FROM test_entries ORDER BY id"
                               ).fetchall()


def _award(ctx: WriteContext, member_id: int, amounts: list[int], note: str) -> int:
    """One audited operation: entries (the first alone, the rest as a chunk) and a profile edit."""
    cur = ctx.conn.execute("INSERT INTO test_entries(member_id, amount) VALUES (?, ?)",
                           (member_id, amounts[0]))
    ctx.log("test_entries", None, dict(zip(COLUMNS, (cur.lastrowid, member_id, amounts[0], None),
                                           strict=True)))
    rows = []
    for amount in amounts[1:]:
        cur = ctx.conn.execute("INSERT INTO test_entries(member_id, amount) VALUES (?, ?)",
                               (member_id, amount))
        rows.append((cur.lastrowid, member_id, amount, None))
    ctx.log_rows("test_entries", COLUMNS, None, rows)
    members.update(ctx, member_id, {"note": note})
    return int(ctx.batch_id or 0)


def test_undo_appends_reversing_entries_and_deletes_nothing(ledger: Workspace) -> None:
    ws, member_id = ledger, 1
    note_before = ws.reader().execute("SELECT note FROM members WHERE id = ?",
                                      (member_id,)).fetchone()[0]
    batch = ws.write(_award, member_id, [10], "奖励", action="award")
    assert _entries(ws) == [(1, member_id, 10, None)]

    undo = ws.write(audit.undo_batch, batch, action="undo")
    assert undo == 2  # the entry and the member row
    assert _entries(ws) == [(1, member_id, 10, None), (2, member_id, -10, 1)]
    assert sum(e[2] for e in _entries(ws)) == 0
    assert ws.reader().execute("SELECT note FROM members WHERE id = ?",
                               (member_id,)).fetchone()[0] == note_before

    # The history shows the reversing entry as the undo's own, on the member.
    undo_batch = ws.reader().execute("SELECT id FROM audit_batches WHERE undo_of = ?",
                                     (batch,)).fetchone()[0]
    history = [e for e in audit.member_history(ws.reader(), member_id) if e.entity == "test_entries"]
    assert [(e.batch_id, e.before, e.after) for e in history] == [
        (undo_batch, None, {"id": 2, "member_id": member_id, "amount": -10, "reverses": 1}),
        (batch, None, {"id": 1, "member_id": member_id, "amount": 10, "reverses": None})]
    assert undo_batch in {b.id for b in audit.recent_batches(ws.reader())}

    # Undoing the undo appends again: the reversal of the reversal, not a delete.
    assert audit.undo_blocker(ws.reader(), undo_batch) is None
    ws.write(audit.undo_batch, undo_batch, action="undo")
    assert _entries(ws) == [(1, member_id, 10, None), (2, member_id, -10, 1),
                            (3, member_id, 10, 2)]
    assert ws.reader().execute("SELECT note FROM members WHERE id = ?",
                               (member_id,)).fetchone()[0] == "奖励"


def test_a_chunked_batch_is_compensated_entry_by_entry(ledger: Workspace) -> None:
    ws = ledger
    batch = ws.write(_award, 2, [5, 7, 11, 13], "多笔", action="award")
    ws.write(audit.undo_batch, batch, action="undo")
    entries = _entries(ws)
    assert len(entries) == 8 and sum(e[2] for e in entries) == 0
    assert sorted(e[3] for e in entries if e[3] is not None) == [1, 2, 3, 4]


def test_a_batch_that_edited_an_append_only_row_is_not_undone(ledger: Workspace) -> None:
    ws = ledger
    ws.write(_award, 3, [4], "x", action="award")

    def edit_logged(ctx: WriteContext) -> int:
        # As if something had edited an entry (the trigger stops a real edit): only logged.
        before = {"id": 1, "member_id": 3, "amount": 4, "reverses": None}
        ctx.log("test_entries", before, {**before, "amount": 5})
        return int(ctx.batch_id or 0)
    bad = ws.write(edit_logged, action="edit")
    blocker = audit.undo_blocker(ws.reader(), bad)
    assert blocker is not None and "只能追加" in blocker.message
    with pytest.raises(ValidationError, match="只能追加"):
        ws.write(audit.undo_batch, bad, action="undo")
    assert len(_entries(ws)) == 1
