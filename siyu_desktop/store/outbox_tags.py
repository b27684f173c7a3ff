"""Outbox items for the tag library: renames (``edit_corp_tag``) and deletions (``del_corp_tag``).

Only tags and groups that WeCom has, or is about to have (a waiting ``add_corp_tag``), queue
anything; local ones stay local, and admin-console tags cannot be renamed or deleted here at all
(``tags._require_writable``). A rename carries local ids and is resolved at push time, so a tag
created offline gets its WeCom id first. A deletion carries WeCom ids, because the local rows are
gone by the time it is pushed: capture them with ``doomed_tags``/``doomed_group`` before deleting.

Waiting items for the same target collapse: rename then rename sends the last name, rename or
tagging then delete sends only the delete, create then delete sends nothing at all.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..domain.outbox import superseded_by_new
from .audit import WriteContext, _entries
from .outbox import (
    ADD_CORP_TAG,
    DEL_CORP_TAG,
    EDIT_CORP_TAG,
    MARK_TAG,
    SUPERSEDED,
    _set,
    change_key,
    enqueue,
    is_wecom_tag,
)

_WAITING = "('pending', 'failed')"  # not 'sending': that one may already have reached WeCom


def _discard_waiting(ctx: WriteContext, sql: str, params: Sequence[object]) -> None:
    for (item_id,) in ctx.conn.execute(sql, params).fetchall():
        _set(ctx, item_id, "discarded", SUPERSEDED)


# -- renames -----------------------------------------------------------------------------------
def enqueue_rename_tag(ctx: WriteContext, tag_id: int) -> int | None:
    """Queue ``edit_corp_tag`` with the tag's current name; an earlier waiting rename of the
    same tag is superseded."""
    conn = ctx.conn
    row = conn.execute("SELECT name, wecom_tag_id, source FROM tags WHERE id = ?",
                       (tag_id,)).fetchone()
    if row is None or row[2] == "admin" or not is_wecom_tag(conn, tag_id):
        return None
    _discard_waiting(ctx, f"SELECT id FROM outbox WHERE kind = ? AND tag_id = ? AND status IN "
                          f"{_WAITING}", (EDIT_CORP_TAG, tag_id))
    if row[1] is None and conn.execute(
            "SELECT 1 FROM outbox WHERE kind = ? AND tag_id = ? AND status = 'pending'",
            (ADD_CORP_TAG, tag_id)).fetchone():
        return None  # its creation is still waiting and will send the current name
    return enqueue(ctx, EDIT_CORP_TAG, change_key(ctx, EDIT_CORP_TAG, "tag", tag_id, row[0]),
                   {"tag_id": tag_id, "name": row[0]}, tag_id=tag_id)


def enqueue_rename_group(ctx: WriteContext, group_id: int) -> int | None:
    row = ctx.conn.execute("SELECT name, wecom_group_id, source FROM tag_groups WHERE id = ?",
                           (group_id,)).fetchone()
    if row is None or row[1] is None or row[2] == "admin":
        return None
    _discard_waiting(ctx, f"SELECT id FROM outbox WHERE kind = ? AND status IN {_WAITING} AND "
                          "json_extract(payload, '$.group_id') = ?", (EDIT_CORP_TAG, group_id))
    return enqueue(ctx, EDIT_CORP_TAG, change_key(ctx, EDIT_CORP_TAG, "group", group_id, row[0]),
                   {"group_id": group_id, "name": row[0]})


# -- deletions ---------------------------------------------------------------------------------
@dataclass
class Doomed:
    """What a deletion is about to remove, read before the local rows go."""

    tag_ids: list[int] = field(default_factory=list)  # local ids, to cancel their waiting items
    group_ids: list[int] = field(default_factory=list)
    wecom_tag_ids: list[str] = field(default_factory=list)
    wecom_group_ids: list[str] = field(default_factory=list)


def doomed_tags(conn: sqlite3.Connection, tag_ids: Sequence[int]) -> Doomed:
    doomed = Doomed(tag_ids=sorted(set(tag_ids)))
    for tag_id in doomed.tag_ids:
        row = conn.execute("SELECT wecom_tag_id, source FROM tags WHERE id = ?",
                           (tag_id,)).fetchone()
        if row is not None and row[0] is not None and row[1] != "admin":
            doomed.wecom_tag_ids.append(row[0])
    return doomed


def doomed_group(conn: sqlite3.Connection, group_id: int) -> Doomed:
    """A group made by this app goes as a whole; from any other group only our tags are
    deleted (WeCom removes a group with its last tag)."""
    doomed = doomed_tags(conn, [r[0] for r in conn.execute(
        "SELECT id FROM tags WHERE group_id = ?", (group_id,))])
    doomed.group_ids = [group_id]
    row = conn.execute("SELECT wecom_group_id, source FROM tag_groups WHERE id = ?",
                       (group_id,)).fetchone()
    if row is not None and row[0] is not None and row[1] == "app":
        doomed.wecom_group_ids, doomed.wecom_tag_ids = [row[0]], []
    return doomed


def enqueue_deletion(ctx: WriteContext, doomed: Doomed) -> int | None:
    """Queue ``del_corp_tag`` for what WeCom has of ``doomed``, after the local delete. Waiting
    tagging, creation and rename items for these tags have nothing left to do."""
    moot = superseded_by_new(DEL_CORP_TAG, (MARK_TAG, ADD_CORP_TAG, EDIT_CORP_TAG))
    for tag_id in doomed.tag_ids:
        _discard_waiting(ctx, f"SELECT id FROM outbox WHERE tag_id = ? AND kind IN "
                              f"({','.join('?' * len(moot))}) AND status IN {_WAITING}",
                         (tag_id, *moot))
    for group_id in doomed.group_ids:
        _discard_waiting(ctx, f"SELECT id FROM outbox WHERE kind = ? AND status IN {_WAITING} AND "
                              "json_extract(payload, '$.group_id') = ?", (EDIT_CORP_TAG, group_id))
    if not doomed.wecom_tag_ids and not doomed.wecom_group_ids:
        return None
    ids = sorted(doomed.wecom_tag_ids) + sorted(doomed.wecom_group_ids)
    payload = {"tag_ids": sorted(doomed.wecom_tag_ids), "group_ids": sorted(doomed.wecom_group_ids)}
    single = doomed.tag_ids[0] if len(doomed.tag_ids) == 1 and not doomed.group_ids else None
    return enqueue(ctx, DEL_CORP_TAG, change_key(ctx, DEL_CORP_TAG, *ids), payload, tag_id=single)


def live_deletions(conn: sqlite3.Connection) -> tuple[set[str], set[str]]:
    """WeCom tag and group ids deleted here but not yet (known to be) deleted in WeCom."""
    tags: set[str] = set()
    groups: set[str] = set()
    for (payload,) in conn.execute("SELECT payload FROM outbox WHERE kind = ? AND status IN "
                                   "('pending', 'sending', 'failed')", (DEL_CORP_TAG,)):
        p = json.loads(payload)
        tags.update(p.get("tag_ids", []))
        groups.update(p.get("group_ids", []))
    return tags, groups


def live_renames(conn: sqlite3.Connection) -> tuple[set[int], set[int]]:
    """Local tag and group ids renamed here and not yet (known to be) renamed in WeCom."""
    tags: set[int] = set()
    groups: set[int] = set()
    for (payload,) in conn.execute("SELECT payload FROM outbox WHERE kind = ? AND status IN "
                                   "('pending', 'sending', 'failed')", (EDIT_CORP_TAG,)):
        p = json.loads(payload)
        if "group_id" in p:
            groups.add(int(p["group_id"]))
        else:
            tags.add(int(p["tag_id"]))
    return tags, groups


# -- undo --------------------------------------------------------------------------------------
@dataclass
class UndoPlan:
    """What undoing one audit batch does to the tag library, read before the undo runs."""

    renamed_tags: list[int] = field(default_factory=list)
    renamed_groups: list[int] = field(default_factory=list)
    restored_wecom_ids: set[str] = field(default_factory=set)  # deleted by the batch
    restored_tags: list[int] = field(default_factory=list)  # local ids, deleted by the batch
    restored_groups: list[int] = field(default_factory=list)
    doomed: Doomed = field(default_factory=Doomed)  # created by the batch


def plan_undo(conn: sqlite3.Connection, batch_id: int) -> UndoPlan:
    plan = UndoPlan()
    created: list[int] = []
    changes = [(table, before, after) for table, *entry in conn.execute(
        "SELECT tbl, pk, cols, before, after FROM audit WHERE batch_id = ? AND tbl IN ('tags', "
        "'tag_groups') ORDER BY id", (batch_id,)) for _pk, before, after in _entries(table, *entry)]
    for table, before, after in changes:
        if before is not None and after is not None and before["name"] != after["name"]:
            (plan.renamed_tags if table == "tags" else plan.renamed_groups).append(before["id"])
        elif before is not None and after is None:
            wecom_id = before.get("wecom_tag_id" if table == "tags" else "wecom_group_id")
            if wecom_id:
                plan.restored_wecom_ids.add(wecom_id)
                (plan.restored_tags if table == "tags" else plan.restored_groups).append(
                    before["id"])
        elif before is None and after is not None and table == "tags":
            created.append(after["id"])
    plan.doomed = doomed_tags(conn, created)
    return plan


def _rename_was_superseded(conn: sqlite3.Connection, column: str, ident: int) -> bool:
    """Whether the last rename queued for this tag (``column`` "tag_id") or group ("group_id")
    was dropped unsent because a later change made it moot, e.g. the deletion an undo has just
    reversed. One the operator discarded keeps its own error and is not brought back."""
    where = ("tag_id = ? AND json_extract(payload, '$.group_id') IS NULL" if column == "tag_id"
             else "json_extract(payload, '$.group_id') = ?")
    row = conn.execute(f"SELECT status, last_error FROM outbox WHERE kind = ? AND {where} "
                       "ORDER BY id DESC LIMIT 1", (EDIT_CORP_TAG, ident)).fetchone()
    return row is not None and row[0] == "discarded" and row[1] == SUPERSEDED


def enqueue_undo(ctx: WriteContext, plan: UndoPlan) -> None:
    """After an undo: renames go back to WeCom, a waiting deletion of what came back is
    withdrawn, and a tag whose creation was undone is deleted there (or never created).

    A tag or group that comes back also gets back a rename its deletion superseded: the
    restored row carries the new name, WeCom still the old one, and the next sync would
    otherwise take WeCom's."""
    for tag_id in plan.renamed_tags:
        enqueue_rename_tag(ctx, tag_id)
    for group_id in plan.renamed_groups:
        enqueue_rename_group(ctx, group_id)
    for tag_id in plan.restored_tags:
        if tag_id not in plan.renamed_tags and _rename_was_superseded(ctx.conn, "tag_id", tag_id):
            enqueue_rename_tag(ctx, tag_id)
    for group_id in plan.restored_groups:
        if group_id not in plan.renamed_groups and _rename_was_superseded(ctx.conn, "group_id",
                                                                          group_id):
            enqueue_rename_group(ctx, group_id)
    if plan.restored_wecom_ids:
        for item_id, payload in ctx.conn.execute(
                "SELECT id, payload FROM outbox WHERE kind = ? AND status IN "
                f"{_WAITING}", (DEL_CORP_TAG,)).fetchall():
            p = json.loads(payload)
            left = {k: [i for i in p.get(k, []) if i not in plan.restored_wecom_ids]
                    for k in ("tag_ids", "group_ids")}
            if left == p:
                continue
            if left["tag_ids"] or left["group_ids"]:
                ctx.conn.execute("UPDATE outbox SET payload = ?, updated_at = ? WHERE id = ?",
                                 (json.dumps(left), ctx.now, item_id))
            else:
                _set(ctx, item_id, "discarded", SUPERSEDED)
    enqueue_deletion(ctx, plan.doomed)
