"""Outbox rules: item statuses, idempotency keys, supersede rules, back-off, what "unknown" means.

Pure functions; ``store.outbox`` persists what they decide and ``services.outbox`` acts on it.

Statuses (the one place they are listed):

- ``pending``: waiting to be sent (``next_try_at``/``not_before`` may hold it back).
- ``sending``: marked (committed) before the call; found so at the start of a push, the call
  may or may not have reached WeCom, so WeCom is checked before anything is sent again.
- ``waiting_confirm``: WeCom has the task (its id in ``remote_id``) but a staff member still
  has to confirm it in the WeCom client (mass sends); later pushes read the receipts.
- ``sent``: WeCom has it; for mass sends, every target's receipt is final.
- ``failed``: WeCom refused it for a reason a retry cannot fix; to retry or discard.
- ``discarded``: given up, by the operator or superseded by a later change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

PENDING, SENDING, WAITING_CONFIRM = "pending", "sending", "waiting_confirm"
SENT, FAILED, DISCARDED = "sent", "failed", "discarded"
STATUSES = (PENDING, SENDING, WAITING_CONFIRM, SENT, FAILED, DISCARDED)
LIVE = (PENDING, SENDING, FAILED)  # local change not (known to be) in WeCom yet
SUPERSEDED = "被后来的修改抵消，无需发送。"

# Back-off of an item a transient error stopped: 1 min, 2, 4 ... at most 1 h.
BACKOFF_FIRST_S = 60
BACKOFF_MAX_S = 3600
# How long an unanswered check of a non-idempotent send waits before looking again.
RECHECK_S = 60


class Check(Enum):
    """What reading WeCom's state said about an interrupted item."""

    APPLIED = "applied"
    NOT_APPLIED = "not_applied"
    UNKNOWN = "unknown"


class Next(Enum):
    """What the pusher does with an interrupted item after its check."""

    RECORD = "record"  # WeCom has it: record, no call
    SEND = "send"  # WeCom does not have it: back to pending, sent again
    WAIT = "wait"  # cannot tell: stays sending, checked again later, never re-sent blindly
    SUPERSEDE = "supersede"  # a later item of the same target sets the end state: not re-sent


def after_check(check: Check, *, resend_when_unknown: bool, overtaken: bool = False) -> Next:
    """"Unknown" re-sends only a kind WeCom de-duplicates (setting a tag twice is one tag);
    a mass-send task sent twice is two tasks, so it waits and is checked again.

    ``overtaken``: the operator changed the same target again while this item was in flight
    (a later ``mark_tag`` of the same relationship and tag, a later remark or rename), queued
    as its own item after this one. What WeCom already has is still recorded (the mirror says
    what WeCom says; the later item keeps the member's link, rule 2 in ``domain/tag_links``);
    what it does not have is never sent again: the later item alone makes WeCom end in the
    operator's last state, and re-sending this one could land after it."""
    if check is Check.APPLIED:
        return Next.RECORD
    if check is Check.NOT_APPLIED or resend_when_unknown:
        return Next.SUPERSEDE if overtaken else Next.SEND
    return Next.WAIT


def backoff_s(retries: int) -> int:
    """Seconds to wait after the item's ``retries + 1``-th transient error in a row."""
    return int(min(BACKOFF_FIRST_S * 2 ** min(max(retries, 0), 16), BACKOFF_MAX_S))


def due(next_try_at: int | None, not_before: int | None, now: float) -> bool:
    """Whether a waiting item may be sent now."""
    return all(t is None or t <= now for t in (next_try_at, not_before))


def expired(expires_at: int | None, now: float) -> bool:
    return expires_at is not None and now >= expires_at


# -- idempotency keys --------------------------------------------------------------------------
def event_key(kind: str, *parts: object) -> str:
    """The key of one business event: ``event_key("mark_tag", member, staff, tag, "+", batch)``.
    The same event planned twice gives the same key, so it is queued once."""
    if not kind or not parts:
        raise ValueError("an outbox key needs a kind and what the event is about")
    return ":".join(str(p) for p in (kind, *parts))


def schedule_key(schedule_id: int, occurrence_iso: str, batch: int) -> str:
    """One target batch of one occurrence of a scheduled send."""
    return f"schedule:{schedule_id}:occ:{occurrence_iso}:batch:{batch}"


def award_key(session_id: int | str, member_id: int, place: int) -> str:
    """One game award: a session's place for one member."""
    return f"game:{session_id}:member:{member_id}:place:{place}"


# -- supersede rules ---------------------------------------------------------------------------
class TagStep(Enum):
    QUEUE = "queue"  # queue a mark_tag
    CANCEL_WAITING = "cancel"  # the waiting opposite change is dropped: nothing to send
    REPLACE_WAITING = "replace"  # the waiting opposite change is dropped, and this one queued
    NOTHING = "nothing"  # already queued, or WeCom already has it that way


def tag_step(wanted_add: bool, *, waiting_add: bool | None, wecom_has: bool,
             waiting_tried: bool = False, in_flight_add: bool | None = None) -> TagStep:
    """One relationship and tag: what the operator's wanted state queues.

    ``waiting_add``: the direction of the change queued and not sent (``pending``/``failed``),
    which may be dropped; ``waiting_tried``: it was sent before and may have reached WeCom (a
    network error after the call), or it replaced such an item (``REPLACE_WAITING``: the new
    item inherits it, since WeCom may still be as the dropped one said, whatever the mirror). ``in_flight_add``: the direction of an item in ``sending``:
    it may or may not have reached WeCom, so it is never cancelled or merged into; WeCom ends as
    it says once it is settled, so an opposite wish is queued as its own, later item.
    ``wecom_has``: the mirror. Add then remove (or the reverse) before a push cancels out."""
    after_in_flight = wecom_has if in_flight_add is None else in_flight_add
    if waiting_add is not None and waiting_add != wanted_add:
        if waiting_tried or after_in_flight != wanted_add:
            return TagStep.REPLACE_WAITING  # WeCom may end as the dropped one said
        return TagStep.CANCEL_WAITING
    if waiting_add is not None or after_in_flight == wanted_add:
        return TagStep.NOTHING
    return TagStep.QUEUE


def superseded_by_new(kind: str, waiting_kinds: Iterable[str]) -> list[str]:
    """Which waiting kinds of the same target a new item of ``kind`` replaces: a later remark
    or rename replaces a waiting one (the last value is sent); a deletion replaces tagging,
    creation and renames of the tag."""
    replaces = {"remark": {"remark"}, "edit_corp_tag": {"edit_corp_tag"},
                "del_corp_tag": {"mark_tag", "add_corp_tag", "edit_corp_tag"}}.get(kind, set())
    return [k for k in waiting_kinds if k in replaces]


# -- mass sends --------------------------------------------------------------------------------
def content_hash(text: str, attachments: Sequence[Mapping[str, Any]] = ()) -> str:
    """What a mass-send task says, hashed the same way on both sides: stored before the call and
    compared with what ``get_groupmsg_list_v2`` lists. Attachments count by type and order only:
    WeCom lists them in its own shape (media ids it issued), not as they were sent."""
    kinds = [str(a.get("msgtype", "")) for a in attachments]
    canon = json.dumps({"text": text, "attachments": kinds}, ensure_ascii=False,
                       separators=(",", ":"))
    return hashlib.sha256(canon.encode()).hexdigest()


@dataclass(frozen=True)
class ListedTask:
    """One row of ``get_groupmsg_list_v2``."""

    msgid: str
    create_time: int
    creator: str
    content_hash: str


def find_task(listed: Iterable[ListedTask], *, content: str, since: int, until: int,
              taken: Iterable[str] = ()) -> Check | str:
    """The task our call created, among those WeCom lists: created through the API (no creator)
    inside the window from marking ``sending`` to the check, with the same content, and not
    already claimed by another item. One match → its msgid; none → not applied; several
    (identical tasks created in the same window) → unknown."""
    claimed = set(taken)
    hits = [t.msgid for t in listed if not t.creator and since <= t.create_time <= until
            and t.content_hash == content and t.msgid not in claimed]
    if len(hits) == 1:
        return hits[0]
    return Check.NOT_APPLIED if not hits else Check.UNKNOWN


def receipts_final(statuses: Iterable[int]) -> bool:
    """Every target's send result is final (1 sent, 2 not a friend, 3 over the cap)."""
    seen = list(statuses)
    return bool(seen) and all(s in (1, 2, 3) for s in seen)
