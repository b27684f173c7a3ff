"""Typed views of WeCom responses (field names as in the reference).

Parsing is tolerant on purpose: WeCom adds fields over time and omits optional ones, so every
``from_api`` reads with ``.get``, coerces numbers given as strings, and ignores the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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
@dataclass(frozen=True)
class ExternalContact:
    external_userid: str
    name: str = ""
    type: int = 0  # 1 WeChat user, 2 WeCom user
    gender: int = 0
    avatar: str = ""
    unionid: str = ""
    position: str = ""
    corp_name: str = ""
    corp_full_name: str = ""

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


@dataclass(frozen=True)
class FollowTag:
    group_name: str
    tag_name: str
    tag_id: str  # empty for personal tags (type 2)
    type: int  # 1 corp, 2 personal, 3 rule-group

    @classmethod
    def from_api(cls, d: Json) -> FollowTag:
        return cls(
            _str(d.get("group_name")),
            _str(d.get("tag_name")),
            _str(d.get("tag_id")),
            _int(d.get("type"), 1),
        )


@dataclass(frozen=True)
class FollowInfo:
    """One (staff, customer) relationship: remark, channel and tags belong here, not to the
    customer. From ``batch/get_by_user`` tags are ids only; from ``get`` they are objects."""

    userid: str
    remark: str = ""
    description: str = ""
    createtime: int = 0
    tag_ids: tuple[str, ...] = ()
    tags: tuple[FollowTag, ...] = ()
    remark_corp_name: str = ""
    remark_mobiles: tuple[str, ...] = ()
    oper_userid: str = ""
    add_way: int = 0
    state: str = ""  # the channel string of the contact way the customer used

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


@dataclass(frozen=True)
class ContactFollow:
    """A row of ``batch/get_by_user``: one customer as seen by one staff member."""

    contact: ExternalContact
    follow_info: FollowInfo

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
@dataclass(frozen=True)
class CorpTag:
    id: str
    name: str
    create_time: int = 0
    order: int = 0
    deleted: bool = False

    @classmethod
    def from_api(cls, d: Json) -> CorpTag:
        return cls(
            _str(d.get("id")),
            _str(d.get("name")),
            _int(d.get("create_time")),
            _int(d.get("order")),
            bool(d.get("deleted", False)),
        )


@dataclass(frozen=True)
class CorpTagGroup:
    group_id: str
    group_name: str
    create_time: int = 0
    order: int = 0
    deleted: bool = False
    tags: tuple[CorpTag, ...] = ()

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
@dataclass(frozen=True)
class GroupChatRef:
    chat_id: str
    status: int = 0  # 0 normal, 1 owner resigned, 2 inheriting, 3 inherited


@dataclass(frozen=True)
class GroupMember:
    userid: str
    type: int  # 1 staff, 2 external contact
    join_time: int = 0
    join_scene: int = 0  # 1 invited directly, 2 invite link, 3 QR scan
    invitor: str = ""
    group_nickname: str = ""
    name: str = ""
    unionid: str = ""

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


@dataclass(frozen=True)
class GroupChat:
    chat_id: str
    name: str = ""
    owner: str = ""
    create_time: int = 0
    notice: str = ""
    member_list: tuple[GroupMember, ...] = ()
    admin_list: tuple[str, ...] = ()
    member_version: str = ""

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


STAT_FIELDS = (
    "new_chat_cnt",
    "chat_total",
    "chat_has_msg",
    "new_member_cnt",
    "member_total",
    "member_has_msg",
    "msg_total",
    "migrate_trainee_chat_cnt",
)


@dataclass(frozen=True)
class GroupDayStat:
    """One day (``stat_time`` = that day's 00:00 as epoch seconds) of group statistics."""

    stat_time: int
    data: dict[str, int] = field(default_factory=dict)

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
