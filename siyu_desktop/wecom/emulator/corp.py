"""The emulated corp's data, generated deterministically from a seed.

Shapes follow the reference: customers followed by 1–3 staff with per-relationship remark,
channel (``state``) and corp tags; a tag library partly made in the admin console (read-only
to the app); groups with rosters of staff and customers; 180+ days of statistics derived from
the rosters. Runtime state (tokens, faults, counters, tasks) lives in ``runtime``.
"""

from __future__ import annotations

import calendar
import hashlib
import random
import string
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from .runtime import Faults, MassTask, MediaItem, MomentJob, Stats

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红玲芬燕春菊凤洁梅琳云莲雪荣爱香月媛瑞佳嘉琼珍莉晶妍秋珊婷婉颖露瑶怡丹蓉君琴蕊薇梦岚馨悦冰宁欣晓欢菲亚可舒思睿轩浩宇子涵一诺"
STAFF = [
    ("刘洋", "liu.yang"), ("陈敏", "chen.min"), ("王芳", "wang.fang"), ("李娜", "li.na"),
    ("张伟", "zhang.wei"), ("赵静", "zhao.jing"), ("周杰", "zhou.jie"), ("吴磊", "wu.lei"),
    ("孙丽", "sun.li"), ("郑涛", "zheng.tao"), ("黄婷", "huang.ting"), ("林晓", "lin.xiao"),
]  # fmt: skip
CHANNELS = ["package_card", "ai_call", "sms", "fission", "offline_event"]
ADD_WAYS = [1, 1, 1, 2, 3, 4, 5, 6, 16, 201, 202]
# (group name, tags, made in the admin console → read-only to the app)
TAG_LIBRARY = [
    ("会员等级", ["普通", "银卡", "金卡", "黑金"], True),
    ("渠道来源", ["包裹卡", "AI外呼", "短信", "裂变", "线下活动"], True),
    ("购买意向", ["高", "中", "低"], True),
    ("宠物类型", ["猫", "狗", "异宠"], False),
    ("兴趣偏好", ["新品", "折扣", "直播", "社群互动"], False),
]
GROUP_KINDS = ["VIP福利群", "新人交流群", "宠物护理群", "会员专享群", "秒杀快抢群", "线下活动群"]
DAY = 86_400
_ID_CHARS = string.ascii_letters + string.digits + "_-"


@dataclass
class Staff:
    userid: str
    name: str


@dataclass
class Follow:
    userid: str
    remark: str
    description: str
    createtime: int
    add_way: int
    state: str
    oper_userid: str
    remark_mobiles: list[str]
    tag_ids: list[str]
    remark_corp_name: str = ""


@dataclass
class Member:
    external_userid: str
    name: str
    type: int
    gender: int
    unionid: str = ""
    position: str = ""
    corp_name: str = ""
    corp_full_name: str = ""
    follows: list[Follow] = field(default_factory=list)


@dataclass
class Tag:
    id: str
    name: str
    create_time: int
    order: int
    admin_made: bool


@dataclass
class TagGroup:
    group_id: str
    group_name: str
    create_time: int
    order: int
    admin_made: bool
    tags: list[Tag]


@dataclass
class RosterEntry:
    userid: str
    type: int
    join_time: int
    join_scene: int
    invitor: str = ""
    group_nickname: str = ""


@dataclass
class Group:
    chat_id: str
    name: str
    owner: str
    create_time: int
    notice: str
    status: int
    roster: list[RosterEntry]
    admins: list[str]
    member_version: str = ""


@dataclass
class EmulatorCorp:
    """Everything the emulator serves. Lock ``lock`` around reads that must be consistent
    with concurrent requests; tests read counters in ``stats`` and set ``faults``."""

    seed: int
    corp_id: str
    secret: str
    robot_key: str
    staff: list[Staff]
    members: dict[str, Member]
    tag_groups: list[TagGroup]
    groups: dict[str, Group]
    now: float  # generation time; statistics and task times are relative to the real clock
    faults: Faults = field(default_factory=Faults)
    stats: Stats = field(default_factory=Stats)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    tokens: dict[str, float] = field(default_factory=dict, repr=False)  # token → expires at
    mass_tasks: dict[str, MassTask] = field(default_factory=dict)
    moment_jobs: dict[str, MomentJob] = field(default_factory=dict)
    media: dict[str, MediaItem] = field(default_factory=dict)
    received_this_month: dict[str, int] = field(default_factory=dict)  # target → mass msgs
    monthly_cap: int = 31  # per customer / group; set from the month at generation
    confirm_delay_s: float = 1.0  # how long staff take to confirm a mass-message task
    dispatch_delay_s: float = 0.0  # results asked for sooner than this give 41063
    moment_delay_s: float = 0.5  # how long add_moment_task jobs take
    counter: int = 0  # for fresh ids
    by_staff: dict[str, list[str]] = field(default_factory=dict, repr=False)  # userid → customers
    fault_rng: random.Random = field(default_factory=lambda: random.Random(0), repr=False)
    cursor_uses: dict[int, int] = field(default_factory=dict, repr=False)  # cursor id → uses
    cursor_counter: int = 0  # cursor ids, apart from ``counter`` so ids stay as generated

    def __repr__(self) -> str:
        return (
            f"<EmulatorCorp seed={self.seed} staff={len(self.staff)} "
            f"members={len(self.members)} groups={len(self.groups)}>"
        )

    # -- lookups used by handlers and tests -------------------------------------------------
    @property
    def staff_ids(self) -> list[str]:
        return [s.userid for s in self.staff]

    def staff_name(self, userid: str) -> str:
        return next((s.name for s in self.staff if s.userid == userid), userid)

    def all_tags(self) -> dict[str, tuple[TagGroup, Tag]]:
        return {t.id: (g, t) for g in self.tag_groups for t in g.tags}

    def relationships(self) -> list[tuple[str, str]]:
        """Every (staff userid, external_userid) follow pair."""
        return [(f.userid, m.external_userid) for m in self.members.values() for f in m.follows]

    # -- control from tests and the admin endpoint ---------------------------------------------
    def set_faults(self, **values: Any) -> None:
        with self.lock:
            self.faults.update(values)
            if "fault_seed" in values:
                self.fault_rng = random.Random(self.faults.fault_seed)

    def reset_faults(self) -> None:
        with self.lock:
            self.faults = Faults()
            self.fault_rng = random.Random(0)

    def roll(self, rate: float) -> bool:
        """Whether a ``rate`` fault hits this request (call with ``lock`` held)."""
        return rate > 0 and self.fault_rng.random() < rate

    def expire_tokens(self) -> None:
        """Every issued token now answers 42001 (expired)."""
        with self.lock:
            self.tokens = dict.fromkeys(self.tokens, 0.0)

    def invalidate_tokens(self) -> None:
        """Every issued token now answers 40014 (invalid), as when WeCom drops them early."""
        with self.lock:
            self.tokens.clear()

    def confirm(self, msgid: str | None = None) -> None:
        """Staff confirm now: the mass-message task (or all of them) is sent on next look."""
        with self.lock:
            for task in self.mass_tasks.values():
                if msgid is None or task.msgid == msgid:
                    task.confirm_at = dict.fromkeys(task.confirm_at, 0.0)

    def new_id(self, prefix: str, length: int = 20) -> str:
        self.counter += 1
        rng = random.Random(f"{self.seed}:{prefix}:{self.counter}")
        return prefix + "".join(rng.choice(_ID_CHARS[:62]) for _ in range(length))


def _rid(rng: random.Random, prefix: str, length: int) -> str:
    return prefix + "".join(rng.choices(_ID_CHARS, k=length))


def _name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def _staff(count: int) -> list[Staff]:
    out = []
    for i in range(count):
        name, userid = STAFF[i % len(STAFF)]
        if i >= len(STAFF):
            name, userid = f"{name}{i // len(STAFF) + 1}", f"{userid}{i // len(STAFF) + 1}"
        out.append(Staff(userid, name))
    return out


def _tag_library(rng: random.Random, now: int) -> list[TagGroup]:
    groups = []
    for gi, (gname, tags, admin) in enumerate(TAG_LIBRARY):
        created = now - rng.randint(200, 600) * DAY
        group = TagGroup(_rid(rng, "et", 20), gname, created, 100 - gi, admin, [])
        for ti, tname in enumerate(tags):
            group.tags.append(Tag(_rid(rng, "et", 20), tname, created, len(tags) - ti, admin))
        groups.append(group)
    return groups


def _member(rng: random.Random, staff: list[Staff], tags: list[TagGroup], now: int) -> Member:
    mtype = 2 if rng.random() < 0.1 else 1
    member = Member(
        external_userid=_rid(rng, "wo" if mtype == 2 else "wm", 30),
        name=_name(rng),
        type=mtype,
        gender=rng.choice([0, 1, 2, 2]),
    )
    if mtype == 1 and rng.random() < 0.6:
        member.unionid = _rid(rng, "oUnion", 22)
    if mtype == 2:
        member.position, member.corp_name = rng.choice(["采购", "店长", "经理"]), "示例商贸"
        member.corp_full_name = "示例商贸有限公司"
    count = rng.choices([1, 2, 3], weights=[60, 30, 10])[0]
    for st in rng.sample(staff, min(count, len(staff))):
        picked = [rng.choice(g.tags).id for g in tags if rng.random() < 0.45]
        channel = rng.choice(CHANNELS) if rng.random() < 0.85 else ""
        member.follows.append(
            Follow(
                userid=st.userid,
                remark=f"{member.name}{rng.choice(['', '-VIP', '-老客', '-宝妈'])}",
                description=rng.choice(["", "老客户", "复购3次", "喜欢新品", "价格敏感"]),
                createtime=now - rng.randint(1, 400) * DAY - rng.randint(0, DAY),
                add_way=rng.choice(ADD_WAYS),
                state=channel,
                oper_userid=rng.choice([st.userid, member.external_userid]),
                remark_mobiles=[f"1{rng.choice('3589')}{rng.randint(0, 10**9 - 1):09d}"]
                if rng.random() < 0.3
                else [],
                tag_ids=picked,
            )
        )
    return member


def _group(
    rng: random.Random, index: int, staff: list[Staff], members: list[Member], now: int
) -> Group:
    owner = rng.choice(staff)
    created = now - rng.randint(2, 400) * DAY - rng.randint(0, DAY)
    roster = [RosterEntry(owner.userid, 1, created, 1, group_nickname=f"群主{owner.name[-1]}")]
    others = [s for s in staff if s.userid != owner.userid]
    for st in rng.sample(others, min(len(others), rng.randint(0, 2))):
        roster.append(RosterEntry(st.userid, 1, rng.randint(created, now - DAY), 1))
    for m in rng.sample(members, min(len(members), rng.randint(5, 80))):
        scene = rng.choice([1, 2, 3, 3])
        roster.append(
            RosterEntry(
                m.external_userid,
                2,
                rng.randint(created, now - 3600),
                scene,
                invitor=rng.choice(staff).userid if scene == 1 else "",
                group_nickname=rng.choice(["", "", m.name[:1] + "姐", "铲屎官"]),
            )
        )
    return Group(
        chat_id=_rid(rng, "wr", 30),
        name=f"{rng.choice(GROUP_KINDS)}{index + 1}",
        owner=owner.userid,
        create_time=created,
        notice=rng.choice(["", "欢迎入群！每周五晚8点福利秒杀，请置顶群公告。", "群内禁止广告"]),
        status=rng.choices([0, 1, 2, 3], weights=[90, 4, 3, 3])[0],
        roster=roster,
        admins=[rng.choice(staff).userid] if rng.random() < 0.5 else [],
    )


def generate_corp(
    seed: int = 1, members: int = 200, groups: int = 20, staff: int = 8, *, now: float | None = None
) -> EmulatorCorp:
    """Build a corp; the same arguments (and ``now``) always give the same corp."""
    now_i = int(time.time() if now is None else now)
    rng = random.Random(seed)
    staff_list = _staff(max(1, staff))
    tags = _tag_library(rng, now_i)
    member_list = [_member(rng, staff_list, tags, now_i) for _ in range(members)]
    group_list = [_group(rng, i, staff_list, member_list, now_i) for i in range(groups)]
    corp = EmulatorCorp(
        seed=seed,
        corp_id="ww" + _rid(random.Random(f"corp{seed}"), "", 16).lower().replace("-", "0"),
        secret=_rid(random.Random(f"secret{seed}"), "", 43),
        robot_key=_rid(random.Random(f"robot{seed}"), "", 36),
        staff=staff_list,
        members={m.external_userid: m for m in member_list},
        tag_groups=tags,
        groups={g.chat_id: g for g in group_list},
        now=now_i,
        monthly_cap=_days_in_month(now_i),
    )
    for group in group_list:
        group.member_version = version_of(group)
    for m in member_list:
        for f in m.follows:
            corp.by_staff.setdefault(f.userid, []).append(m.external_userid)
    # Some customers and groups are already at this month's mass-message cap, so send results
    # show status 3 without sending thirty messages first.
    for target in [m.external_userid for m in member_list] + list(corp.groups):
        if rng.random() < 0.05:
            corp.received_this_month[target] = corp.monthly_cap
    return corp


def version_of(group: Group) -> str:
    ids = ",".join(sorted(e.userid for e in group.roster))
    return hashlib.md5(ids.encode()).hexdigest()[:10]


def _days_in_month(epoch: int) -> int:
    # The current default rule: as many mass messages per month as the month has days.
    day = time.gmtime(epoch + 8 * 3600)
    return calendar.monthrange(day.tm_year, day.tm_mon)[1]
