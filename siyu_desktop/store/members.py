"""Members: reading rows for the roster, the detail panel, search; writing profile fields."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.members import Follow, Member
from ..domain.people import clean_text, has_unsafe_chars, is_cjk, pinyin_keys
from ..errors import ValidationError
from .audit import WriteContext, rows_as_dicts

MEMBER_FIELDS = ("id", "name", "external_userid", "phone", "unionid", "gender", "level", "channel",
                 "birthday", "remark", "note", "joined_at", "last_active_at", "updated_at")
EDITABLE = {"name", "phone", "unionid", "gender", "level", "channel", "birthday", "note",
            "remark", "joined_at", "last_active_at", "external_userid", "extra"}
# (``points`` is the ledger's cached balance: only ``store/points.py`` writes it)


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One line of the roster table (everything a visible row shows, nothing more)."""

    id: int
    name: str
    phone: str
    level: int
    channel: str
    tags: str
    staff: str
    joined_at: int | None
    last_active_at: int | None
    birthday: str
    points: int
    remark: str


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM members").fetchone()[0])


def get(conn: sqlite3.Connection, member_id: int) -> Member | None:
    row = conn.execute(f"SELECT {', '.join(MEMBER_FIELDS)} FROM members WHERE id = ?",
                       (member_id,)).fetchone()
    return Member(*row) if row else None


def follows(conn: sqlite3.Connection, member_id: int) -> list[Follow]:
    rows = conn.execute(
        "SELECT f.member_id, f.staff_id, s.name, f.remark, f.description, f.add_time, f.add_way, "
        "f.state FROM follows f JOIN staff s ON s.id = f.staff_id WHERE f.member_id = ? "
        "ORDER BY f.add_time", (member_id,)).fetchall()
    return [Follow(*r) for r in rows]


def rows(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, RosterRow]:
    """The visible fields of these members, with tags and following staff, in two queries."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    params = list(ids)
    tags: dict[int, list[str]] = {}
    for member_id, name in conn.execute(
            "SELECT mt.member_id, t.name FROM member_tags mt JOIN tags t ON t.id = mt.tag_id "
            f"WHERE mt.member_id IN ({marks})", params):
        tags.setdefault(member_id, []).append(name)
    staff: dict[int, list[str]] = {}
    for member_id, name in conn.execute(
            "SELECT f.member_id, s.name FROM follows f JOIN staff s ON s.id = f.staff_id "
            f"WHERE f.member_id IN ({marks})", params):
        staff.setdefault(member_id, []).append(name)
    out: dict[int, RosterRow] = {}
    for r in conn.execute(
            "SELECT id, name, coalesce(phone, ''), level, channel, joined_at, last_active_at, "
            f"coalesce(birthday, ''), points, remark FROM members WHERE id IN ({marks})", params):
        out[r[0]] = RosterRow(r[0], r[1], r[2], r[3], r[4], "、".join(tags.get(r[0], ())),
                              "、".join(staff.get(r[0], ())), r[5], r[6], r[7], r[8], r[9])
    return out


def member_groups(conn: sqlite3.Connection, member_id: int) -> list[tuple[int, str, int | None]]:
    return [(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT g.id, g.name, r.join_time FROM roster r JOIN groups g ON g.id = r.group_id "
        "WHERE r.member_id = ? ORDER BY r.join_time", (member_id,))]


# -- search ------------------------------------------------------------------------------------
_DIGITS = re.compile(r"^[\d\s+\-]+$")
_ASCII_WORD = re.compile(r"^[A-Za-z]+$")


def _prefix_range(prefix: str) -> tuple[str, str]:
    return prefix, prefix + "\U0010ffff"


def search(conn: sqlite3.Connection, text: str, limit: int = 5000) -> list[int]:
    """Member ids matching ``text`` by name prefix, pinyin-initials prefix (zs → 张三), phone
    substring, or remark/note substring. Best matches (name prefix) first."""
    query = clean_text(text)
    if not query:
        return []
    seen: dict[int, None] = {}

    def take(sql: str, params: Sequence[Any]) -> None:
        for (member_id,) in conn.execute(sql, [*params, limit - len(seen)]):
            seen.setdefault(member_id, None)

    if _DIGITS.match(query):
        digits = re.sub(r"\D", "", query)
        if len(digits) >= 3:
            take("SELECT rowid FROM members_fts WHERE phone LIKE ? LIMIT ?", [f"%{digits}%"])
        elif digits:
            take("SELECT id FROM members WHERE phone LIKE ? LIMIT ?", [f"%{digits}%"])
        return list(seen)
    low, high = _prefix_range(query)
    take("SELECT id FROM members WHERE name >= ? AND name < ? ORDER BY name LIMIT ?", [low, high])
    if len(seen) < limit and _ASCII_WORD.match(query):
        low, high = _prefix_range(query.lower())
        take("SELECT id FROM members WHERE name_initials >= ? AND name_initials < ? "
             "ORDER BY name_initials LIMIT ?", [low, high])
        if len(seen) < limit:
            take("SELECT id FROM members WHERE name_pinyin >= ? AND name_pinyin < ? "
                 "ORDER BY name_pinyin LIMIT ?", [low, high])
    if len(seen) < limit:
        # What the operator typed is matched literally: ``50%`` or ``a_b`` must not act as
        # LIKE's wildcards (which matched everything). Plain text keeps the plain LIKE, which
        # the trigram index serves; LIKE with ESCAPE is never served by it, so text holding a
        # wildcard goes to the index as a quoted MATCH phrase (a literal substring) instead.
        literal = not _LIKE_SPECIAL.search(query)
        like = "%" + (query if literal else _LIKE_SPECIAL.sub(r"\\\g<0>", query)) + "%"
        esc = "" if literal else " ESCAPE '\\'"
        if len(query) >= 3:
            if literal:
                take("SELECT rowid FROM members_fts WHERE remark LIKE ? OR note LIKE ? LIMIT ?",
                     [like, like])
            else:
                phrase = '"' + query.replace('"', '""') + '"'
                take("SELECT rowid FROM members_fts WHERE members_fts MATCH ? LIMIT ?",
                     ["{remark note} : " + phrase])
            if is_cjk(query):
                take(f"SELECT id FROM members WHERE name LIKE ?{esc} LIMIT ?", [like])
        else:
            # Trigram matching needs 3+ characters and silently finds nothing with fewer, so
            # short patterns are one scan over the row (name inside, remark, note) that stops at
            # the limit — quick for common words like 宝妈, a full scan only when rare.
            take(f"SELECT id FROM members WHERE name LIKE ?{esc} OR remark LIKE ?{esc} "
                 f"OR note LIKE ?{esc} LIMIT ?", [like, like, like])
    return list(seen)[:limit]


_LIKE_SPECIAL = re.compile(r"[%_\\]")


# -- writing -----------------------------------------------------------------------------------
def derived_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Columns computed from others: pinyin keys from the name, birthday month-day key."""
    out: dict[str, Any] = {}
    if "name" in values:
        # Keys from the NFKC form: a name is stored as typed (ＡＭＹ小店) but found as amy.
        name = clean_text(values["name"] or "")
        out["name_pinyin"], out["name_initials"] = pinyin_keys(name)
    if "birthday" in values:
        out["birth_md"] = birth_md(values["birthday"])
    return out


def birth_md(birthday: str | None) -> int | None:
    """``1990-05-01`` or ``--05-01`` → 501."""
    if not birthday:
        return None
    m = re.fullmatch(r"(?:\d{4}|-)-(\d{2})-(\d{2})", birthday)
    return int(m.group(1)) * 100 + int(m.group(2)) if m else None


# Text fields people read; control characters and bidirectional overrides in them are refused.
TEXT_CHECKED = {"name": ("客户名称", "name"), "remark": ("备注", "remark"), "note": ("本地笔记", "note")}


def check_text(values: dict[str, Any]) -> None:
    """Refuse control characters (NUL included) and bidirectional overrides in names, remarks and
    notes (``domain.people.has_unsafe_chars``): stored, they could make the roster or an export
    display something other than what it holds."""
    for fld, (label, english) in TEXT_CHECKED.items():
        value = values.get(fld)
        if isinstance(value, str) and has_unsafe_chars(value):
            raise ValidationError(
                f"{label}里有控制字符或文字方向控制符（看不见的特殊字符），不能保存。",
                "从别处复制的文字常带着它们：请删掉这一格重新输入后再保存。",
                english=f"The {english} holds control or text-direction characters.",
                english_hint="Text copied from elsewhere often carries them: clear the cell, type it again, then save.")


def create(ctx: WriteContext, values: dict[str, Any]) -> int:
    values = {k: v for k, v in values.items() if k in EDITABLE}
    check_text(values)
    if not clean_text(values.get("name", "")):
        raise ValidationError("客户姓名不能为空。", english="The member's name is empty.")
    values.update(derived_fields(values))
    values.setdefault("created_at", ctx.now)
    values["updated_at"] = ctx.now
    cols = list(values)
    cur = ctx.conn.execute(f"INSERT INTO members({', '.join(cols)}) VALUES "
                           f"({', '.join('?' * len(cols))})", [values[c] for c in cols])
    member_id = int(cur.lastrowid or 0)
    ctx.log("members", None, _row(ctx.conn, member_id))
    ctx.changes.members.add(member_id)
    return member_id


def update(ctx: WriteContext, member_id: int, values: dict[str, Any]) -> bool:
    """Change profile fields; returns False when nothing actually changed."""
    before = _row(ctx.conn, member_id)
    values = {k: v for k, v in values.items() if k in EDITABLE and before.get(k) != v}
    if not values:
        return False
    check_text(values)
    values.update(derived_fields(values))
    values["updated_at"] = ctx.now
    ctx.conn.execute(f"UPDATE members SET {', '.join(f'{c} = ?' for c in values)} WHERE id = ?",
                     [*values.values(), member_id])
    ctx.log("members", before, _row(ctx.conn, member_id))
    ctx.changes.members.add(member_id)
    return True


def _row(conn: sqlite3.Connection, member_id: int) -> dict[str, Any]:
    found = rows_as_dicts(conn, "SELECT * FROM members WHERE id = ?", (member_id,))
    if not found:
        raise ValidationError("这位客户已不存在。", english="That member no longer exists.")
    return found[0]
