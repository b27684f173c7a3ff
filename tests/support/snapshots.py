"""Canonical dicts of a workspace and of the emulator, for field-exact comparisons.

``wecom_snapshot(ws)`` and ``emulator_snapshot(corp)`` are keyed by WeCom ids (local row ids
differ between files) and line up key by key (members: compare ``[:4]``). ``workspace_snapshot``
adds what only the workspace knows — local-only members and tags, outbox statuses — keyed by
local ids, to compare a workspace with itself (before/after a crash, an undo)."""

from __future__ import annotations

import json
from typing import Any

from siyu_desktop.store.db import Workspace


def _key(row: tuple[Any, ...]) -> tuple[tuple[bool, Any], ...]:
    return tuple((v is None, v) for v in row)  # NULLs (local-only rows) sort last


def _sorted(rows: Any) -> list[tuple[Any, ...]]:
    return sorted((tuple(r) for r in rows), key=_key)


def wecom_snapshot(ws: Workspace) -> dict[str, Any]:
    """Everything a sync decides, keyed by WeCom ids (local row ids may differ between files)."""
    c = ws.reader()
    q = lambda sql: _sorted(c.execute(sql))  # noqa: E731
    return {
        "members": q("SELECT external_userid, name, gender, coalesce(unionid, ''), remark, channel "
                     "FROM members"),
        "follows": q("SELECT m.external_userid, s.userid, f.remark, f.description, f.add_time, "
                     "f.add_way, f.state, coalesce(f.remark_mobiles, '') FROM follows f "
                     "JOIN members m ON m.id = f.member_id JOIN staff s ON s.id = f.staff_id"),
        "follow_tags": q("SELECT m.external_userid, s.userid, t.wecom_tag_id FROM follow_tags ft "
                         "JOIN members m ON m.id = ft.member_id JOIN staff s ON s.id = ft.staff_id "
                         "JOIN tags t ON t.id = ft.tag_id"),
        "member_tags": q("SELECT m.external_userid, coalesce(t.wecom_tag_id, t.name) FROM "
                         "member_tags mt JOIN members m ON m.id = mt.member_id "
                         "JOIN tags t ON t.id = mt.tag_id"),
        "roster": q("SELECT g.chat_id, coalesce(m.external_userid, s.userid), r.join_time, "
                    "r.join_scene, r.inviter, r.group_nickname FROM roster r JOIN groups g ON "
                    "g.id = r.group_id LEFT JOIN members m ON m.id = r.member_id "
                    "LEFT JOIN staff s ON s.id = r.staff_id"),
        "groups": q("SELECT chat_id, name, notice, status, member_count, member_version FROM groups"),
        "tags": q("SELECT t.wecom_tag_id, t.name, g.wecom_group_id, t.source FROM tags t "
                  "JOIN tag_groups g ON g.id = t.group_id"),
        "stats": c.execute("SELECT count(*), sum(member_total) FROM group_daily_stats").fetchone(),
    }


def emulator_snapshot(corp: Any) -> dict[str, Any]:
    """What ``wecom_snapshot`` must show after a full sync of ``corp`` into an empty workspace."""
    tags = corp.all_tags()
    return {
        "members": sorted((m.external_userid, m.name, m.gender, m.unionid) for m in corp.members.values()),
        "follows": sorted((m.external_userid, f.userid, f.remark, f.description, f.createtime,
                           f.add_way, f.state, json.dumps(f.remark_mobiles, ensure_ascii=False)
                           if f.remark_mobiles else "")
                          for m in corp.members.values() for f in m.follows),
        "follow_tags": sorted((m.external_userid, f.userid, t) for m in corp.members.values()
                              for f in m.follows for t in f.tag_ids),
        "member_tags": sorted({(m.external_userid, t) for m in corp.members.values()
                               for f in m.follows for t in f.tag_ids}),
        "roster": sorted((g.chat_id, e.userid, e.join_time, e.join_scene, e.invitor, e.group_nickname)
                         for g in corp.groups.values() for e in g.roster),
        "tags": sorted((t.id, t.name, g.group_id, "admin") for t_id, (g, t) in tags.items()),
    }


def workspace_snapshot(ws: Workspace) -> dict[str, Any]:
    """Members, tags, links, relationships, groups, rosters and outbox statuses by local id."""
    c = ws.reader()
    q = lambda sql: _sorted(c.execute(sql))  # noqa: E731
    return {
        "members": q("SELECT id, coalesce(external_userid, ''), name, coalesce(phone, ''), "
                     "coalesce(unionid, ''), gender, level, channel, remark, note, points, "
                     "coalesce(extra, '') FROM members"),
        "tags": q("SELECT t.id, t.group_id, g.name, t.name, coalesce(t.wecom_tag_id, ''), t.source "
                  "FROM tags t JOIN tag_groups g ON g.id = t.group_id"),
        "member_tags": q("SELECT member_id, tag_id FROM member_tags"),
        "follows": q("SELECT member_id, staff_id, remark, description, coalesce(add_time, 0), "
                     "add_way, state, coalesce(remark_mobiles, '') FROM follows"),
        "follow_tags": q("SELECT member_id, staff_id, tag_id FROM follow_tags"),
        "groups": q("SELECT id, chat_id, name, coalesce(owner_staff_id, 0), notice, status, "
                    "member_count FROM groups"),
        "roster": q("SELECT group_id, coalesce(member_id, 0), coalesce(staff_id, 0), "
                    "coalesce(join_time, 0), join_scene, inviter, group_nickname FROM roster"),
        "outbox": q("SELECT id, kind, status FROM outbox"),
    }


def wecom_view(ws: Workspace) -> dict[str, Any]:
    """``wecom_snapshot`` narrowed to what WeCom knows, to compare with ``emulator_snapshot``
    after a full sync of a workspace that also has local-only members and tags: members with a
    WeCom id, links of WeCom tags."""
    got = wecom_snapshot(ws)
    c = ws.reader()
    local = {name for (name,) in c.execute("SELECT name FROM tags WHERE wecom_tag_id IS NULL")}
    return {
        "members": [m[:4] for m in got["members"] if m[0] is not None],
        "follows": got["follows"],
        "follow_tags": got["follow_tags"],
        "member_tags": [p for p in got["member_tags"] if p[0] is not None and p[1] not in local],
        "roster": got["roster"],
        "tags": [t for t in got["tags"] if t[0] is not None],
    }
