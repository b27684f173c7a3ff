"""Mass messages (企业群发): creating a task sends nothing until each staff member confirms it
in the WeCom client, so callers create the task, then poll tasks and per-target results."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from ..errors import ValidationError
from .client import WeComClient
from .paging import cursor_pages
from .types import (
    GroupMsg,
    GroupMsgSendResult,
    GroupMsgTask,
    Json,
    MsgTemplate,
    MsgTemplateResult,
)

_BASE = "/cgi-bin/externalcontact"
MAX_TEXT_BYTES = 4000
MAX_ATTACHMENTS = 9
MAX_CUSTOMERS = 10_000
MAX_GROUPS = 2000
LIST_SPAN = 30 * 86_400  # get_groupmsg_list_v2 accepts at most a month per call


def image_attachment(*, media_id: str = "", pic_url: str = "") -> Json:
    """``pic_url`` must come from ``media.uploadimg``; ``media_id`` from ``media.upload``."""
    image = {"media_id": media_id} if media_id else {"pic_url": pic_url}
    return {"msgtype": "image", "image": image}


def link_attachment(title: str, url: str, *, picurl: str = "", desc: str = "") -> Json:
    link: dict[str, str] = {"title": title, "url": url}
    if picurl:
        link["picurl"] = picurl
    if desc:
        link["desc"] = desc
    return {"msgtype": "link", "link": link}


def miniprogram_attachment(title: str, pic_media_id: str, appid: str, page: str) -> Json:
    return {
        "msgtype": "miniprogram",
        "miniprogram": {"title": title, "pic_media_id": pic_media_id, "appid": appid, "page": page},
    }


def video_attachment(media_id: str) -> Json:
    return {"msgtype": "video", "video": {"media_id": media_id}}


def file_attachment(media_id: str) -> Json:
    return {"msgtype": "file", "file": {"media_id": media_id}}


def check_template(template: MsgTemplate) -> None:
    """Refuse locally what WeCom would refuse, with the operator's words."""
    if template.chat_type not in ("single", "group"):
        raise ValidationError("群发类型不正确。", english="chat_type must be single or group.")
    if not template.text and not template.attachments:
        raise ValidationError("群发内容不能为空。", english="A message needs text or attachments.")
    if len(template.text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ValidationError(
            "群发文字太长（最多约 1300 个汉字）。", english="Text over 4000 bytes."
        )
    if len(template.attachments) > MAX_ATTACHMENTS:
        raise ValidationError("附件最多 9 个。", english="At most 9 attachments.")
    if template.chat_type == "group":
        if not template.sender:
            raise ValidationError(
                "群发到客户群时必须指定发送成员。", english="Group sends need a sender."
            )
        if len(template.chat_ids) > MAX_GROUPS:
            raise ValidationError(
                "每个任务最多 2000 个群。", english="At most 2000 groups per task."
            )
    else:
        if len(template.external_userids) > MAX_CUSTOMERS:
            raise ValidationError(
                "每个任务最多 10000 位客户。", english="At most 10 000 customers per task."
            )
        if not template.external_userids and not template.sender and not template.tag_filter:
            raise ValidationError("请指定客户或发送成员。", english="Customers or a sender needed.")


async def add_msg_template(client: WeComClient, template: MsgTemplate) -> MsgTemplateResult:
    """Create a mass-message task; nothing is sent until staff confirm it."""
    check_template(template)
    data = await client.post(f"{_BASE}/add_msg_template", template.to_api())
    return MsgTemplateResult(
        str(data.get("msgid", "")), tuple(str(x) for x in data.get("fail_list") or [])
    )


async def iter_groupmsg_list_v2(
    client: WeComClient,
    *,
    chat_type: str,
    start_time: int,
    end_time: int,
    creator: str | None = None,
    filter_type: int = 2,
    limit: int = 100,
) -> AsyncIterator[list[GroupMsg]]:
    """Yield pages of tasks created in [start_time, end_time], split into month-sized calls."""
    start = start_time
    while start < end_time:
        stop = min(end_time, start + LIST_SPAN)
        body: dict[str, Any] = {
            "chat_type": chat_type,
            "start_time": start,
            "end_time": stop,
            "filter_type": filter_type,
            "limit": max(1, min(limit, 100)),
        }
        if creator:
            body["creator"] = creator
        async for page in cursor_pages(
            client, f"{_BASE}/get_groupmsg_list_v2", body, "group_msg_list"
        ):
            yield [GroupMsg.from_api(m) for m in page]
        start = stop + 1  # both ends are inclusive: do not list a boundary task twice


async def get_groupmsg_list_v2(
    client: WeComClient,
    *,
    chat_type: str,
    start_time: int,
    end_time: int,
    creator: str | None = None,
    filter_type: int = 2,
    limit: int = 100,
) -> list[GroupMsg]:
    out: list[GroupMsg] = []
    async for page in iter_groupmsg_list_v2(
        client,
        chat_type=chat_type,
        start_time=start_time,
        end_time=end_time,
        creator=creator,
        filter_type=filter_type,
        limit=limit,
    ):
        out.extend(page)
    return out


async def get_groupmsg_task(
    client: WeComClient, msgid: str, *, limit: int = 1000
) -> list[GroupMsgTask]:
    """Per staff member: has this task been confirmed and sent yet."""
    body = {"msgid": msgid, "limit": max(1, min(limit, 1000))}
    out: list[GroupMsgTask] = []
    async for page in cursor_pages(client, f"{_BASE}/get_groupmsg_task", body, "task_list"):
        out.extend(GroupMsgTask.from_api(t) for t in page)
    return out


async def get_groupmsg_send_result(
    client: WeComClient, msgid: str, userid: str, *, limit: int = 1000
) -> list[GroupMsgSendResult]:
    """Per target of one staff member: sent, not a friend, or skipped by the monthly cap."""
    body = {"msgid": msgid, "userid": userid, "limit": max(1, min(limit, 1000))}
    out: list[GroupMsgSendResult] = []
    async for page in cursor_pages(client, f"{_BASE}/get_groupmsg_send_result", body, "send_list"):
        out.extend(GroupMsgSendResult.from_api(r) for r in page)
    return out


async def cancel_groupmsg_send(client: WeComClient, msgid: str) -> None:
    """Stop staff from sending the rest; already delivered messages stay delivered."""
    await client.post(f"{_BASE}/cancel_groupmsg_send", {"msgid": msgid})


async def remind_groupmsg_send(client: WeComClient, msgid: str) -> None:
    """Re-notify staff. At most 3 reminders per task per 24 h: the limit error is raised at
    once (waiting a minute would not help)."""
    await client.call(
        "POST", f"{_BASE}/remind_groupmsg_send", json={"msgid": msgid}, wait_on_rate_limit=False
    )
