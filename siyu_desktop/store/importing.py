"""Bringing a roster file's members into the workspace: first a plan of what would change, then
applying that plan in the caller's write transaction.

Existing members are matched by ``external_userid``, else by phone, else by unionid (a phone or
unionid match is skipped when both sides carry different external ids: that is someone else).
An import only sets what the file says: empty cells leave a field alone, tags, follow-ups (跟进人)
and group memberships are only ever added, and staff and groups are matched by name and never
created (they come from WeCom). Tags the file names that do not exist yet are created.

The plan is computed from one read snapshot and remembers the workspace's ``data_version``; the
commit reuses it when nothing was written since, and plans again inside its transaction otherwise.
Rows are written with ``executemany`` and audited row by row (inserted rows in full, updated rows
with the columns that changed), so an import can be undone like any other operation.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..domain.people import clean_text, pinyin_keys
from .audit import WriteContext, rows_as_dicts
from .members import birth_md, derived_fields, search_index_deferred
from .tags import MAX_TAG_NAME, ensure_tag

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], None]
TagKey = tuple[str, str]  # (tag group name, tag name) of a tag the import would create
TagRef = int | TagKey  # an existing tag's id, or a tag to create
UNGROUPED = "未分组"  # where a tag named without its group is created (as store.tags does)
CHUNK = 500  # members matched and compared per query round (SQLite allows 999 parameters)
# Past this many touched members the in-memory index is rebuilt from SQL (about a second at 1M)
# rather than patched member by member.
FULL_REBUILD_AT = 20_000
# From this many new members on, their search text is indexed in one statement at the end.
BULK_SEARCH_INDEX_AT = 1000
DETAIL_LIMIT = 200  # changed rows described one by one in the preview
IMPORT_CACHE_KB = -16384  # negative: KiB, as PRAGMA cache_size takes it

# File field → members column. ``added_at`` is when the member was added, i.e. ``joined_at``.
COLUMNS: dict[str, str] = {
    "name": "name", "phone": "phone", "external_userid": "external_userid", "unionid": "unionid",
    "level": "level", "channel": "channel", "birthday": "birthday", "added_at": "joined_at",
    "points": "points", "remark": "remark", "gender": "gender",
}
_READ_COLUMNS = ("id", *COLUMNS.values(), "extra", "name_pinyin", "name_initials", "birth_md",
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

    @property
    def is_empty(self) -> bool:
        return not (self.inserts or self.updates or self.tag_links or self.follow_links
                    or self.roster_links)


def data_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row else 0


def _blank(value: object) -> bool:
    return value is None or value == ""


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


def _match(conn: sqlite3.Connection, chunk: Sequence[MemberRecord]) -> list[tuple[int | None, str]]:
    """The existing member of each record and what matched it."""
    eids = sorted({r.external_userid for r in chunk if r.external_userid})
    phones = sorted({r.phone for r in chunk if r.phone})
    unions = sorted({r.unionid for r in chunk if r.unionid})
    by_eid = {e: i for i, e in _query(
        conn, "SELECT id, external_userid FROM members WHERE external_userid IN ({marks})", eids)}
    by_phone: dict[str, list[tuple[int, str | None]]] = {}
    for i, phone, eid in _query(conn, "SELECT id, phone, external_userid FROM members "
                                "WHERE phone IN ({marks}) ORDER BY id", phones):
        by_phone.setdefault(phone, []).append((i, eid))
    by_union: dict[str, list[tuple[int, str | None]]] = {}
    for i, union, eid in _query(conn, "SELECT id, unionid, external_userid FROM members "
                                "WHERE unionid IN ({marks}) ORDER BY id", unions):
        by_union.setdefault(union, []).append((i, eid))
    out: list[tuple[int | None, str]] = []
    for r in chunk:
        if r.external_userid and r.external_userid in by_eid:
            out.append((by_eid[r.external_userid], "external_userid"))
            continue
        found: tuple[int | None, str] = (None, "")
        for key, table, how in ((r.phone, by_phone, "phone"), (r.unionid, by_union, "unionid")):
            # Someone with another WeCom id is another person who shares the phone or unionid.
            hit = next((i for i, eid in table.get(key or "", ())
                        if not (eid and r.external_userid and eid != r.external_userid)), None)
            if hit is not None:
                found = (hit, how)
                break
        out.append(found)
    return out


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
                progress: Progress | None = None, cancel: CancelCheck | None = None) -> ImportPlan:
    """What importing ``records`` would change, without writing anything. Call inside one read
    transaction (or the write transaction) so every chunk sees the same workspace."""
    plan = ImportPlan(data_version(conn))
    lib = _Library.load(conn)
    claimed: dict[int, int] = {}  # member id → first record position that matched it
    for start in range(0, len(records), CHUNK):
        if cancel:
            cancel()
        if progress:
            progress(start, len(records))
        chunk = records[start:start + CHUNK]
        matches = _match(conn, chunk)
        ids = sorted({m for m, _ in matches if m is not None})
        rows, tags_of, staff_of, groups_of = _load(conn, ids)
        for offset, (record, (member_id, how)) in enumerate(zip(chunk, matches, strict=True)):
            pos = start + offset
            problem = _long_name(record)
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
            _plan_record(plan, lib, pos, record, member_id, rows.get(member_id or 0),
                         tags_of.get(member_id or 0, set()), staff_of.get(member_id or 0, set()),
                         groups_of.get(member_id or 0, set()))
    if progress:
        progress(len(records), len(records))
    return plan


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
        for fld, column in COLUMNS.items():
            value = getattr(record, fld)
            if not _blank(value) and current[column] != value:
                before[column], after[column] = current[column], value
                described.append((fld, current[column], value))
                plan.field_changes[fld] += 1
        if record.extras:
            extra = _extras(current["extra"])
            changed = {k: v for k, v in record.extras.items() if extra.get(k) != v}
            if changed:
                before["extra"], after["extra"] = current["extra"], json.dumps(
                    {**extra, **changed}, ensure_ascii=False, sort_keys=True)
                described.extend((k, extra.get(k), v) for k, v in changed.items())
                plan.field_changes["extras"] += 1
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
    if member_id is not None and (after or links_added):
        plan.updated += 1
    elif member_id is not None:
        plan.unchanged += 1
    if describe and (member_id is None or described):
        plan.details.append(RowChange(record.source_rows, member_id, record.name or (
            current or {}).get("name", ""), tuple(described)))


# -- applying ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ImportOutcome:
    batch_id: int | None
    inserted: int
    updated: int
    tags_created: int
    links_added: int
    replanned: bool
    new_tag_ids: tuple[int, ...] = ()


def _recount_groups(ctx: WriteContext, group_ids: set[int]) -> None:
    """Groups the import added members to show their new head count (audited, so undo puts
    the old count back)."""
    for group_id in sorted(group_ids):
        before = rows_as_dicts(ctx.conn, "SELECT * FROM groups WHERE id = ?", (group_id,))[0]
        count = ctx.conn.execute("SELECT count(*) FROM roster WHERE group_id = ?",
                                 (group_id,)).fetchone()[0]
        if count != before["member_count"]:
            ctx.conn.execute("UPDATE groups SET member_count = ?, updated_at = ? WHERE id = ?",
                             (count, ctx.now, group_id))
            ctx.log("groups", before, {**before, "member_count": count, "updated_at": ctx.now})


# Every column a new member gets, in one fixed order: one INSERT shape for the whole file.
NEW_COLUMNS = ("id", "name", "phone", "external_userid", "unionid", "level", "channel", "birthday",
               "joined_at", "points", "remark", "gender", "extra", "name_pinyin", "name_initials",
               "birth_md", "created_at", "updated_at")


def _new_row(record: MemberRecord, member_id: int, now: int) -> tuple[Any, ...]:
    """A new member's row in ``NEW_COLUMNS`` order; what the file leaves empty gets the
    column's default (as an INSERT without that column would)."""
    name = record.name or ""
    pinyin, initials = pinyin_keys(name)
    birthday = record.birthday or None
    extra = (json.dumps(record.extras, ensure_ascii=False, sort_keys=True)
             if record.extras else None)
    return (member_id, name, record.phone or None, record.external_userid or None,
            record.unionid or None, record.level or 0, record.channel or "", birthday,
            record.added_at, record.points or 0, record.remark or "", record.gender or 0, extra,
            pinyin, initials, birth_md(birthday), now, now)


def apply_import(ctx: WriteContext, records: Sequence[MemberRecord], plan: ImportPlan, *,
                 progress: Progress | None = None, cancel: CancelCheck | None = None
                 ) -> ImportOutcome:
    """Write ``plan`` in the caller's transaction (planning again first if the workspace changed
    since it was made). ``cancel`` may raise at any point: the caller's transaction rolls back."""
    conn = ctx.conn
    # The default 2 MB page cache thrashes on five member indexes and the tag links: 16 MB
    # writes a 100k-row import as fast as 64 MB did (measured) for 46 MB less. Restored afterwards.
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KB}")
    try:
        return _apply(ctx, records, plan, progress, cancel)
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache)}")


def _apply(ctx: WriteContext, records: Sequence[MemberRecord], plan: ImportPlan,
           progress: Progress | None, cancel: CancelCheck | None) -> ImportOutcome:
    conn = ctx.conn
    replanned = data_version(conn) != plan.data_version
    if replanned:
        plan = plan_import(conn, records, cancel=cancel)
    total = len(plan.inserts) + len(plan.updates) + len(plan.tag_links)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if cancel:
            cancel()
        if progress:
            progress(done, total)

    step(0)
    tag_ids: dict[TagKey, int] = {}
    for group, name in plan.new_tags:
        tag_ids[(group, name)] = ensure_tag(ctx, None if group == UNGROUPED else group, name)
    next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM members").fetchone()[0]) + 1
    new_ids: dict[int, int] = {}
    with (search_index_deferred(conn, next_id) if len(plan.inserts) >= BULK_SEARCH_INDEX_AT
          else nullcontext()):
        _insert_members(ctx, records, plan, next_id, new_ids, step)
    for start in range(0, len(plan.updates), CHUNK * 4):
        sets: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for _pos, member_id, before, after in plan.updates[start:start + CHUNK * 4]:
            after = {**after, **derived_fields(after), "updated_at": ctx.now}
            sets.setdefault(tuple(after), []).append((*after.values(), member_id))
            ctx.log("members", {"id": member_id, **before}, {"id": member_id, **after})
        for columns, rows in sets.items():
            conn.executemany(f"UPDATE members SET {', '.join(f'{c} = ?' for c in columns)} "
                             "WHERE id = ?", rows)
        step(min(CHUNK * 4, len(plan.updates) - start))

    def member(ref: int) -> int:
        return ref if ref > 0 else new_ids[-ref - 1]

    touched = set(new_ids.values()) | {u[1] for u in plan.updates}
    rebuild = len(touched) >= FULL_REBUILD_AT
    # The index is rebuilt after a big import, but WeCom tags still need their additions named
    # so the caller can queue them for WeCom (the outbox reads ``ctx.changes``).
    wecom_tags = {r[0] for r in conn.execute("SELECT id FROM tags WHERE wecom_tag_id IS NOT NULL")}
    by_tag: dict[int, list[int]] = {}
    links = iter(plan.tag_links)
    while part := [(member(ref), tag if isinstance(tag, int) else tag_ids[tag])
                   for ref, tag in itertools.islice(links, CHUNK * 20)]:
        # In primary-key order, so the inserts walk the B-tree; sorted a chunk at a time because
        # one sort of millions of pairs holds the GIL long enough to freeze the window.
        part.sort()
        conn.executemany("INSERT INTO member_tags(member_id, tag_id) VALUES (?, ?)", part)
        ctx.log_rows("member_tags", ("member_id", "tag_id"), None, part)
        for member_id, tag_id in part:
            if not rebuild or tag_id in wecom_tags:
                by_tag.setdefault(tag_id, []).append(member_id)
        step(len(part))
    for tag_id, ids in by_tag.items():
        ctx.changes.add_tag(tag_id, ids)
    follows = [{"member_id": member(ref), "staff_id": staff, "add_time": None}
               for ref, staff in plan.follow_links]
    _insert_rows(ctx, "follows", follows)
    next_roster = int(conn.execute("SELECT coalesce(max(id), 0) FROM roster").fetchone()[0]) + 1
    roster = [{"id": next_roster + i, "group_id": group, "member_id": member(ref)}
              for i, (ref, group) in enumerate(plan.roster_links)]
    _insert_rows(ctx, "roster", roster)
    _recount_groups(ctx, {group for _, group in plan.roster_links})
    if rebuild:
        ctx.changes.full_rebuild = True
    else:
        ctx.changes.members.update(touched)
    ctx.changes.library_changed |= bool(tag_ids)
    ctx.changes.follows_changed |= bool(follows)
    ctx.changes.groups_changed |= bool(roster)
    return ImportOutcome(ctx.batch_id, len(plan.inserts), plan.updated, len(tag_ids),
                         len(plan.tag_links) + len(follows) + len(roster), replanned,
                         tuple(tag_ids.values()))


def _insert_members(ctx: WriteContext, records: Sequence[MemberRecord], plan: ImportPlan,
                    next_id: int, new_ids: dict[int, int], step: Callable[[int], None]) -> None:
    sql = (f"INSERT INTO members({', '.join(NEW_COLUMNS)}) "
           f"VALUES ({', '.join('?' * len(NEW_COLUMNS))})")
    for start in range(0, len(plan.inserts), CHUNK * 4):
        rows = []
        for pos in plan.inserts[start:start + CHUNK * 4]:
            new_ids[pos] = next_id
            rows.append(_new_row(records[pos], next_id, ctx.now))
            next_id += 1
        ctx.conn.executemany(sql, rows)
        ctx.log_rows("members", NEW_COLUMNS, None, rows)
        step(len(rows))


def _by_columns(rows: Iterable[dict[str, Any]]) -> dict[tuple[str, ...], list[tuple[Any, ...]]]:
    """Rows grouped by the columns they fill, one ``executemany`` per shape."""
    out: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        out.setdefault(tuple(row), []).append(tuple(row.values()))
    return out


def _insert_rows(ctx: WriteContext, table: str, rows: list[dict[str, Any]]) -> None:
    for columns, values in _by_columns(rows).items():
        ctx.conn.executemany(f"INSERT INTO {table}({', '.join(columns)}) VALUES "
                             f"({', '.join('?' * len(columns))})", values)
        ctx.log_rows(table, columns, None, values)
