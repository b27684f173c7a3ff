"""Finding the header row of a roster and matching its columns to member fields.

Operators' files come from everywhere — WeCom's own export, a CRM, a colleague's hand-made sheet —
so headers vary (客户名称 / 昵称 / 姓名 / name) and sit under title rows or merged banners. The
mapping found here is shown to the operator to confirm or correct, then saved under the header's
signature so the next file of the same kind maps itself.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from siyu_desktop.domain.people import clean_text
from siyu_desktop.errors import ImportFormatError
from siyu_desktop.excel.reader import CellValue, SheetRow

HEADER_SCAN_ROWS = 30

# Aliases per field, best first, compared after ``normalise_header``. The order of the dict is the
# order fields are shown in and exported in.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("客户名称", "客户姓名", "姓名", "会员姓名", "会员名称", "昵称", "客户昵称", "微信昵称",
             "名称", "客户", "name", "nickname", "customername", "customer"),
    "phone": ("手机号", "手机号码", "手机", "联系电话", "电话", "电话号码", "联系方式", "mobile",
              "phone", "phonenumber", "mobilephone", "tel", "telephone"),
    "external_userid": ("externaluserid", "客户id", "外部联系人id", "外部联系人userid", "客户userid",
                        "外部id", "externalid"),
    "unionid": ("unionid", "微信unionid"),
    "level": ("会员等级", "等级", "会员级别", "level", "memberlevel", "tier"),
    "channel": ("渠道", "来源", "来源渠道", "添加渠道", "获客渠道", "channel", "source", "state"),
    "birthday": ("生日", "出生日期", "birthday", "birth", "dateofbirth", "dob"),
    "added_at": ("添加时间", "加好友时间", "添加好友时间", "加入时间", "创建时间", "added", "addedat",
                 "addtime", "createtime"),
    "staff": ("跟进人", "所属员工", "添加人", "跟进员工", "所属成员", "负责人", "staff", "owner",
              "follower"),
    "groups": ("所在群", "所在群聊", "群聊", "客户群", "群", "groups", "group", "groupname"),
    "tags": ("标签", "客户标签", "企业标签", "tags", "tag", "labels"),
    "points": ("积分", "当前积分", "积分余额", "可用积分", "points", "point", "credits"),
    "gender": ("性别", "gender", "sex"),
    "remark": ("备注", "备注名", "描述", "remark", "remarks", "note", "notes"),
}

FIELD_LABELS: dict[str, str] = {
    "name": "客户名称", "phone": "手机号", "external_userid": "客户ID", "unionid": "unionid",
    "level": "会员等级", "channel": "渠道", "birthday": "生日", "added_at": "添加时间",
    "staff": "跟进人", "groups": "所在群", "tags": "标签", "points": "积分", "gender": "性别",
    "remark": "备注",
}

IDENTITY_FIELDS = ("name", "phone", "external_userid", "unionid")
# Columns that carry no member data: our own rejects file's reason column, row counters.
IGNORED_HEADERS = frozenset({"错误原因", "序号", "行号", "no", "#"})
# Too generic to match as a substring ("客户标签" is tags, not name).
_NO_SUBSTRING = frozenset({"客户", "名称", "群", "电话", "tag", "group", "note", "state", "birth",
                           "point", "owner", "source", "added"})
# A totals block at the bottom (小计, 合计, 总计 …) is at most this many rows.
TOTALS_LOOKBACK = 32
TOTAL_WORDS = frozenset({"合计", "总计", "小计", "汇总", "总数", "total", "totals", "sum", "grandtotal"})

_NOTE = re.compile(r"[(（\[【].*?[)）\]】]")
_PUNCT = re.compile(r"[\s_\-*:：/·.]+")


def normalise_header(value: CellValue) -> str:
    """``客户 名称（必填）*`` → ``客户名称``; ``External_UserID`` → ``externaluserid``."""
    text = clean_text(value).lower()
    text = _NOTE.sub("", text)
    return _PUNCT.sub("", text)


def match_field(header: CellValue) -> tuple[str, int] | None:
    """(field, score) for one header cell, lower score = better; None if it is not known."""
    norm = normalise_header(header)
    if not norm or norm in IGNORED_HEADERS:
        return None
    for fld, aliases in FIELD_ALIASES.items():
        if norm in aliases:
            return fld, aliases.index(norm)
    best: tuple[str, int] | None = None
    for fld, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            if len(alias) >= 2 and alias not in _NO_SUBSTRING and alias in norm:
                score = 100 - len(alias)  # substring matches rank after all exact ones; longer wins
                if best is None or score < best[1]:
                    best = (fld, score)
    return best


def header_signature(header: Sequence[CellValue]) -> str:
    """The "file kind" key a confirmed mapping is saved under: a hash of the normalised header."""
    joined = "\x1f".join(normalise_header(h) for h in header)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column (0-based index) feeds which field; other named columns are kept as extras."""

    fields: dict[str, int] = field(default_factory=dict)
    extras: dict[str, int] = field(default_factory=dict)
    signature: str = ""

    def column_of(self, fld: str) -> int | None:
        return self.fields.get(fld)

    def with_field(self, fld: str, column: int | None) -> ColumnMapping:
        """The operator's correction: map ``fld`` to ``column`` (or unmap it with None). A column
        feeds one field only, so it is taken away from whatever had it before."""
        if fld not in FIELD_ALIASES:
            raise ValueError(f"unknown field {fld!r}")
        fields = {f: c for f, c in self.fields.items() if f != fld and c != column}
        extras = {h: c for h, c in self.extras.items() if c != column}
        if column is not None:
            fields[fld] = column
        return replace(self, fields=fields, extras=extras)

    def problems(self) -> list[str]:
        """What stops an import with this mapping, in the operator's words."""
        if not any(f in self.fields for f in IDENTITY_FIELDS):
            return ["没有找到能识别客户的列：至少需要「客户名称」「手机号」「客户ID」「unionid」中的一列。"]
        return []

    def to_json(self) -> str:
        return json.dumps({"version": 1, "signature": self.signature, "fields": self.fields,
                           "extras": self.extras}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ValueError("unsupported mapping document")
        fields = {str(k): int(v) for k, v in data.get("fields", {}).items() if k in FIELD_ALIASES}
        extras = {str(k): int(v) for k, v in data.get("extras", {}).items()}
        return cls(fields, extras, str(data.get("signature", "")))


def auto_map(header: Sequence[CellValue]) -> ColumnMapping:
    """Best guess: exact aliases before substrings, better aliases first, then leftmost column."""
    candidates: list[tuple[int, int, str]] = []
    for col, cell in enumerate(header):
        found = match_field(cell)
        if found:
            candidates.append((found[1], col, found[0]))
    fields: dict[str, int] = {}
    taken: set[int] = set()
    for _score, col, fld in sorted(candidates):
        if fld not in fields and col not in taken:
            fields[fld] = col
            taken.add(col)
    extras: dict[str, int] = {}
    for col, cell in enumerate(header):
        title = clean_text(cell)
        if col in taken or not title or normalise_header(cell) in IGNORED_HEADERS:
            continue
        key, n = title, 2
        while key in extras or key in FIELD_ALIASES:
            key, n = f"{title}({n})", n + 1
        extras[key] = col
    return ColumnMapping(fields, extras, header_signature(header))


@dataclass(frozen=True, slots=True)
class HeaderGuess:
    index: int  # position in the rows passed to detect_header
    row_number: int  # as Excel shows it
    cells: list[CellValue]


def detect_header(rows: Sequence[SheetRow]) -> HeaderGuess:
    """The header among the first ``HEADER_SCAN_ROWS`` non-blank rows: the first row naming at
    least two known fields, else the row with the most text cells (titles and merged banners above
    the header have one text cell; data rows have numbers and dates)."""
    scan = list(rows[:HEADER_SCAN_ROWS])
    if not scan:
        raise ImportFormatError("工作表是空的，没有找到表头。", "请确认选择了有名单的工作表。",
                                english="The sheet is empty.",
                                english_hint="Make sure you chose the sheet that holds the roster.")
    for i, row in enumerate(scan):
        if len({m[0] for c in row.cells if (m := match_field(c))}) >= 2:
            return HeaderGuess(i, row.number, row.cells)
    densest = max(range(len(scan)), key=lambda i: (_text_cells(scan[i].cells), -i))
    return HeaderGuess(densest, scan[densest].number, scan[densest].cells)


def _text_cells(cells: Sequence[CellValue]) -> int:
    return sum(1 for c in cells if isinstance(c, str) and clean_text(c) and not _looks_numeric(c))


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[\d\s.,:/+\-年月日eE]+", text))


def is_totals_row(cells: Sequence[CellValue]) -> bool:
    """A 合计 / 总计 / Total line: its first text cell says so (``合计：1,234 人`` included)."""
    for cell in cells:
        text = normalise_header(cell)
        if not text:
            continue
        return text in TOTAL_WORDS or any(text.startswith(w) for w in ("合计", "总计", "total"))
    return False


def drop_totals(rows: Iterable[SheetRow], dropped: list[int] | None = None) -> Iterator[SheetRow]:
    """Pass rows through, dropping the totals rows at the bottom (their numbers appended to
    ``dropped``); totals rows in the middle are kept. Only the last ``TOTALS_LOOKBACK`` rows are
    held back and looked at, so a million-row sheet costs a queue, not a million checks."""
    tail: deque[SheetRow] = deque()
    for row in rows:
        tail.append(row)
        if len(tail) > TOTALS_LOOKBACK:
            yield tail.popleft()
    cut = len(tail)
    while cut and is_totals_row(tail[cut - 1].cells):
        cut -= 1
    for _ in range(cut):
        yield tail.popleft()
    if dropped is not None:
        dropped.extend(r.number for r in tail)
