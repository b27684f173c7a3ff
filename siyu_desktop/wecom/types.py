"""Typed views of WeCom responses (field names as in the reference).

Parsing is tolerant on purpose: WeCom adds fields over time and omits optional ones, so every
``from_api`` reads with ``.get``, coerces numbers given as strings, and ignores the rest.
What a sync writes is a ``domain.wecom_records`` record: the classes for it here subclass those
and add only the parsing (the store must not know WeCom's shapes, only the records).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..domain import wecom_records as records

Json = Mapping[str, Any]


def _int(value: Any, default: int = 0) -> int:
    # Some timestamps arrive as strings (media created_at, groupmsg create_time).
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _strs(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _dicts(value: Any) -> list[Json]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _dict(value: Any) -> Json:
    return value if isinstance(value, Mapping) else {}


# -- customers ------------------------------------------------------------------------------
# The records the store writes are ``domain.wecom_records``; each class here is one of them plus
# how to read it from WeCom's JSON, so a parsed response goes to the store as it is.
class ExternalContact(records.ExternalContact):
    @classmethod
    def from_api(cls, d: Json) -> ExternalContact:
        return cls(
            external_userid=_str(d.get("external_userid")),
            name=_str(d.get("name")),
            type=_int(d.get("type")),
            gender=_int(d.get("gender")),
            avatar=_str(d.get("avatar")),
            unionid=_str(d.get("unionid")),
            position=_str(d.get("position")),
            corp_name=_str(d.get("corp_name")),
            corp_full_name=_str(d.get("corp_full_name")),
        )


class FollowTag(records.FollowTag):
    @classmethod
    def from_api(cls, d: Json) -> FollowTag:
        return cls(
            _str(d.get("group_name")),
            _str(d.get("tag_name")),
            _str(d.get("tag_id")),
            _int(d.get("type"), 1),
        )


class FollowInfo(records.FollowInfo):
    @classmethod
    def from_api(cls, d: Json) -> FollowInfo:
        tags = tuple(FollowTag.from_api(t) for t in _dicts(d.get("tags")))
        tag_ids = tuple(_strs(d.get("tag_id"))) or tuple(t.tag_id for t in tags if t.tag_id)
        return cls(
            userid=_str(d.get("userid")),
            remark=_str(d.get("remark")),
            description=_str(d.get("description")),
            createtime=_int(d.get("createtime")),
            tag_ids=tag_ids,
            tags=tags,
            remark_corp_name=_str(d.get("remark_corp_name")),
            remark_mobiles=tuple(m for m in _strs(d.get("remark_mobiles")) if m),
            oper_userid=_str(d.get("oper_userid")),
            add_way=_int(d.get("add_way")),
            state=_str(d.get("state")),
        )


class ContactFollow(records.ContactFollow):
    """A row of ``batch/get_by_user``: one customer as seen by one staff member."""

    @classmethod
    def from_api(cls, d: Json) -> ContactFollow:
        return cls(
            ExternalContact.from_api(_dict(d.get("external_contact"))),
            FollowInfo.from_api(_dict(d.get("follow_info"))),
        )


@dataclass(frozen=True)
class ContactDetail:
    """``externalcontact/get``: one customer with every staff member following them."""

    contact: ExternalContact
    follow_users: tuple[FollowInfo, ...]


# -- corp tags ------------------------------------------------------------------------------
class CorpTag(records.CorpTag):
    @classmethod
    def from_api(cls, d: Json) -> CorpTag:
        return cls(
            _str(d.get("id")),
            _str(d.get("name")),
            _int(d.get("create_time")),
            _int(d.get("order")),
            bool(d.get("deleted", False)),
        )


class CorpTagGroup(records.CorpTagGroup):
    @classmethod
    def from_api(cls, d: Json) -> CorpTagGroup:
        return cls(
            _str(d.get("group_id")),
            _str(d.get("group_name")),
            _int(d.get("create_time")),
            _int(d.get("order")),
            bool(d.get("deleted", False)),
            tuple(CorpTag.from_api(t) for t in _dicts(d.get("tag"))),
        )


@dataclass(frozen=True)
class NewTag:
    """A tag to create with ``add_corp_tag``."""

    name: str
    order: int | None = None


# -- groups ---------------------------------------------------------------------------------
GroupChatRef = records.GroupChatRef
STAT_FIELDS = records.STAT_FIELDS


class GroupMember(records.GroupMember):
    @classmethod
    def from_api(cls, d: Json) -> GroupMember:
        return cls(
            userid=_str(d.get("userid")),
            type=_int(d.get("type")),
            join_time=_int(d.get("join_time")),
            join_scene=_int(d.get("join_scene")),
            invitor=_str(_dict(d.get("invitor")).get("userid")),
            group_nickname=_str(d.get("group_nickname")),
            name=_str(d.get("name")),
            unionid=_str(d.get("unionid")),
        )


class GroupChat(records.GroupChat):
    @classmethod
    def from_api(cls, d: Json) -> GroupChat:
        return cls(
            chat_id=_str(d.get("chat_id")),
            name=_str(d.get("name")),
            owner=_str(d.get("owner")),
            create_time=_int(d.get("create_time")),
            notice=_str(d.get("notice")),
            member_list=tuple(GroupMember.from_api(m) for m in _dicts(d.get("member_list"))),
            admin_list=tuple(_str(a.get("userid")) for a in _dicts(d.get("admin_list"))),
            member_version=_str(d.get("member_version")),
        )


class GroupDayStat(records.GroupDayStat):
    """One day (``stat_time`` = that day's 00:00 as epoch seconds) of group statistics."""

    @classmethod
    def from_api(cls, d: Json) -> GroupDayStat:
        raw = _dict(d.get("data"))
        return cls(_int(d.get("stat_time")), {k: _int(raw.get(k)) for k in STAT_FIELDS})


# -- mass messages and moments ----------------------------------------------------------------
@dataclass(frozen=True)
class MsgTemplateResult:
    msgid: str
    fail_list: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupMsg:
    msgid: str
    creator: str = ""  # absent for tasks created through the API
    create_time: int = 0
    create_type: int = 0  # 0 corp, 1 personal
    text: str = ""
    attachments: tuple[Json, ...] = ()

    @classmethod
    def from_api(cls, d: Json) -> GroupMsg:
        return cls(
            _str(d.get("msgid")),
            _str(d.get("creator")),
            _int(d.get("create_time")),
            _int(d.get("create_type")),
            _str(_dict(d.get("text")).get("content")),
            tuple(_dicts(d.get("attachments"))),
        )


@dataclass(frozen=True)
class GroupMsgTask:
    userid: str
    status: int  # 0 not sent, 2 sent
    send_time: int = 0

    @classmethod
    def from_api(cls, d: Json) -> GroupMsgTask:
        return cls(_str(d.get("userid")), _int(d.get("status")), _int(d.get("send_time")))


@dataclass(frozen=True)
class GroupMsgSendResult:
    userid: str
    status: int  # 0 not sent, 1 sent, 2 not a friend, 3 receive cap reached
    external_userid: str = ""  # customer sends
    chat_id: str = ""  # group sends
    send_time: int = 0

    @classmethod
    def from_api(cls, d: Json) -> GroupMsgSendResult:
        return cls(
            _str(d.get("userid")),
            _int(d.get("status")),
            _str(d.get("external_userid")),
            _str(d.get("chat_id")),
            _int(d.get("send_time")),
        )


@dataclass(frozen=True)
class MomentTaskResult:
    status: int  # 1 started, 2 in progress, 3 done (only then are the rest meaningful)
    type: str = ""
    errcode: int = 0
    errmsg: str = ""
    moment_id: str = ""
    invalid_senders: tuple[str, ...] = ()
    invalid_departments: tuple[int, ...] = ()
    invalid_tags: tuple[str, ...] = ()

    @property
    def done(self) -> bool:
        return self.status == 3

    @classmethod
    def from_api(cls, d: Json) -> MomentTaskResult:
        result = _dict(d.get("result"))
        senders = _dict(result.get("invalid_sender_list"))
        contacts = _dict(result.get("invalid_external_contact_list"))
        return cls(
            status=_int(d.get("status")),
            type=_str(d.get("type")),
            errcode=_int(result.get("errcode")),
            errmsg=_str(result.get("errmsg")),
            moment_id=_str(result.get("moment_id")),
            invalid_senders=tuple(_strs(senders.get("user_list"))),
            invalid_departments=tuple(_int(x) for x in senders.get("department_list") or []),
            invalid_tags=tuple(_strs(contacts.get("tag_list"))),
        )


# -- media ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class MediaUpload:
    media_id: str
    type: str = ""
    created_at: int = 0  # a string in one official sample, an int elsewhere

    @classmethod
    def from_api(cls, d: Json) -> MediaUpload:
        return cls(_str(d.get("media_id")), _str(d.get("type")), _int(d.get("created_at")))


@dataclass(frozen=True)
class MsgTemplate:
    """A mass-message task for ``add_msg_template`` (reference §5).

    ``tag_filter`` is a list of tag-id sets: OR inside one set, AND across sets. Attachments are
    built with the helpers in ``messages``."""

    chat_type: str = "single"  # "single" to customers, "group" to customer groups
    text: str = ""
    attachments: tuple[Json, ...] = ()
    external_userids: tuple[str, ...] = ()
    chat_ids: tuple[str, ...] = ()
    sender: str = ""
    tag_filter: tuple[tuple[str, ...], ...] = ()
    allow_select: bool = False

    def to_api(self) -> dict[str, Any]:
        body: dict[str, Any] = {"chat_type": self.chat_type}
        if self.chat_type == "group":
            body["chat_id_list"] = list(self.chat_ids)
        else:
            if self.external_userids:
                body["external_userid"] = list(self.external_userids)
            if self.tag_filter:
                body["tag_filter"] = {
                    "group_list": [{"tag_list": list(tags)} for tags in self.tag_filter]
                }
            body["allow_select"] = self.allow_select
        if self.sender:
            body["sender"] = self.sender
        if self.text:
            body["text"] = {"content": self.text}
        if self.attachments:
            body["attachments"] = [dict(a) for a in self.attachments]
        return body
