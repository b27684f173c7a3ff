"""The store side of a WeCom sync, continued: groups with their rosters (differences between
syncs become join/leave events), daily group statistics (kept forever; WeCom keeps 180 days),
and the sync's own bookkeeping (runs, per-phase checkpoints)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.wecom_records import (
    STAT_FIELDS,
    GroupChat,
    GroupChatRef,
    GroupDayStat,
    GroupMember,
)
from .audit import WriteContext, rows_as_dicts
from .bulk import insert_members, insert_rows, next_id, query_in, update_rows
from .wecom_sync import drop_unseen_follows, ensure_staff, name_fields

DISMISSED = -1  # groups.status for a group WeCom no longer lists
FIRST_SIGHT_EVENTS = 30 * 86400  # a group seen for the first time: its recent joins are events


@dataclass
class GroupResult:
    added: bool = False
    changed: bool = False
    joins: int = 0
    leaves: int = 0
    roster_skipped: bool = False
    members_added: int = 0  # people in its roster nobody had added, met here first


def _members_for(ctx: WriteContext, chats: Sequence[GroupChat], run: int
                 ) -> tuple[dict[str, int], set[str]]:
    """Member ids of the groups' external members; people in a group who are nobody's customer
    yet are still customers of the brand, so they get a member row (a full sync writes groups
    after every customer page, so these are only the people no staff member has added)."""
    externals: dict[str, GroupMember] = {}
    for chat in chats:
        for m in chat.member_list:
            if m.type == 2:
                externals.setdefault(m.userid, m)
    found = {ext: int(mid) for mid, ext in query_in(
        ctx.conn, "SELECT id, external_userid FROM members WHERE external_userid IN ({})",
        sorted(externals))[1]}
    new: list[dict[str, Any]] = []
    for ext in sorted(set(externals) - set(found)):
        m = externals[ext]
        values: dict[str, Any] = {"external_userid": ext, "name": m.name or ext[-6:],
                                  "unionid": m.unionid or None, "created_at": ctx.now,
                                  "updated_at": ctx.now, "wecom_synced_at": run}
        values.update(name_fields(values))
        new.append(values)
    for values, mid in zip(new, insert_members(ctx, new), strict=True):
        found[values["external_userid"]] = mid
    return found, {v["external_userid"] for v in new}


GROUP_VALUES = ("name", "owner_staff_id", "notice", "status", "created_at", "member_count",
                "member_version")
ROSTER = ("id", "group_id", "member_id", "staff_id", "name", "join_time", "join_scene",
          "inviter", "group_nickname")
EVENT = ("group_id", "member_id", "staff_id", "name", "kind", "at", "scene")


def upsert_groups(ctx: WriteContext, chats: Sequence[tuple[GroupChat, int]], run: int, *,
                  force_roster: bool = True) -> list[GroupResult]:
    """Groups (with their list status) and their rosters, in a few statements. With
    ``force_roster`` False an unchanged ``member_version`` skips the roster diff (incremental)."""
    conn = ctx.conn
    results = [GroupResult() for _ in chats]
    if not chats:
        return results
    staff_names = {m.userid: m.name for chat, _ in chats for m in chat.member_list
                   if m.type == 1 and m.name}
    staff_ids = ensure_staff(ctx, sorted({u for chat, _ in chats for u in (
        chat.owner, *[m.userid for m in chat.member_list if m.type == 1])} - {""}), staff_names)
    cols, rows = query_in(conn, "SELECT * FROM groups WHERE chat_id IN ({})",
                          [chat.chat_id for chat, _ in chats])
    at = {c: i for i, c in enumerate(cols)}
    existing = {r[at["chat_id"]]: r for r in rows}
    first = next_id(conn, "groups")
    inserts: list[tuple[Any, ...]] = []
    updates: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    group_ids: list[int] = []
    for (chat, status), result in zip(chats, results, strict=True):
        values: dict[str, Any] = {
            "name": chat.name, "owner_staff_id": staff_ids.get(chat.owner), "notice": chat.notice,
            "status": status, "created_at": chat.create_time or None,
            "member_count": len(chat.member_list), "member_version": chat.member_version}
        before = existing.get(chat.chat_id)
        if before is None:
            gid = first + len(inserts)
            inserts.append((gid, chat.chat_id, *values.values(), ctx.now, run))
            result.added = True
        else:
            gid = int(before[0])
            if (not force_roster and before[at["member_version"]] == chat.member_version
                    and before[at["wecom_synced_at"]] is not None):
                result.roster_skipped = True
            changed = {k: v for k, v in values.items() if before[at[k]] != v}
            if changed:
                updates.append((before, {**changed, "updated_at": ctx.now}))
                result.changed = True
        group_ids.append(gid)
    insert_rows(ctx, "groups", ("id", "chat_id", *GROUP_VALUES, "updated_at", "wecom_synced_at"),
                inserts)
    if inserts:
        cur = conn.execute("SELECT * FROM groups WHERE id >= ? ORDER BY id", (first,))
        ctx.log_rows("groups", [d[0] for d in cur.description], None, cur.fetchall())
    update_rows(ctx, "groups", cols, updates)
    conn.executemany("UPDATE groups SET wecom_synced_at = ? WHERE id = ?",
                     [(run, int(r[0])) for r in existing.values()])
    todo = [i for i, r in enumerate(results) if not r.roster_skipped]
    _sync_rosters(ctx, [(group_ids[i], chats[i][0], results[i]) for i in todo], staff_ids, run)
    if any(r.added or r.changed or r.joins or r.leaves for r in results):
        ctx.changes.groups_changed = True
    return results


def _sync_rosters(ctx: WriteContext, groups: Sequence[tuple[int, GroupChat, GroupResult]],
                  staff_ids: dict[str, int], run: int) -> None:
    """Roster differences become join and leave events (WeCom keeps no leave history: a leave
    happened between the two syncs). A group seen for the first time turns only its recent
    joins into events."""
    if not groups:
        return
    conn = ctx.conn
    member_ids, created = _members_for(ctx, [chat for _, chat, _ in groups], run)
    gids = [gid for gid, _, _ in groups]
    # Two queries, one per partial index: there is no plain index on roster(group_id).
    current: dict[tuple[int, str, int], tuple[Any, ...]] = {}
    for r in query_in(conn, "SELECT * FROM roster WHERE group_id IN ({}) AND member_id IS NOT "
                            "NULL", gids)[1]:
        current[(r[1], "m", r[2])] = r
    for r in query_in(conn, "SELECT * FROM roster WHERE group_id IN ({}) AND staff_id IS NOT "
                            "NULL", gids)[1]:
        current[(r[1], "s", r[3])] = r
    first = next_id(conn, "roster")
    inserts: list[tuple[Any, ...]] = []
    updates: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    events: list[tuple[Any, ...]] = []
    seen: set[tuple[int, str, int]] = set()
    new_groups = {gid for gid, _, r in groups if r.added}
    for gid, chat, result in groups:
        for m in chat.member_list:
            is_staff = m.type == 1
            ident = staff_ids.get(m.userid) if is_staff else member_ids.get(m.userid)
            if ident is None:
                continue
            key = (gid, "s" if is_staff else "m", ident)
            if key in seen:
                continue
            seen.add(key)
            if m.userid in created:
                created.discard(m.userid)
                result.members_added += 1
            values = {"name": m.name, "join_time": m.join_time or None,
                      "join_scene": m.join_scene, "inviter": m.invitor,
                      "group_nickname": m.group_nickname}
            before = current.get(key)
            if before is None:
                member, staff = (None, ident) if is_staff else (ident, None)
                inserts.append((first + len(inserts), gid, member, staff, *values.values()))
                if gid not in new_groups or (m.join_time and
                                             m.join_time >= ctx.now - FIRST_SIGHT_EVENTS):
                    events.append((gid, member, staff, m.name, "join", m.join_time or ctx.now,
                                   m.join_scene))
                    result.joins += 1
            else:
                changed = {k: v for k, v in values.items() if before[ROSTER.index(k)] != v}
                if changed:
                    updates.append((before, changed))
    results = {gid: result for gid, _, result in groups}
    gone = sorted(r for key, r in current.items() if key not in seen)
    for r in gone:
        events.append((r[1], r[2], r[3], r[4], "leave", ctx.now, None))
        results[r[1]].leaves += 1
    insert_rows(ctx, "roster", ROSTER, inserts)
    ctx.log_rows("roster", ROSTER, None, inserts)
    update_rows(ctx, "roster", ROSTER, updates)
    conn.executemany("DELETE FROM roster WHERE id = ?", [(r[0],) for r in gone])
    ctx.log_rows("roster", ROSTER, gone, None)
    insert_rows(ctx, "roster_events", EVENT, events)


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


def drop_stale(ctx: WriteContext, run: int, run_key: str) -> dict[str, int]:
    """The end of a full run (marker ``run``, its state under ``run_key``): what WeCom no longer
    lists goes, audited as the sync. Relationships (with their tags, moving ``member_tags`` by
    the rule in ``domain/tag_links.py``) of any staff member that this run did not see, above
    all those of staff who left, whose customers went to a colleague; and roster rows of staff
    who left, also in groups no longer listed (a listed group's roster is diffed when read).
    Only for the phases the run completed: a phase that failed proves nothing gone."""
    state = get_state(ctx.conn, run_key)
    if state is None or state["run_started_at"] != run or state["finished_at"] is None:
        return {}
    done = set(state["checkpoint"].get("phases_done", []))
    counts: dict[str, int] = {}
    if "members" in done:
        stale = [int(r[0]) for r in ctx.conn.execute(
            "SELECT DISTINCT staff_id FROM follows WHERE wecom_synced_at IS NOT NULL AND "
            "wecom_synced_at < ? ORDER BY staff_id", (run,))]
        if stale:
            counts["follows_removed"] = drop_unseen_follows(ctx, stale, run)
    if "groups" in done:
        cur = ctx.conn.execute(
            f"SELECT {', '.join(ROSTER)} FROM roster WHERE staff_id IN (SELECT id FROM staff "
            "WHERE departed_at IS NOT NULL) ORDER BY id")
        gone = cur.fetchall()
        if gone:
            ctx.conn.executemany("DELETE FROM roster WHERE id = ?", [(r[0],) for r in gone])
            ctx.log_rows("roster", ROSTER, gone, None)
            ctx.changes.groups_changed = True
            counts["roster_removed"] = len(gone)
    return counts


def groups_to_read(conn: sqlite3.Connection, refs: Sequence[GroupChatRef],
                   rolling_cycle: int) -> list[GroupChatRef]:
    """The groups an incremental sync reads with ``groupchat/get``: those the list shows as new
    or with another status than we have, plus the 1/``rolling_cycle`` of the others read
    longest ago (``wecom_synced_at`` is when a group was last read), so that between two full
    reconciliations every roster is still read now and then."""
    known = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT chat_id, status, wecom_synced_at FROM groups")}
    changed: list[GroupChatRef] = []
    others: list[GroupChatRef] = []
    for ref in refs:
        status, read = known.get(ref.chat_id, (None, None))
        (changed if status != ref.status or read is None else others).append(ref)
    others.sort(key=lambda r: (known[r.chat_id][1], r.chat_id))
    share = -(-len(refs) // rolling_cycle) if rolling_cycle > 0 else 0
    return sorted(changed + others[:share], key=lambda r: r.chat_id)


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


def latest_run(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The newest sync run whatever became of it (done, failed, cancelled, or still marked
    running: a run the process died in, or the one under way)."""
    rows = rows_as_dicts(conn, "SELECT * FROM sync_runs ORDER BY id DESC LIMIT 1")
    return rows[0] if rows else None


def last_run(conn: sqlite3.Connection, mode: str | None = None,
             status: str = "done") -> dict[str, Any] | None:
    sql = "SELECT * FROM sync_runs WHERE status = ?"
    params: list[Any] = [status]
    if mode:
        sql += " AND mode = ?"
        params.append(mode)
    rows = rows_as_dicts(conn, sql + " ORDER BY id DESC LIMIT 1", params)
    return rows[0] if rows else None


def freshness(conn: sqlite3.Connection) -> dict[str, int | None]:
    """How many WeCom customers and groups the workspace has and when the one read longest ago
    was read (the run marker; None when none was ever read)."""
    c = conn.execute("SELECT count(*), min(wecom_synced_at) FROM members "
                     "WHERE external_userid IS NOT NULL").fetchone()
    g = conn.execute("SELECT count(*), min(wecom_synced_at) FROM groups "
                     "WHERE chat_id IS NOT NULL AND status IS NOT ?", (DISMISSED,)).fetchone()
    return {"customers": int(c[0]), "customers_oldest": c[1],
            "groups": int(g[0]), "groups_oldest": g[1]}
