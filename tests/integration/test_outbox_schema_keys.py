"""Migration v9 keeps every outbox row and adds the mass-send columns; keys of unaudited writes
come from the change they mirror, not from chance."""

from __future__ import annotations

import sqlite3
from typing import Any

from siyu_desktop.store import migrations
from siyu_desktop.store import outbox as store
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator

from .conftest_wecom import outbox_emu, synced_workspace  # noqa: F401


def test_v9_rebuilds_the_outbox_with_its_rows() -> None:
    conn = sqlite3.connect(":memory:")
    for statement in migrations._split(migrations.SCHEMA_V2):
        if "outbox" in statement:
            conn.execute(statement)
    migrations._v7(conn)
    conn.execute("INSERT INTO outbox(idempotency_key, kind, payload, status, created_at, "
                 "updated_at, retries) VALUES ('k', 'remark', '{}', 'failed', 1, 2, 3)")
    migrations._v9(conn)
    migrations._v9(conn)  # safe to run twice
    row = conn.execute("SELECT idempotency_key, status, retries, remote_id, not_before, "
                       "expires_at FROM outbox").fetchone()
    assert row == ("k", "failed", 3, None, None, None)
    conn.execute("UPDATE outbox SET status = 'waiting_confirm', remote_id = 'msg1'")
    conn.execute("INSERT INTO outbox_targets(item_id, target_id, status) VALUES (1, 'wr1', 'sent')")
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                          "AND tbl_name = 'outbox'")}
    assert {"outbox_status", "outbox_member", "outbox_remote"} <= indexes
    assert migrations.CURRENT_VERSION >= 9
    assert [v for v, _ in migrations.MIGRATIONS] == sorted(v for v, _ in migrations.MIGRATIONS)


def test_an_unaudited_change_is_keyed_by_what_it_mirrors(synced: Workspace,
                                                        emu: RunningEmulator) -> None:
    c = synced.reader()
    mid, sid = c.execute("SELECT f.member_id, f.staff_id FROM follows f JOIN members m ON "
                         "m.id = f.member_id WHERE m.external_userid IS NOT NULL").fetchone()

    def remark(text: str) -> Any:
        return lambda ctx: store.enqueue_remark(ctx, mid, sid, text)
    first = synced.write(remark("老客户"), audited=False)
    item = store.get(c, first)
    assert item.idempotency_key == f"remark:{mid}:{sid}:g0"
    synced.write(lambda ctx: store.mark_sent(ctx, first), audited=False)
    second = synced.write(remark("老客户2"), audited=False)
    assert store.get(c, second).idempotency_key == f"remark:{mid}:{sid}:g1"
    audited = synced.write(remark("老客户3"))
    assert store.get(c, audited).idempotency_key.startswith(f"remark:{mid}:{sid}:")
    assert store.get(c, second).status == "discarded"  # the later remark replaced it


def test_enqueue_needs_a_key(synced: Workspace) -> None:
    import pytest
    with pytest.raises(ValueError):
        synced.write(lambda ctx: store.enqueue(ctx, store.REMARK, "", {}))
