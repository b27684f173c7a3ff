"""``group_msg``: a customer-group mass-send task (``add_msg_template``, chat_type ``group``).

WeCom does not de-duplicate tasks and a task carries nothing of ours the customer would not see,
so an interrupted creation is found again by what it is: a task created through the API (no
creator) while the item was ``sending``, whose content hash matches the one stored before the
call, and that no other item has claimed. No answer → the item stays ``sending`` and is looked
at again later; it is never sent blindly. Once created the item waits in ``waiting_confirm``
for the staff member to confirm it; later pushes read ``get_groupmsg_task`` and
``get_groupmsg_send_result`` into ``outbox_targets`` until every group's receipt is final.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ...domain import outbox as rules
from ...domain.outbox import Check
from ...store import outbox as store
from ...wecom import messages
from ...wecom.client import WeComClient
from ...wecom.errors import WeComUserError
from ...wecom.types import MsgTemplate
from . import NOW, BaseKind, Found, Outcome, Receipts, Target, register

DISPATCHING = 41063  # "still dispatching": receipts are not readable yet
SKEW_S = 300  # our clock against WeCom's, either way
RECEIPT = {0: "waiting", 1: "sent", 2: "not_friend", 3: "over_cap"}


@register
class GroupMsg(BaseKind):
    name = store.GROUP_MSG
    resend_when_unknown = False

    def resolve(self, conn: sqlite3.Connection, item: store.OutboxItem) -> Target:
        row = conn.execute("SELECT userid, active FROM staff WHERE id = ?",
                           (item.payload["staff_id"],)).fetchone()
        if row is None or not row[1]:
            return Target(problem="发送群发的员工已不在企业微信中。")
        return Target(userid=row[0])

    async def send(self, client: WeComClient, item: store.OutboxItem, target: Target) -> Outcome:
        p = item.payload
        result = await messages.add_msg_template(client, MsgTemplate(
            chat_type="group", sender=target.userid, chat_ids=tuple(p["chat_ids"]),
            text=p["text"], attachments=tuple(p.get("attachments") or ())))
        return Outcome({"msgid": result.msgid, "fail_list": list(result.fail_list)},
                       remote_id=result.msgid, confirm=True)

    async def check(self, client: WeComClient, item: store.OutboxItem, target: Target,
                    seen: dict[str, Any]) -> Found:
        since = int(item.updated_at) - SKEW_S  # marked sending then
        until = int(max(seen[NOW], item.updated_at)) + SKEW_S  # the workspace's clock
        listed = await messages.get_groupmsg_list_v2(client, chat_type="group", start_time=since,
                                                     end_time=until, filter_type=0)
        taken = seen.setdefault("group_msg_taken", set())
        found = rules.find_task(
            (rules.ListedTask(m.msgid, m.create_time, m.creator,
                              rules.content_hash(m.text, m.attachments)) for m in listed),
            content=item.payload["content_hash"], since=since, until=until, taken=taken)
        if isinstance(found, Check):
            return Found(found)
        taken.add(found)
        return Found(Check.APPLIED, Outcome({"msgid": found}, remote_id=found, confirm=True))

    async def receipts(self, client: WeComClient, item: store.OutboxItem) -> Receipts:
        msgid = item.remote_id or ""
        try:
            tasks = await messages.get_groupmsg_task(client, msgid)
            results: list[store.TargetResult] = []
            for task in tasks:
                for r in await messages.get_groupmsg_send_result(client, msgid, task.userid):
                    results.append(store.TargetResult(
                        r.chat_id or r.external_userid, RECEIPT.get(r.status, "failed"),
                        r.userid, at=r.send_time or None))
        except WeComUserError as exc:
            if exc.errcode == DISPATCHING:
                return Receipts([], False)
            raise
        return Receipts(results, rules.receipts_final(
            {v: k for k, v in RECEIPT.items()}.get(r.status, 2) for r in results))
