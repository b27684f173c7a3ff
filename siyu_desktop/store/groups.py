"""Customer groups, their rosters, join/leave events, and members found in several groups."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..domain.members import Group, RosterEntry, RosterEvent, Staff


@dataclass(frozen=True, slots=True)
class DuplicateMember:
    member_id: int
    name: str
    group_count: int
    groups: str


def list_groups(conn: sqlite3.Connection, kind: str | None = None, text: str = "") -> list[Group]:
    where, params = [], []
    if kind:
        where.append("g.kind = ?")
        params.append(kind)
    if text:
        where.append("g.name LIKE ?")
        params.append(f"%{text}%")
    sql = ("SELECT g.id, g.chat_id, g.name, g.owner_staff_id, coalesce(s.name, ''), g.kind, "
           "g.notice, g.created_at, g.member_count, g.updated_at, "
           "(SELECT group_concat(name, '、') FROM group_tags t WHERE t.group_id = g.id) "
           "FROM groups g LEFT JOIN staff s ON s.id = g.owner_staff_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY g.updated_at DESC, g.id"
    return [Group(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
                  tags=tuple(r[10].split("、")) if r[10] else ())
            for r in conn.execute(sql, params)]


def roster(conn: sqlite3.Connection, group_id: int) -> list[RosterEntry]:
    rows = conn.execute(
        "SELECT r.group_id, r.member_id, r.staff_id, "
        "coalesce(m.name, s.name, r.name), r.join_time, r.join_scene, r.inviter, r.group_nickname "
        "FROM roster r LEFT JOIN members m ON m.id = r.member_id "
        "LEFT JOIN staff s ON s.id = r.staff_id WHERE r.group_id = ? "
        "ORDER BY r.staff_id IS NULL, r.join_time", (group_id,)).fetchall()
    return [RosterEntry(*r) for r in rows]


def duplicates(conn: sqlite3.Connection, min_groups: int = 2, limit: int = 2000) -> list[DuplicateMember]:
    rows = conn.execute(
        "SELECT r.member_id, m.name, count(*) AS n, group_concat(g.name, '、') "
        "FROM roster r JOIN members m ON m.id = r.member_id JOIN groups g ON g.id = r.group_id "
        "WHERE r.member_id IS NOT NULL GROUP BY r.member_id HAVING n >= ? "
        "ORDER BY n DESC, r.member_id LIMIT ?", (min_groups, limit)).fetchall()
    return [DuplicateMember(*r) for r in rows]


def recent_events(conn: sqlite3.Connection, since: int, group_id: int | None = None,
                  limit: int = 1000) -> list[RosterEvent]:
    sql = ("SELECT e.group_id, g.name, e.member_id, coalesce(m.name, e.name), e.kind, e.at "
           "FROM roster_events e JOIN groups g ON g.id = e.group_id "
           "LEFT JOIN members m ON m.id = e.member_id WHERE e.at >= ?")
    params: list[object] = [since]
    if group_id is not None:
        sql += " AND e.group_id = ?"
        params.append(group_id)
    sql += " ORDER BY e.at DESC LIMIT ?"
    params.append(limit)
    return [RosterEvent(*r) for r in conn.execute(sql, params)]


def event_counts(conn: sqlite3.Connection, since: int) -> dict[str, int]:
    counts = {"join": 0, "leave": 0}
    counts.update(dict(conn.execute(
        "SELECT kind, count(*) FROM roster_events WHERE at >= ? GROUP BY kind", (since,))))
    return counts


def kinds(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT kind, count(*) FROM groups GROUP BY kind ORDER BY kind")]


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM groups").fetchone()[0])


def list_staff(conn: sqlite3.Connection) -> list[Staff]:
    return [Staff(*r) for r in conn.execute(
        "SELECT id, userid, name, department FROM staff ORDER BY name")]
