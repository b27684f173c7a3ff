"""Reads for the points screen: points in circulation, what moved per period, leaderboards, the
members a pasted list names, and what an award or an expiry run would do to whom. Nothing here
writes; the ledger's rules are ``domain/points.py``'s and the periods ``domain/points_periods.py``'s.

Earned, for a leaderboard: the ``earn`` entries of the period (games, rules, batch awards, points
sheets) that were not reversed since; positive adjustments (opening balances, an import's
balance column, corrections) are not earning and are left out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

CHUNK = 900
DAY = 86400

# a reversed earn counts for nobody: the reversal has the original's seq in ``reverses``
_NOT_REVERSED = "NOT EXISTS (SELECT 1 FROM points_entries x WHERE x.reverses = e.seq)"


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


@dataclass(frozen=True, slots=True)
class Circulation:
    points: int  # every member's balance together
    holders: int  # members with points
    expired_waiting: int  # points past their expiry that no expiry run has removed yet
    expired_members: int
    expiring_soon: int  # points that expire within ``soon_days`` from now
    expiring_members: int


def circulation(conn: sqlite3.Connection, now: int, soon_days: int = 30) -> Circulation:
    points, holders = conn.execute(
        "SELECT coalesce(sum(points), 0), coalesce(sum(points > 0), 0) FROM members").fetchone()
    waiting, waiting_members = conn.execute(
        "SELECT coalesce(sum(remaining), 0), count(DISTINCT member_id) FROM points_lots "
        "WHERE expires_at <= ? AND remaining > 0", (now,)).fetchone()
    soon, soon_members = conn.execute(
        "SELECT coalesce(sum(remaining), 0), count(DISTINCT member_id) FROM points_lots "
        "WHERE expires_at > ? AND expires_at <= ? AND remaining > 0",
        (now, now + soon_days * DAY)).fetchone()
    return Circulation(int(points), int(holders), int(waiting), int(waiting_members), int(soon),
                       int(soon_members))


def flows(conn: sqlite3.Connection, edges: Sequence[int]) -> list[tuple[int, int, int, int]]:
    """Per period between consecutive ``edges`` (epoch seconds, ascending): points issued (earn
    and positive adjust), spent, expired (both as positive numbers) and the net of the rest
    (negative adjustments, reversals), from one range read of the ``at`` index."""
    if len(edges) < 2:
        return []
    cases = " ".join(f"WHEN at < ? THEN {i}" for i in range(len(edges) - 2))
    bucket = f"CASE {cases} ELSE {len(edges) - 2} END" if cases else "0"
    sql = (f"SELECT {bucket} AS w, "
           "coalesce(sum(CASE WHEN kind = 'earn' OR (kind = 'adjust' AND amount > 0) "
           "THEN amount END), 0), "
           "coalesce(sum(CASE WHEN kind = 'spend' THEN -amount END), 0), "
           "coalesce(sum(CASE WHEN kind = 'expire' THEN -amount END), 0), "
           "coalesce(sum(CASE WHEN kind = 'reverse' OR (kind = 'adjust' AND amount < 0) "
           "THEN amount END), 0) "
           "FROM points_entries WHERE at >= ? AND at < ? GROUP BY w")
    out = [(0, 0, 0, 0) for _ in range(len(edges) - 1)]
    params = [*edges[1:-1], edges[0], edges[-1]]
    for w, issued, spent, expired, other in conn.execute(sql, params):
        out[w] = (int(issued), int(spent), int(expired), int(other))
    return out


@dataclass(frozen=True, slots=True)
class BoardRows:
    rows: list[tuple[int, int]]  # (member id, points earned), most first, at most ``limit``
    members: int  # everyone who earned anything in the period (in the group)
    points: int  # what they earned together


def leaderboard(conn: sqlite3.Connection, start: int, end: int, group_id: int | None = None,
                limit: int = 100) -> BoardRows:
    """Points earned in ``[start, end)`` per member (reversed earns left out), most first; ties
    by member id. For a group: its current members (the roster), read member by member through
    the ``(member_id, seq)`` index, so a group's month costs its own entries only."""
    earned = f"e.kind = 'earn' AND e.at >= ? AND e.at < ? AND {_NOT_REVERSED}"
    if group_id is None:
        inner = (f"SELECT e.member_id AS m, sum(e.amount) AS s FROM points_entries e "
                 f"WHERE {earned} GROUP BY e.member_id")
        params: list[Any] = [start, end]
    else:
        # CROSS JOIN keeps the roster first: the planner must not walk a month of entries
        inner = (f"SELECT e.member_id AS m, sum(e.amount) AS s FROM roster r "
                 f"CROSS JOIN points_entries e ON e.member_id = r.member_id "
                 f"WHERE r.group_id = ? AND r.member_id IS NOT NULL AND {earned} "
                 f"GROUP BY e.member_id")
        params = [group_id, start, end]
    sql = (f"SELECT m, s, count(*) OVER (), sum(s) OVER () FROM ({inner}) WHERE s > 0 "
           f"ORDER BY s DESC, m LIMIT ?")
    rows = conn.execute(sql, [*params, limit]).fetchall()
    if not rows:
        return BoardRows([], 0, 0)
    return BoardRows([(int(r[0]), int(r[1])) for r in rows], int(rows[0][2]), int(rows[0][3]))


def names(conn: sqlite3.Connection, member_ids: Sequence[int]
          ) -> dict[int, tuple[str, str, int]]:
    """``member id → (name, phone, balance)``."""
    out: dict[int, tuple[str, str, int]] = {}
    for chunk in _chunks(list(member_ids)):
        for member_id, name, phone, points in conn.execute(
                f"SELECT id, name, coalesce(phone, ''), points FROM members WHERE id IN "
                f"({_marks(len(chunk))})", list(chunk)):
            out[member_id] = (name, phone, points)
    return out


def members_by(conn: sqlite3.Connection, column: str, values: Sequence[Any]
               ) -> dict[Any, list[int]]:
    """``value → member ids`` of the members whose ``column`` (id, phone or external_userid)
    is one of ``values``; a phone two members share lists both."""
    if column not in ("id", "phone", "external_userid"):
        raise ValueError(column)
    out: dict[Any, list[int]] = {}
    for chunk in _chunks(sorted(set(values), key=str)):
        for value, member_id in conn.execute(
                f"SELECT {column}, id FROM members WHERE {column} IN ({_marks(len(chunk))}) "
                f"ORDER BY id", list(chunk)):
            out.setdefault(value, []).append(member_id)
    return out


def spendable(conn: sqlite3.Connection, member_ids: Sequence[int], now: int) -> dict[int, int]:
    """What each member can spend at ``now`` (lots not yet expired); members without any are
    absent."""
    out: dict[int, int] = {}
    for chunk in _chunks(list(member_ids)):
        for member_id, total in conn.execute(
                f"SELECT member_id, sum(remaining) FROM points_lots WHERE member_id IN "
                f"({_marks(len(chunk))}) AND remaining > 0 AND "
                f"(expires_at IS NULL OR expires_at > ?) GROUP BY member_id", [*chunk, now]):
            out[member_id] = int(total)
    return out


@dataclass(frozen=True, slots=True)
class AwardBatch:
    batch_id: int
    at: int
    actor: str
    summary: str
    entries: int
    undone_at: int | None


def recent_awards(conn: sqlite3.Connection, limit: int = 50) -> list[AwardBatch]:
    """Batch awards (the audit's ``points_award`` operations, and batch sheets imported:
    ``points_sheet``), newest first."""
    return [AwardBatch(*r) for r in conn.execute(
        "SELECT id, at, actor, summary, changes, undone_at FROM audit_batches "
        "WHERE action IN ('points_award', 'points_sheet') AND changes > 0 "
        "ORDER BY id DESC LIMIT ?", (limit,))]


def expiry_dates(conn: sqlite3.Connection, now: int) -> tuple[int | None, int | None]:
    """(the earliest expiry at or before ``now`` of a lot still holding points — a run that
    was missed —, the first expiry after ``now``), from the expiring-lots index."""
    missed = conn.execute("SELECT min(expires_at) FROM points_lots WHERE remaining > 0 AND "
                          "expires_at <= ?", (now,)).fetchone()[0]
    coming = conn.execute("SELECT min(expires_at) FROM points_lots WHERE remaining > 0 AND "
                          "expires_at > ?", (now,)).fetchone()[0]
    return missed, coming
