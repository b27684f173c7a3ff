"""Tag and remark kinds: ``mark_tag`` and ``remark`` per follow relationship, and the tag
library's ``add_corp_tag``, ``edit_corp_tag``, ``del_corp_tag``. WeCom de-duplicates all of them
(setting a tag or a name twice leaves one), so an unanswered check sends again."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from typing import Any

from ...domain.outbox import Check
from ...store import outbox as store
from ...store.audit import WriteContext
from ...wecom import contacts
from ...wecom import tags as wecom_tags
from ...wecom.client import WeComClient
from ...wecom.errors import NotFoundError, WeComRequestBug, WeComUserError
from . import BaseKind, Found, Outcome, Target, register

log = logging.getLogger(__name__)
READ_ONLY_TEXT = ("这个标签是在企业微信管理后台（或其他应用）创建的，本应用不能修改它。"
                  "请在企业微信管理后台 → 客户联系 → 客户标签中修改。")
READ_ONLY_GROUP_TEXT = ("这个标签组是在企业微信管理后台（或其他应用）创建的，本应用不能给它改名。"
                        "请在企业微信管理后台 → 客户联系 → 客户标签中修改；放弃这一项后，"
                        "下次同步会换回企业微信里的名称。")
READ_ONLY_DELETE_TEXT = ("要删除的标签里有在企业微信管理后台（或其他应用）创建的，本应用不能删除。"
                         "请在企业微信管理后台 → 客户联系 → 客户标签中删除；放弃这一项后，"
                         "下次同步会把它们恢复到本地。")


def _relationship(conn: sqlite3.Connection, p: dict[str, Any]) -> Target | None:
    row = conn.execute("SELECT s.userid, m.external_userid FROM follows f JOIN staff s ON "
                       "s.id = f.staff_id JOIN members m ON m.id = f.member_id WHERE "
                       "f.member_id = ? AND f.staff_id = ?", (p["member_id"], p["staff_id"])).fetchone()
    if row is None or not row[1]:
        return None
    return Target(row[0], row[1])


async def _follow(client: WeComClient, target: Target, seen: dict[str, Any]) -> Any:
    """The relationship as WeCom has it (one ``externalcontact/get`` per customer per push)."""
    if target.external_userid not in seen:
        seen[target.external_userid] = await contacts.get_contact(client, target.external_userid)
    detail = seen[target.external_userid]
    return next((f for f in detail.follow_users if f.userid == target.userid), None)


class TagKind(BaseKind):
    """A change to one tag: refused as another app's, the tag becomes read-only here."""

    def read_only_text(self, item: store.OutboxItem) -> str:
        return READ_ONLY_TEXT

    def refused(self, ctx: WriteContext, item: store.OutboxItem, *, read_only: bool,
                wecom_name: str | None) -> None:
        if read_only and item.tag_id is not None:
            store.mark_tag_as_admin(ctx, item.tag_id)


@register
class MarkTag(TagKind):
    name = store.MARK_TAG
    by_relationship = True

    def resolve(self, conn: sqlite3.Connection, item: store.OutboxItem) -> Target:
        rel = _relationship(conn, item.payload)
        if rel is None:
            return Target(problem="这位客户和该员工之间已经没有好友关系。")
        tag = conn.execute("SELECT wecom_tag_id FROM tags WHERE id = ?",
                           (item.payload["tag_id"],)).fetchone()
        if tag is None:
            return Target(problem="这个标签已被删除。")
        if tag[0] is None:
            return Target(rel.userid, rel.external_userid, wait=True)
        return Target(rel.userid, rel.external_userid, wecom_tag_id=tag[0])

    async def send(self, client: WeComClient, item: store.OutboxItem, target: Target) -> Outcome:
        add = bool(item.payload["add"])
        await wecom_tags.mark_tag(client, target.userid, target.external_userid,
                                  add=[target.wecom_tag_id] if add else [],
                                  remove=[] if add else [target.wecom_tag_id])
        return Outcome()

    async def check(self, client: WeComClient, item: store.OutboxItem, target: Target,
                    seen: dict[str, Any]) -> Found:
        follow = await _follow(client, target, seen)
        if follow is None:
            return Found(Check.UNKNOWN)
        has = target.wecom_tag_id in follow.tag_ids
        return Found(Check.APPLIED if has == bool(item.payload["add"]) else Check.NOT_APPLIED)

    def apply(self, ctx: WriteContext, item: store.OutboxItem,
              result: dict[str, Any] | None) -> None:
        store.apply_mark_tag(ctx, item, result)

    def overlay(self, conn: sqlite3.Connection,
                member_ids: Sequence[int]) -> list[store.PendingTagChange]:
        return store.pending_tag_changes(conn, member_ids)


@register
class Remark(BaseKind):
    name = store.REMARK

    def resolve(self, conn: sqlite3.Connection, item: store.OutboxItem) -> Target:
        rel = _relationship(conn, item.payload)
        return rel if rel is not None else Target(problem="这位客户和该员工之间已经没有好友关系。")

    def overlay(self, conn: sqlite3.Connection, member_ids: Sequence[int]) -> set[tuple[int, int]]:
        return store.pending_remarks(conn, member_ids)

    async def send(self, client: WeComClient, item: store.OutboxItem, target: Target) -> Outcome:
        p = item.payload
        await contacts.remark(client, target.userid, target.external_userid,
                              remark=p.get("remark"), description=p.get("description"))
        return Outcome()

    async def check(self, client: WeComClient, item: store.OutboxItem, target: Target,
                    seen: dict[str, Any]) -> Found:
        follow = await _follow(client, target, seen)
        if follow is None:
            return Found(Check.UNKNOWN)
        p = item.payload
        same = (follow.remark == p.get("remark", follow.remark)
                and follow.description == p.get("description", follow.description))
        return Found(Check.APPLIED if same else Check.NOT_APPLIED)


async def _find_tag(client: WeComClient, target: Target) -> str:
    library = await wecom_tags.get_corp_tag_list(client, group_ids=[target.wecom_group_id])
    return next((t.id for g in library for t in g.tags
                 if t.name == target.tag_name and not t.deleted), "")


@register
class AddCorpTag(TagKind):
    name = store.ADD_CORP_TAG
    record_now = True  # tagging with it waits for its WeCom id

    def resolve(self, conn: sqlite3.Connection, item: store.OutboxItem) -> Target:
        row = conn.execute("SELECT t.name, t.wecom_tag_id, g.wecom_group_id FROM tags t JOIN "
                           "tag_groups g ON g.id = t.group_id WHERE t.id = ?",
                           (item.payload["tag_id"],)).fetchone()
        if row is None or row[2] is None:
            return Target(problem="这个标签或它所在的标签组已被删除。")
        return Target(tag_name=row[0], wecom_tag_id=row[1] or "", wecom_group_id=row[2])

    async def send(self, client: WeComClient, item: store.OutboxItem, target: Target) -> Outcome:
        group = await wecom_tags.add_corp_tag(client, [target.tag_name],
                                              group_id=target.wecom_group_id)
        found = next((t.id for t in group.tags if t.name == target.tag_name), "")
        return Outcome({"wecom_tag_id": found} if found else None)

    async def check(self, client: WeComClient, item: store.OutboxItem, target: Target,
                    seen: dict[str, Any]) -> Found:
        found = await _find_tag(client, target)
        if not found:
            return Found(Check.NOT_APPLIED)
        return Found(Check.APPLIED, Outcome({"wecom_tag_id": found}))

    def apply(self, ctx: WriteContext, item: store.OutboxItem,
              result: dict[str, Any] | None) -> None:
        store.apply_add_corp_tag(ctx, item, result)


@register
class EditCorpTag(TagKind):
    """A rename of a tag (``tag_id``) or of a tag group (``group_id``)."""

    name = store.EDIT_CORP_TAG

    def resolve(self, conn: sqlite3.Connection, item: store.OutboxItem) -> Target:
        p = item.payload
        if "group_id" in p:
            row = conn.execute("SELECT wecom_group_id FROM tag_groups WHERE id = ?",
                               (p["group_id"],)).fetchone()
            if row is None:
                return Target(problem="这个标签组已被删除。")
            if row[0] is None:
                return Target(problem="这个标签组只在本地，不在企业微信里。")
            return Target(wecom_group_id=row[0], tag_name=p["name"])
        row = conn.execute("SELECT wecom_tag_id FROM tags WHERE id = ?", (p["tag_id"],)).fetchone()
        if row is None:
            return Target(problem="这个标签已被删除。")
        if row[0] is None:  # created offline: its WeCom id arrives when its creation is pushed
            if store.is_wecom_tag(conn, p["tag_id"]):
                return Target(wait=True)
            return Target(problem="这个标签只在本地，不在企业微信里。")
        return Target(wecom_tag_id=row[0], tag_name=p["name"])

    async def send(self, client: WeComClient, item: store.OutboxItem, target: Target) -> Outcome:
        await wecom_tags.edit_corp_tag(client, target.wecom_tag_id or target.wecom_group_id,
                                       name=item.payload["name"])
        return Outcome()

    async def check(self, client: WeComClient, item: store.OutboxItem, target: Target,
                    seen: dict[str, Any]) -> Found:
        """Whether WeCom already calls the tag or group what the rename says."""
        if target.wecom_group_id:
            library = await wecom_tags.get_corp_tag_list(client, group_ids=[target.wecom_group_id])
            done = any(g.group_id == target.wecom_group_id and g.group_name == target.tag_name
                       and not g.deleted for g in library)
        else:
            library = await wecom_tags.get_corp_tag_list(client, tag_ids=[target.wecom_tag_id])
            done = any(t.id == target.wecom_tag_id and t.name == target.tag_name and not t.deleted
                       for g in library for t in g.tags)
        return Found(Check.APPLIED if done else Check.NOT_APPLIED)

    def read_only_text(self, item: store.OutboxItem) -> str:
        return READ_ONLY_GROUP_TEXT if "group_id" in item.payload else READ_ONLY_TEXT

    async def wecom_name(self, client: WeComClient, item: store.OutboxItem, target: Target, *,
                         probe: bool = False) -> str | None:
        """WeCom's current name of a renamed tag ("" when a group or not found); ``None`` when
        the library cannot be read (``probe``: to tell a read-only tag from no access)."""
        if "group_id" in item.payload:
            return await _probe(client, item, target) if probe else ""
        try:
            library = await wecom_tags.get_corp_tag_list(client, tag_ids=[target.wecom_tag_id])
        except (WeComUserError, WeComRequestBug) as exc:
            log.info("outbox: could not read WeCom's name of tag %s: %s", target.wecom_tag_id, exc)
            return None
        return next((t.name for g in library for t in g.tags
                     if t.id == target.wecom_tag_id and not t.deleted), "")

    def name_from_history(self, conn: sqlite3.Connection, item: store.OutboxItem) -> str:
        p = item.payload
        return store.name_before_rename(conn, p["tag_id"], p["name"]) if "tag_id" in p else ""

    def refused(self, ctx: WriteContext, item: store.OutboxItem, *, read_only: bool,
                wecom_name: str | None) -> None:
        p = item.payload
        if wecom_name and "tag_id" in p:
            store.restore_tag_name(ctx, p["tag_id"], wecom_name)
        if read_only and "group_id" in p:
            store.mark_group_as_admin(ctx, p["group_id"])
        elif read_only and item.tag_id is not None:
            store.mark_tag_as_admin(ctx, item.tag_id)


async def _probe(client: WeComClient, item: store.OutboxItem, target: Target) -> str | None:
    """"" when the tag library can be read, ``None`` when not."""
    p = item.payload
    try:
        await wecom_tags.get_corp_tag_list(
            client, tag_ids=list(p.get("tag_ids") or [])[:1],
            group_ids=[target.wecom_group_id] if target.wecom_group_id
            else list(p.get("group_ids") or [])[:1])
    except (WeComUserError, WeComRequestBug):
        return None
    return ""


async def still_there(client: WeComClient, p: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Which of a deletion's tags and groups WeCom still has (two look-ups: when both filters
    are given, WeCom answers for the groups only)."""
    tags: list[str] = []
    groups: list[str] = []
    if p["tag_ids"]:
        library = await wecom_tags.get_corp_tag_list(client, tag_ids=p["tag_ids"])
        present = {t.id for g in library for t in g.tags if not t.deleted}
        tags = [t for t in p["tag_ids"] if t in present]
    if p["group_ids"]:
        library = await wecom_tags.get_corp_tag_list(client, group_ids=p["group_ids"])
        present = {g.group_id for g in library if not g.deleted}
        groups = [g for g in p["group_ids"] if g in present]
    return tags, groups


@register
class DelCorpTag(BaseKind):
    """Carries WeCom ids: the local rows are gone by the time it is pushed."""

    name = store.DEL_CORP_TAG

    def resolve(self, conn: sqlite3.Connection, item: store.OutboxItem) -> Target:
        return Target()

    async def send(self, client: WeComClient, item: store.OutboxItem, target: Target) -> Outcome:
        p = item.payload
        try:
            await wecom_tags.del_corp_tag(client, tag_ids=p["tag_ids"], group_ids=p["group_ids"])
        except NotFoundError:
            # Some were deleted in WeCom meanwhile (WeCom refuses the whole call then).
            tag_ids, group_ids = await still_there(client, p)
            if tag_ids or group_ids:
                await wecom_tags.del_corp_tag(client, tag_ids=tag_ids, group_ids=group_ids)
        return Outcome()

    async def check(self, client: WeComClient, item: store.OutboxItem, target: Target,
                    seen: dict[str, Any]) -> Found:
        gone = not any(await still_there(client, item.payload))
        return Found(Check.APPLIED if gone else Check.NOT_APPLIED)

    def read_only_text(self, item: store.OutboxItem) -> str:
        return READ_ONLY_DELETE_TEXT

    async def wecom_name(self, client: WeComClient, item: store.OutboxItem, target: Target, *,
                         probe: bool = False) -> str | None:
        return await _probe(client, item, target) if probe else ""
