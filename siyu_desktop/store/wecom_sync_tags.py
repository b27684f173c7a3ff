"""The store side of a WeCom sync: the corp tag library (see ``wecom_sync`` for the rules).

A WeCom tag never silently takes over a local tag or group of the same name: a local tag's
members are the operator's, and a sync must not touch them. Renames and deletions still waiting
in the outbox are laid over the library, so a sync never undoes an unsent edit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from ..domain.wecom_records import CorpTagGroup
from .audit import WriteContext, rows_as_dicts
from .outbox_tags import live_deletions, live_renames

_DIMENSION_WORDS = (("渠道", "channel"), ("来源", "channel"), ("兴趣", "interest"),
                    ("偏好", "preference"), ("购买", "behaviour"), ("行为", "behaviour"),
                    ("活跃", "behaviour"))


def _dimension(name: str) -> str:
    return next((d for word, d in _DIMENSION_WORDS if word in name), "basic")


def _free_name(conn: sqlite3.Connection, sql: str, params: Sequence[Any], name: str) -> str:
    """``name``, or ``name（企业微信）`` (numbered) when a local row already uses it: a WeCom tag
    never silently takes over a local one, whose members a sync must not touch."""
    candidate, n = name, 1
    while conn.execute(sql, [*params, candidate]).fetchone():
        candidate = f"{name}（企业微信）" if n == 1 else f"{name}（企业微信{n}）"
        n += 1
    return candidate


def sync_tag_library(ctx: WriteContext, library: Sequence[CorpTagGroup], run: int) -> int:
    """Mirror the complete corp tag library. New tags are marked ``admin`` (read-only): the API
    does not say who made a tag, and only tags this app created (outbox ``add_corp_tag``, which
    records them as ``app``) are known to be ours. Returns rows changed."""
    conn, changed = ctx.conn, 0
    seen_groups: set[str] = set()
    seen_tags: set[str] = set()
    renaming_tags, renaming_groups = live_renames(conn)
    deleting_tags, deleting_groups = live_deletions(conn)
    for group in library:
        if group.deleted or group.group_id in deleting_groups:
            continue
        rows = rows_as_dicts(conn, "SELECT * FROM tag_groups WHERE wecom_group_id = ?",
                             (group.group_id,))
        if not rows and group.tags and all(t.id in deleting_tags for t in group.tags):
            continue  # deleted here with all its tags; WeCom drops it when they go
        seen_groups.add(group.group_id)
        if rows:
            before = rows[0]
            gid = int(before["id"])
            updates: dict[str, Any] = {}
            if group.group_name != before["name"] and gid not in renaming_groups and not \
                    before["name"].startswith(f"{group.group_name}（企业微信"):
                updates["name"] = _free_name(conn, "SELECT 1 FROM tag_groups WHERE id != ? AND "
                                             "name = ?", [gid], group.group_name)
            if group.order != before["sort_order"]:
                updates["sort_order"] = group.order
            if updates:
                conn.execute(f"UPDATE tag_groups SET {', '.join(f'{k} = ?' for k in updates)} "
                             "WHERE id = ?", [*updates.values(), gid])
                ctx.log("tag_groups", before, {**before, **updates})
                changed += 1
        else:
            name = _free_name(conn, "SELECT 1 FROM tag_groups WHERE name = ?", [], group.group_name)
            cur = conn.execute(
                "INSERT INTO tag_groups(name, dimension, wecom_group_id, source, sort_order, "
                "created_at) VALUES (?, ?, ?, 'admin', ?, ?)",
                (name, _dimension(group.group_name), group.group_id, group.order,
                 group.create_time or ctx.now))
            gid = int(cur.lastrowid or 0)
            ctx.log("tag_groups", None, rows_as_dicts(conn, "SELECT * FROM tag_groups WHERE id = ?",
                                                      (gid,))[0])
            changed += 1
        conn.execute("UPDATE tag_groups SET wecom_synced_at = ? WHERE id = ?", (run, gid))
        for tag in group.tags:
            if tag.deleted or tag.id in deleting_tags:
                continue
            seen_tags.add(tag.id)
            changed += _sync_tag(ctx, gid, tag.id, tag.name, tag.order, tag.create_time, run,
                                 renaming_tags)
    changed += _drop_missing(ctx, seen_groups, seen_tags)
    if changed:
        ctx.changes.library_changed = True
    return changed


def _sync_tag(ctx: WriteContext, gid: int, wecom_id: str, name: str, order: int, created: int,
              run: int, renaming: set[int]) -> int:
    conn = ctx.conn
    rows = rows_as_dicts(conn, "SELECT * FROM tags WHERE wecom_tag_id = ?", (wecom_id,))
    changed = 0
    if rows:
        before = rows[0]
        tid = int(before["id"])
        updates: dict[str, Any] = {}
        if before["group_id"] != gid:
            updates["group_id"] = gid
        if name != before["name"] and tid not in renaming and not \
                before["name"].startswith(f"{name}（企业微信"):
            updates["name"] = _free_name(conn, "SELECT 1 FROM tags WHERE id != ? AND group_id = ? "
                                         "AND name = ?", [tid, gid], name)
        if order != before["sort_order"]:
            updates["sort_order"] = order
        if updates:
            conn.execute(f"UPDATE tags SET {', '.join(f'{k} = ?' for k in updates)} WHERE id = ?",
                         [*updates.values(), tid])
            ctx.log("tags", before, {**before, **updates})
            changed = 1
    else:
        free = _free_name(conn, "SELECT 1 FROM tags WHERE group_id = ? AND name = ?", [gid], name)
        cur = conn.execute("INSERT INTO tags(group_id, name, wecom_tag_id, source, sort_order, "
                           "created_at) VALUES (?, ?, ?, 'admin', ?, ?)",
                           (gid, free, wecom_id, order, created or ctx.now))
        tid = int(cur.lastrowid or 0)
        ctx.log("tags", None, rows_as_dicts(conn, "SELECT * FROM tags WHERE id = ?", (tid,))[0])
        ctx.changes.tag_added.setdefault(tid, [])
        changed = 1
    conn.execute("UPDATE tags SET wecom_synced_at = ? WHERE id = ?", (run, tid))
    return changed


def _drop_missing(ctx: WriteContext, seen_groups: set[str], seen_tags: set[str]) -> int:
    """Tags and groups deleted in WeCom go here too, with every link (audited)."""
    conn, dropped = ctx.conn, 0
    for tag in rows_as_dicts(conn, "SELECT * FROM tags WHERE wecom_tag_id IS NOT NULL"):
        if tag["wecom_tag_id"] in seen_tags:
            continue
        tid = int(tag["id"])
        members = [r[0] for r in conn.execute("SELECT member_id FROM member_tags WHERE tag_id = ?",
                                              (tid,))]
        for m in members:
            ctx.log("member_tags", {"member_id": m, "tag_id": tid}, None)
        for row in rows_as_dicts(conn, "SELECT * FROM follow_tags WHERE tag_id = ?", (tid,)):
            ctx.log("follow_tags", row, None)
        conn.execute("DELETE FROM tags WHERE id = ?", (tid,))
        ctx.log("tags", tag, None)
        ctx.changes.remove_tag(tid, members)
        ctx.changes.tags_dropped.add(tid)
        dropped += 1
    for group in rows_as_dicts(conn, "SELECT * FROM tag_groups WHERE wecom_group_id IS NOT NULL"):
        if group["wecom_group_id"] in seen_groups:
            continue
        if conn.execute("SELECT 1 FROM tags WHERE group_id = ?", (group["id"],)).fetchone():
            # Local tags live in it: keep the group as a local one rather than lose them.
            conn.execute("UPDATE tag_groups SET wecom_group_id = NULL, source = 'local' "
                         "WHERE id = ?", (group["id"],))
            ctx.log("tag_groups", group, {**group, "wecom_group_id": None, "source": "local"})
        else:
            conn.execute("DELETE FROM tag_groups WHERE id = ?", (group["id"],))
            ctx.log("tag_groups", group, None)
        dropped += 1
    return dropped
