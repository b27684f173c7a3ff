"""Applying an import plan (``store.importing``) in the caller's write transaction.

New members are written as fixed-shape rows with ``executemany``, their search text indexed in one
statement at the end; tag links, follow-ups and group memberships are added in primary-key order.
Everything is audited (new rows in chunks, updated rows with the columns that changed), so an
import can be undone like any other operation.
"""

from __future__ import annotations

import itertools
import json
from array import array
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from ..domain.people import clean_text, pinyin_keys
from . import channels
from . import points as points_store
from .audit import WriteContext, rows_as_dicts
from .deferred import indexes_deferred, search_index_deferred
from .importing import (
    CHUNK,
    UNGROUPED,
    CancelCheck,
    ImportPlan,
    MemberRecord,
    Progress,
    TagKey,
    channel_of,
    data_version,
    plan_import,
)
from .members import birth_md, derived_fields
from .tags import ensure_tag

# Past this many touched members the in-memory index is rebuilt from SQL (about a second at 1M)
# rather than patched member by member.
FULL_REBUILD_AT = 20_000
# From this many new members on, their search text is indexed in one statement at the end.
BULK_SEARCH_INDEX_AT = 1000
IMPORT_CACHE_KB = -16384  # negative: KiB, as PRAGMA cache_size takes it


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
# No ``points``: a new member starts at 0 and gets their file balance as a ledger entry (an
# audit image holding 0 would read as "changed since" once the entry set it, and block undo).
NEW_COLUMNS = ("id", "name", "phone", "external_userid", "unionid", "level", "channel", "birthday",
               "joined_at", "remark", "gender", "extra", "name_pinyin", "name_initials",
               "birth_md", "created_at", "updated_at")


def _new_row(record: MemberRecord, member_id: int, now: int, channel: str) -> tuple[Any, ...]:
    """A new member's row in ``NEW_COLUMNS`` order; what the file leaves empty gets the
    column's default (as an INSERT without that column would)."""
    name = record.name or ""
    pinyin, initials = pinyin_keys(clean_text(name))  # keys from the NFKC form, as derived_fields
    birthday = record.birthday or None
    extra = (json.dumps(record.extras, ensure_ascii=False, sort_keys=True)
             if record.extras else None)
    return (member_id, name, record.phone or None, record.external_userid or None,
            record.unionid or None, record.level or 0, channel, birthday,
            record.added_at, record.remark or "", record.gender or 0, extra,
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
        plan = plan_import(conn, records, cancel=cancel, points_mode=plan.points_mode)
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
    if plan.new_channels:
        channels.save(ctx, plan.channel_list)  # in the import's batch: an undo drops them again
    tag_ids: dict[TagKey, int] = {}
    for group, name in plan.new_tags:
        tag_ids[(group, name)] = ensure_tag(ctx, None if group == UNGROUPED else group, name)
    next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM members").fetchone()[0]) + 1
    # Record position → new member id. An array, not a dict: a dict of a million entries
    # rehashes in single steps long enough to freeze the window.
    new_ids = array("q", bytes(8 * len(records)))
    with (indexes_deferred(conn, "members", len(plan.inserts)),
          search_index_deferred(conn, next_id) if len(plan.inserts) >= BULK_SEARCH_INDEX_AT
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

    # New and updated members are different people: their counts add up. The ids themselves
    # are collected only when the index is patched member by member (a small import).
    rebuild = len(plan.inserts) + len(plan.updates) >= FULL_REBUILD_AT
    # The index is rebuilt after a big import, but WeCom tags still need their additions named
    # so the caller can queue them for WeCom (the outbox reads ``ctx.changes``).
    wecom_tags = {r[0] for r in conn.execute("SELECT id FROM tags WHERE wecom_tag_id IS NOT NULL")}
    by_tag: dict[int, list[int]] = {}
    links = iter(plan.tag_links)
    with indexes_deferred(conn, "member_tags", len(plan.tag_links)):
        while part := [(member(ref), tag if isinstance(tag, int) else tag_ids[tag])
                       for ref, tag in itertools.islice(links, CHUNK * 20)]:
            # In primary-key order, so the inserts walk the B-tree; sorted a chunk at a time:
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
    if plan.points_changes:
        points_store.adjust_to(ctx, [(member(ref), target) for ref, _now, target
                                     in plan.points_changes],
                               reason="导入调整", source_ref=f"import:{ctx.batch_id or 0}")
    if rebuild:
        ctx.changes.full_rebuild = True
    else:
        ctx.changes.members.update(new_ids[pos] for pos in plan.inserts)
        ctx.changes.members.update(u[1] for u in plan.updates)
        ctx.changes.members.update(member(ref) for ref, _, _ in plan.points_changes)
    ctx.changes.library_changed |= bool(tag_ids)
    ctx.changes.follows_changed |= bool(follows)
    ctx.changes.groups_changed |= bool(roster)
    return ImportOutcome(ctx.batch_id, len(plan.inserts), plan.updated, len(tag_ids),
                         len(plan.tag_links) + len(follows) + len(roster), replanned,
                         tuple(tag_ids.values()))


def _insert_members(ctx: WriteContext, records: Sequence[MemberRecord], plan: ImportPlan,
                    next_id: int, new_ids: array[int], step: Callable[[int], None]) -> None:
    sql = (f"INSERT INTO members({', '.join(NEW_COLUMNS)}) "
           f"VALUES ({', '.join('?' * len(NEW_COLUMNS))})")
    for start in range(0, len(plan.inserts), CHUNK * 4):
        rows = []
        for pos in plan.inserts[start:start + CHUNK * 4]:
            new_ids[pos] = next_id
            rows.append(_new_row(records[pos], next_id, ctx.now, channel_of(plan, records[pos])))
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
