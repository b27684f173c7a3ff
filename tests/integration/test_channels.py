"""The channel list over a real demo workspace: an import maps channel texts to codes (and adds
unknown ones), the filter lists each channel once, an export writes names that import back
unchanged, old workspaces are migrated, merges and edits are undoable."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from siyu_desktop.domain import summaries
from siyu_desktop.errors import ValidationError
from siyu_desktop.services.exporter import Exporter
from siyu_desktop.services.importer import Importer
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import channels as channel_store
from siyu_desktop.store.db import Workspace

run = asyncio.run
ROWS = [("包裹卡", 2), ("直播间", 3), ("抖音", 2), ("package_card", 1), ("直播", 1)]


def channel_file(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["客户名称", "手机号", "渠道"])
    n = 0
    for text, count in ROWS:
        for _ in range(count):
            n += 1
            sheet.append([f"渠道测试{n}", f"1390000{n:04d}", text])
    book.save(path)
    return path


def channel_of_phones(ws: Workspace) -> dict[str, str]:
    return dict(ws.reader().execute(
        "SELECT phone, channel FROM members WHERE phone LIKE '1390000%'").fetchall())


def test_import_maps_texts_to_codes_and_the_round_trip_is_unchanged(
        service: WorkspaceService, workspace: Workspace, tmp_path: Path) -> None:
    importer = Importer(service)
    preview = run(importer.preview(channel_file(tmp_path / "in.xlsx")))
    lines = "\n".join(preview.summary_lines())
    assert "直播间 → 直播（3 行）" in lines
    assert "抖音 → 新渠道「抖音」（2 行）" in lines
    assert "package_card → 包裹卡（1 行）" in lines
    assert preview.plan.new_channels == ("抖音",)

    outcome = run(importer.commit(preview))
    assert outcome.inserted == 9
    stored = channel_of_phones(workspace)
    assert sorted(set(stored.values())) == ["live_stream", "package_card", "抖音"]
    assert sum(1 for c in stored.values() if c == "live_stream") == 4

    filter_choices = run(service.channels())
    names = [name for _, name, _ in filter_choices]
    assert len(names) == len(set(names)) and "直播间" not in names
    assert ("抖音", "抖音", 2) in filter_choices
    counts = channel_store.used_codes(workspace.reader())
    assert {code: n for code, _, n in filter_choices} == counts

    out = tmp_path / "out.xlsx"
    run(Exporter(service).export(None, out))
    sheet = openpyxl.load_workbook(out, read_only=True).active
    rows = sheet.iter_rows(values_only=True)
    col = list(next(rows)).index("渠道")
    written = {r[col] for r in rows} - {None, ""}
    assert "抖音" in written and "包裹卡" in written and "直播" in written
    assert not written & {"package_card", "live_stream", "sms", "直播间"}

    again = run(importer.preview(out))
    assert (again.new, again.updated, again.rejected) == (0, 0, 0)
    assert again.plan.new_channels == () and not again.plan.updates

    run(service.undo(outcome.batch_id))  # the import's new channel goes with it
    assert run(service.channel_list()).get("抖音") is None
    assert channel_of_phones(workspace) == {}


def test_merge_moves_members_and_undo_puts_them_back(service: WorkspaceService,
                                                     workspace: Workspace) -> None:
    before = channel_store.used_codes(workspace.reader())
    moved, batch = run(service.merge_channels("sms", "ai_call"))
    assert moved == before["sms"] > 0
    after = channel_store.used_codes(workspace.reader())
    assert "sms" not in after and after["ai_call"] == before["ai_call"] + before["sms"]
    merged = run(service.channel_list())
    assert merged.resolve("短信") == "ai_call" and "sms" not in merged
    assert dict((c, n) for c, _, n in run(service.channels()))["ai_call"] == after["ai_call"]
    summary = summaries.render(run(service.recent_batches(1))[0].summary)
    assert summary == f"合并渠道「短信」到「AI外呼」（{moved:,} 位客户）"

    run(service.undo(batch))
    assert channel_store.used_codes(workspace.reader()) == before
    restored = run(service.channel_list())
    assert restored.resolve("短信") == "sms"
    assert dict((c, n) for c, _, n in run(service.channels()))["sms"] == before["sms"]


def test_edits_are_saved_validated_and_a_used_channel_cannot_be_deleted(
        service: WorkspaceService) -> None:
    listed = run(service.channel_list())
    changed, batch = run(service.save_channels(
        listed.edited("live_stream", aliases=("直播间", "快手直播"))))
    assert changed and batch
    assert run(service.channel_list()).resolve("快手直播") == "live_stream"
    assert run(service.save_channels(run(service.channel_list())))[0] is False
    with pytest.raises(ValidationError, match="不能删除"):
        run(service.save_channels(run(service.channel_list()).without("sms")))
    run(service.undo(batch))
    assert run(service.channel_list()).resolve("快手直播") is None


def test_migration_recodes_free_text_once(demo_path: Path) -> None:
    """A workspace from before the list (v3) whose members carry imported texts."""
    with Workspace.open(demo_path) as ws:  # leaves a cached member index beside the file
        ids = [r[0] for r in ws.reader().execute("SELECT id FROM members ORDER BY id LIMIT 40")]
    conn = sqlite3.connect(demo_path)
    texts = ["直播间", "快递卡", "抖音", " 包裹卡 ", "sms"]
    for i, member_id in enumerate(ids):
        conn.execute("UPDATE members SET channel = ? WHERE id = ?", (texts[i % 5], member_id))
    conn.execute("DELETE FROM settings WHERE key = 'channels'")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()

    with Workspace.open(demo_path) as ws:
        service = WorkspaceService(ws)
        got = dict(ws.reader().execute(
            f"SELECT id, channel FROM members WHERE id IN ({','.join(map(str, ids))})"))
        expected = ["live_stream", "package_card", "抖音", "package_card", "sms"]
        assert [got[m] for m in ids] == [expected[i % 5] for i in range(len(ids))]
        assert run(service.channel_list()).get("抖音") is not None
        # the index cached before the migration was rebuilt: counts match the table
        counts = channel_store.used_codes(ws.reader())
        assert {c: n for c, _, n in run(service.channels())} == counts
        assert ws.write(lambda ctx: channel_store.adopt_member_values(ctx.conn),
                        audited=False) == 0  # idempotent
