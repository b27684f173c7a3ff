"""The channel list (渠道) of a workspace, kept as JSON under one key of the ``settings`` table,
and the member rows that follow it (``members.channel`` always holds a channel code).

A workspace without the key uses ``domain.channels.DEFAULT_CHANNELS``. Writes through a
``WriteContext`` are audited like any other row, so an undo (of a merge, of an import that
brought a new channel) puts the list back with the members.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Mapping

from ..domain.channels import DEFAULT_CHANNELS, ChannelList
from ..errors import ValidationError
from .audit import WriteContext

log = logging.getLogger(__name__)
SETTING = "channels"
# Past this many members moved, the in-memory index is rebuilt rather than patched.
FULL_REBUILD_AT = 20_000


def _row(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SETTING,)).fetchone()
    return None if row is None else str(row[0])


def load(conn: sqlite3.Connection) -> ChannelList:
    """The workspace's list; the default one when none was saved (or it cannot be read)."""
    text = _row(conn)
    if text is None:
        return DEFAULT_CHANNELS
    try:
        return ChannelList.from_json(json.loads(text))
    except (ValueError, ValidationError):
        log.warning("unreadable channel list in settings; using the default one")
        return DEFAULT_CHANNELS


def _dump(channels: ChannelList) -> str:
    return json.dumps(channels.to_json(), ensure_ascii=False)


def save(ctx: WriteContext, channels: ChannelList) -> bool:
    """Write the list in the caller's transaction (audited); False if it was already so."""
    before = _row(ctx.conn)
    after = _dump(channels)
    if before == after or (before is None and channels == DEFAULT_CHANNELS):
        return False
    ctx.conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = excluded.value", (SETTING, after))
    ctx.log("settings", None if before is None else {"key": SETTING, "value": before},
            {"key": SETTING, "value": after})
    ctx.changes.channels_changed = True
    return True


def used_codes(conn: sqlite3.Connection) -> dict[str, int]:
    """Members per channel value, read from the table (a scan: for migrations and tests; the
    screens count from the member index)."""
    return {str(v): int(n) for v, n in conn.execute(
        "SELECT channel, count(*) FROM members WHERE channel != '' GROUP BY channel")}


def recode_members(ctx: WriteContext, mapping: Mapping[str, str]) -> int:
    """Members whose channel is a key of ``mapping`` get its value, one UPDATE per value;
    audited per member (id and channel), so an undo moves them back. Returns members moved."""
    conn, moved = ctx.conn, 0
    touched: list[int] = []
    for old, new in mapping.items():
        if old == new:
            continue
        ids = [r[0] for r in conn.execute("SELECT id FROM members WHERE channel = ? ORDER BY id",
                                          (old,))]
        if not ids:
            continue
        conn.execute("UPDATE members SET channel = ? WHERE channel = ?", (new, old))
        ctx.log_rows("members", ("id", "channel"), [(i, old) for i in ids],
                     [(i, new) for i in ids])
        moved += len(ids)
        if moved < FULL_REBUILD_AT:
            touched.extend(ids)
    if moved >= FULL_REBUILD_AT:
        ctx.changes.full_rebuild = True
    else:
        ctx.changes.members.update(touched)
    return moved


def adopt_member_values(conn: sqlite3.Connection) -> int:
    """For a workspace from before the list (a migration step; not audited): every free-text
    channel the list resolves becomes its code, every other text becomes a channel of its own.
    One UPDATE per distinct value that changes; running it again changes nothing. Returns the
    members recoded."""
    values = [str(r[0]) for r in conn.execute(
        "SELECT DISTINCT channel FROM members WHERE channel != ''")]
    current = load(conn)
    grown, mapping = current.adopting(sorted(values))
    moved = 0
    for old, new in mapping.items():
        if old != new:
            moved += conn.execute("UPDATE members SET channel = ? WHERE channel = ?",
                                  (new, old)).rowcount
    if grown != current:
        conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = excluded.value", (SETTING, _dump(grown)))
    if moved:
        # A member index cached beside the file was built from the old values: bump the
        # data version so the next open rebuilds it.
        row = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        conn.execute("INSERT INTO meta(key, value) VALUES ('data_version', ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = excluded.value", (str(int(row[0]) + 1 if row else 1),))
    return moved


def touched_by(conn: sqlite3.Connection, batch_id: int) -> bool:
    """Whether an audit batch changed the channel list (its undo then changes it back)."""
    return conn.execute("SELECT 1 FROM audit WHERE batch_id = ? AND tbl = 'settings' LIMIT 1",
                        (batch_id,)).fetchone() is not None
