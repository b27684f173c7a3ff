"""Generate a deterministic demo brand straight into a new workspace, fast enough for 1M members.

Used for the demo workspace a newcomer lands in (20,000 members) and for the benchmarks
(1,000,000 members, 5.5M tag links, 40,000 groups). Writes with bulk inserts, unaudited: it only
ever runs on an empty workspace, and nothing an operator did is being changed.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from pypinyin import Style, lazy_pinyin

from ..domain import demo_brand as brand
from ..errors import Cancelled
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


def _tag_names(total: int) -> list[tuple[str, str, str]]:
    """(group, dimension, tag) triples: the brand's lists, padded evenly to ``total``."""
    out = [(g, d, t) for g, d, items in brand.TAG_GROUPS for t in items]
    n = 1
    while len(out) < total:
        for g, d, _items in brand.TAG_GROUPS:
            if len(out) >= total:
                break
            out.append((g, d, f"{g}{n}"))
        n += 1
    return out[:total]


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
    triples = _tag_names(size.tags)
    group_ids: dict[str, int] = {}
    for order, (g, d, _t) in enumerate(triples):
        if g not in group_ids:
            cur = conn.execute("INSERT INTO tag_groups(name, dimension, source, wecom_group_id, "
                               "sort_order, created_at) VALUES (?, ?, 'app', ?, ?, ?)",
                               (g, d, f"etGRP{len(group_ids):04d}", 1000 - order, now - 800 * DAY))
            group_ids[g] = int(cur.lastrowid or 0)
    conn.executemany("INSERT INTO tags(group_id, name, wecom_tag_id, source, sort_order, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     [(group_ids[g], t, f"etTAG{i:05d}", "admin" if i % 10 == 9 else "app",
                       size.tags - i, now - 800 * DAY) for i, (g, _d, t) in enumerate(triples)])
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
            birthday = None
            md = None
            if has_birthday[i]:
                d = np.datetime64(f"{birth_year[i]}-01-01") + np.timedelta64(int(birth_doy[i]), "D")
                birthday = str(d)
                md = int(birthday[5:7]) * 100 + int(birthday[8:10])
            phone = f"{phone_prefix[i]}{phone_rest[i]:08d}" if has_phone[i] else None
            remark = brand.REMARKS[remark_idx[i]]
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

    # member tags: a skewed popularity (Zipf-like), correlated through 8 "personas"
    ranks = np.arange(1, size.tags + 1)
    popularity = ranks ** -0.7
    popularity *= size.top_tag_share / popularity[0]
    popularity *= size.tag_links_per_member / popularity.sum() if popularity.sum() > size.tag_links_per_member else 1
    popularity[0] = size.top_tag_share
    personas = rng.choice(8, n, p=[0.25, 0.2, 0.15, 0.12, 0.1, 0.08, 0.06, 0.04])
    weights = np.array([0.25, 0.2, 0.15, 0.12, 0.1, 0.08, 0.06, 0.04])
    member_ids = np.arange(1, n + 1)
    links = 0
    for t in range(size.tags):
        check()
        home = t % 8
        boost = 2.2 if t % 8 == 0 else 1.8
        other = (1 - boost * weights[home]) / (1 - weights[home])
        p = np.where(personas == home, min(0.95, popularity[t] * boost), popularity[t] * max(other, 0.05))
        chosen = member_ids[rng.random(n) < p]
        conn.executemany("INSERT INTO member_tags(member_id, tag_id) VALUES (?, ?)",
                         ((int(m), int(tag_ids[t])) for m in chosen))
        links += len(chosen)
        if t % 20 == 0:
            report("tags", t + 1, size.tags)
    report("tags", size.tags, size.tags)

    # groups and rosters
    kinds = rng.choice(len(brand.GROUP_KINDS), size.groups, p=brand.GROUP_KIND_WEIGHTS)
    counters: dict[str, int] = {}
    breeds = brand.TAG_GROUPS[18][2]
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

    _set_meta(conn, "demo", "1")
    _set_meta(conn, "brand", brand.BRAND)
    ctx.changes.full_rebuild = True


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
