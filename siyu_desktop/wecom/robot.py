"""Group robot webhooks (群机器人): post straight into internal groups, for staff notices.

No token is involved; the webhook key is the whole credential, so it is redacted like a token
and rate limits are kept per key (20 messages a minute per robot).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from ..errors import ValidationError
from .client import WeComClient

SEND_PATH = "/cgi-bin/webhook/send"


def key_from_webhook(url_or_key: str) -> str:
    """Accept the full webhook URL an operator copies, or the bare key."""
    marker = "key="
    if marker in url_or_key:
        return url_or_key.split(marker, 1)[1].split("&", 1)[0].strip()
    return url_or_key.strip()


def text_message(
    content: str, *, mentioned: Sequence[str] = (), mentioned_mobiles: Sequence[str] = ()
) -> dict[str, Any]:
    if len(content.encode("utf-8")) > 2048:
        raise ValidationError("机器人消息太长。", english="Robot text is at most 2048 bytes.")
    text: dict[str, Any] = {"content": content}
    if mentioned:
        text["mentioned_list"] = list(mentioned)
    if mentioned_mobiles:
        text["mentioned_mobile_list"] = list(mentioned_mobiles)
    return {"msgtype": "text", "text": text}


def markdown_message(content: str) -> dict[str, Any]:
    if len(content.encode("utf-8")) > 4096:
        raise ValidationError("机器人消息太长。", english="Robot markdown is at most 4096 bytes.")
    return {"msgtype": "markdown", "markdown": {"content": content}}


async def send(client: WeComClient, webhook: str, message: dict[str, Any]) -> None:
    """Post one message through a robot; waits when the robot's 20/min would be exceeded."""
    key = key_from_webhook(webhook)
    if not key:
        raise ValidationError("请填写机器人 Webhook 地址。", english="A webhook key is needed.")
    # The bucket id is a digest so the key itself is not kept around as a dict key.
    bucket = "robot:" + hashlib.sha256(key.encode()).hexdigest()[:16]
    client.scrub(key)
    await client.call(
        "POST", SEND_PATH, params={"key": key}, json=message, with_token=False, limit_key=bucket
    )
