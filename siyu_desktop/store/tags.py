"""Tag groups and tags: create, rename, merge, delete; adding and removing tags on members.

Every change is audited row by row so a bulk tagging can be undone. Tags that came from the WeCom
admin console (``source = 'admin'``) are read-only to our app (WeCom's rule) for rename/delete,
and so are their groups' names (the dimension is ours and can always change).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from ..domain.members import Dimension, Tag, TagGroup
from ..domain.people import clean_text
from ..errors import ValidationError
from .audit import WriteContext, rows_as_dicts
from .outbox import MARK_TAG, is_wecom_tag

MAX_TAG_NAME = 30  # WeCom's limit for tag and group names


def _check_name(name: str, what: str) -> str:
    name = clean_text(name)
    if not name:
        raise ValidationError(f"{what}名称不能为空。", english=f"The {what} name is empty.")
    if len(name) > MAX_TAG_NAME:
        raise ValidationError(f"{what}名称不能超过 {MAX_TAG_NAME} 个字。",
                              english=f"Names are limited to {MAX_TAG_NAME} characters.")
    return name


# -- reading -----------------------------------------------------------------------------------
def list_groups(conn: sqlite3.Connection) -> list[TagGroup]:
    rows = conn.execute("SELECT id, name, dimension, wecom_group_id, sort_order FROM tag_groups "
                        "ORDER BY dimension, sort_order DESC, id").fetchall()
    return [TagGroup(*r) for r in rows]


def list_tags(conn: sqlite3.Connection, counts: dict[int, int] | None = None) -> list[Tag]:
    rows = conn.execute("SELECT id, group_id, name, wecom_tag_id, sort_order, source FROM tags "
                        "ORDER BY group_id, sort_order DESC, id").fetchall()
    counts = counts or {}
    return [Tag(r[0], r[1], r[2], r[3], r[4], member_count=counts.get(r[0], 0), source=r[5])
            for r in rows]


def tag_source(conn: sqlite3.Connection, tag_id: int) -> str | None:
    row = conn.execute("SELECT source FROM tags WHERE id = ?", (tag_id,)).fetchone()
    return row[0] if row else None


def find_tag(conn: sqlite3.Connection, group_name: str | None, tag_name: str) -> int | None:
    if group_name:
        row = conn.execute("SELECT t.id FROM tags t JOIN tag_groups g ON g.id = t.group_id "
                           "WHERE g.name = ? AND t.name = ?", (group_name, tag_name)).fetchone()
    else:
        row = conn.execute("SELECT id FROM tags WHERE name = ? ORDER BY id LIMIT 1",
                           (tag_name,)).fetchone()
    return row[0] if row else None


def tags_of_members(conn: sqlite3.Connection, member_ids: Sequence[int]) -> dict[int, list[str]]:
    if not member_ids:
        return {}
    out: dict[int, list[str]] = {}
    for member_id, name in conn.execute(
            "SELECT mt.member_id, t.name FROM member_tags mt JOIN tags t ON t.id = mt.tag_id "
            f"WHERE mt.member_id IN ({','.join('?' * len(member_ids))}) ORDER BY t.group_id, t.id",
            list(member_ids)):
        out.setdefault(member_id, []).append(name)
    return out


# -- tag groups and tags -----------------------------------------------------------------------
def create_group(ctx: WriteContext, name: str, dimension: str = "basic") -> int:
    name = _check_name(name, "标签组")
    if dimension not in {d.value for d in Dimension}:
        raise ValidationError("未知的标签维度。", english="Unknown tag dimension.")
    if ctx.conn.execute("SELECT 1 FROM tag_groups WHERE name = ?", (name,)).fetchone():
        raise ValidationError(f"标签组“{name}”已存在。", english="That tag group exists.")
    cur = ctx.conn.execute("INSERT INTO tag_groups(name, dimension, created_at) VALUES (?, ?, ?)",
                           (name, dimension, ctx.now))
    group_id = int(cur.lastrowid or 0)
    ctx.log("tag_groups", None, _row(ctx.conn, "tag_groups", group_id))
    ctx.changes.library_changed = True
    return group_id


def ensure_group(ctx: WriteContext, name: str, dimension: str = "basic") -> int:
    row = ctx.conn.execute("SELECT id FROM tag_groups WHERE name = ?", (clean_text(name),)).fetchone()
    return int(row[0]) if row else create_group(ctx, name, dimension)


def create_tag(ctx: WriteContext, group_id: int, name: str) -> int:
    name = _check_name(name, "标签")
    if ctx.conn.execute("SELECT 1 FROM tags WHERE group_id = ? AND name = ?",
                        (group_id, name)).fetchone():
        raise ValidationError(f"这个标签组里已经有“{name}”了。", english="That tag exists.")
    cur = ctx.conn.execute("INSERT INTO tags(group_id, name, created_at) VALUES (?, ?, ?)",
                           (group_id, name, ctx.now))
    tag_id = int(cur.lastrowid or 0)
    ctx.log("tags", None, _row(ctx.conn, "tags", tag_id))
    ctx.changes.library_changed = True
    ctx.changes.tag_added.setdefault(tag_id, [])
    return tag_id


def ensure_tag(ctx: WriteContext, group_name: str | None, tag_name: str,
               dimension: str = "basic") -> int:
    existing = find_tag(ctx.conn, clean_text(group_name) if group_name else None,
                        clean_text(tag_name))
    if existing is not None:
        return existing
    group_id = ensure_group(ctx, group_name or "未分组", dimension)
    return create_tag(ctx, group_id, tag_name)


def _row(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, object]:
    return rows_as_dicts(conn, f"SELECT * FROM {table} WHERE id = ?", (row_id,))[0]


def _require_writable(conn: sqlite3.Connection, tag_id: int) -> dict[str, object]:
    rows = rows_as_dicts(conn, "SELECT * FROM tags WHERE id = ?", (tag_id,))
    if not rows:
        raise ValidationError("这个标签已不存在。", english="That tag no longer exists.")
    if rows[0]["source"] == "admin":
        raise ValidationError(
            f"标签“{rows[0]['name']}”是在企业微信管理后台创建的，本应用不能修改或删除它。",
            "请在企业微信管理后台 → 客户联系 → 客户标签中修改。",
            english="Tags created in the WeCom admin console are read-only to this app.",
            english_hint="Change it in the WeCom admin console → Customer Contact → Customer Tags.")
    return rows[0]


def rename_tag(ctx: WriteContext, tag_id: int, new_name: str) -> None:
    before = _require_writable(ctx.conn, tag_id)
    new_name = _check_name(new_name, "标签")
    if ctx.conn.execute("SELECT 1 FROM tags WHERE group_id = ? AND name = ? AND id != ?",
                        (before["group_id"], new_name, tag_id)).fetchone():
        raise ValidationError(f"这个标签组里已经有“{new_name}”了，可以改用“合并”。",
                              english="A tag with that name exists; merge instead.")
    ctx.conn.execute("UPDATE tags SET name = ? WHERE id = ?", (new_name, tag_id))
    ctx.log("tags", before, _row(ctx.conn, "tags", tag_id))
    ctx.changes.library_changed = True


def rename_group(ctx: WriteContext, group_id: int, new_name: str, dimension: str | None = None) -> None:
    before = _row(ctx.conn, "tag_groups", group_id)
    new_name = _check_name(new_name, "标签组")
    if new_name != before["name"] and before["source"] == "admin":
        raise ValidationError(
            f"标签组“{before['name']}”是在企业微信管理后台创建的，本应用不能给它改名。",
            "请在企业微信管理后台 → 客户联系 → 客户标签中修改。",
            english="Tag groups created in the WeCom admin console are read-only to this app.",
            english_hint="Change it in the WeCom admin console → Customer Contact → Customer Tags.")
    if ctx.conn.execute("SELECT 1 FROM tag_groups WHERE name = ? AND id != ?",
                        (new_name, group_id)).fetchone():
        raise ValidationError(f"标签组“{new_name}”已存在。", english="That tag group exists.")
    ctx.conn.execute("UPDATE tag_groups SET name = ?, dimension = ? WHERE id = ?",
                     (new_name, dimension or before["dimension"], group_id))
    ctx.log("tag_groups", before, _row(ctx.conn, "tag_groups", group_id))
    ctx.changes.library_changed = True


def delete_tag(ctx: WriteContext, tag_id: int) -> int:
    """Delete a tag and its links; returns how many members lost it."""
    before = _require_writable(ctx.conn, tag_id)
    removed = _member_ids(ctx.conn, tag_id)
    ctx.log_rows("member_tags", ("member_id", "tag_id"), [(m, tag_id) for m in sorted(removed)], None)
    for row in rows_as_dicts(ctx.conn, "SELECT * FROM follow_tags WHERE tag_id = ?", (tag_id,)):
        ctx.log("follow_tags", row, None)
    ctx.conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
    ctx.log("tags", before, None)
    ctx.changes.remove_tag(tag_id, removed)
    ctx.changes.tags_dropped.add(tag_id)
    ctx.changes.library_changed = True
    return len(removed)


def delete_group(ctx: WriteContext, group_id: int) -> int:
    total = 0
    for (tag_id,) in ctx.conn.execute("SELECT id FROM tags WHERE group_id = ?", (group_id,)).fetchall():
        total += delete_tag(ctx, tag_id)
    before = _row(ctx.conn, "tag_groups", group_id)
    ctx.conn.execute("DELETE FROM tag_groups WHERE id = ?", (group_id,))
    ctx.log("tag_groups", before, None)
    return total


def merge_tags(ctx: WriteContext, source_ids: Sequence[int], target_id: int) -> int:
    """Move every member of the sources onto the target, then delete the sources.
    Returns how many members newly got the target tag."""
    _require_writable(ctx.conn, target_id)
    moved = 0
    for source_id in source_ids:
        if source_id == target_id:
            continue
        _require_writable(ctx.conn, source_id)
        moved += add_tag(ctx, target_id, _member_ids(ctx.conn, source_id))
        delete_tag(ctx, source_id)
    return moved


def _member_ids(conn: sqlite3.Connection, tag_id: int) -> list[int]:
    return [r[0] for r in conn.execute("SELECT member_id FROM member_tags WHERE tag_id = ?",
                                       (tag_id,))]


# -- tagging members ---------------------------------------------------------------------------
def add_tag(ctx: WriteContext, tag_id: int, member_ids: Iterable[int]) -> int:
    """Tag members; returns how many did not have it yet."""
    ids = sorted(set(member_ids))
    have = _existing(ctx.conn, tag_id, ids)
    new = [m for m in ids if m not in have]
    ctx.conn.executemany("INSERT INTO member_tags(member_id, tag_id) VALUES (?, ?)",
                         ((m, tag_id) for m in new))
    ctx.log_rows("member_tags", ("member_id", "tag_id"), None, [(m, tag_id) for m in new])
    ctx.changes.add_tag(tag_id, new)
    return len(new)


def remove_tag(ctx: WriteContext, tag_id: int, member_ids: Iterable[int]) -> int:
    ids = sorted(set(member_ids))
    have = _existing(ctx.conn, tag_id, ids)
    gone = [m for m in ids if m in have]
    ctx.conn.executemany("DELETE FROM member_tags WHERE member_id = ? AND tag_id = ?",
                         ((m, tag_id) for m in gone))
    ctx.log_rows("member_tags", ("member_id", "tag_id"), [(m, tag_id) for m in gone], None)
    ctx.changes.remove_tag(tag_id, gone)
    return len(gone)


def _existing(conn: sqlite3.Connection, tag_id: int, ids: list[int]) -> set[int]:
    have: set[int] = set()
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        have.update(r[0] for r in conn.execute(
            f"SELECT member_id FROM member_tags WHERE tag_id = ? AND member_id IN "
            f"({','.join('?' * len(chunk))})", [tag_id, *chunk]))
    return have


def preview_tag_change(conn: sqlite3.Connection, tag_id: int, member_ids: Sequence[int],
                       add: bool) -> tuple[int, int]:
    """What tagging (or untagging) these members would do, without doing it: (members whose
    link changes, WeCom calls it queues). Counts the way ``outbox.enqueue_tag_change`` queues:
    one ``mark_tag`` per follow relationship that WeCom has the other way, none where the same
    change already waits, and a waiting opposite change is cancelled instead of sent."""
    ids = sorted(set(member_ids))
    have = _existing(conn, tag_id, ids)
    changing = [m for m in ids if (m not in have) == add]
    # Adding asks every relationship, also of members who have the tag from another one
    # (rule 4 in domain/tag_links.py).
    asked = ids if add else changing
    if not asked or not is_wecom_tag(conn, tag_id):
        return len(changing), 0
    pushes = 0
    for i in range(0, len(asked), 900):
        chunk = asked[i:i + 900]
        marks = ",".join("?" * len(chunk))
        pushes += conn.execute(
            "SELECT count(*) FROM follows f JOIN members m ON m.id = f.member_id "
            "WHERE m.external_userid IS NOT NULL AND f.member_id IN (" + marks + ") "
            "AND (EXISTS (SELECT 1 FROM follow_tags ft WHERE ft.member_id = f.member_id AND "
            "             ft.staff_id = f.staff_id AND ft.tag_id = ?) = ?) "
            "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = ? AND o.tag_id = ? AND "
            "                o.status = 'pending' AND o.member_id = f.member_id AND "
            "                o.staff_id = f.staff_id)",
            [*chunk, tag_id, 0 if add else 1, MARK_TAG, tag_id]).fetchone()[0]
    return len(changing), pushes
