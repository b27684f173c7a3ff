"""The store side of a WeCom sync: staff, the corp tag library, members with their follow
relationships and per-relationship tags. Groups and rosters are in ``wecom_sync_groups``.

Rules every function here keeps:
- WeCom owns what it owns (names, follow relationships, corp tags per relationship); local-only
  fields (note, level, points, birthday, local tags) are never written.
- ``member_tags`` for WeCom tags is the union of the member's relationship tags, with local
  changes still waiting in the outbox laid over it so a sync never undoes an unsent edit.
  Local-only tags (``wecom_tag_id`` NULL) are never removed by a sync.
- Only real changes are written and audited, so a second sync of unchanged data logs nothing.
- Rows are stamped ``wecom_synced_at = run`` (the run's marker); rows a previous run stamped
  but a complete run did not see are gone from WeCom.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..wecom.types import ContactFollow
from .audit import WriteContext, rows_as_dicts
from .members import derived_fields

SYNC_ACTOR = "sync"
# Outbox items that still express the operator's intent (not sent, not discarded).
LIVE_OUTBOX = ("pending", "sending", "failed")
_CHUNK = 900  # SQLite's default variable limit is 999


@dataclass
class PageResult:
    members_added: int = 0
    members_updated: int = 0
    follows_added: int = 0
    follows_updated: int = 0
    tags_changed: int = 0
    unknown_tags: set[str] = field(default_factory=set)


@functools.lru_cache(maxsize=65_536)
def _name_keys(name: str) -> tuple[tuple[str, Any], ...]:
    # Pinyin is the costliest part of a member page; customer names repeat a lot.
    return tuple(derived_fields({"name": name}).items())


def name_fields(values: dict[str, Any]) -> dict[str, Any]:
    """``derived_fields`` for a dict whose only derived input is the name."""
    return dict(_name_keys(values["name"] or "")) if "name" in values else {}


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def _in(n: int) -> str:
    return ",".join("?" * n)


def select_in(conn: sqlite3.Connection, sql: str, values: Sequence[Any],
              params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """``sql`` with one ``IN ({})`` placeholder, run in chunks; rows as dicts."""
    out: list[dict[str, Any]] = []
    for chunk in _chunks(list(values)):
        out.extend(rows_as_dicts(conn, sql.format(_in(len(chunk))), [*params, *chunk]))
    return out


def no_undo(ctx: WriteContext) -> None:
    """A sync mirrors WeCom: undoing it would only be redone by the next one."""
    if ctx.batch_id is not None:
        ctx.conn.execute("UPDATE audit_batches SET undoable = 0 WHERE id = ?", (ctx.batch_id,))


# -- staff -------------------------------------------------------------------------------------
def ensure_staff(ctx: WriteContext, userids: Sequence[str], names: dict[str, str] | None = None,
                 run: int | None = None) -> dict[str, int]:
    """Staff ids by userid, creating unknown staff (their name is the userid until WeCom tells
    us better). ``run`` stamps them as seen by a sync."""
    names = names or {}
    conn = ctx.conn
    have = {r["userid"]: r for r in select_in(conn, "SELECT * FROM staff WHERE userid IN ({})",
                                                  sorted(set(userids)))}
    for userid in sorted(set(userids)):
        row = have.get(userid)
        name = names.get(userid) or ""
        if row is None:
            cur = conn.execute("INSERT INTO staff(userid, name, created_at, wecom_synced_at) "
                               "VALUES (?, ?, ?, ?)", (userid, name or userid, ctx.now, run))
            after = rows_as_dicts(conn, "SELECT * FROM staff WHERE id = ?", (cur.lastrowid,))[0]
            ctx.log("staff", None, after)
            have[userid] = after
            continue
        updates: dict[str, Any] = {}
        if name and row["name"] in ("", userid) and name != row["name"]:
            updates["name"] = name  # only replaces the placeholder, never a name set locally
        if run is not None and not row["active"]:
            updates["active"] = 1
        if updates:
            conn.execute(f"UPDATE staff SET {', '.join(f'{k} = ?' for k in updates)} WHERE id = ?",
                         [*updates.values(), row["id"]])
            ctx.log("staff", row, {**row, **updates})
        if run is not None:
            conn.execute("UPDATE staff SET wecom_synced_at = ? WHERE id = ?", (run, row["id"]))
    return {u: int(r["id"]) for u, r in have.items()}


def sync_staff(ctx: WriteContext, userids: Sequence[str], run: int) -> dict[str, int]:
    """The complete follow-user list: new staff added, staff no longer listed made inactive."""
    ids = ensure_staff(ctx, userids, run=run)
    listed = set(userids)
    for row in rows_as_dicts(ctx.conn, "SELECT * FROM staff WHERE active = 1 AND "
                                       "wecom_synced_at IS NOT NULL"):
        if row["userid"] not in listed:
            ctx.conn.execute("UPDATE staff SET active = 0 WHERE id = ?", (row["id"],))
            ctx.log("staff", row, {**row, "active": 0})
    return ids


def wecom_tag_map(conn: sqlite3.Connection) -> dict[str, int]:
    return {r[0]: int(r[1]) for r in conn.execute(
        "SELECT wecom_tag_id, id FROM tags WHERE wecom_tag_id IS NOT NULL")}


# -- members and follow relationships ----------------------------------------------------------
def _match_members(conn: sqlite3.Connection, rows: Sequence[ContactFollow]) -> dict[str, dict[str, Any]]:
    """Local member rows by external_userid: by id first, then imported people without a WeCom
    id matched by unionid, then by a phone in the remark mobiles when exactly one matches."""
    ext_ids = sorted({r.contact.external_userid for r in rows})
    found = {r["external_userid"]: r for r in select_in(
        conn, "SELECT * FROM members WHERE external_userid IN ({})", ext_ids)}
    if len(found) == len(ext_ids) or conn.execute(
            "SELECT 1 FROM members WHERE external_userid IS NULL LIMIT 1").fetchone() is None:
        return found  # nobody left to match by unionid or phone
    for r in rows:
        ext = r.contact.external_userid
        if ext in found:
            continue
        candidates: list[dict[str, Any]] = []
        if r.contact.unionid:
            candidates = rows_as_dicts(conn, "SELECT * FROM members WHERE unionid = ? AND "
                                             "external_userid IS NULL", (r.contact.unionid,))
        for phone in r.follow_info.remark_mobiles:
            if len(candidates) == 1:
                break
            candidates = rows_as_dicts(conn, "SELECT * FROM members WHERE phone = ? AND "
                                             "external_userid IS NULL LIMIT 2", (phone,))
        if len(candidates) == 1:
            found[ext] = candidates[0]
    return found


def _live_outbox(conn: sqlite3.Connection, member_ids: Sequence[int], kind: str) -> list[dict[str, Any]]:
    return select_in(conn, "SELECT member_id, staff_id, tag_id, payload FROM outbox WHERE "
                           f"kind = ? AND status IN {LIVE_OUTBOX} AND member_id IN ({{}}) "
                           "ORDER BY id", member_ids, [kind])


def upsert_contacts(ctx: WriteContext, rows: Sequence[ContactFollow], staff_ids: dict[str, int],
                    run: int) -> PageResult:
    """One page of (customer, relationship) rows: members, follows and relationship tags."""
    conn, result = ctx.conn, PageResult()
    if not rows:
        return result
    tag_map = wecom_tag_map(conn)
    existing = _match_members(conn, rows)
    member_ids: dict[str, int] = {}
    inserted: list[int] = []
    for r in rows:
        c = r.contact
        if c.external_userid in member_ids:
            continue
        before = existing.get(c.external_userid)
        values: dict[str, Any] = {"external_userid": c.external_userid, "name": c.name,
                                  "gender": c.gender}
        if c.unionid:
            values["unionid"] = c.unionid
        if before is None:
            # remark and joined_at as refresh_member_fields would set them, so that a new
            # member is one insert, not an insert and an update
            values.update(name_fields(values), channel=r.follow_info.state,
                          remark=r.follow_info.remark,
                          joined_at=r.follow_info.createtime or None, created_at=ctx.now,
                          updated_at=ctx.now, wecom_synced_at=run)
            cols = list(values)
            cur = conn.execute(f"INSERT INTO members({', '.join(cols)}) VALUES ({_in(len(cols))})",
                               [values[k] for k in cols])
            mid = int(cur.lastrowid or 0)
            inserted.append(mid)
            result.members_added += 1
        else:
            mid = int(before["id"])
            if not before["channel"] and r.follow_info.state:
                values["channel"] = r.follow_info.state  # first-touch attribution, never replaced
            changed = {k: v for k, v in values.items() if before.get(k) != v}
            if changed:
                changed.update(name_fields(changed), updated_at=ctx.now)
                conn.execute(f"UPDATE members SET {', '.join(f'{k} = ?' for k in changed)} "
                             "WHERE id = ?", [*changed.values(), mid])
                ctx.log("members", before, {**before, **changed})
                result.members_updated += 1
        ctx.changes.members.add(mid)
        member_ids[c.external_userid] = mid
    # New rows are read back in one query for the audit (defaults and triggers included).
    for row in select_in(conn, "SELECT * FROM members WHERE id IN ({})", inserted):
        ctx.log("members", None, row)
    mids = sorted(set(member_ids.values()))
    conn.executemany("UPDATE members SET wecom_synced_at = ? WHERE id = ?", [(run, m) for m in mids])
    _upsert_follows(ctx, rows, member_ids, staff_ids, tag_map, run, result)
    result.tags_changed += refresh_member_tags(ctx, mids)
    refresh_member_fields(ctx, mids)
    return result


def _upsert_follows(ctx: WriteContext, rows: Sequence[ContactFollow], member_ids: dict[str, int],
                    staff_ids: dict[str, int], tag_map: dict[str, int], run: int,
                    result: PageResult) -> None:
    conn = ctx.conn
    mids = sorted(set(member_ids.values()))
    follows = {(f["member_id"], f["staff_id"]): f for f in select_in(
        conn, "SELECT * FROM follows WHERE member_id IN ({})", mids)}
    ftags: dict[tuple[int, int], set[int]] = {}
    for f in select_in(conn, "SELECT * FROM follow_tags WHERE member_id IN ({})", mids):
        ftags.setdefault((f["member_id"], f["staff_id"]), set()).add(f["tag_id"])
    # A remark edited here and not yet in WeCom stays as the operator wrote it.
    local_remark = {(o["member_id"], o["staff_id"]) for o in _live_outbox(conn, mids, "remark")}
    for r in rows:
        fi = r.follow_info
        sid = staff_ids.get(fi.userid) or ensure_staff(ctx, [fi.userid], run=run)[fi.userid]
        staff_ids[fi.userid] = sid
        mid = member_ids[r.contact.external_userid]
        key = (mid, sid)
        values: dict[str, Any] = {
            "remark": fi.remark, "description": fi.description, "add_time": fi.createtime or None,
            "add_way": fi.add_way, "state": fi.state,
            "remark_mobiles": json.dumps(list(fi.remark_mobiles), ensure_ascii=False)
            if fi.remark_mobiles else None}
        if key in local_remark:
            del values["remark"], values["description"]
        before = follows.get(key)
        if before is None:
            values.update(member_id=mid, staff_id=sid, wecom_synced_at=run)
            cols = list(values)
            conn.execute(f"INSERT INTO follows({', '.join(cols)}) VALUES ({_in(len(cols))})",
                         [values[k] for k in cols])
            ctx.log("follows", None, {**values})
            result.follows_added += 1
            # Not ``ctx.changes.follows_changed``: that rebuilds the staff index from the whole
            # follows table, once per page would make a sync quadratic. The phase's last write
            # (``drop_unseen_follows``) announces it once.
        else:
            changed = {k: v for k, v in values.items() if before.get(k) != v}
            if changed:
                conn.execute(f"UPDATE follows SET {', '.join(f'{k} = ?' for k in changed)} "
                             "WHERE member_id = ? AND staff_id = ?", [*changed.values(), *key])
                ctx.log("follows", before, {**before, **changed})
                result.follows_updated += 1
            conn.execute("UPDATE follows SET wecom_synced_at = ? WHERE member_id = ? AND "
                         "staff_id = ?", (run, *key))
        want: set[int] = set()
        for wecom_id in fi.tag_ids:
            if wecom_id in tag_map:
                want.add(tag_map[wecom_id])
            else:  # made after the library was read; the next sync has it
                result.unknown_tags.add(wecom_id)
        have = ftags.get(key, set())
        for t in sorted(want - have):
            conn.execute("INSERT INTO follow_tags(member_id, staff_id, tag_id) VALUES (?, ?, ?)",
                         (mid, sid, t))
            ctx.log("follow_tags", None, {"member_id": mid, "staff_id": sid, "tag_id": t})
        for t in sorted(have - want):
            conn.execute("DELETE FROM follow_tags WHERE member_id = ? AND staff_id = ? AND "
                         "tag_id = ?", (mid, sid, t))
            ctx.log("follow_tags", {"member_id": mid, "staff_id": sid, "tag_id": t}, None)


def refresh_member_tags(ctx: WriteContext, member_ids: Sequence[int]) -> int:
    """Make each member's WeCom tags the union of their relationship tags, with live outbox
    tag changes laid over it. Local-only tags are not looked at. Returns links changed."""
    conn = ctx.conn
    mids = sorted(set(member_ids))
    if not mids:
        return 0
    want: dict[int, set[int]] = {m: set() for m in mids}
    for r in select_in(conn, "SELECT DISTINCT member_id, tag_id FROM follow_tags WHERE "
                             "member_id IN ({})", mids):
        want[r["member_id"]].add(r["tag_id"])
    for o in _live_outbox(conn, mids, "mark_tag"):
        if json.loads(o["payload"]).get("add"):
            want[o["member_id"]].add(o["tag_id"])
        else:
            want[o["member_id"]].discard(o["tag_id"])
    have: dict[int, set[int]] = {m: set() for m in mids}
    for r in select_in(conn, "SELECT mt.member_id, mt.tag_id FROM member_tags mt JOIN tags t ON "
                             "t.id = mt.tag_id WHERE t.wecom_tag_id IS NOT NULL AND "
                             "mt.member_id IN ({})", mids):
        have[r["member_id"]].add(r["tag_id"])
    wecom = set(wecom_tag_map(conn).values())
    changed = 0
    for m in mids:
        target = want[m] & wecom
        for t in sorted(target - have[m]):
            conn.execute("INSERT INTO member_tags(member_id, tag_id) VALUES (?, ?)", (m, t))
            ctx.log("member_tags", None, {"member_id": m, "tag_id": t})
            ctx.changes.add_tag(t, [m])
            changed += 1
        for t in sorted(have[m] - target):
            conn.execute("DELETE FROM member_tags WHERE member_id = ? AND tag_id = ?", (m, t))
            ctx.log("member_tags", {"member_id": m, "tag_id": t}, None)
            ctx.changes.remove_tag(t, [m])
            changed += 1
    return changed


def refresh_member_fields(ctx: WriteContext, member_ids: Sequence[int]) -> None:
    """The member's remark shown in lists is the earliest relationship's non-empty remark;
    joined_at is the earliest add time WeCom knows (kept when an import knew an earlier one)."""
    conn = ctx.conn
    for row in select_in(conn, "SELECT m.*, (SELECT f.remark FROM follows f WHERE f.member_id = "
                               "m.id AND f.remark != '' ORDER BY f.add_time LIMIT 1) AS f_remark, "
                               "(SELECT min(f.add_time) FROM follows f WHERE f.member_id = m.id) "
                               "AS f_joined FROM members m WHERE m.id IN ({})", member_ids):
        updates: dict[str, Any] = {}
        if row["f_remark"] is not None and row["f_remark"] != row["remark"]:
            updates["remark"] = row["f_remark"]
        if row["f_joined"] and (row["joined_at"] is None or row["f_joined"] < row["joined_at"]):
            updates["joined_at"] = row["f_joined"]
        if updates:
            before = {k: v for k, v in row.items() if k not in ("f_remark", "f_joined")}
            conn.execute(f"UPDATE members SET {', '.join(f'{k} = ?' for k in updates)} "
                         "WHERE id = ?", [*updates.values(), row["id"]])
            ctx.log("members", before, {**before, **updates})


def drop_unseen_follows(ctx: WriteContext, staff_ids: Sequence[int], run: int,
                        external_userids: Sequence[str] | None = None) -> int:
    """Relationships a previous sync established that WeCom no longer lists (the customer or the
    staff member deleted the other). Only for staff whose list was read completely in this run;
    ``external_userids`` narrows it (incremental: those missing from ``externalcontact/list``)."""
    conn = ctx.conn
    sql = ("SELECT f.* FROM follows f JOIN members m ON m.id = f.member_id WHERE "
           "f.wecom_synced_at IS NOT NULL AND f.wecom_synced_at < ? AND f.staff_id IN ({})")
    gone = select_in(conn, sql, staff_ids, [run])
    if external_userids is not None:
        keep = set(external_userids)
        ext = {r["id"]: r["external_userid"] for r in select_in(
            conn, "SELECT id, external_userid FROM members WHERE id IN ({})",
            sorted({g["member_id"] for g in gone}))}
        gone = [g for g in gone if ext.get(g["member_id"]) in keep]
    for f in gone:
        key = (f["member_id"], f["staff_id"])
        for t in rows_as_dicts(conn, "SELECT * FROM follow_tags WHERE member_id = ? AND "
                                     "staff_id = ?", key):
            ctx.log("follow_tags", t, None)
        conn.execute("DELETE FROM follows WHERE member_id = ? AND staff_id = ?", key)
        ctx.log("follows", f, None)
    ctx.changes.follows_changed = True  # also closes a phase of pages (see _upsert_follows)
    if gone:
        refresh_member_tags(ctx, [f["member_id"] for f in gone])
    return len(gone)
