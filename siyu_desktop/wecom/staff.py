"""Staff (成员) with the customer-contact feature, and their names from the staff directory."""

from __future__ import annotations

from .client import WeComClient

USER_GET_PATH = "/cgi-bin/user/get"


async def get_follow_user_list(client: WeComClient) -> list[str]:
    """Userids of staff who may have customers, within the app's visible range."""
    data = await client.get("/cgi-bin/externalcontact/get_follow_user_list")
    return [str(u) for u in data.get("follow_user") or []]


async def get_user_name(client: WeComClient, userid: str) -> str:
    """A staff member's name from the directory (``user/get``; WeCom's documented fields
    ``userid``/``name``, beyond the customer-contact calls our reference lists). Raises
    ``PermissionDeniedError`` (60011) when the app may not read the directory, and
    ``NotFoundError`` (60111) for a userid the directory does not have."""
    data = await client.get(USER_GET_PATH, {"userid": userid})
    return str(data.get("name") or "")
