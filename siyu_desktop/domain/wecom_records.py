"""What a WeCom sync writes into the workspace: customers with their relationships, the corp tag
library, groups with their rosters and daily statistics, as plain records.

The store knows only these. ``wecom/types.py`` subclasses them with ``from_api`` (WeCom's field
names, tolerant parsing), so what the client returns is already one of these and services hand
it to the store as it is; nothing here knows WeCom's JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class FollowTag:
    group_name: str
    tag_name: str
    tag_id: str  # empty for personal tags (type 2)
    type: int  # 1 corp, 2 personal, 3 rule-group


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


@dataclass(frozen=True)
class ContactFollow:
    """One customer as seen by one staff member."""

    contact: ExternalContact
    follow_info: FollowInfo


# -- corp tags ------------------------------------------------------------------------------
@dataclass(frozen=True)
class CorpTag:
    id: str
    name: str
    create_time: int = 0
    order: int = 0
    deleted: bool = False


@dataclass(frozen=True)
class CorpTagGroup:
    group_id: str
    group_name: str
    create_time: int = 0
    order: int = 0
    deleted: bool = False
    tags: tuple[CorpTag, ...] = ()


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


# Daily group statistics kept per owner and day (``group_daily_stats`` has these columns).
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
