"""Reads for points spreadsheets: members by the cells that identify them, and statements and
balances of many members streamed in member chunks (a 100,000-member segment's two million
entries never sit in memory at once).

Writing goes through ``store.points.append``; nothing here writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

CHUNK = 900  # SQLite's host-parameter budget, with room to spare

ENTRY_COLUMNS = ("seq", "member_id", "amount", "kind", "reason", "source", "source_ref",
                 "operator", "at", "key", "expires_at")


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def members_by(conn: sqlite3.Connection, column: str, values: Sequence[Any]
               ) -> dict[Any, list[int]]:
    """``value → member ids`` for the members whose ``column`` (id, external_userid or phone)
    is one of ``values``; a phone two members share lists both."""
    if column not in ("id", "external_userid", "phone"):
        raise ValueError(column)
    out: dict[Any, list[int]] = {}
    wanted = sorted(set(values))
    for chunk in _chunks(wanted):
        for value, member_id in conn.execute(
                f"SELECT {column}, id FROM members WHERE {column} IN ({_marks(len(chunk))}) "
                f"ORDER BY id", list(chunk)):
            out.setdefault(value, []).append(member_id)
    return out


def names(conn: sqlite3.Connection, member_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """``member id → (name, phone)``."""
    out: dict[int, tuple[str, str]] = {}
    for chunk in _chunks(list(member_ids)):
        for member_id, name, phone in conn.execute(
                f"SELECT id, name, coalesce(phone, '') FROM members WHERE id IN "
                f"({_marks(len(chunk))})", list(chunk)):
            out[member_id] = (name, phone)
    return out


def entries_of(conn: sqlite3.Connection, member_ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The entries of a few members (one chunk), by member then seq, as ``ENTRY_COLUMNS``."""
    if not member_ids:
        return []
    return conn.execute(
        f"SELECT {', '.join(ENTRY_COLUMNS)} FROM points_entries WHERE member_id IN "
        f"({_marks(len(member_ids))}) ORDER BY member_id, seq", list(member_ids)).fetchall()


def balances_of(conn: sqlite3.Connection, member_ids: Sequence[int], now: int, horizon: int
                ) -> dict[int, tuple[int, int, int, int | None]]:
    """Per member of one chunk: (balance, spendable now, points expiring after ``now`` up to
    ``horizon``, the first expiry after ``now`` of a lot with points left)."""
    if not member_ids:
        return {}
    marks = _marks(len(member_ids))
    out: dict[int, tuple[int, int, int, int | None]] = {m: (points, 0, 0, None) for m, points in conn.execute(
        f"SELECT id, points FROM members WHERE id IN ({marks})", list(member_ids))}
    for member_id, spendable, soon, first in conn.execute(
            f"SELECT member_id, "
            f"sum(CASE WHEN expires_at IS NULL OR expires_at > ? THEN remaining ELSE 0 END), "
            f"sum(CASE WHEN expires_at > ? AND expires_at <= ? THEN remaining ELSE 0 END), "
            f"min(CASE WHEN expires_at > ? THEN expires_at END) "
            f"FROM points_lots WHERE member_id IN ({marks}) AND remaining > 0 "
            f"GROUP BY member_id", [now, now, horizon, now, *member_ids]):
        balance = out.get(member_id, (0, 0, 0, None))[0]
        out[member_id] = (balance, int(spendable or 0), int(soon or 0), first)
    return out


def sheet_keys_since(conn: sqlite3.Connection, member_ids: Sequence[int], since: int
                     ) -> dict[int, list[tuple[int, str]]]:
    """Per member: (amount, reason) of the entries a points sheet gave them since ``since``,
    for the preview's warning about a file imported again after an edit (its content key is
    new, so the keys cannot catch it)."""
    out: dict[int, list[tuple[int, str]]] = {}
    for chunk in _chunks(list(member_ids)):
        for member_id, amount, reason in conn.execute(
                f"SELECT member_id, amount, reason FROM points_entries WHERE member_id IN "
                f"({_marks(len(chunk))}) AND at >= ? AND key >= 'sheet:' AND key < 'sheet;'",
                [*chunk, since]):
            out.setdefault(member_id, []).append((amount, reason))
    return out
