"""Generate a deterministic demo brand straight into a new workspace, fast enough for 1M members.

Used for the demo workspace a newcomer lands in (20,000 members) and for the benchmarks
(1,000,000 members, 5.5M tag links, 40,000 groups). Writes with bulk inserts, unaudited: it only
ever runs on an empty workspace, and nothing an operator did is being changed.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from pypinyin import Style, lazy_pinyin

from ..domain import demo_brand as brand
from ..errors import Cancelled
from . import demo_points
from . import points as points_store
from .audit import WriteContext
from .index import Changes

DAY = 86400
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class DemoSize:
    members: int = 20_000
    groups: int = 300
    tags: int = 400
    tag_links_per_member: float = 5.5
    top_tag_share: float = 0.33
    roster_mean: int = 60
    # a year of points (games, birthdays, redemptions, expiry) through the ledger's rules; off,
    # every member's points are one opening-balance entry (what the benchmarks build at 1M)
    points_history: bool = True


def _tag_layout(total: int) -> list[tuple[str, str, float | None, list[str]]]:
    """The brand's tag groups cut or padded so that there are exactly ``total`` tags."""
    layout: list[tuple[str, str, float | None, list[str]]] = []
    left = total
    for g, d, coverage, items in brand.TAG_GROUPS:
        if left <= 0:
            break
        layout.append((g, d, coverage, list(items[:left])))
        left -= len(layout[-1][3])
    n = 1
    while left > 0:  # only when asked for more tags than the brand has names for
        layout.append((f"自定义{n}", "interest", None, [f"自定义{n}-{i}" for i in range(min(left, 20))]))
        left -= len(layout[-1][3])
        n += 1
    return layout


def _char_pinyin(chars: list[str]) -> tuple[list[str], list[str]]:
    full = [lazy_pinyin(c)[0] for c in chars]
    first = [lazy_pinyin(c, style=Style.FIRST_LETTER)[0] for c in chars]
    return full, first


def generate(ctx: WriteContext, size: DemoSize, seed: int = 7, now: int | None = None,
             progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> None:
    conn = ctx.conn
    rng = np.random.default_rng(seed)
    now = now or int(time.time())
    today = now - now % DAY
    report = progress or (lambda phase, done, total: None)

    def check() -> None:
        if cancelled and cancelled():
            raise Cancelled()

    # staff
    conn.executemany("INSERT INTO staff(userid, name, department, created_at) VALUES (?, ?, ?, ?)",
                     [(u, n, d, now - 900 * DAY) for u, n, d in brand.STAFF])
    staff_ids = [r[0] for r in conn.execute("SELECT id FROM staff ORDER BY id")]

    # tags
    layout = _tag_layout(size.tags)
    tag_rows: list[tuple[object, ...]] = []
    for order, (g, d, _coverage, items) in enumerate(layout):
        cur = conn.execute("INSERT INTO tag_groups(name, dimension, source, wecom_group_id, "
                           "sort_order, created_at) VALUES (?, ?, 'app', ?, ?, ?)",
                           (g, d, f"etGRP{order:04d}", 1000 - order, now - 800 * DAY))
        group_id = int(cur.lastrowid or 0)
        for i, t in enumerate(items):
            k = len(tag_rows)
            # every tenth tag was made in the WeCom admin console: read-only to our app
            tag_rows.append((group_id, t, f"etTAG{k:05d}", "admin" if k % 10 == 9 else "app",
                             len(items) - i, now - 800 * DAY))
    conn.executemany("INSERT INTO tags(group_id, name, wecom_tag_id, source, sort_order, "
                     "created_at) VALUES (?, ?, ?, ?, ?, ?)", tag_rows)
    tag_ids = np.array([r[0] for r in conn.execute("SELECT id FROM tags ORDER BY id")])

    # members
    n = size.members
    sur_full, sur_first = _char_pinyin(brand.SURNAMES)
    giv_full, giv_first = _char_pinyin(brand.GIVEN)
    s_idx = rng.integers(0, len(brand.SURNAMES), n)
    g1 = rng.integers(0, len(brand.GIVEN), n)
    g2 = rng.integers(-len(brand.GIVEN) // 2, len(brand.GIVEN), n)  # <0: a one-character name
    nick = rng.random(n) < 0.06
    nick_idx = rng.integers(0, len(brand.NICK), n)
    level = rng.choice(4, n, p=[0.6, 0.25, 0.12, 0.03])
    channel = rng.choice(len(brand.CHANNELS), n, p=brand.CHANNEL_WEIGHTS)
    joined = today - rng.integers(0, 3 * 365, n) * DAY - rng.integers(0, DAY, n)
    active_age = np.where(rng.random(n) < 0.7, rng.integers(0, 180, n), rng.integers(180, 720, n))
    active = np.maximum(joined, today - active_age * DAY + rng.integers(0, DAY, n))
    has_birthday = rng.random(n) < 0.7
    birth_year = rng.integers(1965, 2005, n)
    birth_doy = rng.integers(0, 365, n)
    phone_prefix = rng.choice([133, 135, 136, 137, 138, 139, 150, 151, 152, 158, 159, 166, 177,
                               180, 186, 187, 188, 189, 199], n)
    phone_rest = rng.integers(0, 10**8, n)
    has_phone = rng.random(n) < 0.85
    remark_idx = rng.integers(0, len(brand.REMARKS), n)
    points = np.where(rng.random(n) < 0.8, rng.gamma(1.5, 400, n).astype(np.int64), 0)
    birth_mds: list[int | None] = []
    batch = 50_000
    base = np.datetime64("1970-01-01")
    for start in range(0, n, batch):
        check()
        rows = []
        for i in range(start, min(n, start + batch)):
            if nick[i]:
                name = brand.NICK[nick_idx[i]]
                full, first = name.lower(), name[0].lower()
                if not name.isascii():
                    full = "".join(lazy_pinyin(name))
                    first = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))
            else:
                name = brand.SURNAMES[s_idx[i]] + brand.GIVEN[g1[i]]
                full = sur_full[s_idx[i]] + giv_full[g1[i]]
                first = sur_first[s_idx[i]] + giv_first[g1[i]]
                if g2[i] >= 0:
                    name += brand.GIVEN[g2[i]]
                    full += giv_full[g2[i]]
                    first += giv_first[g2[i]]
            birthday: str | None = None
            md: int | None = None
            if has_birthday[i]:
                birthday = str(np.datetime64(f"{birth_year[i]}-01-01")
                               + np.timedelta64(int(birth_doy[i]), "D"))
                md = int(birthday[5:7]) * 100 + int(birthday[8:10])
            phone = f"{phone_prefix[i]}{phone_rest[i]:08d}" if has_phone[i] else None
            remark = brand.REMARKS[remark_idx[i]]
            birth_mds.append(md)
            rows.append((i + 1, f"wm{seed:02d}{i + 1:09d}", name, full, first, phone,
                         int(level[i]), brand.CHANNELS[channel[i]], birthday, md, remark,
                         int(joined[i]), int(active[i]), int(points[i]), int(joined[i]), now))
        conn.executemany(
            "INSERT INTO members(id, external_userid, name, name_pinyin, name_initials, phone, level, "
            "channel, birthday, birth_md, remark, joined_at, last_active_at, points, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        report("members", min(n, start + batch), n)
    del base

    # follows: 1–3 staff per member, the first one at join time
    follow_count = rng.choice([1, 2, 3], n, p=[0.7, 0.25, 0.05])
    follow_rows = []
    for i in range(n):
        picks = rng.choice(len(staff_ids), follow_count[i], replace=False) if follow_count[i] > 1 \
            else [int(rng.integers(0, len(staff_ids)))]
        for k, s in enumerate(picks):
            follow_rows.append((i + 1, staff_ids[int(s)], brand.REMARKS[remark_idx[i]] if k == 0 else "",
                                int(joined[i]) + k * 3 * DAY, 1 if k == 0 else 4,
                                brand.CHANNELS[channel[i]] if k == 0 else ""))
        if len(follow_rows) >= 100_000:
            conn.executemany("INSERT INTO follows(member_id, staff_id, remark, add_time, add_way, "
                             "state) VALUES (?, ?, ?, ?, ?, ?)", follow_rows)
            follow_rows = []
            check()
    conn.executemany("INSERT INTO follows(member_id, staff_id, remark, add_time, add_way, state) "
                     "VALUES (?, ?, ?, ?, ?, ?)", follow_rows)
    report("follows", n, n)

    # member tags: exclusive groups give a member at most one tag (one city), the others several;
    # popularity inside a group is skewed (Zipf) and eight "personas" make tags correlate the way
    # real ones do (cat owners who buy monthly and answer riddles).
    personas = rng.choice(8, n, p=[0.25, 0.2, 0.15, 0.12, 0.1, 0.08, 0.06, 0.04])
    persona_lift = rng.uniform(0.7, 1.2, (8, len(layout)))
    # persona 0 (a quarter of members: cat-owning women who buy monthly) is the brand's core:
    # its tags go together, as the core segment of a real brand does
    core = [i for i, g in enumerate(layout) if g[0] in ("宠物类型", "性别", "最近购买", "购买频次")]
    persona_lift[0, core] = 2.0
    member_ids = np.arange(1, n + 1, dtype=np.int64)
    multi_groups = sum(1 for g in layout if g[2] is None)
    exclusive = 1.05 * sum(g[2] or 0 for g in layout)  # 1.05: the mean persona lift
    multi_rate = (size.tag_links_per_member - exclusive) / max(multi_groups, 1) / 1.3
    first_tag = 0
    for gi, (_g, _d, coverage, items) in enumerate(layout):
        check()
        k = len(items)
        zipf = np.arange(1, k + 1, dtype=float) ** -0.9
        ids_here = tag_ids[first_tag:first_tag + k]
        lift = persona_lift[personas, gi]
        if coverage is not None:
            has = rng.random(n) < np.minimum(0.98, coverage * lift)
            chosen_members = member_ids[has]
            weights = np.tile(zipf, (8, 1))
            weights[np.arange(8), np.arange(8) % k] *= 4.0  # each persona leans to one item
            weights /= weights.sum(axis=1, keepdims=True)
            picks = np.empty(len(chosen_members), dtype=np.int64)
            for p in range(8):
                sel = personas[has] == p
                picks[sel] = rng.choice(k, int(sel.sum()), p=weights[p])
            pairs = zip(chosen_members.tolist(), ids_here[picks].tolist(), strict=True)
            conn.executemany("INSERT INTO member_tags(member_id, tag_id) VALUES (?, ?)", pairs)
        else:
            share = zipf / zipf.sum() * max(multi_rate, 0.02)
            for i in range(k):
                p_member = np.minimum(0.9, share[i] * lift * (2.0 if i % 8 == 0 else 1.0))
                chosen_members = member_ids[rng.random(n) < p_member]
                conn.executemany("INSERT INTO member_tags(member_id, tag_id) VALUES (?, ?)",
                                 ((m, int(ids_here[i])) for m in chosen_members.tolist()))
        first_tag += k
        report("tags", first_tag, size.tags)

    # WeCom keeps tags per relationship: the first one (the earliest added) carries the member's
    # WeCom tags, and the mirror says so (domain/tag_links.py; the demo emulator reads it back).
    conn.execute("INSERT INTO follow_tags(member_id, staff_id, tag_id) "
                 "SELECT mt.member_id, f.staff_id, mt.tag_id FROM member_tags mt "
                 "JOIN tags t ON t.id = mt.tag_id AND t.wecom_tag_id IS NOT NULL "
                 "JOIN (SELECT member_id, staff_id, row_number() OVER (PARTITION BY member_id "
                 "      ORDER BY add_time, staff_id) AS k FROM follows) f "
                 "  ON f.member_id = mt.member_id AND f.k = 1")
    check()

    # groups and rosters
    kinds = rng.choice(len(brand.GROUP_KINDS), size.groups, p=brand.GROUP_KIND_WEIGHTS)
    counters: dict[str, int] = {}
    breeds = next(items for g, _d, _c, items in brand.TAG_GROUPS if g == "宠物品种")
    roster_rows: list[tuple[object, ...]] = []
    event_rows: list[tuple[object, ...]] = []
    for gi in range(size.groups):
        kind = brand.GROUP_KINDS[kinds[gi]]
        counters[kind] = counters.get(kind, 0) + 1
        name = brand.GROUP_NAME_PATTERNS[kind].format(
            brand=brand.BRAND, n=counters[kind], city=brand.CITIES[gi % len(brand.CITIES)],
            breed=breeds[gi % len(breeds)])
        owner = staff_ids[gi % len(staff_ids)]
        created = today - int(rng.integers(30, 900)) * DAY
        cur = conn.execute(
            "INSERT INTO groups(chat_id, name, owner_staff_id, kind, notice, created_at, "
            "member_version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (f"wr{seed:02d}{gi + 1:07d}", name, owner, kind, brand.NOTICE.format(brand=brand.BRAND),
             created, "v1", created))
        group_id = int(cur.lastrowid or 0)
        conn.executemany("INSERT INTO group_tags(group_id, name) VALUES (?, ?)",
                         [(group_id, label) for label in brand.GROUP_LABELS[kind]])
        size_g = int(min(480, max(8, rng.gamma(2.0, size.roster_mean / 2))))
        people = np.unique(rng.integers(1, n + 1, size_g))
        roster_rows.append((group_id, None, owner, "", created, 1, "", "群主"))
        last_update = created
        for m in people:
            joined_group = int(max(joined[m - 1], created) + rng.integers(0, 60) * DAY)
            joined_group = min(joined_group, now - 3600)
            scene = int(rng.choice([1, 2, 3], p=[0.3, 0.2, 0.5]))
            inviter = brand.STAFF[gi % len(brand.STAFF)][1] if scene == 1 else ""
            roster_rows.append((group_id, int(m), None, "", joined_group, scene, inviter, ""))
            last_update = max(last_update, joined_group)
            if joined_group > now - 30 * DAY:
                event_rows.append((group_id, int(m), "join", joined_group, scene))
        # a few recent leavers (no longer on the roster)
        for m in rng.integers(1, n + 1, int(rng.integers(0, 4))):
            at = now - int(rng.integers(1, 30 * DAY))
            event_rows.append((group_id, int(m), "leave", at, None))
            last_update = max(last_update, at)
        conn.execute("UPDATE groups SET member_count = ?, updated_at = ? WHERE id = ?",
                     (len(people) + 1, last_update, group_id))
        if len(roster_rows) >= 100_000:
            _flush_roster(conn, roster_rows, event_rows)
            check()
            report("groups", gi + 1, size.groups)
    _flush_roster(conn, roster_rows, event_rows)
    report("groups", size.groups, size.groups)

    report("points", 0, 1)
    if size.points_history:
        conn.execute("UPDATE members SET points = 0")
        demo_points.generate(conn, rng, [int(p) for p in points], [int(j) for j in joined],
                             birth_mds, now, check=check)
    else:
        points_store.opening_balances(conn, now)
    report("points", 1, 1)

    _save_segments(conn, now)
    _set_meta(conn, "demo", "1")
    _set_meta(conn, "brand", brand.BRAND)
    ctx.changes.full_rebuild = True


def _save_segments(conn: sqlite3.Connection, now: int) -> None:
    """The brand's saved segments; one naming a tag this size of demo lacks is left out."""
    tag_ids = {name: tag_id for tag_id, name in conn.execute("SELECT id, name FROM tags")}
    for name, segment, any_tags in brand.SAVED_SEGMENTS:
        ids = [tag_ids.get(t) for t in any_tags]
        if None in ids:
            continue
        segment = replace(segment, any_tags=tuple(t for t in ids if t is not None))
        conn.execute("INSERT INTO segments(name, definition, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?)", (name, segment.to_json(), now, now))


def _flush_roster(conn: sqlite3.Connection, roster_rows: list[tuple[object, ...]],
                  event_rows: list[tuple[object, ...]]) -> None:
    conn.executemany("INSERT OR IGNORE INTO roster(group_id, member_id, staff_id, name, join_time, "
                     "join_scene, inviter, group_nickname) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     roster_rows)
    conn.executemany("INSERT INTO roster_events(group_id, member_id, kind, at, scene) "
                     "VALUES (?, ?, ?, ?, ?)", event_rows)
    roster_rows.clear()
    event_rows.clear()


def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                 "value = excluded.value", (key, value))


def _unused(_: Changes) -> None:  # keeps the import for type checkers of callers
    return None
