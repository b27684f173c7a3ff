"""Staff (成员) with the customer-contact feature."""

from __future__ import annotations

from .client import WeComClient


async def get_follow_user_list(client: WeComClient) -> list[str]:
    """Userids of staff who may have customers, within the app's visible range."""
    data = await client.get("/cgi-bin/externalcontact/get_follow_user_list")
    return [str(u) for u in data.get("follow_user") or []]
