"""Writing many rows with a handful of statements, for the sync's pages.

Rows are looked up with one ``IN (SELECT value FROM json_each(?))`` each, written with
``executemany`` and audited as chunks (``WriteContext.log_rows``). Row-at-a-time statements and
audit entries made a 100,000-member sync spend most of its time on the writer thread.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from .audit import PRIMARY_KEYS, WriteContext
from .deferred import search_index_deferred

JSON_LIST = "SELECT value FROM json_each(?)"


def query_in(conn: sqlite3.Connection, sql: str, values: Iterable[Any],
             params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
    """``sql`` with ``{}`` standing for a list (``IN ({})``), bound as one JSON array after
    ``params``: column names and rows as tuples."""
    cur = conn.execute(sql.format(JSON_LIST), [*params, json.dumps(list(values),
                                                                   ensure_ascii=False)])
    return [d[0] for d in cur.description], cur.fetchall()


def next_id(conn: sqlite3.Connection, table: str) -> int:
    """The first id a batch of inserts into ``table`` gets when it names ids itself (one writer)."""
    return int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


def insert_rows(ctx: WriteContext, table: str, columns: Sequence[str],
                rows: Sequence[Sequence[Any]]) -> None:
    if rows:
        ctx.conn.executemany(f"INSERT INTO {table}({', '.join(columns)}) VALUES "
                             f"({', '.join('?' * len(columns))})", rows)


def insert_members(ctx: WriteContext, values: Sequence[dict[str, Any]]) -> list[int]:
    """New members (dicts of the same keys, without ``id``), search text indexed once for all,
    audited as one chunk of whole rows. Returns their ids in order."""
    if not values:
        return []
    conn = ctx.conn
    first = next_id(conn, "members")
    cols = ["id", *values[0]]
    with search_index_deferred(conn, first):
        insert_rows(ctx, "members", cols, [(first + i, *v.values()) for i, v in enumerate(values)])
    cur = conn.execute("SELECT * FROM members WHERE id >= ? ORDER BY id", (first,))
    rows = cur.fetchall()
    ctx.log_rows("members", [d[0] for d in cur.description], None, rows)
    ids = list(range(first, first + len(values)))
    ctx.changes.members.update(ids)
    return ids


def update_rows(ctx: WriteContext, table: str, columns: Sequence[str],
                changes: Sequence[tuple[tuple[Any, ...], dict[str, Any]]]) -> None:
    """Apply ``(before row, changed values)`` pairs to ``table`` (rows in ``columns`` order)
    and audit them as chunks, one per shape of change."""
    keys = PRIMARY_KEYS[table]
    at = {c: i for i, c in enumerate(columns)}
    shapes: dict[tuple[str, ...], list[tuple[tuple[Any, ...], dict[str, Any]]]] = {}
    for before, changed in changes:
        shapes.setdefault(tuple(changed), []).append((before, changed))
    for shape, items in shapes.items():
        ctx.conn.executemany(
            f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in shape)} WHERE "
            + " AND ".join(f"{k} = ?" for k in keys),
            [(*changed.values(), *[before[at[k]] for k in keys]) for before, changed in items])
    afters = []
    for before, changed in changes:
        row = list(before)
        for k, v in changed.items():
            row[at[k]] = v
        afters.append(tuple(row))
    ctx.log_rows(table, columns, [b for b, _ in changes], afters)
