"""Invariant checks over a real workspace file. Each returns a list of problems (empty: holds);
``check_all`` asserts them together with a label for the step that broke one.

(a) ``tag_links``: member tags agree with relationship tags and waiting outbox items, per the
    rule in ``siyu_desktop/domain/tag_links.py`` (rule numbers cited below);
(b) ``index_agrees``: the in-memory member index (``store/index.py``) agrees with SQL for
    every member (tags, relationships, the member set, the filter columns);
(c) ``sending_is_audited``: every outbox item in ``sending`` belongs to a recorded change (the
    audit batch its key names exists; its member, relationship and tag still exist);
(d) ``no_orphans``: no row points at a row that is gone.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Any

from siyu_desktop.store.db import Workspace
from siyu_desktop.store.index import MISSING

Links = dict[int, set[int]]
WAITING = ("pending", "sending", "failed")


def member_links(c: sqlite3.Connection) -> Links:
    """Every member's tag ids, from ``member_tags``."""
    out: Links = {}
    for m, t in c.execute("SELECT member_id, tag_id FROM member_tags"):
        out.setdefault(m, set()).add(t)
    return out


def waiting_tag_changes(c: sqlite3.Connection) -> dict[tuple[int, int], set[bool]]:
    """(member, tag) → the directions (True: add) of ``mark_tag`` items not yet done."""
    out: dict[tuple[int, int], set[bool]] = defaultdict(set)
    for m, t, payload in c.execute("SELECT member_id, tag_id, payload FROM outbox WHERE kind = "
                                   "'mark_tag' AND status IN ('pending', 'sending', 'failed')"):
        out[(m, t)].add(bool(json.loads(payload)["add"]))
    return out


def tag_links(c: sqlite3.Connection) -> list[str]:
    problems: list[str] = []
    linked = {(m, t) for m, t in c.execute("SELECT member_id, tag_id FROM member_tags")}
    on_relationship = {(m, t) for m, t in c.execute("SELECT DISTINCT member_id, tag_id "
                                                    "FROM follow_tags")}
    waiting = waiting_tag_changes(c)
    wecom_tags = {t for (t,) in c.execute("SELECT id FROM tags WHERE wecom_tag_id IS NOT NULL")}
    # Rule 2: a relationship carries the tag → the member shows it, unless the operator's
    # removal of it is still waiting to be sent.
    for pair in sorted(on_relationship - linked):
        if False not in waiting.get(pair, set()):
            problems.append(f"member {pair[0]} lacks tag {pair[1]} that a relationship carries "
                            "and no removal is waiting (rule 2)")
    for pair, directions in sorted(waiting.items()):
        # Rule 4 / supersede (``domain.outbox.tag_step``): add then remove cancels out, so one
        # pair waits both ways only while the older direction is in flight (``sending``: it may
        # have reached WeCom, and the later change is its own item after it); the member then
        # shows the tag as the latest item says.
        if len(directions) > 1:
            problems.extend(_both_ways(c, *pair))
        # Rules 1 and 4: a waiting add is the member's tag; a waiting removal is not.
        elif True in directions and pair not in linked:
            problems.append(f"member {pair[0]} has an add of tag {pair[1]} waiting but not the "
                            "tag (rule 1)")
        elif False in directions and pair in linked:
            problems.append(f"member {pair[0]} shows tag {pair[1]} whose removal is waiting "
                            "(rule 1)")
    # Local-only tags never reach relationships or the outbox.
    for m, t in sorted(on_relationship):
        if t not in wecom_tags and not _waiting_creation(c, t):
            problems.append(f"relationship tag {t} of member {m} has no WeCom id")
    return problems


def _both_ways(c: sqlite3.Connection, m: int, t: int) -> list[str]:
    rows = [(status, bool(json.loads(payload)["add"])) for status, payload in c.execute(
        "SELECT status, payload FROM outbox WHERE kind = 'mark_tag' AND member_id = ? AND "
        "tag_id = ? AND status IN ('pending', 'sending', 'failed') ORDER BY id", (m, t))]
    latest = rows[-1][1]
    if any(add != latest and status != "sending" for status, add in rows):
        return [f"member {m} tag {t} waits both to be added and removed, and the older "
                "direction is not in flight"]
    linked = c.execute("SELECT 1 FROM member_tags WHERE member_id = ? AND tag_id = ?",
                       (m, t)).fetchone() is not None
    if linked != latest:
        return [f"member {m} tag {t}: the link is not what the latest waiting change says "
                "(rules 1 and 4)"]
    return []


def _waiting_creation(c: sqlite3.Connection, tag_id: int) -> bool:
    return c.execute("SELECT 1 FROM outbox WHERE kind = 'add_corp_tag' AND tag_id = ? AND status "
                     "IN ('pending', 'sending', 'failed')", (tag_id,)).fetchone() is not None


def index_agrees(ws: Workspace) -> list[str]:
    """The index against SQL, member by member (read through one reader, so one moment)."""
    c = ws.reader()
    index = ws.index
    problems: list[str] = []
    sql_tags: dict[int, set[int]] = defaultdict(set)
    for m, t in c.execute("SELECT member_id, tag_id FROM member_tags"):
        sql_tags[t].add(m)
    for t in set(sql_tags) | set(index.tags):
        got, want = set(index.tag(t)), sql_tags.get(t, set())
        if got != want:
            problems.append(f"index tag {t}: extra {sorted(got - want)[:5]}, "
                            f"missing {sorted(want - got)[:5]}")
    sql_staff: dict[int, set[int]] = defaultdict(set)
    for m, s in c.execute("SELECT member_id, staff_id FROM follows"):
        sql_staff[s].add(m)
    for s in set(sql_staff) | set(index.staff):
        got, want = set(index.staff.get(s, ())), sql_staff.get(s, set())
        if got != want:
            problems.append(f"index staff {s}: extra {sorted(got - want)[:5]}, "
                            f"missing {sorted(want - got)[:5]}")
    members = {m for (m,) in c.execute("SELECT id FROM members")}
    if set(index.all) != members:
        problems.append(f"index members: extra {sorted(set(index.all) - members)[:5]}, "
                        f"missing {sorted(members - set(index.all))[:5]}")
    names = {code: name for name, code in index.channel_codes.items()}
    cols = index.cols
    rows = c.execute("SELECT id, level, channel, coalesce(joined_at, ?), "
                     "coalesce(last_active_at, ?), coalesce(birth_md, ?), points FROM members",
                     [int(MISSING)] * 3).fetchall()
    for mid, level, channel, joined, active, birth, points in rows:
        if mid >= index.size:
            problems.append(f"index too short for member {mid}")
            continue
        got: tuple[Any, ...] = (int(cols["level"][mid]), names.get(int(cols["channel"][mid])),
                                int(cols["joined_at"][mid]), int(cols["last_active_at"][mid]),
                                int(cols["birth_md"][mid]), int(cols["points"][mid]))
        want = (level, channel, joined, active, birth, points)
        if got != want:
            problems.append(f"index columns of member {mid}: {got} != SQL {want}")
    return problems


def sending_is_audited(c: sqlite3.Connection) -> list[str]:
    problems: list[str] = []
    batches = {b for (b,) in c.execute("SELECT id FROM audit_batches")}
    rows = c.execute("SELECT id, kind, idempotency_key, member_id, staff_id, tag_id FROM outbox "
                     "WHERE status = 'sending'").fetchall()
    for item_id, kind, key, member_id, staff_id, tag_id in rows:
        suffix = key.rsplit(":", 1)[-1]
        if suffix.isdigit() and int(suffix) not in batches:
            problems.append(f"sending item {item_id} ({kind}) names audit batch {suffix}, "
                            "which does not exist")
        elif not suffix.isdigit() and not suffix.startswith("g"):
            problems.append(f"sending item {item_id} ({kind}) has a key of no change: {key}")
        if kind == "mark_tag":
            if c.execute("SELECT 1 FROM follows WHERE member_id = ? AND staff_id = ?",
                         (member_id, staff_id)).fetchone() is None:
                problems.append(f"sending item {item_id}: relationship {member_id}/{staff_id} "
                                "is gone")
            if c.execute("SELECT 1 FROM tags WHERE id = ?", (tag_id,)).fetchone() is None:
                problems.append(f"sending item {item_id}: tag {tag_id} is gone")
    return problems


ORPHANS = {
    "member_tags without member": "SELECT count(*) FROM member_tags WHERE member_id NOT IN "
                                  "(SELECT id FROM members)",
    "member_tags without tag": "SELECT count(*) FROM member_tags WHERE tag_id NOT IN "
                               "(SELECT id FROM tags)",
    "tags without group": "SELECT count(*) FROM tags WHERE group_id NOT IN "
                          "(SELECT id FROM tag_groups)",
    "follows without member or staff": "SELECT count(*) FROM follows WHERE member_id NOT IN "
                                       "(SELECT id FROM members) OR staff_id NOT IN "
                                       "(SELECT id FROM staff)",
    "follow_tags without relationship": "SELECT count(*) FROM follow_tags ft WHERE NOT EXISTS "
                                        "(SELECT 1 FROM follows f WHERE f.member_id = "
                                        "ft.member_id AND f.staff_id = ft.staff_id)",
    "follow_tags without tag": "SELECT count(*) FROM follow_tags WHERE tag_id NOT IN "
                               "(SELECT id FROM tags)",
    "roster without group": "SELECT count(*) FROM roster WHERE group_id NOT IN "
                            "(SELECT id FROM groups)",
    "roster without person": "SELECT count(*) FROM roster WHERE (member_id IS NOT NULL AND "
                             "member_id NOT IN (SELECT id FROM members)) OR (staff_id IS NOT "
                             "NULL AND staff_id NOT IN (SELECT id FROM staff))",
    "audit without batch": "SELECT count(*) FROM audit WHERE batch_id NOT IN "
                           "(SELECT id FROM audit_batches)",
    "waiting mark_tag without member or tag": "SELECT count(*) FROM outbox WHERE kind = "
                                              "'mark_tag' AND status IN ('pending', 'sending', "
                                              "'failed') AND (member_id NOT IN (SELECT id FROM "
                                              "members) OR tag_id NOT IN (SELECT id FROM tags))",
}


def no_orphans(c: sqlite3.Connection) -> list[str]:
    problems = []
    for what, sql in ORPHANS.items():
        n = c.execute(sql).fetchone()[0]
        if n:
            problems.append(f"{n} {what}")
    return problems


def check_all(ws: Workspace, step: str = "") -> None:
    """Assert (a)–(d) on ``ws``; the message names ``step`` and every problem found."""
    c = ws.reader()
    problems = [*tag_links(c), *index_agrees(ws), *sending_is_audited(c), *no_orphans(c)]
    assert not problems, f"{step}: {len(problems)} invariant(s) broken:\n" + \
        "\n".join(problems[:20])
