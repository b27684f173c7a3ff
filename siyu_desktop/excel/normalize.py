"""Turning one spreadsheet row into a ``RosterRow``, or into the reasons it cannot be one.

Every problem names its cell and says, in the operator's words, what is wrong, so the preview can
show it and the rejects file can carry it. A bad cell rejects its row, never the file.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from phonenumbers.phonemetadata import PhoneMetadata

from siyu_desktop.domain.members import LEVEL_NAMES, parse_level
from siyu_desktop.domain.people import (
    clean_text,
    has_line_break,
    has_unsafe_chars,
    normalise_phone,
    tidy_text,
)
from siyu_desktop.excel.mapping import FIELD_LABELS, ColumnMapping
from siyu_desktop.excel.reader import CellValue, ExcelErrorValue, SheetRow

DEFAULT_TZ = "Asia/Shanghai"
# Longest accepted value per field after cleaning; longer cells are refused one by one.
FIELD_MAX_CHARS: dict[str, int] = {
    "name": 64, "phone": 32, "external_userid": 128, "unionid": 128, "level": 20, "channel": 100,
    "birthday": 40, "added_at": 40, "staff": 500, "groups": 2000, "tags": 4000, "points": 20,
    "gender": 10, "remark": 1000,
}
EXTRA_MAX_CHARS = 1000
# Fields whose over-long cell is dropped on its own (with a warning) instead of refusing the row:
# a long note says nothing about who the member is, so losing the member's tags over it is worse.
SKIPPABLE_WHEN_TOO_LONG = frozenset({"remark"})
# Free-text fields whose control characters and bidirectional overrides are removed with a note
# (``domain.people.tidy_text``): stored, they could make a list display something it doesn't hold.
UNSAFE_CHECKED = ("name", "remark")

# Tags, groups and staff in one cell: any of these separates items; ":" puts a tag in a group.
# (Full-width ， ； ： ｜ become their ASCII forms in clean_text, so they are covered too.)
_ITEM_SEP = re.compile(r"[,、|;]+")
TAG_JOIN = "、"  # what the writer puts between items
GROUP_SEP = ":"  # what the writer puts between a tag group and its tag
_NOT_IN_NAMES = re.compile(r"[,，、|｜;；:：\r\n]")

_EXCEL_EPOCH = datetime(1899, 12, 30)
_MAX_SERIAL = 2958465  # 9999-12-31
_FULL_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*[T ]?\s*(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NO_YEAR = re.compile(r"(?:--)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_GENDERS = {"男": 1, "男性": 1, "先生": 1, "male": 1, "m": 1, "1": 1,
            "女": 2, "女性": 2, "女士": 2, "female": 2, "f": 2, "2": 2,
            "未知": 0, "保密": 0, "unknown": 0, "0": 0}
GENDER_NAMES = {0: "未知", 1: "男", 2: "女"}


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One member as a roster file describes them. ``None`` / empty = the file says nothing."""

    name: str = ""
    phone: str | None = None
    external_userid: str | None = None
    unionid: str | None = None
    level: int | None = None
    channel: str = ""
    birthday: str | None = None  # "YYYY-MM-DD", or "--MM-DD" when the year is missing
    added_at: int | None = None  # epoch seconds, UTC
    staff: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    tags: tuple[tuple[str | None, str], ...] = ()  # (tag group or None, tag)
    points: int | None = None
    remark: str = ""
    gender: int | None = None  # 0 unknown, 1 male, 2 female (WeCom's codes)
    extras: dict[str, str] = field(default_factory=dict, hash=False)
    source_rows: tuple[int, ...] = field(default=(), compare=False)  # rows it came from


@dataclass(frozen=True, slots=True)
class CellProblem:
    row: int
    column: int | None  # 0-based; None when the problem is the row as a whole
    field: str
    value: str
    reason: str

    def describe(self) -> str:
        label = FIELD_LABELS.get(self.field, self.field)
        shown = self.value if len(self.value) <= 20 else self.value[:20] + "…"
        return f"{label}「{shown}」：{self.reason}" if self.value else f"{label}：{self.reason}"


class _Bad(ValueError):
    """A cell that cannot be used; the message is the operator-facing reason."""


_MISSING = object()
_NO_EXTRAS: dict[str, str] = {}


def cell_text(value: CellValue) -> str:
    """Any cell as clean text (dates ISO, whole floats without ``.0``; an Excel error is blank)."""
    if value.__class__ is ExcelErrorValue:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    elif isinstance(value, datetime):
        value = value.strftime("%Y-%m-%d %H:%M:%S") if value.time() != time() else value.date().isoformat()
    elif isinstance(value, date):
        value = value.isoformat()
    return clean_text(value)


def split_items(value: CellValue) -> list[str]:
    """``a、b，c|d`` → ``[a, b, c, d]``; line breaks inside a cell separate items too.
    Items are interned: a million-row roster names the same few hundred tags, groups and staff
    over and over, and one shared string each saves hundreds of MB."""
    text = clean_text(str(value or "").replace("\r", "、").replace("\n", "、"))
    seen: dict[str, None] = {}
    for item in _ITEM_SEP.split(text):
        if item.strip():
            seen.setdefault(sys.intern(item.strip()), None)
    return list(seen)


_TAG_PAIRS: dict[tuple[str | None, str], tuple[str | None, str]] = {}
_TAG_PAIRS_KEPT = 50_000  # a workspace has hundreds of tags; the bound only stops a hostile file


def _tag_pair(group: str | None, tag: str) -> tuple[str | None, str]:
    """One shared tuple per distinct tag, like the interned strings in ``split_items``."""
    pair = (group, tag)
    shared = _TAG_PAIRS.get(pair)
    if shared is None:
        shared = pair
        if len(_TAG_PAIRS) < _TAG_PAIRS_KEPT:
            _TAG_PAIRS[pair] = pair
    return shared


def parse_tags(value: CellValue) -> tuple[tuple[str | None, str], ...]:
    """``兴趣:猫粮、新客`` → ``((兴趣, 猫粮), (None, 新客))``."""
    tags: dict[tuple[str | None, str], None] = {}
    text = clean_text(str(value or "").replace("\r", "、").replace("\n", "、"))
    for item in _ITEM_SEP.split(text):
        pair = _TAG_ITEMS.get(item)
        if pair is None:
            pair = _parse_tag_item(item)
            if pair is None:
                continue
        tags.setdefault(pair, None)
    return tuple(tags)


# Raw item text → its (group, tag): a roster names the same few hundred tags a million times.
_TAG_ITEMS: dict[str, tuple[str | None, str]] = {}


def _parse_tag_item(item: str) -> tuple[str | None, str] | None:
    if not item.strip():
        return None
    group, sep, tag = item.strip().partition(GROUP_SEP)
    group, tag = sys.intern(group.strip()), sys.intern(tag.strip())
    if not sep:
        pair = _tag_pair(None, group)
    elif not tag:
        raise _Bad(f"标签「{item.strip()}」只有分组没有标签名，应写成「分组:标签」")
    else:
        pair = _tag_pair(group or None, tag)
    if len(_TAG_ITEMS) < _TAG_PAIRS_KEPT:
        _TAG_ITEMS[item] = pair
    return pair


@lru_cache(maxsize=65536)
def safe_name(name: str) -> str:
    """A tag, group or staff name that survives ``format_tags``/``parse_tags`` (separators → /).
    Cached: an export names the same few hundred tags, staff and groups a million times."""
    return _NOT_IN_NAMES.sub("/", name)


@lru_cache(maxsize=65536)
def _tag_text(group: str | None, tag: str) -> str:
    return f"{safe_name(group)}{GROUP_SEP}{safe_name(tag)}" if group else safe_name(tag)


def format_tags(tags: Iterable[tuple[str | None, str]]) -> str:
    """The one format the writer uses and the reader parses: ``分组:标签、标签``."""
    return TAG_JOIN.join([_tag_text(g, t) for g, t in tags])


def format_items(items: Iterable[str]) -> str:
    return TAG_JOIN.join([safe_name(i) for i in items])


def _to_datetime(value: CellValue, *, allow_epoch: bool) -> datetime | date | str:
    """A cell as a datetime/date, or as a yearless "--MM-DD" string."""
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, bool):
        raise _Bad("不是日期")
    if isinstance(value, int | float):
        if allow_epoch and value > 10**9:  # WeCom exports times as epoch seconds
            return datetime.fromtimestamp(value, UTC)
        if 19000101 <= value <= 29991231 and float(value).is_integer():
            return _to_datetime(str(int(value)), allow_epoch=False)
        if 1 <= value <= _MAX_SERIAL:
            return _EXCEL_EPOCH + timedelta(days=float(value))
        raise _Bad("不是有效的日期")
    text = clean_text(value)
    try:
        if m := _FULL_DATE.fullmatch(text):
            y, mo, d, hh, mm, ss, zone = m.groups()
            dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
            if zone:
                offset = datetime.strptime(zone.replace(":", "").replace("Z", "+0000"), "%z").tzinfo
                return dt.replace(tzinfo=offset)
            return dt if hh else dt.date()
        if m := _COMPACT_DATE.fullmatch(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NO_YEAR.fullmatch(text):
            date(2000, int(m[1]), int(m[2]))  # a leap year, so 2月29日 is accepted
            return f"--{int(m[1]):02d}-{int(m[2]):02d}"
    except ValueError:
        raise _Bad("日期不存在（例如 2月30日）") from None
    raise _Bad("看不懂这个日期，请写成 2023-05-01 或 2023/5/1")


def parse_birthday(value: CellValue) -> str:
    parsed = _to_datetime(value, allow_epoch=False)
    if isinstance(parsed, str):
        return parsed
    day = parsed.date() if isinstance(parsed, datetime) else parsed
    if not 1900 <= day.year <= date.today().year:
        raise _Bad("生日的年份不合理")
    return day.isoformat()


def parse_added_at(value: CellValue, tz: ZoneInfo) -> int:
    parsed = _to_datetime(value, allow_epoch=True)
    if isinstance(parsed, str):
        raise _Bad("添加时间缺少年份")
    if not isinstance(parsed, datetime):
        parsed = datetime.combine(parsed, time())
    if parsed.tzinfo is None:  # wall-clock time in the workspace's zone
        parsed = parsed.replace(tzinfo=tz)
    if not 2000 <= parsed.year <= 2100:
        raise _Bad("添加时间的年份不合理")
    return round(parsed.timestamp())


# A mainland mobile as most files hold it (11 digits, nothing else) is checked against
# libphonenumber's own pattern for CN mobiles (from its metadata, so it stays in step with the
# library): the same answer as a full parse, at a fraction of the ~30 µs each full parse costs.
_CN_MOBILE = re.compile(str(
    PhoneMetadata.metadata_for_region("CN").mobile.national_number_pattern))  # type: ignore[union-attr]


_SCIENTIFIC = re.compile(r"\d+(\.\d+)?[eE]\+?\d+")
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_NOT_MOBILE = "不是中国大陆手机号；座机和境外号码不能导入到手机号列（号码不会被改写），可以写在备注里"


def _is_cn_mobile(phone: str) -> bool:
    return len(phone) == 11 and _CN_MOBILE.fullmatch(phone) is not None


def _parse_phone(value: CellValue) -> str:
    """A mainland mobile as its 11 digits, or the reason the cell is refused. Only mobiles are
    accepted: the phone column matches members and feeds WeCom, and a landline or foreign number
    would be stored rewritten (``010-12345678`` → ``1012345678``), so the row is refused instead,
    and letters are never read as keypad digits."""
    if isinstance(value, float) and value.is_integer() and 1e10 < value < 2e10:
        value = str(int(value))
    if isinstance(value, str) and _is_cn_mobile(value):
        return value
    if isinstance(value, float) and not value.is_integer():
        raise _Bad("不是有效的手机号")
    text = clean_text(value)
    if _SCIENTIFIC.fullmatch(text):
        phone = normalise_phone(text)
        if phone is None:
            raise _Bad("手机号被显示成了科学计数法，后几位已经丢失；请把该列设为「文本」后重新填写")
    elif re.search(r"[A-Za-z]", text):
        raise _Bad("手机号里有字母，不是有效的手机号（不会把字母当成数字）")
    elif not re.fullmatch(r"\+?\d+", _PHONE_SEPARATORS.sub("", text)):
        raise _Bad("不是有效的手机号")
    else:
        phone = normalise_phone(text)
    if phone is None:
        raise _Bad("不是有效的手机号")
    if _is_cn_mobile(phone) or (phone.startswith("+") and phone == text):
        return phone  # a foreign number already in E.164 (what the export writes) is kept as is
    raise _Bad(_NOT_MOBILE if not phone.startswith("+") else
               _NOT_MOBILE + f"；境外手机号请写成不带空格的国际格式，例如 {phone}")


def _parse_int(value: CellValue) -> int:
    if isinstance(value, bool):
        raise _Bad("应为整数")
    if isinstance(value, float):
        if not value.is_integer():
            raise _Bad("应为整数，不能有小数")
        return int(value)
    if isinstance(value, int):
        return value
    text = clean_text(value).replace(",", "").replace(" ", "")
    if not re.fullmatch(r"[+-]?\d+(\.0+)?", text):
        raise _Bad("应为整数")
    return int(float(text)) if "." in text else int(text)


def _parse_points(value: CellValue) -> int:
    points = _parse_int(value)
    if points < 0:
        raise _Bad("积分不能为负数")
    return points


def _parse_level(value: CellValue) -> int:
    level = parse_level(cell_text(value))
    if level is None:
        raise _Bad("无法识别的会员等级，可填：" + "、".join(LEVEL_NAMES.values()))
    return level


def _parse_gender(value: CellValue) -> int:
    gender = _GENDERS.get(cell_text(value).lower())
    if gender is None:
        raise _Bad("性别请填 男、女 或 未知")
    return gender


def _parse_id(value: CellValue) -> str:
    return cell_text(value).replace(" ", "")


def _as_text(value: CellValue) -> CellValue:
    """Numbers and dates written the way ``cell_text`` writes them; text as it is."""
    return value if isinstance(value, str) else cell_text(value)


def parse_name(value: CellValue) -> str:
    """The name as typed (no NFKC: ``ＡＭＹ小店`` stays), on one line; search keys are derived
    from its NFKC form elsewhere (``store.members.derived_fields``)."""
    return tidy_text(_as_text(value), one_line=True)


def parse_remark(value: CellValue) -> str:
    """The remark as typed, line breaks included."""
    return tidy_text(_as_text(value), one_line=False)


def _parse_channel(value: CellValue) -> str:
    return sys.intern(cell_text(value))  # a handful of channels over millions of rows


def _parse_list(value: CellValue) -> tuple[str, ...]:
    return tuple(split_items(value))


_PARSERS: dict[str, Callable[[CellValue], object]] = {
    "name": parse_name, "phone": _parse_phone, "external_userid": _parse_id, "unionid": _parse_id,
    "level": _parse_level, "channel": _parse_channel, "birthday": parse_birthday,
    "staff": _parse_list, "groups": _parse_list, "tags": parse_tags,
    "points": _parse_points, "gender": _parse_gender, "remark": parse_remark,
}


def _is_blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# Fields with few distinct values over a whole roster (levels, channels, staff, dates): each
# distinct cell is parsed once per import and looked up after that.
_MEMO_FIELDS = frozenset({"level", "channel", "gender", "birthday", "staff", "groups", "points"})
_MEMO_KEPT = 100_000
Memo = dict[tuple[str, type, CellValue], object]


def normalise_row(
    cells: Sequence[CellValue], mapping: ColumnMapping, *, row_number: int,
    tz: ZoneInfo | None = None, memo: Memo | None = None, notes: list[str] | None = None,
) -> RosterRow | list[CellProblem]:
    """A clean ``RosterRow``, or every problem found in the row (all of them, not the first).
    ``memo`` (one dict per file) remembers parsed values of the low-variety fields. ``notes``
    receives what was changed in a row that is still imported (a name's line break, an over-long
    note left out), so the preview can say so instead of changing it silently; nothing is added
    for a row that is refused, whose reasons already say what is wrong."""
    zone = tz or ZoneInfo(DEFAULT_TZ)
    values: dict[str, object] = {}
    problems: list[CellProblem] = []
    warnings: list[str] = []
    errors: list[tuple[int, str, ExcelErrorValue]] = []  # (column, label, error)
    for fld, col in mapping.fields.items():
        raw = cells[col] if col < len(cells) else ""
        if _is_blank(raw):
            continue
        if raw.__class__ is ExcelErrorValue:
            errors.append((col, FIELD_LABELS.get(fld, fld), raw))
            continue
        if memo is not None and fld in _MEMO_FIELDS:
            key = (fld, type(raw), raw)
            known = memo.get(key, _MISSING)
            if known is _MISSING:
                try:
                    known = _PARSERS[fld](raw) if len(str(raw)) <= FIELD_MAX_CHARS[fld] else _MISSING
                except _Bad as bad:
                    known = bad
                if known is not _MISSING and len(memo) < _MEMO_KEPT:
                    memo[key] = known
            if isinstance(known, _Bad):
                problems.append(CellProblem(row_number, col, fld, cell_text(raw), str(known)))
                continue
            if known is not _MISSING:
                values[fld] = known
                continue
        # Cleaning only shrinks text, so the raw length is a safe, cheap first test.
        if isinstance(raw, str) and len(raw) > FIELD_MAX_CHARS[fld] and (
            len(shown := cell_text(raw)) > FIELD_MAX_CHARS[fld]
        ):
            if fld in SKIPPABLE_WHEN_TOO_LONG:
                warnings.append(f"第 {row_number} 行：{FIELD_LABELS.get(fld, fld)}太长（{len(shown)} 字，"
                                f"最多 {FIELD_MAX_CHARS[fld]} 字），这一格没有导入，该行其他内容照常导入")
                continue
            problems.append(CellProblem(row_number, col, fld, shown[:40],
                                        f"内容太长（{len(shown)} 字），最多 {FIELD_MAX_CHARS[fld]} 字"))
            continue
        try:
            values[fld] = parse_added_at(raw, zone) if fld == "added_at" else _PARSERS[fld](raw)
        except _Bad as bad:
            problems.append(CellProblem(row_number, col, fld, cell_text(raw), str(bad)))
    extras: dict[str, str] = {}
    for title, col in mapping.extras.items():
        extra = cells[col] if col < len(cells) else ""
        if extra.__class__ is ExcelErrorValue:
            errors.append((col, title, extra))
            continue
        text = cell_text(extra)
        if len(text) > EXTRA_MAX_CHARS:
            problems.append(CellProblem(row_number, col, title, text[:40],
                                        f"内容太长（{len(text)} 字），最多 {EXTRA_MAX_CHARS} 字"))
        elif text:
            extras[title] = text
    if not problems and not any(values.get(f) for f in ("name", "phone", "external_userid", "unionid")):
        said = "；".join(_error_warning(label, code) for _, label, code in sorted(errors, key=_first)
                        if label in _IDENTITY_LABELS)
        problems.append(CellProblem(row_number, None, "name", "",
                                    "这一行没有客户名称、手机号、客户ID 或 unionid，无法知道是谁"
                                    + (f"（{said}）" if said else "")))
    if problems:
        return problems
    if notes is not None and "name" in values:
        raw = cells[mapping.fields["name"]]
        if isinstance(raw, str) and has_line_break(raw.strip()):
            notes.append(f"第 {row_number} 行：客户名称里的换行已改成空格（{values['name']}）")
    if notes is not None:
        for fld in UNSAFE_CHECKED:
            at = mapping.fields.get(fld)
            typed = cells[at] if at is not None and at < len(cells) else None
            if fld in values and isinstance(typed, str) and has_unsafe_chars(typed):
                notes.append(f"第 {row_number} 行：{FIELD_LABELS.get(fld, fld)}里的控制字符或文字方向"
                             f"控制符已删除（{str(values[fld])[:40]}）")
    if notes is not None:
        notes.extend(warnings)
        if errors:
            notes.append(f"第 {row_number} 行：" + "；".join(_error_warning(label, code)
                                                        for _, label, code in sorted(errors, key=_first)))
    # Most rows have no extra columns: they share one empty dict (never mutated; merges copy)
    # instead of a million empty ones.
    return RosterRow(extras=extras or _NO_EXTRAS, source_rows=(row_number,),
                     **values)  # type: ignore[arg-type]


_IDENTITY_LABELS = frozenset(FIELD_LABELS[f] for f in ("name", "phone", "external_userid", "unionid"))
_LEVEL_LABEL = FIELD_LABELS["level"]


def _first(item: tuple[int, str, ExcelErrorValue]) -> int:
    return item[0]


def _error_warning(label: str, error: ExcelErrorValue) -> str:
    """What a cell holding an Excel error (a failed lookup's #N/A …) was taken as: blank."""
    if label == _LEVEL_LABEL:  # the file says nothing: new members get the default level
        return (f"{label}是 Excel 错误值 {error.code}，已按 {LEVEL_NAMES[0]} 处理"
                "（已有客户的等级不变）")
    return f"「{label}」是 Excel 错误值 {error.code}，按空白处理"


@dataclass(frozen=True, slots=True)
class MergeNote:
    """Rows of the file that describe the same member and were merged into one."""

    key: str  # "external_userid:…" or "phone:…"
    rows: tuple[int, ...]  # source row numbers, in file order; the later ones won
    conflicts: tuple[str, ...]  # fields whose values differed (the later value was kept)


@dataclass(slots=True)
class NormalisedRoster:
    rows: list[RosterRow]
    rejected: list[tuple[SheetRow, list[CellProblem]]]
    merges: list[MergeNote]
    notes: list[str] = field(default_factory=list)  # rows imported with a change worth saying


_SCALARS = ("name", "phone", "external_userid", "unionid", "level", "channel", "birthday",
            "added_at", "points", "remark", "gender")
_UNIONS = ("staff", "groups", "tags")


def _merge(old: RosterRow, new: RosterRow) -> tuple[RosterRow, list[str]]:
    """Later row wins for every scalar it fills in; an empty cell never erases. Lists unite."""
    changes: dict[str, object] = {}
    conflicts: list[str] = []
    for name in _SCALARS:
        before, after = getattr(old, name), getattr(new, name)
        if after is None or after == "":
            continue
        if before not in (None, "") and before != after:
            conflicts.append(name)
        changes[name] = after
    for name in _UNIONS:
        changes[name] = tuple(dict.fromkeys(getattr(old, name) + getattr(new, name)))
    extras = dict(old.extras)
    extras.update(new.extras)
    merged = RosterRow(**{**{n: getattr(old, n) for n in _SCALARS}, **changes},
                       extras=extras, source_rows=old.source_rows + new.source_rows)
    return merged, conflicts


def merge_duplicates(
    rows: Iterable[RosterRow], warnings: list[str] | None = None,
) -> tuple[list[RosterRow], list[MergeNote]]:
    """Rows with the same external_userid, else (when neither has a different one) the same phone,
    are one member: merged by ``_merge`` in file order, each merge reported. Rows that share a
    phone but carry different customer IDs stay separate members with the same phone: that is
    legal but usually a typo, so ``warnings`` gets a line naming the rows and the phone."""
    out: list[RosterRow] = []
    by_id: dict[str, int] = {}
    by_phone: dict[str, int] = {}
    keys: dict[int, str] = {}
    conflicts: dict[int, set[str]] = {}
    for row in rows:
        target: int | None = None
        if row.external_userid and row.external_userid in by_id:
            target = by_id[row.external_userid]
        elif row.phone and row.phone in by_phone:
            candidate = by_phone[row.phone]
            other = out[candidate].external_userid
            if not (row.external_userid and other and other != row.external_userid):
                target = candidate
            elif warnings is not None:
                rows_text = "、".join(map(str, out[candidate].source_rows + row.source_rows))
                warnings.append(f"第 {rows_text} 行的手机号都是 {row.phone}，但客户ID不同，"
                                "已按不同客户导入（同一个手机号会出现在多位客户上）")
        if target is None:
            target = len(out)
            out.append(row)
        else:
            out[target], changed = _merge(out[target], row)
            conflicts.setdefault(target, set()).update(changed)
            keys.setdefault(target, f"external_userid:{row.external_userid}" if row.external_userid
                            and row.external_userid in by_id else f"phone:{row.phone}")
        merged = out[target]
        if merged.external_userid:
            by_id.setdefault(merged.external_userid, target)
        if merged.phone:
            by_phone.setdefault(merged.phone, target)
    notes = [MergeNote(keys[i], out[i].source_rows, tuple(sorted(conflicts.get(i, ()))))
             for i in sorted(keys)]
    return out, notes


def normalise_rows(
    rows: Iterable[SheetRow], mapping: ColumnMapping, *, tz: ZoneInfo | None = None,
    merge: bool = True, progress: Callable[[int], None] | None = None,
    cancel: Callable[[], None] | None = None,
) -> NormalisedRoster:
    """Normalise the data rows (header and totals already removed) and merge duplicates.
    ``progress(rows_done)`` and ``cancel()`` (raises Cancelled) are called every 1000 rows."""
    good: list[RosterRow] = []
    rejected: list[tuple[SheetRow, list[CellProblem]]] = []
    zone = tz or ZoneInfo(DEFAULT_TZ)
    memo: Memo = {}
    notes: list[str] = []
    done = 0
    for row in rows:
        done += 1
        if done % 1000 == 0:
            if cancel:
                cancel()
            if progress:
                progress(done)
        result = normalise_row(row.cells, mapping, row_number=row.number, tz=zone, memo=memo,
                               notes=notes)
        if isinstance(result, RosterRow):
            good.append(result)
        else:
            rejected.append((row, result))
    if progress:
        progress(done)
    if not merge:
        return NormalisedRoster(good, rejected, [], notes)
    merged, merges = merge_duplicates(good, notes)
    return NormalisedRoster(merged, rejected, merges, notes)
