"""Scheduled jobs in the workspace (table ``jobs``, migration v8), with leases.

A run holds the job's lease: an owner id and ``lease_until`` (epoch seconds), taken in one
``UPDATE … WHERE`` the job is due and its lease free or expired, so of two processes (the window
and ``siyu jobs run-due``) only one runs a job; the other sees 0 rows changed. The holder renews
the lease while it runs and clears it when done; a holder that died is outlived by its lease.
Functions take a plain connection: the scheduler calls the writing ones on the writer thread.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..domain.schedule import Job, Rule, format_rule, parse_rule

SCHEMA_V8 = """
CREATE TABLE IF NOT EXISTS jobs (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    rule TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    lease_owner TEXT,
    lease_until INTEGER,
    last_started_at INTEGER,
    last_run_at INTEGER,
    last_result TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    runs INTEGER NOT NULL DEFAULT 0,
    payload TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_due ON jobs(due_at) WHERE enabled = 1;
"""

_COLUMNS = ("name, kind, rule, due_at, enabled, lease_owner, lease_until, last_started_at, "
            "last_run_at, last_result, last_error, runs, payload")


def _job(row: tuple[Any, ...]) -> Job:
    return Job(name=row[0], kind=row[1], rule=parse_rule(row[2]), due_at=int(row[3]),
               enabled=bool(row[4]), lease_owner=row[5], lease_until=row[6],
               last_started_at=row[7], last_run_at=row[8], last_result=row[9],
               last_error=row[10], runs=int(row[11]), payload=row[12])


def ensure(conn: sqlite3.Connection, name: str, kind: str, rule: Rule, due_at: int, now: float,
           payload: str = "") -> None:
    """Add the job if it is new; a known one keeps its due time and history (its rule and
    kind follow the code)."""
    conn.execute(
        "INSERT INTO jobs(name, kind, rule, due_at, payload, created_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, rule = excluded.rule",
        (name, kind, format_rule(rule), int(due_at), payload, int(now)))


def get(conn: sqlite3.Connection, name: str) -> Job | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE name = ?", (name,)).fetchone()
    return _job(row) if row else None


def all_jobs(conn: sqlite3.Connection) -> list[Job]:
    return [_job(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM jobs ORDER BY due_at, name")]


def due(conn: sqlite3.Connection, now: float) -> list[Job]:
    """Enabled jobs due by ``now`` whose lease is free or expired, soonest first."""
    return [_job(r) for r in conn.execute(
        f"SELECT {_COLUMNS} FROM jobs WHERE enabled = 1 AND due_at <= ? "
        "AND (lease_owner IS NULL OR lease_until <= ?) ORDER BY due_at, name",
        (int(now), int(now)))]


def next_wake(conn: sqlite3.Connection, kinds: set[str] | None = None) -> int | None:
    """The earliest moment a job may be taken: its due time, or its lease's end if later."""
    sql = "SELECT min(max(due_at, coalesce(lease_until, 0))) FROM jobs WHERE enabled = 1"
    params: list[Any] = []
    if kinds is not None:
        sql += f" AND kind IN ({', '.join('?' * len(kinds))})"
        params.extend(sorted(kinds))
    row = conn.execute(sql, params).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def take(conn: sqlite3.Connection, name: str, owner: str, now: float, lease_seconds: int) -> bool:
    """Take the lease of a due job; False when it is not due any more or someone holds it."""
    cur = conn.execute(
        "UPDATE jobs SET lease_owner = ?, lease_until = ?, last_started_at = ? "
        "WHERE name = ? AND enabled = 1 AND due_at <= ? "
        "AND (lease_owner IS NULL OR lease_until <= ?)",
        (owner, int(now) + lease_seconds, int(now), name, int(now), int(now)))
    return cur.rowcount == 1


def renew(conn: sqlite3.Connection, name: str, owner: str, now: float, lease_seconds: int) -> bool:
    """Extend our lease; False when it was lost (it expired and another owner took it)."""
    cur = conn.execute("UPDATE jobs SET lease_until = ? WHERE name = ? AND lease_owner = ?",
                       (int(now) + lease_seconds, name, owner))
    return cur.rowcount == 1


def finish(conn: sqlite3.Connection, name: str, owner: str, now: float, due_at: int,
           result: str = "", error: str = "") -> bool:
    """Record a run and free the lease; False (nothing written) when the lease was lost."""
    cur = conn.execute(
        "UPDATE jobs SET due_at = ?, last_run_at = ?, last_result = ?, last_error = ?, "
        "runs = runs + 1, lease_owner = NULL, lease_until = NULL "
        "WHERE name = ? AND lease_owner = ?",
        (int(due_at), int(now), result, error, name, owner))
    return cur.rowcount == 1


def release(conn: sqlite3.Connection, name: str, owner: str) -> bool:
    """Free our lease without recording a run (stopped midway): the job stays due."""
    cur = conn.execute("UPDATE jobs SET lease_owner = NULL, lease_until = NULL "
                       "WHERE name = ? AND lease_owner = ?", (name, owner))
    return cur.rowcount == 1


def release_all(conn: sqlite3.Connection, owner: str) -> int:
    cur = conn.execute("UPDATE jobs SET lease_owner = NULL, lease_until = NULL "
                       "WHERE lease_owner = ?", (owner,))
    return cur.rowcount


def set_due(conn: sqlite3.Connection, name: str, due_at: int) -> None:
    conn.execute("UPDATE jobs SET due_at = ? WHERE name = ?", (int(due_at), name))
