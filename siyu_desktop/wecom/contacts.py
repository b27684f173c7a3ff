"""Customers (客户): bulk pull by staff, one customer in detail, and remarks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

from ..errors import ValidationError
from .client import WeComClient
from .paging import cursor_pages
from .types import ContactDetail, ContactFollow, ExternalContact, FollowInfo

BATCH_PATH = "/cgi-bin/externalcontact/batch/get_by_user"
MAX_USERIDS = 100  # userid_list cap
MAX_LIMIT = 100  # page size cap (larger values are clamped by WeCom anyway)


async def iter_contacts_by_user(
    client: WeComClient, userids: Sequence[str], *, limit: int = MAX_LIMIT
) -> AsyncIterator[list[ContactFollow]]:
    """Yield pages of (customer, relationship) rows for the given staff, to completion.

    More than 100 staff are asked for in chunks of 100; a customer followed by two staff
    appears once per relationship."""
    limit = max(1, min(limit, MAX_LIMIT))
    for start in range(0, len(userids), MAX_USERIDS):
        body = {"userid_list": list(userids[start : start + MAX_USERIDS]), "limit": limit}
        async for page in cursor_pages(client, BATCH_PATH, body, "external_contact_list"):
            yield [ContactFollow.from_api(row) for row in page]


async def batch_get_by_user(
    client: WeComClient, userids: Sequence[str], *, limit: int = MAX_LIMIT
) -> list[ContactFollow]:
    """Every (customer, relationship) row for the given staff."""
    rows: list[ContactFollow] = []
    async for page in iter_contacts_by_user(client, userids, limit=limit):
        rows.extend(page)
    return rows


async def list_contacts(client: WeComClient, userid: str) -> list[str]:
    """External userids of every customer of one staff member (no paging in this API)."""
    data = await client.get("/cgi-bin/externalcontact/list", {"userid": userid})
    return [str(x) for x in data.get("external_userid") or []]


async def get_contact(client: WeComClient, external_userid: str) -> ContactDetail:
    """One customer with every follower; pages through followers beyond 500."""
    cursor = ""
    follows: list[FollowInfo] = []
    contact = ExternalContact(external_userid)
    seen: set[str] = set()
    while True:
        params = {"external_userid": external_userid}
        if cursor:
            params["cursor"] = cursor
        data = await client.get("/cgi-bin/externalcontact/get", params)
        raw = data.get("external_contact")
        if isinstance(raw, dict):
            contact = ExternalContact.from_api(raw)
        follows.extend(
            FollowInfo.from_api(f) for f in data.get("follow_user") or [] if isinstance(f, dict)
        )
        cursor = str(data.get("next_cursor") or "")
        if not cursor or cursor in seen:
            return ContactDetail(contact, tuple(follows))
        seen.add(cursor)


async def remark(
    client: WeComClient,
    userid: str,
    external_userid: str,
    *,
    remark: str | None = None,
    description: str | None = None,
    remark_company: str | None = None,
    remark_mobiles: Sequence[str] | None = None,
    remark_pic_mediaid: str | None = None,
) -> None:
    """Set what one staff member sees about one customer. ``remark_mobiles`` replaces the
    stored list; pass ``[]`` to clear it (sent as ``[""]`` as WeCom requires)."""
    if remark is not None and len(remark) > 20:
        raise ValidationError("备注名最多 20 个字。", english="Remark is at most 20 characters.")
    if description is not None and len(description) > 150:
        raise ValidationError("描述最多 150 个字。", english="Description is at most 150 chars.")
    if remark_company is not None and len(remark_company) > 20:
        raise ValidationError("备注企业名最多 20 个字。", english="Company is at most 20 chars.")
    body: dict[str, object] = {"userid": userid, "external_userid": external_userid}
    for key, value in (
        ("remark", remark),
        ("description", description),
        ("remark_company", remark_company),
        ("remark_pic_mediaid", remark_pic_mediaid),
    ):
        if value is not None:
            body[key] = value
    if remark_mobiles is not None:
        body["remark_mobiles"] = list(remark_mobiles) or [""]
    if len(body) == 2:
        raise ValidationError("没有要修改的备注内容。", english="Nothing to change.")
    await client.post("/cgi-bin/externalcontact/remark", body)
