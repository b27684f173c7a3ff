"""A local WeCom emulator for the demo workspace, so the sync can be tried at once.

The emulated corp is built from the demo workspace itself — its staff, tag library (with the same
WeCom ids), customers with their follow relationships and WeCom tags, groups and rosters — so the
first sync merges instead of doubling everything. A little drift is added on top (a few new
customers, some joins and leaves) so that sync has something to show: new members and roster
events. Runs on 127.0.0.1 in a background thread for as long as the window is open.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import Any

from ..store.db import Workspace
from ..wecom.emulator import EmulatorCorp, EmulatorServer, make_server
from ..wecom.emulator.corp import (
    Follow,
    Group,
    Member,
    RosterEntry,
    Staff,
    Tag,
    TagGroup,
    version_of,
)

DEMO_CORP_ID = "wwdemo0000000001"
DEMO_SECRET = "demo-emulator-secret-not-a-real-one-000000"  # the emulator's own, made up
DRIFT_MEMBERS = 40
DRIFT_GROUPS = 0.1  # share of groups with someone joining and someone leaving


def corp_from_workspace(conn: sqlite3.Connection, seed: int = 7, drift: bool = True) -> EmulatorCorp:
    now = int(time.time())
    rng = random.Random(seed)
    staff = [Staff(u, n) for u, n in conn.execute("SELECT userid, name FROM staff ORDER BY id")]
    by_sid = {sid: u for sid, u in conn.execute("SELECT id, userid FROM staff")}
    tag_groups: dict[int, TagGroup] = {}
    for gid, gw, name, created, order, source in conn.execute(
            "SELECT id, wecom_group_id, name, created_at, sort_order, source FROM tag_groups "
            "WHERE wecom_group_id IS NOT NULL"):
        tag_groups[gid] = TagGroup(gw, name, created or now, order, source == "admin", [])
    tag_ids: dict[int, str] = {}
    for tid, gid, tw, name, created, order, source in conn.execute(
            "SELECT id, group_id, wecom_tag_id, name, created_at, sort_order, source FROM tags "
            "WHERE wecom_tag_id IS NOT NULL"):
        if gid in tag_groups:
            tag_groups[gid].tags.append(Tag(tw, name, created or now, order, source == "admin"))
            tag_ids[tid] = tw
    tags_of: dict[int, list[str]] = {}
    for mid, tid in conn.execute("SELECT member_id, tag_id FROM member_tags"):
        if tid in tag_ids:
            tags_of.setdefault(mid, []).append(tag_ids[tid])
    # Tags per relationship from the workspace's WeCom mirror; a demo made before the mirror was
    # written has none, and then its first relationship carries the member's tags.
    rel_tags: dict[tuple[int, int], list[str]] = {}
    for mid, sid, tid in conn.execute("SELECT member_id, staff_id, tag_id FROM follow_tags"):
        if tid in tag_ids:
            rel_tags.setdefault((mid, sid), []).append(tag_ids[tid])
    members: dict[str, Member] = {}
    ext_of: dict[int, str] = {}
    for mid, ext, name, gender, unionid in conn.execute(
            "SELECT id, external_userid, name, gender, unionid FROM members "
            "WHERE external_userid IS NOT NULL"):
        members[ext] = Member(ext, name, 1, gender, unionid or "")
        ext_of[mid] = ext
    for mid, sid, remark, desc, added, way, state in conn.execute(
            "SELECT member_id, staff_id, remark, description, add_time, add_way, state FROM follows "
            "ORDER BY member_id, add_time"):
        ext = ext_of.get(mid)
        if ext is None or sid not in by_sid:
            continue
        m = members[ext]
        tags = rel_tags.get((mid, sid), []) if rel_tags else \
            tags_of.get(mid, []) if not m.follows else []
        m.follows.append(Follow(by_sid[sid], remark, desc, added or now, way, state,
                                by_sid[sid], [], tags))
    groups: dict[str, Group] = {}
    for gid, chat_id, name, owner, created, notice in conn.execute(
            "SELECT id, chat_id, name, owner_staff_id, created_at, notice FROM groups"):
        roster = []
        for mid, sid, joined, scene, inviter, nick in conn.execute(
                "SELECT member_id, staff_id, join_time, join_scene, inviter, group_nickname "
                "FROM roster WHERE group_id = ?", (gid,)):
            if sid is not None and sid in by_sid:
                roster.append(RosterEntry(by_sid[sid], 1, joined or now, scene or 1, inviter, nick))
            elif mid in ext_of:
                roster.append(RosterEntry(ext_of[mid], 2, joined or now, scene or 3, inviter, nick))
        groups[chat_id] = Group(chat_id, name, by_sid.get(owner, staff[0].userid if staff else ""),
                                created or now, notice, 0, roster, [])
    corp = EmulatorCorp(seed=seed, corp_id=DEMO_CORP_ID, secret=DEMO_SECRET,
                        robot_key="demo-robot-key-000000000000000000000", staff=staff,
                        members=members, tag_groups=list(tag_groups.values()), groups=groups,
                        now=now)
    if drift:
        _drift(corp, rng, now)
    for group in corp.groups.values():
        group.member_version = version_of(group)
    for m in corp.members.values():
        for f in m.follows:
            corp.by_staff.setdefault(f.userid, []).append(m.external_userid)
    return corp


def _drift(corp: EmulatorCorp, rng: random.Random, now: int) -> None:
    """What happened in WeCom since the demo data was made: new customers, joins and leaves."""
    if not corp.staff:
        return
    surnames, given = "王李张刘陈杨黄赵吴周徐孙", "伟芳娜敏静丽强磊洋艳杰娟"
    new: list[Member] = []
    for i in range(DRIFT_MEMBERS):
        ext = f"wmdemo{seed_part(rng)}{i:04d}"
        m = Member(ext, rng.choice(surnames) + rng.choice(given) + rng.choice(given), 1,
                   rng.choice([1, 2, 2]))
        st = rng.choice(corp.staff)
        m.follows.append(Follow(st.userid, m.name, "", now - rng.randint(60, 3 * 86400), 1,
                                rng.choice(["package_card", "fission", "sms"]), st.userid, [], []))
        corp.members[ext] = m
        new.append(m)
    for group in rng.sample(list(corp.groups.values()), int(len(corp.groups) * DRIFT_GROUPS)):
        externals = [e for e in group.roster if e.type == 2]
        if externals:
            group.roster.remove(rng.choice(externals))
        joiner = rng.choice(new)
        group.roster.append(RosterEntry(joiner.external_userid, 2, now - rng.randint(60, 86400), 3))


def seed_part(rng: random.Random) -> str:
    return f"{rng.randint(0, 9999):04d}"


@dataclass
class DemoEmulator:
    server: EmulatorServer
    thread: threading.Thread

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @property
    def corp(self) -> EmulatorCorp:
        return self.server.corp

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def start_emulator_for(ws: Workspace, *, latency_ms: int = 5, drift: bool = True) -> DemoEmulator:
    """Serve a corp mirroring ``ws`` on 127.0.0.1 (a free port) in a daemon thread."""
    corp = corp_from_workspace(ws.reader(), drift=drift)
    corp.confirm_delay_s = 5.0
    server = make_server(corp, latency_ms=latency_ms)
    # http.server writes headers and body in two sends; with Nagle's algorithm and delayed
    # ACKs each answer would wait ~40 ms more than the latency asked for.
    base: Any = server.RequestHandlerClass
    server.RequestHandlerClass = type("DemoHandler", (base,), {"disable_nagle_algorithm": True})
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="demo-wecom-emulator", daemon=True)
    thread.start()
    return DemoEmulator(server, thread)
