"""Undo never overwrites a later change: an operation whose rows were changed again afterwards is
refused (nothing changes, it stays undoable), and becomes undoable again once the later operation
is undone. Covers row-by-row entries (profile edits) and chunked ones (bulk tagging)."""

from __future__ import annotations

from typing import Any

import pytest

from siyu_desktop.errors import ValidationError
from siyu_desktop.store import audit, members, tags
from siyu_desktop.store.db import Workspace


def _batch(ws: Workspace, fn: Any, *args: Any) -> int:
    """Run one audited write and return its batch id."""
    def run(ctx: audit.WriteContext) -> int:
        fn(ctx, *args)
        return int(ctx.batch_id or 0)
    return ws.write(run, action=fn.__name__)


def _member(ws: Workspace, member_id: int) -> tuple[Any, ...]:
    return ws.reader().execute("SELECT * FROM members WHERE id = ?", (member_id,)).fetchone()


def _level_note(ws: Workspace, member_id: int) -> tuple[int, str]:
    return ws.reader().execute("SELECT level, note FROM members WHERE id = ?",
                               (member_id,)).fetchone()


def _links(ws: Workspace, tag_id: int) -> set[int]:
    return {r[0] for r in ws.reader().execute(
        "SELECT member_id FROM member_tags WHERE tag_id = ?", (tag_id,))}


def _undone(ws: Workspace, batch_id: int) -> bool:
    return ws.reader().execute("SELECT undone_at FROM audit_batches WHERE id = ?",
                               (batch_id,)).fetchone()[0] is not None


def test_undo_of_an_edit_a_later_edit_overwrote_is_refused(workspace: Workspace) -> None:
    member_id = 1
    original = _level_note(workspace, member_id)
    level = original[0]
    a = _batch(workspace, members.update, member_id, {"note": "备注一"})
    b = _batch(workspace, members.update, member_id, {"level": (level + 1) % 5, "note": "备注二"})
    after_b = _member(workspace, member_id)

    with pytest.raises(ValidationError, match="有 1 位客户在这次操作之后又被修改过") as caught:
        workspace.write(audit.undo_batch, a, action="undo")
    assert caught.value.english.startswith("1 member was changed")
    assert _member(workspace, member_id) == after_b
    assert not _undone(workspace, a)
    blocker = audit.undo_blocker(workspace.reader(), a)
    assert blocker is not None and blocker.message == caught.value.message
    assert audit.undo_blocker(workspace.reader(), b) is None

    # Undo the later edit first: then the earlier one goes back cleanly.
    workspace.write(audit.undo_batch, b, action="undo")
    assert audit.undo_blocker(workspace.reader(), a) is None
    workspace.write(audit.undo_batch, a, action="undo")
    assert _level_note(workspace, member_id) == original


def test_undo_of_bulk_tagging_is_refused_after_a_later_untag(workspace: Workspace) -> None:
    tag_id = workspace.write(lambda ctx: tags.create_tag(ctx, 1, "撤销冲突测试"))
    targets = list(range(1, 11))
    a = _batch(workspace, tags.add_tag, tag_id, targets)
    b = _batch(workspace, tags.remove_tag, tag_id, [3])
    assert _links(workspace, tag_id) == set(targets) - {3}

    with pytest.raises(ValidationError, match="有 1 位客户"):
        workspace.write(audit.undo_batch, a, action="undo")
    assert _links(workspace, tag_id) == set(targets) - {3}
    assert not _undone(workspace, a)
    reason = audit.undo_blocker(workspace.reader(), a)
    assert reason is not None and "1 位客户" in reason.message

    workspace.write(audit.undo_batch, b, action="undo")
    workspace.write(audit.undo_batch, a, action="undo")
    assert _links(workspace, tag_id) == set()


def test_undo_of_an_untag_is_refused_once_the_tag_is_back(workspace: Workspace) -> None:
    """A link the operation deleted that is there again counts as a later change too."""
    tag_id = workspace.write(lambda ctx: tags.create_tag(ctx, 1, "撤销冲突测试"))
    _batch(workspace, tags.add_tag, tag_id, [1, 2, 3])
    a = _batch(workspace, tags.remove_tag, tag_id, [1, 2, 3])
    _batch(workspace, tags.add_tag, tag_id, [1, 2])
    with pytest.raises(ValidationError, match="有 2 位客户"):
        workspace.write(audit.undo_batch, a, action="undo")
    assert _links(workspace, tag_id) == {1, 2}


def test_a_later_change_the_undo_would_not_touch_does_not_block(workspace: Workspace) -> None:
    tag_id = workspace.write(lambda ctx: tags.create_tag(ctx, 1, "撤销冲突测试"))
    a = _batch(workspace, tags.add_tag, tag_id, [1, 2])
    _batch(workspace, members.update, 1, {"note": "别的修改"})
    _batch(workspace, tags.add_tag, tag_id, [5])
    workspace.write(audit.undo_batch, a, action="undo")
    assert _links(workspace, tag_id) == {5}
