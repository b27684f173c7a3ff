"""Bringing a roster file's members into the workspace: first a plan of what would change, then
applying that plan in the caller's write transaction.

Existing members are matched by the rule in ``domain/identity.py`` (the sync uses it too): a row
whose identifiers point at several members, or at different ones, is refused with the reason,
never settled by picking one. What an import may change on a member is ``domain/merge.py``:
empty cells leave a field alone; tags, follow-ups (跟进人) and group memberships are only ever
added, and staff and groups are matched by name and never created (they come from WeCom). Tags
the file names that do not exist yet are created.
Channel cells (包裹卡, 直播间) are mapped to codes through the channel list (``store.channels``);
a text no channel knows becomes a channel of its own when the import commits.

The plan is computed from one read snapshot and remembers the workspace's ``data_version``; the
commit (``store.import_apply``) reuses it when nothing was written since, and plans again inside
its transaction otherwise.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..domain.channels import ChannelList
from ..domain.identity import (
    Ambiguous,
    Candidate,
    Conflict,
    Identity,
    Incoming,
    Key,
    Matched,
    match_member,
)
from ..domain.merge import field_changes, merge_extras
from ..domain.people import clean_text
from . import channels as channel_store
from .members import derived_fields
from .tags import MAX_TAG_NAME

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], None]
TagKey = tuple[str, str]  # (tag group name, tag name) of a tag the import would create
TagRef = int | TagKey  # an existing tag's id, or a tag to create
UNGROUPED = "未分组"  # where a tag named without its group is created (as store.tags does)
CHUNK = 500  # members matched and compared per query round (SQLite allows 999 parameters)
DETAIL_LIMIT = 200  # changed rows described one by one in the preview

# File field → members column. ``added_at`` is when the member was added, i.e. ``joined_at``.
COLUMNS: dict[str, str] = {
    "name": "name", "phone": "phone", "external_userid": "external_userid", "unionid": "unionid",
    "level": "level", "channel": "channel", "birthday": "birthday", "added_at": "joined_at",
    "remark": "remark", "gender": "gender",
}
# 积分 is not a column an import writes: the ledger's balance is compared with the file's and the
# difference becomes an adjust entry (``points_changes``), or the column is ignored.
_READ_COLUMNS = ("id", *COLUMNS.values(), "points", "extra", "name_pinyin", "name_initials", "birth_md",
                 "updated_at")


class MemberRecord(Protocol):
    """One member as a roster file describes it (``excel.normalize.RosterRow`` is one)."""

    @property
    def name(self) -> str: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def external_userid(self) -> str | None: ...
    @property
    def unionid(self) -> str | None: ...
    @property
    def level(self) -> int | None: ...
    @property
    def channel(self) -> str: ...
    @property
    def birthday(self) -> str | None: ...
    @property
    def added_at(self) -> int | None: ...
    @property
    def points(self) -> int | None: ...
    @property
    def remark(self) -> str: ...
    @property
    def gender(self) -> int | None: ...
    @property
    def staff(self) -> tuple[str, ...]: ...
    @property
    def groups(self) -> tuple[str, ...]: ...
    @property
    def tags(self) -> tuple[tuple[str | None, str], ...]: ...
    @property
    def extras(self) -> dict[str, str]: ...
    @property
    def source_rows(self) -> tuple[int, ...]: ...


@dataclass(frozen=True, slots=True)
class RowChange:
    """What one file row would do to one member, for the preview's list."""

    rows: tuple[int, ...]
    member_id: int | None  # None: a new member
    name: str
    changes: tuple[tuple[str, object, object], ...]  # (field, before, after); tags etc. as text


class TagLinks:
    """(member ref, tag) pairs to add, packed into two arrays and one list of distinct tags:
    a million-row file brings millions of links, at 12 bytes each instead of about 120."""

    def __init__(self) -> None:
        self._refs = array("q")
        self._tags = array("l")
        self._index: dict[TagRef, int] = {}
        self.distinct: list[TagRef] = []

    def append(self, ref: int, tag: TagRef) -> None:
        i = self._index.get(tag)
        if i is None:
            i = self._index[tag] = len(self.distinct)
            self.distinct.append(tag)
        self._refs.append(ref)
        self._tags.append(i)

    def __len__(self) -> int:
        return len(self._refs)

    def __iter__(self) -> Iterator[tuple[int, TagRef]]:
        tags = self.distinct
        return ((ref, tags[i]) for ref, i in zip(self._refs, self._tags, strict=True))


@dataclass(slots=True)
class ImportPlan:
    data_version: int
    # record positions of new members, packed (8 bytes each instead of 36)
    inserts: array[int] = field(default_factory=lambda: array("q"))
    # (record position, member id, changed columns before, after)
    updates: list[tuple[int, int, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)  # (record position, reason)
    # Member refs: an existing member's id, or -(record position + 1) for a new member.
    tag_links: TagLinks = field(default_factory=lambda: TagLinks())
    follow_links: list[tuple[int, int]] = field(default_factory=list)  # (member ref, staff id)
    roster_links: list[tuple[int, int]] = field(default_factory=list)  # (member ref, group id)
    new_tags: Counter[TagKey] = field(default_factory=Counter)  # → members who would get it
    unknown_staff: Counter[str] = field(default_factory=Counter)
    unknown_groups: Counter[str] = field(default_factory=Counter)
    ambiguous: Counter[str] = field(default_factory=Counter)  # names shared by several staff/groups
    matched_by: Counter[str] = field(default_factory=Counter)
    field_changes: Counter[str] = field(default_factory=Counter)  # members changed per field
    details: list[RowChange] = field(default_factory=list)
    # Existing members that change: a field, or a tag, follow-up (跟进人) or group added.
    updated: int = 0
    # Channel cells: source text → channel code, file rows per text, and the channel list
    # with the channels the import would add (``new_channels``, by code) for unknown texts.
    channel_codes: dict[str, str] = field(default_factory=dict)
    channel_rows: Counter[str] = field(default_factory=Counter)
    channel_list: ChannelList = field(default_factory=ChannelList)
    new_channels: tuple[str, ...] = ()
    # 积分: "adjust" turns a file balance that differs into an adjust entry; "ignore" skips it
    points_mode: str = "adjust"
    points_changes: list[tuple[int, int, int]] = field(default_factory=list)  # ref, now, file

    @property
    def is_empty(self) -> bool:
        return not (self.inserts or self.updates or self.tag_links or self.follow_links
                    or self.roster_links or self.points_changes)


def data_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row else 0


def _ids_by_name(conn: sqlite3.Connection, sql: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for row_id, name in conn.execute(sql):
        out.setdefault(clean_text(name), []).append(int(row_id))
    return out


@dataclass(slots=True)
class _Library:
    """Names the file refers to, resolved once per plan."""

    tag_in_group: dict[TagKey, int]
    tag_by_name: dict[str, int]  # the lowest id of each name, as store.tags.find_tag picks
    tag_name_of: dict[int, str]
    staff: dict[str, list[int]]
    groups: dict[str, list[int]]

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> _Library:
        in_group: dict[TagKey, int] = {}
        by_name: dict[str, int] = {}
        name_of: dict[int, str] = {}
        for tag_id, tag, group in conn.execute(
                "SELECT t.id, t.name, g.name FROM tags t JOIN tag_groups g ON g.id = t.group_id "
                "ORDER BY t.id"):
            in_group[(clean_text(group), clean_text(tag))] = tag_id
            by_name.setdefault(clean_text(tag), tag_id)
            name_of[tag_id] = f"{group}:{tag}"
        return cls(in_group, by_name, name_of,
                   _ids_by_name(conn, "SELECT id, name FROM staff"),
                   _ids_by_name(conn, "SELECT id, name FROM groups"))

    def tag(self, group: str | None, name: str) -> TagRef:
        found = self.tag_in_group.get((group, name)) if group else self.tag_by_name.get(name)
        return found if found is not None else (group or UNGROUPED, name)


def _query(conn: sqlite3.Connection, sql: str, keys: Sequence[object]) -> list[tuple[Any, ...]]:
    if not keys:
        return []
    return conn.execute(sql.format(marks=",".join("?" * len(keys))), list(keys)).fetchall()


def _match(conn: sqlite3.Connection, chunk: Sequence[MemberRecord]) -> list[Identity]:
    """Who each record is (``domain.identity``), from one query per identifier."""
    eids = sorted({r.external_userid for r in chunk if r.external_userid})
    phones = sorted({r.phone for r in chunk if r.phone})
    unions = sorted({r.unionid for r in chunk if r.unionid})
    found: dict[Key, dict[str, list[Candidate]]] = {"external_userid": {}, "phone": {},
                                                    "unionid": {}}
    searched: tuple[tuple[Key, list[str]], ...] = (
        ("external_userid", eids), ("phone", phones), ("unionid", unions))
    for key, values in searched:
        for i, value, eid, union in _query(
                conn, f"SELECT id, {key}, external_userid, unionid FROM members "
                f"WHERE {key} IN ({{marks}})", values):
            found[key].setdefault(value, []).append(Candidate(i, eid, union))
    out: list[Identity] = []
    for r in chunk:
        incoming = Incoming(None, r.external_userid or None, r.unionid or None,
                            (r.phone,) if r.phone else ())
        out.append(match_member(incoming, {
            "external_userid": found["external_userid"].get(r.external_userid or "", ()),
            "unionid": found["unionid"].get(r.unionid or "", ()),
            "phone": found["phone"].get(r.phone or "", ())}))
    return out


_KEY_LABELS: dict[str, str] = {"member_id": "客户编号", "external_userid": "客户ID",
                               "unionid": "unionid", "phone": "手机号"}


def identity_problem(record: MemberRecord, identity: Identity) -> str | None:
    """Why a record cannot be matched to one member, in the operator's words (None: it can)."""
    def said(key: str) -> str:
        value = {"external_userid": record.external_userid, "unionid": record.unionid,
                 "phone": record.phone}.get(key) or ""
        return f"{_KEY_LABELS[key]}「{value}」"

    def members(ids: Sequence[int]) -> str:
        return "、".join(f"#{i}" for i in ids)

    if isinstance(identity, Ambiguous):
        return (f"{said(identity.by)}对应 {len(identity.member_ids)} 位已有客户"
                f"（{members(identity.member_ids)}），无法确定是哪一位；"
                "请填写客户ID，或先在客户列表里合并这些客户")
    if isinstance(identity, Conflict):
        pointing = "，".join(f"{said(k)}对应客户 {members(ids)}" for k, ids in identity.pointing)
        return f"{pointing}，指向不同的客户，无法确定是哪一位；请核对这一行后再导入"
    return None


def _load(conn: sqlite3.Connection, ids: Sequence[int]) -> tuple[
        dict[int, dict[str, Any]], dict[int, set[int]], dict[int, set[int]], dict[int, set[int]]]:
    rows = {r[0]: dict(zip(_READ_COLUMNS, r, strict=True)) for r in _query(
        conn, f"SELECT {', '.join(_READ_COLUMNS)} FROM members WHERE id IN ({{marks}})", ids)}
    links: list[dict[int, set[int]]] = []
    for sql in ("SELECT member_id, tag_id FROM member_tags WHERE member_id IN ({marks})",
                "SELECT member_id, staff_id FROM follows WHERE member_id IN ({marks})",
                "SELECT member_id, group_id FROM roster WHERE member_id IN ({marks})"):
        found: dict[int, set[int]] = {}
        for member_id, other in _query(conn, sql, ids):
            found.setdefault(member_id, set()).add(other)
        links.append(found)
    return rows, links[0], links[1], links[2]


def _extras(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _long_name(record: MemberRecord) -> str | None:
    for group, tag in record.tags:
        for name in (group or "", tag):
            if len(name) > MAX_TAG_NAME:
                return f"标签「{name[:20]}…」超过 {MAX_TAG_NAME} 个字"
    return None


def plan_import(conn: sqlite3.Connection, records: Sequence[MemberRecord], *,
                progress: Progress | None = None, cancel: CancelCheck | None = None,
                points_mode: str = "adjust") -> ImportPlan:
    """What importing ``records`` would change, without writing anything. Call inside one read
    transaction (or the write transaction) so every chunk sees the same workspace."""
    if points_mode not in ("adjust", "ignore"):
        raise ValueError(points_mode)
    plan = ImportPlan(data_version(conn), points_mode=points_mode)
    lib = _Library.load(conn)
    known = plan.channel_list = channel_store.load(conn)
    claimed: dict[int, int] = {}  # member id → first record position that matched it
    for start in range(0, len(records), CHUNK):
        if cancel:
            cancel()
        if progress:
            progress(start, len(records))
        chunk = records[start:start + CHUNK]
        matches = _match(conn, chunk)
        ids = sorted({m.member_id for m in matches if isinstance(m, Matched)})
        rows, tags_of, staff_of, groups_of = _load(conn, ids)
        for offset, (record, identity) in enumerate(zip(chunk, matches, strict=True)):
            pos = start + offset
            member_id, how = ((identity.member_id, identity.by) if isinstance(identity, Matched)
                              else (None, ""))
            problem = _long_name(record) or identity_problem(record, identity)
            if problem is None and member_id is None and not record.name:
                problem = "新客户需要填写客户名称（按客户ID、手机号、unionid 都没有找到已有客户）"
            if problem is None and member_id is not None and member_id in claimed:
                first = records[claimed[member_id]].source_rows
                problem = (f"和第 {first[0] if first else '?'} 行是同一位已有客户，"
                           "请把两行合并成一行后再导入")
            if problem is not None:
                plan.refused.append((pos, problem))
                continue
            if member_id is not None:
                claimed[member_id] = pos
                plan.matched_by[how] += 1
            if record.channel:
                _map_channel(plan, record)
            _plan_record(plan, lib, pos, record, member_id, rows.get(member_id or 0),
                         tags_of.get(member_id or 0, set()), staff_of.get(member_id or 0, set()),
                         groups_of.get(member_id or 0, set()))
    if progress:
        progress(len(records), len(records))
    plan.new_channels = tuple(c.code for c in plan.channel_list if c.code not in known)
    return plan


def _map_channel(plan: ImportPlan, record: MemberRecord) -> None:
    """The channel code of a record's channel text (a text no channel knows becomes a channel
    of its own, named as written), counted per file row."""
    text = record.channel
    if text not in plan.channel_codes:
        plan.channel_list, mapping = plan.channel_list.adopting([text])
        if text not in mapping:
            return  # blank by the list's rules
        plan.channel_codes[text] = mapping[text]
    plan.channel_rows[text] += max(1, len(record.source_rows))


def channel_of(plan: ImportPlan, record: MemberRecord) -> str:
    """What a record's channel cell means as a member's channel code ("" = nothing)."""
    return plan.channel_codes.get(record.channel, "") if record.channel else ""


def _plan_record(plan: ImportPlan, lib: _Library, pos: int, record: MemberRecord,
                 member_id: int | None, current: dict[str, Any] | None, has_tags: set[int],
                 has_staff: set[int], has_groups: set[int]) -> None:
    ref = member_id if member_id is not None else -(pos + 1)
    # Rows are described only while the preview still shows details (the first DETAIL_LIMIT).
    describe = len(plan.details) < DETAIL_LIMIT
    described: list[tuple[str, object, object]] = []
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    if current is not None:
        for fld, old, value in field_changes(
                {fld: current[column] for fld, column in COLUMNS.items()},
                ((fld, channel_of(plan, record) if fld == "channel" else getattr(record, fld))
                 for fld in COLUMNS)):
            column = COLUMNS[fld]
            before[column], after[column] = old, value
            described.append((fld, old, value))
            plan.field_changes[fld] += 1
        if record.extras:
            merged, changed = merge_extras(_extras(current["extra"]), record.extras)
            if changed:
                before["extra"], after["extra"] = current["extra"], json.dumps(
                    merged, ensure_ascii=False, sort_keys=True)
                described.extend(changed)
                plan.field_changes["extras"] += 1
    points_changed = False
    if plan.points_mode == "adjust" and record.points is not None:
        now = int(current["points"]) if current is not None else 0
        if record.points != now:
            plan.points_changes.append((ref, now, record.points))
            plan.field_changes["points"] += 1
            points_changed = True
            described.append(("points", now, record.points))
    links_before = (len(plan.tag_links), len(plan.follow_links), len(plan.roster_links))
    seen_tags: set[TagRef] = set()
    for group, name in record.tags:
        tag = lib.tag(group, name)
        if tag in seen_tags or (isinstance(tag, int) and tag in has_tags):
            continue
        seen_tags.add(tag)
        plan.tag_links.append(ref, tag)
        if isinstance(tag, tuple):
            plan.new_tags[tag] += 1  # once per member: repeats were skipped just above
        if describe:
            described.append(("tags", None, f"{tag[0]}:{tag[1]}" if isinstance(tag, tuple)
                              else lib.tag_name_of.get(tag, str(tag))))
    for names, table, have, out, unknown, label in (
            (record.staff, lib.staff, has_staff, plan.follow_links, plan.unknown_staff, "staff"),
            (record.groups, lib.groups, has_groups, plan.roster_links, plan.unknown_groups,
             "groups")):
        for name in names:
            candidates = table.get(name, [])
            if not candidates:
                unknown[name] += 1
            elif have.intersection(candidates):
                continue
            elif len(candidates) > 1:
                plan.ambiguous[f"{'跟进人' if label == 'staff' else '群'}「{name}」"] += 1
            else:
                out.append((ref, candidates[0]))
                have = have | {candidates[0]}
                if describe:
                    described.append((label, None, name))
    links_added = (len(plan.tag_links), len(plan.follow_links),
                   len(plan.roster_links)) != links_before
    if member_id is None:
        plan.inserts.append(pos)
    elif after and current is not None:
        # The audit's "before" must also hold what the write recomputes, so undo restores it.
        before.update({k: current[k] for k in derived_fields(after)})
        before["updated_at"] = current["updated_at"]
        plan.updates.append((pos, member_id, before, after))
    if member_id is not None and (after or links_added or points_changed):
        plan.updated += 1
    elif member_id is not None:
        plan.unchanged += 1
    if describe and (member_id is None or described):
        plan.details.append(RowChange(record.source_rows, member_id, record.name or (
            current or {}).get("name", ""), tuple(described)))
