"""The store side of a WeCom sync: staff, the corp tag library, members with their follow
relationships and per-relationship tags. Groups and rosters are in ``wecom_sync_groups``.

Rules every function here keeps:
- WeCom owns what it owns (names, follow relationships, corp tags per relationship); local-only
  fields (note, level, points, birthday, local tags) are never written.
- ``member_tags`` for WeCom tags follows the rule in ``domain/tag_links.py``: only a change WeCom
  reports for a relationship (gained, lost, relationship gone) moves a member's link, never a
  rebuild from ``follow_tags``; a change still waiting in the outbox wins over what WeCom says.
  Local-only tags (``wecom_tag_id`` NULL) are never touched by a sync.
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

from ..domain.channels import ChannelList
from ..domain.identity import (
    Ambiguous,
    Candidate,
    Conflict,
    Incoming,
    Matched,
    Unmatched,
    match_member,
)
from ..domain.tag_links import follow_tag_changes
from ..domain.wecom_records import ContactFollow
from . import channels as channel_store
from .audit import WriteContext, rows_as_dicts
from .bulk import insert_members, insert_rows, query_in, update_rows
from .members import derived_fields
from .outbox_pending import pending_remarks, pending_tag_changes

SYNC_ACTOR = "sync"
# Outbox items that still express the operator's intent (not sent, not discarded).
LIVE_OUTBOX = ("pending", "sending", "failed")
_CHUNK = 900  # SQLite's default variable limit is 999
MATCH_CANDIDATES = 20  # members read per identifier: enough to see that it is ambiguous
IDENTITY_ISSUES_KEY = "identity_issues"  # meta: customers a sync kept apart, newest last
IDENTITY_ISSUES_KEPT = 500


@dataclass
class PageResult:
    members_added: int = 0
    members_updated: int = 0
    follows_added: int = 0
    follows_updated: int = 0
    tags_changed: int = 0
    unknown_tags: set[str] = field(default_factory=set)
    # Customers matching several or different members by unionid or phone: kept apart.
    identity_issues: list[IdentityIssue] = field(default_factory=list)


@dataclass(frozen=True)
class IdentityIssue:
    external_userid: str
    identity: Ambiguous | Conflict


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
        if run is not None and row["departed_at"] is not None:
            updates["departed_at"] = None  # listed again: back (or the list was wrong)
        if updates:
            conn.execute(f"UPDATE staff SET {', '.join(f'{k} = ?' for k in updates)} WHERE id = ?",
                         [*updates.values(), row["id"]])
            ctx.log("staff", row, {**row, **updates})
        if run is not None:
            conn.execute("UPDATE staff SET wecom_synced_at = ? WHERE id = ?", (run, row["id"]))
    return {u: int(r["id"]) for u, r in have.items()}


def sync_staff(ctx: WriteContext, userids: Sequence[str], run: int) -> dict[str, int]:
    """The complete follow-user list: new staff added; staff a sync saw before and no longer
    listed have left (离职): inactive and ``departed_at`` now. They are never deleted, history
    refers to them; their relationships and roster rows go at the end of a full run
    (``wecom_sync_groups.drop_stale``), when the colleagues who inherited them have been read."""
    ids = ensure_staff(ctx, userids, run=run)
    listed = set(userids)
    for row in rows_as_dicts(ctx.conn, "SELECT * FROM staff WHERE wecom_synced_at IS NOT NULL "
                                       "AND (active = 1 OR departed_at IS NULL)"):
        if row["userid"] not in listed:
            ctx.conn.execute("UPDATE staff SET active = 0, departed_at = ? WHERE id = ?",
                             (ctx.now, row["id"]))
            ctx.log("staff", row, {**row, "active": 0, "departed_at": ctx.now})
    return ids


def wecom_tag_map(conn: sqlite3.Connection) -> dict[str, int]:
    return {r[0]: int(r[1]) for r in conn.execute(
        "SELECT wecom_tag_id, id FROM tags WHERE wecom_tag_id IS NOT NULL")}


# -- members and follow relationships ----------------------------------------------------------
def _match_members(conn: sqlite3.Connection, rows: Sequence[ContactFollow]
                   ) -> tuple[list[str], dict[str, tuple[Any, ...]], list[IdentityIssue]]:
    """Local member rows by external_userid: by id first, then imported people without a WeCom
    id, by the rule in ``domain/identity.py`` (unionid, then the remark mobiles). A customer
    whose identifiers point at several or different members is not merged into any: it becomes
    a member of its own and the issue is returned."""
    ext_ids = sorted({r.contact.external_userid for r in rows})
    cols, found_rows = query_in(conn, "SELECT * FROM members WHERE external_userid IN ({})",
                                ext_ids)
    found = {r[1]: r for r in found_rows}
    issues: list[IdentityIssue] = []
    if len(found) == len(ext_ids) or conn.execute(
            "SELECT 1 FROM members WHERE external_userid IS NULL LIMIT 1").fetchone() is None:
        return cols, found, issues  # nobody left to match by unionid or phone
    at = {c: i for i, c in enumerate(cols)}

    def candidates(sql: str, values: Sequence[str]) -> list[Candidate]:
        # Only people without a WeCom id: one with an id was found by it, or is someone else.
        got = conn.execute(f"SELECT * FROM members WHERE external_userid IS NULL AND {sql} "
                           f"LIMIT {MATCH_CANDIDATES}", list(values)).fetchall()
        by_id.update((int(m[0]), m) for m in got)
        return [Candidate(int(m[0]), None, m[at["unionid"]]) for m in got]

    by_id: dict[int, tuple[Any, ...]] = {}
    taken: set[int] = set()
    seen: set[str] = set()
    for r in rows:
        ext = r.contact.external_userid
        if ext in found or ext in seen:
            continue
        seen.add(ext)
        phones = tuple(dict.fromkeys(r.follow_info.remark_mobiles))
        incoming = Incoming(None, ext, r.contact.unionid or None, phones)
        identity = match_member(incoming, {
            "unionid": candidates("unionid = ?", [incoming.unionid]) if incoming.unionid else [],
            "phone": candidates(f"phone IN ({_in(len(phones))})", phones) if phones else []})
        if isinstance(identity, Matched):
            if identity.member_id not in taken:
                found[ext] = by_id[identity.member_id]
                taken.add(identity.member_id)
        elif not isinstance(identity, Unmatched):
            issues.append(IdentityIssue(ext, identity))
    return cols, found, issues


def _first_remark(follows: Iterable[tuple[int, int | None, str]]) -> str | None:
    """The remark a member shows in lists: the earliest relationship's non-empty one
    (``follows`` as (staff id, add time, remark); unknown add times count as earliest)."""
    best = min(((add is not None, add or 0, sid, remark) for sid, add, remark in follows
                if remark), default=None)
    return None if best is None else best[3]


def _first_state(rows: Sequence[ContactFollow], channels: ChannelList) -> str:
    """The channel of a member: the first relationship (in WeCom's order) that has one, as
    the code the channel list knows it by (a ``state`` no channel claims is kept as it is)."""
    state = next((r.follow_info.state for r in rows if r.follow_info.state), "")
    return (channels.resolve(state) or state) if state else ""


def upsert_contacts(ctx: WriteContext, rows: Sequence[ContactFollow], staff_ids: dict[str, int],
                    run: int) -> PageResult:
    """Pages of (customer, relationship) rows: members, follows and relationship tags. A new
    member is written once, with the remark and join time its relationships give it."""
    conn, result = ctx.conn, PageResult()
    if not rows:
        return result
    missing = sorted({r.follow_info.userid for r in rows} - set(staff_ids))
    if missing:
        staff_ids.update(ensure_staff(ctx, missing, run=run))
    cols, existing, issues = _match_members(conn, rows)
    channels = channel_store.load(conn)
    by_ext: dict[str, list[ContactFollow]] = {}
    for r in rows:
        by_ext.setdefault(r.contact.external_userid, []).append(r)
    new_values: list[dict[str, Any]] = []
    for ext, group in by_ext.items():
        if ext in existing:
            continue
        c, first = group[0].contact, group[0].follow_info
        follows = [(staff_ids[r.follow_info.userid], r.follow_info.createtime or None,
                    r.follow_info.remark) for r in group]
        values: dict[str, Any] = {"external_userid": ext, "name": c.name, "gender": c.gender,
                                  "unionid": c.unionid or None}
        values.update(name_fields(values), channel=_first_state(group, channels),
                      remark=_first_remark(follows) or first.remark,
                      joined_at=min((a for _, a, _ in follows if a), default=None),
                      created_at=ctx.now, updated_at=ctx.now, wecom_synced_at=run)
        new_values.append(values)
    new_ids = insert_members(ctx, new_values)
    result.members_added = len(new_ids)
    member_ids = {v["external_userid"]: mid for v, mid in zip(new_values, new_ids, strict=True)}
    member_ids.update({ext: int(row[0]) for ext, row in existing.items()})
    gained, lost = _upsert_follows(ctx, rows, member_ids, staff_ids, wecom_tag_map(conn), run,
                                   result)
    _update_members(ctx, cols, existing, by_ext, run, result, channels)
    result.tags_changed += apply_follow_tag_changes(ctx, gained, lost)
    if issues:
        result.identity_issues.extend(issues)
        record_identity_issues(ctx, issues, member_ids)
    return result


def record_identity_issues(ctx: WriteContext, issues: Sequence[IdentityIssue],
                           member_ids: dict[str, int]) -> None:
    """Keep what the sync could not decide for the operator: each customer it kept apart from
    the members its unionid or phone pointed at (``member_ids``: the member it became). The
    next sync finds the customer by external_userid, so this is the only trace. In ``meta``,
    not audited: undo has nothing to put back here."""
    conn = ctx.conn
    kept = {i["external_userid"]: i for i in identity_issues(conn)}
    for issue in issues:
        ident = issue.identity
        pointing = ([[ident.by, list(ident.member_ids)]] if isinstance(ident, Ambiguous)
                    else [[k, list(ids)] for k, ids in ident.pointing])
        kept.pop(issue.external_userid, None)
        kept[issue.external_userid] = {
            "external_userid": issue.external_userid,
            "member_id": member_ids.get(issue.external_userid),
            "kind": "ambiguous" if isinstance(ident, Ambiguous) else "conflict",
            "pointing": pointing, "at": ctx.now}
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                 "value = excluded.value", (IDENTITY_ISSUES_KEY, json.dumps(
                     list(kept.values())[-IDENTITY_ISSUES_KEPT:], ensure_ascii=False)))


def identity_issues(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Customers syncs kept apart (``record_identity_issues``), oldest first: external_userid,
    the member it became, ``kind`` (ambiguous / conflict), ``pointing`` as [identifier, member
    ids] pairs, and when."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (IDENTITY_ISSUES_KEY,)).fetchone()
    try:
        value = json.loads(row[0]) if row else []
    except ValueError:
        return []
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _update_members(ctx: WriteContext, cols: list[str], existing: dict[str, tuple[Any, ...]],
                    by_ext: dict[str, list[ContactFollow]], run: int, result: PageResult,
                    channels: ChannelList) -> None:
    """Members already known: WeCom's fields, first-touch channel, and the remark and join
    time their relationships (now written) give them; one update and one audit row each."""
    if not existing:
        return
    conn = ctx.conn
    at = {c: i for i, c in enumerate(cols)}
    follows: dict[int, list[tuple[int, int | None, str]]] = {}
    for mid, sid, add, remark in query_in(conn, "SELECT member_id, staff_id, add_time, remark "
                                                "FROM follows WHERE member_id IN ({})",
                                          sorted(int(r[0]) for r in existing.values()))[1]:
        follows.setdefault(mid, []).append((sid, add, remark))
    changes: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for ext, before in sorted(existing.items(), key=lambda kv: kv[1][0]):
        mid = int(before[0])
        c = by_ext[ext][0].contact
        values: dict[str, Any] = {"external_userid": ext, "name": c.name, "gender": c.gender}
        if c.unionid:
            values["unionid"] = c.unionid
        state = _first_state(by_ext[ext], channels)
        if not before[at["channel"]] and state:
            values["channel"] = state  # first-touch attribution, never replaced
        mine = follows.get(mid, [])
        remark = _first_remark(mine)
        if remark is not None:
            values["remark"] = remark
        joined = min((a for _, a, _ in mine if a), default=None)
        if joined and (before[at["joined_at"]] is None or joined < before[at["joined_at"]]):
            values["joined_at"] = joined
        changed = {k: v for k, v in values.items() if before[at[k]] != v}
        if changed:
            changed.update(name_fields(changed), updated_at=ctx.now)
            changes.append((before, changed))
            result.members_updated += 1
        ctx.changes.members.add(mid)
    update_rows(ctx, "members", cols, changes)
    conn.executemany("UPDATE members SET wecom_synced_at = ? WHERE id = ?",
                     [(run, int(b[0])) for b in existing.values() if b[at["wecom_synced_at"]] != run])


def refresh_member_fields(ctx: WriteContext, member_ids: Sequence[int]) -> None:
    """The member's remark shown in lists is the earliest relationship's non-empty remark;
    joined_at is the earliest add time WeCom knows (kept when an import knew an earlier one)."""
    conn = ctx.conn
    mids = sorted(set(member_ids))
    cols, rows = query_in(conn, "SELECT * FROM members WHERE id IN ({})", mids)
    at = {c: i for i, c in enumerate(cols)}
    follows: dict[int, list[tuple[int, int | None, str]]] = {}
    for mid, sid, add, remark in query_in(conn, "SELECT member_id, staff_id, add_time, remark "
                                                "FROM follows WHERE member_id IN ({})", mids)[1]:
        follows.setdefault(mid, []).append((sid, add, remark))
    changes: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for before in rows:
        mine = follows.get(before[0], [])
        updates: dict[str, Any] = {}
        remark = _first_remark(mine)
        if remark is not None and remark != before[at["remark"]]:
            updates["remark"] = remark
        joined = min((a for _, a, _ in mine if a), default=None)
        if joined and (before[at["joined_at"]] is None or joined < before[at["joined_at"]]):
            updates["joined_at"] = joined
        if updates:
            changes.append((before, updates))
            ctx.changes.members.add(int(before[0]))
    update_rows(ctx, "members", cols, changes)


FOLLOW_VALUES = ("remark", "description", "add_time", "add_way", "state", "remark_mobiles")
TAG_LINK = ("member_id", "staff_id", "tag_id")


def _upsert_follows(ctx: WriteContext, rows: Sequence[ContactFollow], member_ids: dict[str, int],
                    staff_ids: dict[str, int], tag_map: dict[str, int], run: int,
                    result: PageResult
                    ) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Write the relationships and their tags; returns the (member, staff, tag) rows the tag
    mirror gained and lost."""
    conn = ctx.conn
    mids = sorted(set(member_ids.values()))
    cols, found = query_in(conn, "SELECT * FROM follows WHERE member_id IN ({})", mids)
    at = {c: i for i, c in enumerate(cols)}
    follows = {(f[0], f[1]): f for f in found}
    ftags: dict[tuple[int, int], set[int]] = {}
    for mid, sid, tid in query_in(conn, "SELECT member_id, staff_id, tag_id FROM follow_tags "
                                        "WHERE member_id IN ({})", mids)[1]:
        ftags.setdefault((mid, sid), set()).add(tid)
    # A remark edited here and not yet in WeCom stays as the operator wrote it.
    local_remark = pending_remarks(conn, mids)
    inserts: list[tuple[Any, ...]] = []
    updates: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    stamps: list[tuple[int, int, int]] = []
    tags_in: list[tuple[int, int, int]] = []
    tags_out: list[tuple[int, int, int]] = []
    for r in rows:
        fi = r.follow_info
        key = (member_ids[r.contact.external_userid], staff_ids[fi.userid])
        values: dict[str, Any] = {
            "remark": fi.remark, "description": fi.description, "add_time": fi.createtime or None,
            "add_way": fi.add_way, "state": fi.state,
            "remark_mobiles": json.dumps(list(fi.remark_mobiles), ensure_ascii=False)
            if fi.remark_mobiles else None}
        if key in local_remark:
            del values["remark"], values["description"]
        before = follows.get(key)
        if before is None:
            new = {"member_id": key[0], "staff_id": key[1], "remark": "", "description": "",
                   **values, "wecom_synced_at": run}
            inserts.append(tuple(new[c] for c in cols))
            follows[key] = inserts[-1]
            result.follows_added += 1
            # Not ``ctx.changes.follows_changed``: that rebuilds the staff index from the whole
            # follows table, once per page would make a sync quadratic. The phase's last write
            # (``drop_unseen_follows``) announces it once.
        else:
            changed = {k: v for k, v in values.items() if before[at[k]] != v}
            if changed:
                updates.append((before, changed))
                result.follows_updated += 1
            if before[at["wecom_synced_at"]] != run:
                stamps.append((run, *key))
        want: set[int] = set()
        for wecom_id in fi.tag_ids:
            if wecom_id in tag_map:
                want.add(tag_map[wecom_id])
            else:  # made after the library was read; the next sync has it
                result.unknown_tags.add(wecom_id)
        have = ftags.get(key, set())
        tags_in.extend((*key, t) for t in sorted(want - have))
        tags_out.extend((*key, t) for t in sorted(have - want))
        ftags[key] = want  # the same relationship twice in one batch: the second sees the first
    inserts.sort()
    insert_rows(ctx, "follows", cols, inserts)
    ctx.log_rows("follows", cols, None, inserts)
    update_rows(ctx, "follows", cols, sorted(updates, key=lambda u: u[0][:2]))
    conn.executemany("UPDATE follows SET wecom_synced_at = ? WHERE member_id = ? AND "
                     "staff_id = ?", stamps)
    tags_in.sort()
    tags_out.sort()
    insert_rows(ctx, "follow_tags", TAG_LINK, tags_in)
    ctx.log_rows("follow_tags", TAG_LINK, None, tags_in)
    conn.executemany("DELETE FROM follow_tags WHERE member_id = ? AND staff_id = ? AND "
                     "tag_id = ?", tags_out)
    ctx.log_rows("follow_tags", TAG_LINK, tags_out, None)
    return tags_in, tags_out


def apply_follow_tag_changes(ctx: WriteContext, gained: Sequence[tuple[int, int, int]],
                             lost: Sequence[tuple[int, int, int]]) -> int:
    """Move ``member_tags`` after the WeCom mirror ``follow_tags`` changed (already written):
    ``gained``/``lost`` are (member, staff, tag) rows added to or removed from it. Follows the
    rule in ``domain/tag_links.py``; returns links changed."""
    gained_pairs = {(m, t) for m, _s, t in gained}
    lost_pairs = {(m, t) for m, _s, t in lost}
    pairs = gained_pairs | lost_pairs
    if not pairs:
        return 0
    conn = ctx.conn
    mids = sorted({m for m, _t in pairs})
    linked = {(m, t) for m, t in query_in(conn, "SELECT member_id, tag_id FROM member_tags "
                                                "WHERE member_id IN ({})", mids)[1]} & pairs
    on_relationship = {(m, t) for m, t in query_in(
        conn, "SELECT DISTINCT member_id, tag_id FROM follow_tags WHERE member_id IN ({})",
        mids)[1]} & pairs
    waiting_add: set[tuple[int, int]] = set()
    waiting_remove: set[tuple[int, int]] = set()
    for change in pending_tag_changes(conn, mids):
        (waiting_add if change.add else waiting_remove).add((change.member_id, change.tag_id))
    plan = follow_tag_changes(gained_pairs, lost_pairs, linked=linked,
                              still_on_a_relationship=on_relationship,
                              waiting_add=waiting_add, waiting_remove=waiting_remove)
    wecom = set(wecom_tag_map(conn).values())
    return write_member_tag_links(ctx, sorted(p for p in plan.add if p[1] in wecom),
                                  sorted(plan.remove))


def write_member_tag_links(ctx: WriteContext, added: Sequence[tuple[int, int]],
                           removed: Sequence[tuple[int, int]]) -> int:
    conn = ctx.conn
    conn.executemany("INSERT OR IGNORE INTO member_tags(member_id, tag_id) VALUES (?, ?)", added)
    conn.executemany("DELETE FROM member_tags WHERE member_id = ? AND tag_id = ?", removed)
    ctx.log_rows("member_tags", ("member_id", "tag_id"), None, added)
    ctx.log_rows("member_tags", ("member_id", "tag_id"), removed, None)
    for m, t in added:
        ctx.changes.tag_added.setdefault(t, []).append(m)
    for m, t in removed:
        ctx.changes.tag_removed.setdefault(t, []).append(m)
    return len(added) + len(removed)


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
    lost: list[tuple[int, int, int]] = []
    for f in gone:
        key = (f["member_id"], f["staff_id"])
        for t in rows_as_dicts(conn, "SELECT * FROM follow_tags WHERE member_id = ? AND "
                                     "staff_id = ?", key):
            ctx.log("follow_tags", t, None)
            lost.append((t["member_id"], t["staff_id"], t["tag_id"]))
        conn.execute("DELETE FROM follows WHERE member_id = ? AND staff_id = ?", key)
        ctx.log("follows", f, None)
    ctx.changes.follows_changed = True  # also closes a phase of pages (see _upsert_follows)
    apply_follow_tag_changes(ctx, [], lost)
    if gone:  # the remark shown in lists may have been the gone relationship's
        refresh_member_fields(ctx, [g["member_id"] for g in gone])
    return len(gone)


def unnamed_staff(conn: sqlite3.Connection, userids: Sequence[str]) -> list[str]:
    """Of these staff, those whose name is still the placeholder (their userid, or empty)."""
    return sorted(r["userid"] for r in select_in(
        conn, "SELECT userid, name FROM staff WHERE userid IN ({})", sorted(set(userids)))
        if r["name"] in ("", r["userid"]))


def stalest_customers(conn: sqlite3.Connection, limit: int) -> list[str]:
    """WeCom customers in the workspace, read longest ago first (``wecom_synced_at`` is the run
    that last read them)."""
    return [r[0] for r in conn.execute(
        "SELECT external_userid FROM members WHERE external_userid IS NOT NULL "
        "ORDER BY wecom_synced_at IS NOT NULL, wecom_synced_at, id LIMIT ?", (limit,))]
