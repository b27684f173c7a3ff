"""Corp customer tags: the tag library and tagging per (staff, customer) relationship.

An app may edit or delete only tags it created itself (reference §3); tags made in the admin
console come back as ``PermissionDeniedError`` with a hint saying so.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ValidationError
from .client import WeComClient
from .types import CorpTagGroup, NewTag

_BASE = "/cgi-bin/externalcontact"
MAX_NAME = 30


async def get_corp_tag_list(
    client: WeComClient, *, tag_ids: Sequence[str] = (), group_ids: Sequence[str] = ()
) -> list[CorpTagGroup]:
    """The tag library; both filters empty means everything (``group_ids`` wins if both)."""
    body: dict[str, object] = {}
    if tag_ids:
        body["tag_id"] = list(tag_ids)
    if group_ids:
        body["group_id"] = list(group_ids)
    data = await client.post(f"{_BASE}/get_corp_tag_list", body)
    return [CorpTagGroup.from_api(g) for g in data.get("tag_group") or [] if isinstance(g, dict)]


def _check_name(name: str) -> None:
    if not name.strip() or len(name) > MAX_NAME:
        raise ValidationError(
            "标签名不能为空，最多 30 个字。", english="Tag names are 1-30 characters."
        )


async def add_corp_tag(
    client: WeComClient,
    tags: Sequence[NewTag | str],
    *,
    group_name: str | None = None,
    group_id: str | None = None,
    group_order: int | None = None,
) -> CorpTagGroup:
    """Create tags in a new or existing group (an existing ``group_name`` is reused)."""
    if not tags:
        raise ValidationError("至少要有一个标签。", english="At least one tag is needed.")
    if not group_id and not group_name:
        raise ValidationError("请指定标签组。", english="A tag group is needed.")
    items: list[dict[str, object]] = []
    for tag in tags:
        new = NewTag(tag) if isinstance(tag, str) else tag
        _check_name(new.name)
        item: dict[str, object] = {"name": new.name}
        if new.order is not None:
            item["order"] = new.order
        items.append(item)
    body: dict[str, object] = {"tag": items}
    if group_id:
        body["group_id"] = group_id
    else:
        assert group_name is not None
        _check_name(group_name)
        body["group_name"] = group_name
        if group_order is not None:
            body["order"] = group_order
    data = await client.post(f"{_BASE}/add_corp_tag", body)
    group = data.get("tag_group")
    return CorpTagGroup.from_api(group if isinstance(group, dict) else {})


async def edit_corp_tag(
    client: WeComClient, id: str, *, name: str | None = None, order: int | None = None
) -> None:
    """Rename or reorder a tag or a tag group (``id`` may be either)."""
    body: dict[str, object] = {"id": id}
    if name is not None:
        _check_name(name)
        body["name"] = name
    if order is not None:
        body["order"] = order
    await client.post(f"{_BASE}/edit_corp_tag", body)


async def del_corp_tag(
    client: WeComClient, *, tag_ids: Sequence[str] = (), group_ids: Sequence[str] = ()
) -> None:
    """Delete tags and/or whole groups; a group losing its last tag disappears too."""
    if not tag_ids and not group_ids:
        raise ValidationError("没有要删除的标签。", english="Nothing to delete.")
    await client.post(
        f"{_BASE}/del_corp_tag", {"tag_id": list(tag_ids), "group_id": list(group_ids)}
    )


async def mark_tag(
    client: WeComClient,
    userid: str,
    external_userid: str,
    *,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
) -> None:
    """Add/remove corp tags on one (staff, customer) relationship."""
    if not add and not remove:
        raise ValidationError("没有要添加或移除的标签。", english="Nothing to tag.")
    await client.post(
        f"{_BASE}/mark_tag",
        {
            "userid": userid,
            "external_userid": external_userid,
            "add_tag": list(add),
            "remove_tag": list(remove),
        },
    )
