"""Typed reads of outbox items still on their way to WeCom, for laying them over a sync.

The sync must not overwrite a local change WeCom has not got yet; it asks here what is waiting
instead of reading outbox payloads itself (the payload stays private to ``store.outbox``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.outbox import LIVE
from .audit import rows_as_dicts

_CHUNK = 900  # below SQLite's default limit of host parameters


def select_in(conn: sqlite3.Connection, sql: str, values: Sequence[Any],
              params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """``sql`` with one ``IN ({})`` placeholder, run in chunks."""
    out: list[dict[str, Any]] = []
    values = list(values)
    for n in range(0, len(values), _CHUNK):
        chunk = values[n:n + _CHUNK]
        out.extend(rows_as_dicts(conn, sql.format(",".join("?" * len(chunk))), [*params, *chunk]))
    return out


@dataclass(frozen=True)
class PendingTagChange:
    """A ``mark_tag`` item not (known to be) applied in WeCom yet."""

    item_id: int
    member_id: int
    staff_id: int
    tag_id: int
    add: bool


def pending_tag_changes(conn: sqlite3.Connection, member_ids: Sequence[int], *,
                        tag_id: int | None = None,
                        statuses: Sequence[str] = LIVE) -> list[PendingTagChange]:
    """Waiting tag changes of these members (of one tag if given), oldest first."""
    marks = ",".join("?" * len(statuses))
    where = " AND tag_id = ?" if tag_id is not None else ""
    rows = select_in(conn, "SELECT id, member_id, staff_id, tag_id, payload FROM outbox WHERE "
                           f"kind = 'mark_tag' AND status IN ({marks}){where} AND member_id IN "
                           "({}) ORDER BY id", member_ids,
                     [*statuses, *([tag_id] if tag_id is not None else [])])
    return [PendingTagChange(r["id"], r["member_id"], r["staff_id"], r["tag_id"],
                             bool(json.loads(r["payload"]).get("add"))) for r in rows]


def pending_remarks(conn: sqlite3.Connection, member_ids: Sequence[int]) -> set[tuple[int, int]]:
    """(member, staff) relationships whose remark changed here and not yet in WeCom."""
    marks = ",".join("?" * len(LIVE))
    rows = select_in(conn, "SELECT member_id, staff_id FROM outbox WHERE kind = 'remark' AND "
                           f"status IN ({marks}) AND member_id IN ({{}})", member_ids, [*LIVE])
    return {(r["member_id"], r["staff_id"]) for r in rows}
