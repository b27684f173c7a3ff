"""The people and things of a workspace, as plain dataclasses (no SQL, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class Level(IntEnum):
    """会员等级. Stored as the int; shown with ``LEVEL_NAMES`` (the UI translates its own copy)."""

    REGULAR = 0
    SILVER = 1
    GOLD = 2
    BLACK_GOLD = 3


LEVEL_NAMES: dict[int, str] = {0: "普通", 1: "银卡", 2: "金卡", 3: "黑金"}


def parse_level(text: str) -> int | None:
    """``金卡`` / ``gold`` / ``2`` → 2; unknown → None."""
    t = text.strip().lower()
    aliases = {
        "普通": 0, "普通会员": 0, "regular": 0, "normal": 0,
        "银卡": 1, "银卡会员": 1, "silver": 1,
        "金卡": 2, "金卡会员": 2, "gold": 2,
        "黑金": 3, "黑金卡": 3, "黑金会员": 3, "black": 3, "black gold": 3, "blackgold": 3,
    }
    if t in aliases:
        return aliases[t]
    if t.isdigit() and int(t) in LEVEL_NAMES:
        return int(t)
    return None


class Dimension(StrEnum):
    """The five dimensions tag groups are filed under."""

    BASIC = "basic"
    BEHAVIOUR = "behaviour"
    PREFERENCE = "preference"
    CHANNEL = "channel"
    INTEREST = "interest"


DIMENSION_NAMES: dict[str, str] = {
    "basic": "基础", "behaviour": "行为", "preference": "偏好", "channel": "渠道", "interest": "兴趣",
}

GROUP_KINDS: dict[str, str] = {
    "vip": "会员群", "new": "新人群", "sale": "福利群", "region": "同城群",
    "interest": "兴趣群", "service": "售后群",
}

JOIN_SCENES: dict[int, str] = {1: "直接邀请", 2: "邀请链接", 3: "扫码入群"}


@dataclass(frozen=True, slots=True)
class Staff:
    id: int
    userid: str
    name: str
    department: str = ""


@dataclass(frozen=True, slots=True)
class Member:
    id: int
    name: str
    external_userid: str | None = None
    phone: str | None = None
    unionid: str | None = None
    gender: int = 0
    level: int = 0
    channel: str = ""
    birthday: str | None = None  # "YYYY-MM-DD" or "--MM-DD" when the year is unknown
    remark: str = ""
    note: str = ""
    joined_at: int | None = None  # epoch seconds, UTC
    last_active_at: int | None = None
    updated_at: int | None = None


@dataclass(frozen=True, slots=True)
class Follow:
    """A staff ↔ member relationship (WeCom's follow_info): tags in WeCom hang off this."""

    member_id: int
    staff_id: int
    staff_name: str = ""
    remark: str = ""
    description: str = ""
    add_time: int | None = None
    add_way: int = 0
    state: str = ""


@dataclass(frozen=True, slots=True)
class TagGroup:
    id: int
    name: str
    dimension: str
    wecom_group_id: str | None = None
    sort_order: int = 0


@dataclass(frozen=True, slots=True)
class Tag:
    id: int
    group_id: int
    name: str
    wecom_tag_id: str | None = None
    sort_order: int = 0
    member_count: int = 0
    source: str = "local"  # local | app (made through our app) | admin (WeCom admin console)

    @property
    def is_local(self) -> bool:
        return self.wecom_tag_id is None

    @property
    def read_only(self) -> bool:
        """WeCom lets an app edit only the tags it created itself."""
        return self.source == "admin"


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    chat_id: str
    name: str
    owner_staff_id: int | None = None
    owner_name: str = ""
    kind: str = ""
    notice: str = ""
    created_at: int | None = None
    member_count: int = 0
    updated_at: int | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class RosterEntry:
    group_id: int
    member_id: int | None
    staff_id: int | None
    name: str
    join_time: int | None
    join_scene: int
    inviter: str = ""
    group_nickname: str = ""


@dataclass(frozen=True, slots=True)
class RosterEvent:
    group_id: int
    group_name: str
    member_id: int | None
    name: str
    kind: str  # "join" | "leave"
    at: int


@dataclass(frozen=True, slots=True)
class AuditBatch:
    id: int
    at: int
    actor: str
    action: str
    summary: str
    changes: int
    undone_at: int | None = None
    undoable: bool = True


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    batch_id: int
    at: int
    actor: str
    action: str
    entity: str
    entity_id: str
    before: object
    after: object
