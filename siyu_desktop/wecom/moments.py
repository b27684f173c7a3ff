"""Moments (客户朋友圈) tasks: like mass messages, staff publish them after confirming."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ValidationError
from .client import WeComClient
from .ratelimit import Sleep
from .types import Json, MomentTaskResult

_BASE = "/cgi-bin/externalcontact"


async def add_moment_task(
    client: WeComClient,
    *,
    text: str = "",
    attachments: Sequence[Json] = (),
    sender_userids: Sequence[str] = (),
    sender_departments: Sequence[int] = (),
    tag_ids: Sequence[str] = (),
) -> str:
    """Create a moments task and return its ``jobid`` (valid 24 h). Attachments are up to 9
    images, or 1 video, or 1 link, with media ids from ``media.upload_attachment``."""
    if not text and not attachments:
        raise ValidationError("朋友圈内容不能为空。", english="A moment needs text or media.")
    if len(text) > 2000:
        raise ValidationError("朋友圈文字最多 2000 字。", english="Text over 2000 characters.")
    kinds = {str(a.get("msgtype", "")) for a in attachments}
    if (
        len(kinds) > 1
        or (kinds == {"image"} and len(attachments) > 9)
        or (kinds & {"video", "link"} and len(attachments) > 1)
    ):
        raise ValidationError(
            "朋友圈附件只能是最多 9 张图片，或 1 个视频，或 1 个链接。",
            english="Attachments: up to 9 images, or 1 video, or 1 link.",
        )
    body: dict[str, object] = {}
    if text:
        body["text"] = {"content": text}
    if attachments:
        body["attachments"] = [dict(a) for a in attachments]
    visible: dict[str, object] = {}
    if sender_userids or sender_departments:
        visible["sender_list"] = {
            "user_list": list(sender_userids),
            "department_list": list(sender_departments),
        }
    if tag_ids:
        visible["external_contact_list"] = {"tag_list": list(tag_ids)}
    if visible:
        body["visible_range"] = visible
    data = await client.post(f"{_BASE}/add_moment_task", body)
    return str(data.get("jobid", ""))


async def get_moment_task_result(client: WeComClient, jobid: str) -> MomentTaskResult:
    data = await client.get(f"{_BASE}/get_moment_task_result", {"jobid": jobid})
    return MomentTaskResult.from_api(data)


async def wait_moment_task(
    client: WeComClient, jobid: str, *, sleep: Sleep, interval: float = 1.0, attempts: int = 60
) -> MomentTaskResult:
    """Poll until the job is done (status 3) or ``attempts`` run out; returns the last result."""
    result = await get_moment_task_result(client, jobid)
    for _ in range(attempts):
        if result.done:
            break
        await sleep(interval)
        result = await get_moment_task_result(client, jobid)
    return result
