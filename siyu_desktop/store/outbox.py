"""The outbox (发件箱): local changes waiting to reach WeCom, one row per API call to make.

Items are enqueued in the same transaction as the local change they mirror, so a change and its
outbox item commit together or not at all. Each has an idempotency key; pushing marks an item
``sending`` (committed) before the call, so after a crash the pusher knows which calls may have
reached WeCom and checks before sending again. Statuses and rules: ``domain/outbox.py``; what
each kind sends: ``services/outbox_kinds``. Keys name the business event (``change_key``): an
operator action's items carry its audit batch, an unaudited write how often the same change was
queued before. Tag changes are per follow relationship (``mark_tag`` takes one staff member and
one customer), the way WeCom stores them. Renames and deletions in the tag library
(``edit_corp_tag``, ``del_corp_tag``) are queued by ``outbox_tags``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain import outbox as rules
from ..domain.outbox import LIVE, STATUSES, SUPERSEDED, TagStep, event_key
from ..domain.tag_links import discard_changes
from ..errors import ValidationError
from .audit import WriteContext, rows_as_dicts
from .outbox_pending import PendingTagChange, pending_remarks, pending_tag_changes
from .wecom_sync import (
    apply_follow_tag_changes,
    refresh_member_fields,
    select_in,
    write_member_tag_links,
)

__all__ = ["LIVE", "STATUSES", "SUPERSEDED", "PendingTagChange", "pending_remarks",
           "pending_tag_changes"]

MARK_TAG, ADD_CORP_TAG, REMARK = "mark_tag", "add_corp_tag", "remark"
EDIT_CORP_TAG, DEL_CORP_TAG = "edit_corp_tag", "del_corp_tag"
GROUP_MSG = "group_msg"


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str
    payload: dict[str, Any]
    status: str
    attempts: int
    last_error: str
    member_id: int | None
    staff_id: int | None
    tag_id: int | None
    created_at: int
    updated_at: int
    sent_at: int | None
    idempotency_key: str
    next_try_at: int | None = None  # waiting after a transient error: not sent before this
    retries: int = 0  # transient errors in a row (the back-off doubles with each)
    remote_id: str | None = None  # WeCom's id of what the item created (a mass send's msgid)
    not_before: int | None = None
    expires_at: int | None = None
    checked_at: int | None = None  # last look at WeCom's state (interrupted or confirming)


def _item(row: dict[str, Any]) -> OutboxItem:
    return OutboxItem(row["id"], row["kind"], json.loads(row["payload"]), row["status"],
                      row["attempts"], row["last_error"], row["member_id"], row["staff_id"],
                      row["tag_id"], row["created_at"], row["updated_at"], row["sent_at"],
                      row["idempotency_key"], row.get("next_try_at"), row.get("retries") or 0,
                      row.get("remote_id"), row.get("not_before"), row.get("expires_at"),
                      row.get("checked_at"))


def change_key(ctx: WriteContext, kind: str, *parts: object) -> str:
    """The key of a local change this write mirrors: the operator's action (its audit batch),
    or, unaudited, the how-many-th time this same change is queued (earlier ones are done)."""
    base = event_key(kind, *parts)
    if ctx.batch_id is not None:
        return f"{base}:{ctx.batch_id}"
    done = ctx.conn.execute("SELECT count(*) FROM outbox WHERE idempotency_key >= ? AND "
                            "idempotency_key < ? AND status NOT IN ('pending', 'sending')",
                            (base + ":", base + ";")).fetchone()[0]
    return f"{base}:g{done}"


def enqueue(ctx: WriteContext, kind: str, key: str, payload: dict[str, Any], *,
            member_id: int | None = None, staff_id: int | None = None,
            tag_id: int | None = None, not_before: int | None = None,
            expires_at: int | None = None) -> int | None:
    """Add one item under ``key`` (``event_key``/``change_key``: required, from the business
    event); the same key twice is one item. Returns its id (None if it already existed)."""
    if not key:
        raise ValueError("an outbox item needs the idempotency key of its business event")
    cur = ctx.conn.execute(
        "INSERT OR IGNORE INTO outbox(idempotency_key, kind, payload, member_id, staff_id, tag_id, "
        "created_at, updated_at, not_before, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (key, kind, json.dumps(payload, ensure_ascii=False), member_id, staff_id, tag_id,
         ctx.now, ctx.now, not_before, expires_at))
    ctx.changes.outbox_changed = True
    return int(cur.lastrowid or 0) if cur.rowcount else None


def _set(ctx: WriteContext, item_id: int, status: str, error: str = "", **extra: Any) -> None:
    ctx.changes.outbox_changed = True
    fields = {"status": status, "last_error": error, "updated_at": ctx.now, **extra}
    ctx.conn.execute(f"UPDATE outbox SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
                     [*fields.values(), item_id])


def is_wecom_tag(conn: sqlite3.Connection, tag_id: int) -> bool:
    """A corp tag in WeCom, or one being created there (its id arrives when it is pushed)."""
    row = conn.execute("SELECT wecom_tag_id FROM tags WHERE id = ?", (tag_id,)).fetchone()
    if row is None:
        return False
    if row[0] is not None:
        return True
    return conn.execute("SELECT 1 FROM outbox WHERE kind = ? AND tag_id = ? AND status IN "
                        "('pending', 'sending', 'failed')", (ADD_CORP_TAG, tag_id)).fetchone() is not None


# -- enqueueing local changes ------------------------------------------------------------------
def enqueue_tag_change(ctx: WriteContext, tag_id: int, member_ids: Sequence[int], *,
                       add: bool) -> int:
    """Queue ``mark_tag`` for every follow relationship of these members that differs from the
    wanted state. A waiting opposite change is cancelled instead (add then remove = nothing to
    send); one in ``sending`` may have reached WeCom, so it is kept and the opposite change is
    queued after it (``domain.outbox.tag_step``). Local-only tags and members who are nobody's WeCom customer queue nothing. Pass every
    member the operator tagged, also those whose link did not change because one relationship
    already carries the tag: their other relationships still owe it (rule 4 in
    ``domain/tag_links.py``). Calling it again for the same change queues nothing more."""
    conn = ctx.conn
    if not member_ids or not is_wecom_tag(conn, tag_id):
        return 0
    mids = sorted(set(member_ids))
    follows = select_in(conn, "SELECT f.member_id, f.staff_id FROM follows f JOIN members m ON "
                              "m.id = f.member_id WHERE m.external_userid IS NOT NULL AND "
                              "f.member_id IN ({})", mids)
    tagged = {(r["member_id"], r["staff_id"]) for r in select_in(
        conn, "SELECT member_id, staff_id FROM follow_tags WHERE tag_id = ? AND member_id IN ({})",
        mids, [tag_id])}
    # The latest item not sent (droppable) and the latest in flight (never dropped: it may
    # have reached WeCom) of each relationship, oldest first so the latest wins.
    waiting: dict[tuple[int, int], dict[str, Any]] = {}
    in_flight: dict[tuple[int, int], bool] = {}
    for r in select_in(conn, "SELECT id, member_id, staff_id, status, attempts, payload FROM "
                             "outbox WHERE kind = ? AND tag_id = ? AND status IN ('pending', "
                             "'sending', 'failed') AND member_id IN ({}) ORDER BY id", mids,
                       [MARK_TAG, tag_id]):
        rel = (r["member_id"], r["staff_id"])
        r["add"] = bool(json.loads(r["payload"]).get("add"))
        if r["status"] == "sending":
            in_flight[rel] = r["add"]
        else:
            waiting[rel] = r
    queued = 0
    for f in follows:
        rel = (f["member_id"], f["staff_id"])
        pending = waiting.get(rel)
        unsure = pending is not None and (pending["attempts"] > 0
                                          or bool(json.loads(pending["payload"]).get("unsure")))
        step = rules.tag_step(add, waiting_add=None if pending is None else pending["add"],
                              waiting_tried=unsure,
                              wecom_has=rel in tagged, in_flight_add=in_flight.get(rel))
        if step in (TagStep.CANCEL_WAITING, TagStep.REPLACE_WAITING) and pending is not None:
            _set(ctx, pending["id"], "discarded", SUPERSEDED)
        if step not in (TagStep.QUEUE, TagStep.REPLACE_WAITING):
            continue
        payload: dict[str, Any] = {"member_id": rel[0], "staff_id": rel[1], "tag_id": tag_id,
                                   "add": add}
        if step is TagStep.REPLACE_WAITING and unsure:
            payload["unsure"] = True  # WeCom may be as the dropped item said, whatever the mirror
        key = change_key(ctx, MARK_TAG, *rel, tag_id, "+" if add else "-")
        if enqueue(ctx, MARK_TAG, key, payload,
                   member_id=rel[0], staff_id=rel[1], tag_id=tag_id) is not None:
            queued += 1
    return queued


def enqueue_tag_changes(ctx: WriteContext) -> int:
    """Queue whatever this write did to members' WeCom tags (add, remove, undo, merge), read
    from ``ctx.changes``. Tags deleted in this write are skipped: that is a library change."""
    queued = 0
    for tag_id, ids in ctx.changes.tag_added.items():
        if tag_id not in ctx.changes.tags_dropped:
            queued += enqueue_tag_change(ctx, tag_id, ids, add=True)
    for tag_id, ids in ctx.changes.tag_removed.items():
        if tag_id not in ctx.changes.tags_dropped:
            queued += enqueue_tag_change(ctx, tag_id, ids, add=False)
    return queued


def enqueue_new_tag(ctx: WriteContext, tag_id: int) -> int | None:
    """Queue ``add_corp_tag`` for a tag created locally inside a WeCom tag group; a tag in a
    local group stays local and queues nothing."""
    row = ctx.conn.execute("SELECT g.wecom_group_id, t.wecom_tag_id FROM tags t JOIN tag_groups g "
                           "ON g.id = t.group_id WHERE t.id = ?", (tag_id,)).fetchone()
    if row is None or row[0] is None or row[1] is not None:
        return None
    return enqueue(ctx, ADD_CORP_TAG, change_key(ctx, ADD_CORP_TAG, tag_id), {"tag_id": tag_id},
                   tag_id=tag_id)


def enqueue_remark(ctx: WriteContext, member_id: int, staff_id: int, remark: str,
                   description: str | None = None) -> int | None:
    """Change what one staff member's remark says about one customer, here at once and in
    WeCom when pushed. An earlier remark for the same relationship not sent yet (waiting or
    refused) is superseded; one in ``sending`` may have reached WeCom and is kept: this one is
    sent after it, and it is not sent again once settled (``overtaken``)."""
    if len(remark) > 20:
        raise ValidationError("备注名最多 20 个字。", english="Remark is at most 20 characters.")
    rows = rows_as_dicts(ctx.conn, "SELECT f.*, m.external_userid FROM follows f JOIN members m "
                                   "ON m.id = f.member_id WHERE f.member_id = ? AND f.staff_id = ?",
                         (member_id, staff_id))
    if not rows or not rows[0]["external_userid"]:
        raise ValidationError("这位客户和该员工之间没有企业微信好友关系，无法修改备注。",
                              english="No WeCom follow relationship to set a remark on.")
    before = {k: v for k, v in rows[0].items() if k != "external_userid"}
    updates: dict[str, Any] = {"remark": remark}
    if description is not None:
        updates["description"] = description
    if all(before[k] == v for k, v in updates.items()):
        return None  # nothing changes: nothing to send
    if not remark and not updates.get("description", before["description"]):
        raise ValidationError("企业微信不能把备注和描述都清空，请至少留下备注名。",
                              english="WeCom cannot clear both the remark and the description.")
    if not remark:  # WeCom needs one non-empty field: the description goes along
        updates["description"] = updates.get("description", before["description"])
    ctx.conn.execute(f"UPDATE follows SET {', '.join(f'{k} = ?' for k in updates)} "
                     "WHERE member_id = ? AND staff_id = ?", [*updates.values(), member_id, staff_id])
    ctx.log("follows", before, {**before, **updates})
    ctx.changes.follows_changed = True
    refresh_member_fields(ctx, [member_id])  # the remark shown in lists and found by search
    ctx.changes.members.add(member_id)
    for (old,) in ctx.conn.execute("SELECT id FROM outbox WHERE kind = ? AND member_id = ? AND "
                                   "staff_id = ? AND status IN ('pending', 'failed')",
                                   (REMARK, member_id, staff_id)).fetchall():
        _set(ctx, old, "discarded", SUPERSEDED)
    payload = {"member_id": member_id, "staff_id": staff_id, **updates}
    return enqueue(ctx, REMARK, change_key(ctx, REMARK, member_id, staff_id), payload,
                   member_id=member_id, staff_id=staff_id)


# -- the pusher's bookkeeping ------------------------------------------------------------------
def items(conn: sqlite3.Connection, statuses: Sequence[str] = STATUSES,
          limit: int = 500) -> list[OutboxItem]:
    rows = rows_as_dicts(conn, f"SELECT * FROM outbox WHERE status IN ({','.join('?' * len(statuses))}) "
                               "ORDER BY id LIMIT ?", [*statuses, limit])
    return [_item(r) for r in rows]


def get(conn: sqlite3.Connection, item_id: int) -> OutboxItem | None:
    rows = rows_as_dicts(conn, "SELECT * FROM outbox WHERE id = ?", (item_id,))
    return _item(rows[0]) if rows else None


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    out = dict.fromkeys(STATUSES, 0)
    out.update({r[0]: r[1] for r in conn.execute("SELECT status, count(*) FROM outbox GROUP BY status")})
    return out


def mark_sending(ctx: WriteContext, item_id: int) -> None:
    ctx.conn.execute("UPDATE outbox SET status = 'sending', attempts = attempts + 1, "
                     "last_error = '', updated_at = ? WHERE id = ?", (ctx.now, item_id))
    ctx.changes.outbox_changed = True


def overtaken(conn: sqlite3.Connection, item: OutboxItem) -> bool:
    """Whether a later live item of the same target was queued after this one (the operator
    changed the same relationship's tag or remark, or renamed the same tag or group, again):
    then this one is recorded if WeCom has it but never sent again (``rules.after_check``)."""
    live = "status IN ('pending', 'sending', 'failed') AND id > ?"
    if item.kind == MARK_TAG:
        sql = (f"SELECT 1 FROM outbox WHERE kind = ? AND {live} AND member_id = ? AND "
               "staff_id = ? AND tag_id = ?")
        args: tuple[Any, ...] = (MARK_TAG, item.id, item.member_id, item.staff_id, item.tag_id)
    elif item.kind == REMARK:
        sql = f"SELECT 1 FROM outbox WHERE kind = ? AND {live} AND member_id = ? AND staff_id = ?"
        args = (REMARK, item.id, item.member_id, item.staff_id)
    elif item.kind == EDIT_CORP_TAG and "group_id" in item.payload:
        sql = (f"SELECT 1 FROM outbox WHERE kind = ? AND {live} AND "
               "json_extract(payload, '$.group_id') = ?")
        args = (EDIT_CORP_TAG, item.id, item.payload["group_id"])
    elif item.kind == EDIT_CORP_TAG:
        sql = f"SELECT 1 FROM outbox WHERE kind = ? AND {live} AND tag_id = ?"
        args = (EDIT_CORP_TAG, item.id, item.tag_id)
    else:
        return False
    return conn.execute(sql, args).fetchone() is not None


def mark_superseded(ctx: WriteContext, item_id: int) -> None:
    """An interrupted item WeCom does not have, overtaken by a later one: not sent again."""
    _set(ctx, item_id, "discarded", SUPERSEDED, next_try_at=None)


def mark_pending(ctx: WriteContext, item_id: int, error: str = "") -> None:
    _set(ctx, item_id, "pending", error)


def mark_retry_later(ctx: WriteContext, item_id: int, error: str, next_try_at: int) -> None:
    """A transient error (WeCom busy, a limit, the network): back to waiting until
    ``next_try_at``, one more transient error in a row counted."""
    _set(ctx, item_id, "pending", error, next_try_at=next_try_at)
    ctx.conn.execute("UPDATE outbox SET retries = retries + 1 WHERE id = ?", (item_id,))


def due(item: OutboxItem, now: float) -> bool:
    """Whether a waiting item may be sent now (no back-off or not-before time ahead)."""
    return rules.due(item.next_try_at, item.not_before, now)


def mark_failed(ctx: WriteContext, item_id: int, error: str) -> None:
    _set(ctx, item_id, "failed", error, next_try_at=None, retries=0)


Apply = Callable[[WriteContext, OutboxItem, "dict[str, Any] | None"], None]


def mark_sent(ctx: WriteContext, item_id: int, result: dict[str, Any] | None = None, *,
              apply: Apply | None = None) -> None:
    """Sent: record it, and ``apply`` (the kind's local effect) makes the local mirror of
    WeCom say what WeCom now says."""
    item = get(ctx.conn, item_id)
    if item is None:
        return
    _set(ctx, item_id, "sent", "", sent_at=ctx.now, next_try_at=None, retries=0)
    if apply is not None:
        apply(ctx, item, result)


def mark_waiting_confirm(ctx: WriteContext, item_id: int, remote_id: str) -> None:
    """WeCom created the task (``remote_id``, its msgid); a staff member still confirms it."""
    _set(ctx, item_id, "waiting_confirm", "", remote_id=remote_id, next_try_at=None, retries=0,
         checked_at=ctx.now)


def mark_checked(ctx: WriteContext, item_id: int, next_try_at: int | None = None) -> None:
    """Looked at WeCom's state without an answer: same status, looked at again later."""
    ctx.conn.execute("UPDATE outbox SET checked_at = ?, next_try_at = ? WHERE id = ?",
                     (ctx.now, next_try_at, item_id))


@dataclass(frozen=True)
class TargetResult:
    """One target's receipt of a mass send (a customer or a customer group)."""

    target_id: str
    status: str  # waiting | sent | not_friend | over_cap | failed
    userid: str = ""
    error: str = ""
    at: int | None = None


def record_targets(ctx: WriteContext, item_id: int, results: Sequence[TargetResult]) -> None:
    ctx.conn.executemany(
        "INSERT INTO outbox_targets(item_id, target_id, status, userid, error, at) VALUES "
        "(?, ?, ?, ?, ?, ?) ON CONFLICT(item_id, target_id) DO UPDATE SET status = "
        "excluded.status, userid = excluded.userid, error = excluded.error, at = excluded.at",
        [(item_id, r.target_id, r.status, r.userid, r.error, r.at) for r in results])
    ctx.changes.outbox_changed = True


def targets(conn: sqlite3.Connection, item_id: int) -> list[TargetResult]:
    return [TargetResult(*r) for r in conn.execute(
        "SELECT target_id, status, userid, error, at FROM outbox_targets WHERE item_id = ? "
        "ORDER BY target_id", (item_id,))]


def enqueue_group_msg(ctx: WriteContext, key: str, staff_id: int, chat_ids: Sequence[str],
                      text: str, attachments: Sequence[dict[str, Any]] = (), *,
                      not_before: int | None = None,
                      expires_at: int | None = None) -> int | None:
    """Queue a customer-group mass-send task (``add_msg_template``, chat_type ``group``) from
    one staff member to these groups (WeCom chat ids). ``key`` names the occurrence
    (``domain.outbox.schedule_key``); its content hash is stored now, before any call, so an
    interrupted creation can be found again in WeCom's task list."""
    if not chat_ids or (not text and not attachments):
        raise ValidationError("群发需要目标群和内容。", english="A mass send needs groups and content.")
    payload = {"staff_id": staff_id, "chat_ids": list(chat_ids), "text": text,
               "attachments": list(attachments),
               "content_hash": rules.content_hash(text, attachments)}
    return enqueue(ctx, GROUP_MSG, key, payload, staff_id=staff_id, not_before=not_before,
                   expires_at=expires_at)


def apply_mark_tag(ctx: WriteContext, item: OutboxItem, result: dict[str, Any] | None) -> None:
    """A tag change is in WeCom: its mirror ``follow_tags`` says so."""
    p = item.payload
    # Only the mirror of WeCom changes here: the member's own link already says what the
    # operator wanted when the item was queued (domain/tag_links.py).
    key = (p["member_id"], p["staff_id"], p["tag_id"])
    if p["add"]:
        cur = ctx.conn.execute("INSERT OR IGNORE INTO follow_tags(member_id, staff_id, tag_id) "
                               "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM follows WHERE "
                               "member_id = ? AND staff_id = ?)", (*key, *key[:2]))
        if cur.rowcount:
            ctx.log("follow_tags", None, dict(zip(("member_id", "staff_id", "tag_id"), key,
                                                  strict=True)))
            apply_follow_tag_changes(ctx, [key], [])
    else:
        cur = ctx.conn.execute("DELETE FROM follow_tags WHERE member_id = ? AND staff_id = ? "
                               "AND tag_id = ?", key)
        if cur.rowcount:
            ctx.log("follow_tags", dict(zip(("member_id", "staff_id", "tag_id"), key,
                                            strict=True)), None)
            apply_follow_tag_changes(ctx, [], [key])


def apply_add_corp_tag(ctx: WriteContext, item: OutboxItem,
                       result: dict[str, Any] | None) -> None:
    """A new tag is in WeCom: it gets WeCom's id (or, deleted here meanwhile, is deleted there)."""
    p = item.payload
    if result:
        before = rows_as_dicts(ctx.conn, "SELECT * FROM tags WHERE id = ?", (p["tag_id"],))
        if not before and result.get("wecom_tag_id"):
            # Deleted here while its creation was in flight: WeCom has it now, so delete it there.
            enqueue(ctx, DEL_CORP_TAG, change_key(ctx, DEL_CORP_TAG, result["wecom_tag_id"]),
                    {"tag_ids": [result["wecom_tag_id"]], "group_ids": []}, tag_id=p["tag_id"])
        if before:
            ctx.conn.execute("UPDATE tags SET wecom_tag_id = ?, source = 'app' WHERE id = ?",
                             (result["wecom_tag_id"], p["tag_id"]))
            ctx.log("tags", before[0], {**before[0], "wecom_tag_id": result["wecom_tag_id"],
                                        "source": "app"})
            ctx.changes.library_changed = True


def retry(ctx: WriteContext, item_id: int) -> None:
    """Send again: a failed or discarded item, or one waiting for its next-try time (sent at
    the next push instead)."""
    item = get(ctx.conn, item_id)
    waiting = item is not None and item.status == "pending" and item.next_try_at is not None
    if item is None or (item.status not in ("failed", "discarded") and not waiting):
        raise ValidationError("只有失败或已放弃的项目可以重试。", english="Only failed items can be retried.")
    _set(ctx, item_id, "pending", "", next_try_at=None, retries=0)


def discard(ctx: WriteContext, item_id: int) -> None:
    """Give up on an item; the local view goes back to what WeCom has (tags at once, remarks
    at the next sync)."""
    item = get(ctx.conn, item_id)
    if item is None or item.status not in ("pending", "failed"):
        raise ValidationError("只有待发送或失败的项目可以放弃。",
                              english="Only pending or failed items can be discarded.")
    _set(ctx, item_id, "discarded", item.last_error)
    if item.kind == MARK_TAG and item.member_id is not None and item.tag_id is not None:
        _undo_waiting_tag(ctx, item)


def _undo_waiting_tag(ctx: WriteContext, item: OutboxItem) -> None:
    """The discarded item's member and tag go back to what WeCom's mirror says, unless another
    waiting item (another relationship) still carries the same change."""
    conn, m, t = ctx.conn, item.member_id, item.tag_id
    assert m is not None and t is not None  # checked by ``discard``
    adding = bool(item.payload.get("add"))
    other = conn.execute("SELECT payload FROM outbox WHERE kind = ? AND member_id = ? AND tag_id = ? "
                         "AND id != ? AND status IN ('pending', 'sending', 'failed')",
                         (MARK_TAG, m, t, item.id)).fetchall()
    plan = discard_changes(
        (m, t), adding=adding,
        linked=conn.execute("SELECT 1 FROM member_tags WHERE member_id = ? AND tag_id = ?",
                            (m, t)).fetchone() is not None,
        on_a_relationship=conn.execute("SELECT 1 FROM follow_tags WHERE member_id = ? AND "
                                       "tag_id = ?", (m, t)).fetchone() is not None,
        other_waiting=any(bool(json.loads(r[0]).get("add")) == adding for r in other))
    write_member_tag_links(ctx, sorted(plan.add), sorted(plan.remove))


def mark_tag_as_admin(ctx: WriteContext, tag_id: int) -> None:
    """WeCom refused to change this tag: it was not made by this app, so it is read-only."""
    before = rows_as_dicts(ctx.conn, "SELECT * FROM tags WHERE id = ?", (tag_id,))
    if before and before[0]["source"] != "admin":
        ctx.conn.execute("UPDATE tags SET source = 'admin' WHERE id = ?", (tag_id,))
        ctx.log("tags", before[0], {**before[0], "source": "admin"})
        ctx.changes.library_changed = True


def restore_tag_name(ctx: WriteContext, tag_id: int, name: str) -> None:
    """WeCom kept its name for this tag (a rename it refused): the local name goes back to it."""
    before = rows_as_dicts(ctx.conn, "SELECT * FROM tags WHERE id = ?", (tag_id,))
    if before and name and before[0]["name"] != name:
        ctx.conn.execute("UPDATE tags SET name = ? WHERE id = ?", (name, tag_id))
        ctx.log("tags", before[0], {**before[0], "name": name})
        ctx.changes.library_changed = True


def name_before_rename(conn: sqlite3.Connection, tag_id: int, name: str) -> str:
    """The tag's name before it was renamed to ``name``, from the history ("" if not found)."""
    pk = json.dumps([tag_id])
    for before, after in conn.execute("SELECT before, after FROM audit WHERE tbl = 'tags' AND "
                                      "pk = ? AND cols IS NULL AND before IS NOT NULL AND after "
                                      "IS NOT NULL ORDER BY id DESC", (pk,)).fetchall():
        old, new = json.loads(before).get("name"), json.loads(after).get("name")
        if new == name and old and old != name:
            return str(old)
    return ""


def mark_group_as_admin(ctx: WriteContext, group_id: int) -> None:
    """WeCom refused to rename this tag group: not made by this app, so its name is read-only."""
    before = rows_as_dicts(ctx.conn, "SELECT * FROM tag_groups WHERE id = ?", (group_id,))
    if before and before[0]["source"] != "admin":
        ctx.conn.execute("UPDATE tag_groups SET source = 'admin' WHERE id = ?", (group_id,))
        ctx.log("tag_groups", before[0], {**before[0], "source": "admin"})
        ctx.changes.library_changed = True


# -- describing items for screens --------------------------------------------------------------
@dataclass(frozen=True)
class Description:
    """Who and what an item is about, in names. ``None``: the item is not about that; ``""``
    (``DELETED``): it was, but the row is gone here."""

    member: str | None = None  # the member's name, else "wm…" and the last 4 of the external id
    staff: str | None = None
    tag: str | None = None  # "group/tag"
    group: str | None = None  # a tag group rename
    wecom_tags: int = 0  # a deletion: how many WeCom tags and groups it removes
    wecom_groups: int = 0


DELETED = ""


def _member_label(row: dict[str, Any]) -> str:
    if row["name"]:
        return str(row["name"])
    ext = row["external_userid"] or ""
    return f"wm…{ext[-4:]}" if ext else f"#{row['id']}"


def describe_items(conn: sqlite3.Connection,
                   items: Sequence[OutboxItem]) -> dict[int, Description]:
    """Names for each item, read set-based (one query per table, whatever the count)."""
    def ids(pick: Any) -> list[int]:
        return sorted({v for i in items if (v := pick(i)) is not None})

    def payload_id(item: OutboxItem, key: str) -> int | None:
        v = item.payload.get(key)
        return int(v) if isinstance(v, int) else None

    member_ids = ids(lambda i: i.member_id if i.kind in (MARK_TAG, REMARK) else None)
    staff_ids = ids(lambda i: i.staff_id if i.kind in (MARK_TAG, REMARK) else None)
    tag_ids = ids(lambda i: i.tag_id if i.kind != REMARK else None)
    group_ids = ids(lambda i: payload_id(i, "group_id") if i.kind == EDIT_CORP_TAG else None)
    members = {r["id"]: _member_label(r) for r in select_in(
        conn, "SELECT id, name, external_userid FROM members WHERE id IN ({})", member_ids)}
    staff = {r["id"]: r["name"] or r["userid"] for r in select_in(
        conn, "SELECT id, name, userid FROM staff WHERE id IN ({})", staff_ids)}
    tags = {r["id"]: f"{r['group_name']}/{r['name']}" for r in select_in(
        conn, "SELECT t.id, t.name, g.name AS group_name FROM tags t JOIN tag_groups g ON "
              "g.id = t.group_id WHERE t.id IN ({})", tag_ids)}
    groups = {r["id"]: r["name"] for r in select_in(
        conn, "SELECT id, name FROM tag_groups WHERE id IN ({})", group_ids)}
    out: dict[int, Description] = {}
    for i in items:
        if i.kind in (MARK_TAG, REMARK):
            member = members.get(i.member_id, DELETED) if i.member_id is not None else DELETED
            who = staff.get(i.staff_id, DELETED) if i.staff_id is not None else DELETED
            tag = (tags.get(i.tag_id, DELETED) if i.tag_id is not None else DELETED) \
                if i.kind == MARK_TAG else None
            out[i.id] = Description(member=member, staff=who, tag=tag)
        elif i.kind == EDIT_CORP_TAG and payload_id(i, "group_id") is not None:
            out[i.id] = Description(group=groups.get(payload_id(i, "group_id"), DELETED))
        elif i.kind == DEL_CORP_TAG:
            tag = tags.get(i.tag_id) if i.tag_id is not None else None
            out[i.id] = Description(tag=tag if tag is not None else DELETED,
                                    wecom_tags=len(i.payload.get("tag_ids", [])),
                                    wecom_groups=len(i.payload.get("group_ids", [])))
        elif i.kind in (ADD_CORP_TAG, EDIT_CORP_TAG):
            out[i.id] = Description(tag=tags.get(i.tag_id, DELETED) if i.tag_id is not None
                                    else DELETED)
        else:
            out[i.id] = Description()
    return out
