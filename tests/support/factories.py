"""Data factories: a real workspace file with N members, staff, relationships, tags and groups;
roster rows and files (.xlsx or .csv) for the import service.

Deterministic from ``seed``. The workspace is written in one transaction straight into the
tables (as the demo builder does), then the member index is rebuilt from SQL."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from siyu_desktop.excel.writer import write_csv, write_xlsx
from siyu_desktop.store.db import Workspace

ROSTER_HEADER = ["客户名称", "手机号", "客户ID", "会员等级", "标签", "跟进人", "积分", "备注"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红玲"


@dataclass(frozen=True)
class Sizes:
    members: int = 50
    staff: int = 3
    follows_per_member: int = 1  # relationships of each member with an external id (≤ staff)
    tag_groups: int = 2
    tags_per_group: int = 4
    groups: int = 2
    roster_size: int = 8
    wecom_share: float = 0.7  # members with an external_userid; the rest are imported-only
    links_per_member: int = 2


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))


def phone(rng: random.Random) -> str:
    """A valid mainland mobile number (13x, 15x, 18x)."""
    return "1" + rng.choice("358") + "".join(rng.choices("0123456789", k=9))


def fill_workspace(ws: Workspace, sizes: Sizes = Sizes(), *, seed: int = 1) -> None:
    """Write ``sizes`` worth of rows into an empty ``ws`` (unaudited, like a demo build).
    WeCom-looking rows (external ids, wecom tag ids) are made up: nothing is served for them."""
    rng = random.Random(seed)

    def run(ctx: Any) -> None:
        conn, now = ctx.conn, int(ctx.now)
        staff = []
        for i in range(sizes.staff):
            cur = conn.execute("INSERT INTO staff(userid, name, created_at) VALUES (?, ?, ?)",
                               (f"staff.{i}", person_name(rng), now))
            staff.append(cur.lastrowid)
        tags = []
        for g in range(sizes.tag_groups):
            gid = conn.execute("INSERT INTO tag_groups(name, wecom_group_id, source, created_at) "
                               "VALUES (?, ?, 'app', ?)", (f"分组{g}", f"etg{g}", now)).lastrowid
            for t in range(sizes.tags_per_group):
                tags.append(conn.execute(
                    "INSERT INTO tags(group_id, name, wecom_tag_id, source, created_at) VALUES "
                    "(?, ?, ?, 'app', ?)", (gid, f"标签{g}-{t}", f"et{g}-{t}", now)).lastrowid)
        members = []
        for i in range(sizes.members):
            wecom = rng.random() < sizes.wecom_share
            mid = conn.execute(
                "INSERT INTO members(external_userid, name, phone, gender, level, channel, "
                "points, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (f"wm{i:05d}" if wecom else None, person_name(rng), phone(rng),
                 rng.randint(0, 2), rng.randint(0, 3), rng.choice(["", "sms", "fission"]),
                 rng.randint(0, 500), now, now)).lastrowid
            members.append(mid)
            theirs = rng.sample(staff, min(sizes.follows_per_member, len(staff))) if wecom else []
            for sid in theirs:
                conn.execute("INSERT INTO follows(member_id, staff_id, add_time) VALUES (?, ?, ?)",
                             (mid, sid, now))
            for tid in rng.sample(tags, min(sizes.links_per_member, len(tags))):
                conn.execute("INSERT INTO member_tags(member_id, tag_id) VALUES (?, ?)", (mid, tid))
                for sid in theirs:
                    conn.execute("INSERT INTO follow_tags(member_id, staff_id, tag_id) VALUES "
                                 "(?, ?, ?)", (mid, sid, tid))
        for g in range(sizes.groups):
            owner = rng.choice(staff) if staff else None
            gid = conn.execute("INSERT INTO groups(chat_id, name, owner_staff_id, created_at) "
                               "VALUES (?, ?, ?, ?)", (f"wr{g:04d}", f"群{g}", owner, now)).lastrowid
            if owner is not None:
                conn.execute("INSERT INTO roster(group_id, staff_id, join_time) VALUES (?, ?, ?)",
                             (gid, owner, now))
            for mid in rng.sample(members, min(sizes.roster_size, len(members))):
                conn.execute("INSERT INTO roster(group_id, member_id, join_time) VALUES (?, ?, ?)",
                             (gid, mid, now))
            conn.execute("UPDATE groups SET member_count = (SELECT count(*) FROM roster WHERE "
                         "group_id = ?) WHERE id = ?", (gid, gid))
        ctx.changes.full_rebuild = True

    ws.write(run, audited=False)


def make_workspace(path: Path, sizes: Sizes = Sizes(), *, seed: int = 1,
                   actor: str = "tester") -> Workspace:
    """A new workspace file at ``path`` filled by ``fill_workspace``; the caller closes it."""
    ws = Workspace.open(path, actor=actor)
    try:
        fill_workspace(ws, sizes, seed=seed)
    except BaseException:
        ws.close()
        raise
    return ws


def roster_row(name: str = "", phone_number: str = "", external_userid: str = "",
               level: str = "", tags: Sequence[str] = (), staff: str = "", points: Any = "",
               remark: str = "") -> list[Any]:
    """One row under ``ROSTER_HEADER``; ``tags`` as 「分组:标签」."""
    return [name, phone_number, external_userid, level, "、".join(tags), staff, points, remark]


def new_people_rows(n: int, *, seed: int = 1, tags: Sequence[str] = ()) -> list[list[Any]]:
    """``n`` new people (no WeCom id) with fresh phones, each with up to two of ``tags``."""
    rng = random.Random(seed)
    rows, seen = [], set()
    while len(rows) < n:
        number = phone(rng)
        if number in seen:
            continue
        seen.add(number)
        chosen = rng.sample(list(tags), min(len(tags), rng.randint(0, 2)))
        rows.append(roster_row(person_name(rng), number, tags=chosen))
    return rows


def write_roster_file(path: Path, rows: Sequence[Sequence[Any]],
                      header: Sequence[str] = ROSTER_HEADER) -> Path:
    """A real file the importer reads: ``.csv`` (UTF-8 with BOM) or ``.xlsx``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        write_csv(path, header, rows)
    else:
        write_xlsx(path, header, rows)
    return path
