"""The store side of a WeCom sync, continued: groups with their rosters (differences between
syncs become join/leave events), daily group statistics (kept forever; WeCom keeps 180 days),
and the sync's own bookkeeping (runs, per-phase checkpoints)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..wecom.types import STAT_FIELDS, GroupChat, GroupDayStat
from .audit import WriteContext, rows_as_dicts
from .wecom_sync import ensure_staff, name_fields, select_in

DISMISSED = -1  # groups.status for a group WeCom no longer lists
FIRST_SIGHT_EVENTS = 30 * 86400  # a group seen for the first time: its recent joins are events


@dataclass
class GroupResult:
    added: bool = False
    changed: bool = False
    joins: int = 0
    leaves: int = 0
    roster_skipped: bool = False


def _members_for(ctx: WriteContext, chat: GroupChat, run: int) -> dict[str, int]:
    """Member ids of the group's external members; people in a group who are nobody's customer
    yet are still customers of the brand, so they get a member row."""
    conn = ctx.conn
    externals = [m for m in chat.member_list if m.type == 2]
    found = {r["external_userid"]: int(r["id"]) for r in select_in(
        conn, "SELECT id, external_userid FROM members WHERE external_userid IN ({})",
        sorted({m.userid for m in externals}))}
    for m in externals:
        if m.userid in found:
            continue
        values: dict[str, Any] = {"external_userid": m.userid, "name": m.name or m.userid[-6:],
                                  "unionid": m.unionid or None, "created_at": ctx.now,
                                  "updated_at": ctx.now, "wecom_synced_at": run}
        values.update(name_fields(values))
        cols = list(values)
        cur = conn.execute(f"INSERT INTO members({', '.join(cols)}) VALUES "
                           f"({','.join('?' * len(cols))})", [values[k] for k in cols])
        mid = int(cur.lastrowid or 0)
        ctx.log("members", None, rows_as_dicts(conn, "SELECT * FROM members WHERE id = ?",
                                               (mid,))[0])
        ctx.changes.members.add(mid)
        found[m.userid] = mid
    return found


def upsert_group(ctx: WriteContext, chat: GroupChat, status: int, run: int, *,
                 force_roster: bool = True) -> GroupResult:
    """One group and its roster. With ``force_roster`` False an unchanged ``member_version``
    skips the roster diff (incremental sync)."""
    conn, result = ctx.conn, GroupResult()
    staff_names = {m.userid: m.name for m in chat.member_list if m.type == 1 and m.name}
    staff_ids = ensure_staff(ctx, sorted({chat.owner, *[m.userid for m in chat.member_list
                                                        if m.type == 1]} - {""}), staff_names)
    rows = rows_as_dicts(conn, "SELECT * FROM groups WHERE chat_id = ?", (chat.chat_id,))
    before = rows[0] if rows else None
    values: dict[str, Any] = {
        "name": chat.name, "owner_staff_id": staff_ids.get(chat.owner), "notice": chat.notice,
        "status": status, "created_at": chat.create_time or None,
        "member_count": len(chat.member_list), "member_version": chat.member_version}
    if before is None:
        values.update(chat_id=chat.chat_id, updated_at=ctx.now, wecom_synced_at=run)
        cols = list(values)
        cur = conn.execute(f"INSERT INTO groups({', '.join(cols)}) VALUES "
                           f"({','.join('?' * len(cols))})", [values[k] for k in cols])
        gid = int(cur.lastrowid or 0)
        ctx.log("groups", None, rows_as_dicts(conn, "SELECT * FROM groups WHERE id = ?", (gid,))[0])
        result.added = True
    else:
        gid = int(before["id"])
        if (not force_roster and before["member_version"] == chat.member_version
                and before["wecom_synced_at"] is not None):
            result.roster_skipped = True
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if changed:
            changed["updated_at"] = ctx.now
            conn.execute(f"UPDATE groups SET {', '.join(f'{k} = ?' for k in changed)} "
                         "WHERE id = ?", [*changed.values(), gid])
            ctx.log("groups", before, {**before, **changed})
            result.changed = True
        conn.execute("UPDATE groups SET wecom_synced_at = ? WHERE id = ?", (run, gid))
    if not result.roster_skipped:
        _sync_roster(ctx, gid, chat, staff_ids, run, first_sight=before is None, result=result)
    if result.added or result.changed or result.joins or result.leaves:
        ctx.changes.groups_changed = True
    return result


def _sync_roster(ctx: WriteContext, gid: int, chat: GroupChat, staff_ids: dict[str, int],
                 run: int, *, first_sight: bool, result: GroupResult) -> None:
    conn = ctx.conn
    member_ids = _members_for(ctx, chat, run)
    current = {("s", r["staff_id"]) if r["staff_id"] is not None else ("m", r["member_id"]): r
               for r in rows_as_dicts(conn, "SELECT * FROM roster WHERE group_id = ?", (gid,))}
    seen: set[tuple[str, int]] = set()
    for m in chat.member_list:
        is_staff = m.type == 1
        ident = staff_ids.get(m.userid) if is_staff else member_ids.get(m.userid)
        if ident is None:
            continue
        key = ("s" if is_staff else "m", ident)
        seen.add(key)
        values: dict[str, Any] = {
            "name": m.name, "join_time": m.join_time or None, "join_scene": m.join_scene,
            "inviter": m.invitor, "group_nickname": m.group_nickname}
        before = current.get(key)
        if before is None:
            values.update(group_id=gid, member_id=None if is_staff else ident,
                          staff_id=ident if is_staff else None)
            cols = list(values)
            cur = conn.execute(f"INSERT INTO roster({', '.join(cols)}) VALUES "
                               f"({','.join('?' * len(cols))})", [values[k] for k in cols])
            ctx.log("roster", None, {"id": cur.lastrowid, **values})
            if not first_sight or (m.join_time and m.join_time >= ctx.now - FIRST_SIGHT_EVENTS):
                conn.execute("INSERT INTO roster_events(group_id, member_id, staff_id, name, kind, "
                             "at, scene) VALUES (?, ?, ?, ?, 'join', ?, ?)",
                             (gid, values["member_id"], values["staff_id"], m.name,
                              m.join_time or ctx.now, m.join_scene))
                result.joins += 1
        else:
            changed = {k: v for k, v in values.items() if before.get(k) != v}
            if changed:
                conn.execute(f"UPDATE roster SET {', '.join(f'{k} = ?' for k in changed)} "
                             "WHERE id = ?", [*changed.values(), before["id"]])
                ctx.log("roster", before, {**before, **changed})
    for key, row in current.items():
        if key in seen:
            continue
        conn.execute("DELETE FROM roster WHERE id = ?", (row["id"],))
        ctx.log("roster", row, None)
        # WeCom keeps no leave history: the leave happened between the two syncs.
        conn.execute("INSERT INTO roster_events(group_id, member_id, staff_id, name, kind, at) "
                     "VALUES (?, ?, ?, ?, 'leave', ?)",
                     (gid, row["member_id"], row["staff_id"], row["name"], ctx.now))
        result.leaves += 1


def mark_dismissed(ctx: WriteContext, listed: set[str]) -> int:
    """Groups a sync saw before that WeCom no longer lists: dismissed. Kept with their history."""
    n = 0
    for row in rows_as_dicts(ctx.conn, "SELECT * FROM groups WHERE wecom_synced_at IS NOT NULL "
                                       "AND status != ?", (DISMISSED,)):
        if row["chat_id"] not in listed:
            ctx.conn.execute("UPDATE groups SET status = ?, updated_at = ? WHERE id = ?",
                             (DISMISSED, ctx.now, row["id"]))
            ctx.log("groups", row, {**row, "status": DISMISSED, "updated_at": ctx.now})
            ctx.changes.groups_changed = True
            n += 1
    return n


def synced_chat_ids(conn: sqlite3.Connection, run: int) -> set[str]:
    """Groups this run already wrote: a resumed run skips them."""
    return {r[0] for r in conn.execute("SELECT chat_id FROM groups WHERE wecom_synced_at >= ?",
                                       (run,))}


# -- daily statistics --------------------------------------------------------------------------
def save_stats(ctx: WriteContext, owner: str, items: Sequence[GroupDayStat]) -> int:
    cols = ", ".join(STAT_FIELDS)
    updates = ", ".join(f"{f} = excluded.{f}" for f in STAT_FIELDS)
    ctx.conn.executemany(
        f"INSERT INTO group_daily_stats(owner, day, {cols}, fetched_at) VALUES "
        f"(?, ?, {', '.join('?' * len(STAT_FIELDS))}, ?) ON CONFLICT(owner, day) DO UPDATE SET "
        f"{updates}, fetched_at = excluded.fetched_at",
        [(owner, s.stat_time, *[s.data.get(f, 0) for f in STAT_FIELDS], ctx.now) for s in items])
    return len(items)


def last_stat_day(conn: sqlite3.Connection, owner: str) -> int | None:
    row = conn.execute("SELECT max(day) FROM group_daily_stats WHERE owner = ?", (owner,)).fetchone()
    return int(row[0]) if row and row[0] is not None else None


# -- runs and checkpoints ----------------------------------------------------------------------
def get_state(conn: sqlite3.Connection, phase: str) -> dict[str, Any] | None:
    rows = rows_as_dicts(conn, "SELECT * FROM sync_state WHERE phase = ?", (phase,))
    if not rows:
        return None
    row = rows[0]
    row["checkpoint"] = json.loads(row["checkpoint"]) if row["checkpoint"] else {}
    return row


def set_state(ctx: WriteContext, phase: str, run: int | None, checkpoint: dict[str, Any] | None,
              done: int = 0, total: int = 0, finished: bool = False) -> None:
    ctx.conn.execute(
        "INSERT INTO sync_state(phase, run_started_at, checkpoint, done, total, finished_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(phase) DO UPDATE SET "
        "run_started_at = excluded.run_started_at, checkpoint = excluded.checkpoint, "
        "done = excluded.done, total = excluded.total, finished_at = excluded.finished_at, "
        "updated_at = excluded.updated_at",
        (phase, run, json.dumps(checkpoint or {}, ensure_ascii=False), done, total,
         ctx.now if finished else None, ctx.now))


def start_run(ctx: WriteContext, mode: str, started_at: int) -> int:
    # A run still "running" here was killed with its process; say so in the history.
    ctx.conn.execute("UPDATE sync_runs SET status = 'cancelled', error = '程序被中断' "
                     "WHERE status = 'running'")
    cur = ctx.conn.execute("INSERT INTO sync_runs(mode, started_at) VALUES (?, ?)",
                           (mode, started_at))
    return int(cur.lastrowid or 0)


def finish_run(ctx: WriteContext, run_id: int, status: str, error: str = "",
               counts: dict[str, int] | None = None) -> None:
    ctx.conn.execute("UPDATE sync_runs SET finished_at = ?, status = ?, error = ?, counts = ? "
                     "WHERE id = ?", (ctx.now, status, error,
                                      json.dumps(counts or {}, ensure_ascii=False), run_id))


def last_run(conn: sqlite3.Connection, mode: str | None = None,
             status: str = "done") -> dict[str, Any] | None:
    sql = "SELECT * FROM sync_runs WHERE status = ?"
    params: list[Any] = [status]
    if mode:
        sql += " AND mode = ?"
        params.append(mode)
    rows = rows_as_dicts(conn, sql + " ORDER BY id DESC LIMIT 1", params)
    return rows[0] if rows else None
