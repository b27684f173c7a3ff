"""A merge or delete of tags says which tags, in the history, in Chinese and in English."""

from __future__ import annotations

import asyncio

from siyu_desktop.domain import summaries
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace


def test_merge_and_delete_name_their_tags(workspace: Workspace) -> None:
    service = WorkspaceService(workspace)
    c = workspace.reader()
    a, b, t = c.execute("SELECT id, name FROM tags WHERE source = 'app' ORDER BY id "
                        "LIMIT 3").fetchall()
    _moved, merged = asyncio.run(service.merge_tags([a[0], b[0]], t[0]))
    _removed, deleted = asyncio.run(service.delete_tags([t[0]]))
    stored = dict(c.execute("SELECT id, summary FROM audit_batches WHERE id IN (?, ?)",
                            (merged, deleted)).fetchall())
    assert summaries.render(stored[merged]) == f"把 “{a[1]}”、“{b[1]}” 合并到“{t[1]}”"
    assert summaries.render(stored[deleted]) == f"删除 1 个标签：“{t[1]}”"
    english = {"把 {sources} 合并到“{target}”": 'Merged {sources} into "{target}"'}
    assert summaries.render(stored[merged], lambda s: english.get(s, s)).endswith(f'into "{t[1]}"')
