"""Rules of a points spreadsheet: what an amount cell may say, which member a row means, and the
idempotency key each row's entry carries.

An operator's 积分 cell comes typed by hand or pasted: ``50``, ``+50``, ``-20``, ``50分``,
``１，０００`` (full width), ``−20`` (a typographic minus), or a number Excel stored as ``50.0``.
Anything that is not a whole, non-zero number within ``MAX_ROW_POINTS`` is refused in words, never
rounded: a decimal is a mistake to show, not to guess at; a phone number pasted into the column
(``13812345678``) is refused as too large.

Every row's entry is keyed ``sheet:{file key}:{member id}``: the file key is the row's 批次 cell,
else the key given for the whole file, else a hash of the file's bytes, so importing the same file
(or the same batch) twice gives nobody the points twice.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .points import Kind, Source

MAX_ROW_POINTS = 1_000_000  # one row's amount, either way
MAX_KEY_CHARS = 64
MAX_REASON_CHARS = 200
KEY_PREFIX = "sheet"

KIND_NAMES: dict[Kind, tuple[str, str]] = {
    Kind.EARN: ("获得", "earned"), Kind.SPEND: ("使用", "spent"),
    Kind.EXPIRE: ("过期", "expired"), Kind.ADJUST: ("调整", "adjusted"),
    Kind.REVERSE: ("冲正", "reversed")}
SOURCE_NAMES: dict[Source, tuple[str, str]] = {
    Source.GAME: ("互动游戏", "game"), Source.REDEMPTION: ("兑换", "redemption"),
    Source.IMPORT: ("导入", "import"), Source.RULE: ("规则", "rule"),
    Source.MANUAL: ("手动", "manual"), Source.SYSTEM: ("系统", "system")}


class CellError(ValueError):
    """A cell that cannot be used: ``message`` in Chinese, ``english`` in English."""

    def __init__(self, message: str, english: str) -> None:
        super().__init__(english)
        self.message = message
        self.english = english


_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-"})
_SUFFIX = re.compile(r"(积分|分|points?|pts?)$", re.IGNORECASE)
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_WHOLE = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d*\.\d+|[+-]?\d+\.\d*")


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 20 else text[:20] + "…"


def parse_amount(value: object) -> int:
    """A 积分 cell as a signed whole number of points (positive gives, negative takes back)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CellError("没有填写积分。", "The points cell is empty.")
    if isinstance(value, bool):
        raise CellError(f"“{value}”不是数字。", f"{value!r} is not a number.")
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise CellError(f"积分必须是整数，不能是 {_shown(value)}。",
                            f"Points must be a whole number, not {_shown(value)}.")
        return _checked(int(value))
    if isinstance(value, int):
        return _checked(value)
    if not isinstance(value, str):
        raise CellError(f"“{_shown(value)}”不是数字。", f"{_shown(value)!r} is not a number.")
    text = unicodedata.normalize("NFKC", value).translate(_MINUS)
    text = re.sub(r"\s+", "", text)
    text = _SUFFIX.sub("", text)
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if _WHOLE.fullmatch(text):
        return _checked(int(text))
    if _DECIMAL.fullmatch(text):
        number = float(text)
        if number.is_integer():  # "50.0", "50." typed as text
            return _checked(int(number))
        raise CellError(f"积分必须是整数，不能是 {_shown(value.strip())}。",
                        f"Points must be a whole number, not {_shown(value.strip())}.")
    raise CellError(f"“{_shown(value.strip())}”不是数字；请填写整数，如 50 或 -20。",
                    f"{_shown(value.strip())!r} is not a number; write a whole number such as "
                    f"50 or -20.")


def _checked(amount: int) -> int:
    if amount == 0:
        raise CellError("积分为 0，没有变化。", "The amount is 0: nothing to change.")
    if abs(amount) > MAX_ROW_POINTS:
        raise CellError(f"积分 {amount:,} 超过单行上限 {MAX_ROW_POINTS:,}（是不是把手机号填进了积分列？）。",
                        f"{amount:,} points is more than one row may give or take "
                        f"({MAX_ROW_POINTS:,}); is a phone number in the points column?")
    return amount


def parse_member_id(value: object) -> int:
    """A 客户编号 cell: the workspace's own member number."""
    if isinstance(value, bool):
        raise CellError("客户编号必须是数字。", "The member number must be a number.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if text.isdigit():
            value = int(text)
    if isinstance(value, int) and value > 0:
        return value
    raise CellError(f"客户编号“{_shown(value)}”不是正整数。",
                    f"The member number {_shown(value)!r} is not a positive whole number.")


def check_key(key: str) -> str:
    """A batch key as given (a 批次 cell or the key for the whole file), trimmed."""
    text = unicodedata.normalize("NFKC", key).strip()
    if not text:
        raise CellError("批次不能为空。", "The batch key cannot be empty.")
    if ":" in text:
        raise CellError(f"批次“{_shown(text)}”不能含有冒号。",
                        f"The batch key {_shown(text)!r} cannot hold a colon.")
    if len(text) > MAX_KEY_CHARS:
        raise CellError(f"批次太长（最多 {MAX_KEY_CHARS} 个字）。",
                        f"The batch key is too long (at most {MAX_KEY_CHARS} characters).")
    return text


def content_key(chunks: Iterable[bytes]) -> str:
    """The default file key: a hash of the file's bytes (the same file gives the same key)."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return "f" + digest.hexdigest()[:15]


def row_key(file_key: str, member_id: int) -> str:
    return f"{KEY_PREFIX}:{file_key}:{member_id}"


@dataclass(frozen=True, slots=True)
class Lookup:
    """What one identifying cell of a row found: the column's label, the value as read and the
    members it matches."""

    label: str
    label_en: str
    value: str
    members: tuple[int, ...]


def pick_member(found: Sequence[Lookup]) -> int:
    """The member a row means, from its identifying cells (in the order given, best first).
    One cell that names exactly one member decides; cells that name different members, or only
    cells that match several or none, refuse the row."""
    unique = [f for f in found if len(f.members) == 1]
    chosen = {f.members[0] for f in unique}
    if len(chosen) > 1:
        a, b = unique[0], next(f for f in unique if f.members[0] != unique[0].members[0])
        raise CellError(f"{a.label}“{a.value}”和{b.label}“{b.value}”指向不同的客户"
                        f"（{a.members[0]} 与 {b.members[0]}）。",
                        f"{a.label_en} {a.value!r} and {b.label_en} {b.value!r} name different members "
                        f"({a.members[0]} and {b.members[0]}).")
    if chosen:
        return chosen.pop()
    several = next((f for f in found if len(f.members) > 1), None)
    if several is not None:
        raise CellError(f"{several.label}“{several.value}”对应 {len(several.members)} 位客户，"
                        f"无法确定是哪一位；请改用客户编号或客户ID。",
                        f"{several.value!r} matches {len(several.members)} members; use the "
                        f"member number or the WeCom customer id instead.")
    if not found:
        raise CellError("没有能识别客户的信息（客户编号、客户ID、手机号都是空的）。",
                        "Nothing identifies the member (number, customer id and phone are "
                        "all empty).")
    first = found[0]
    raise CellError(f"找不到{first.label}为“{first.value}”的客户。",
                    f"No member has the {first.label_en} {first.value!r}.")


def tidy_reason(value: object) -> str:
    """A 原因 cell (or the reason for the whole file): one line, trimmed, not too long."""
    text = re.sub(r"\s+", " ", "" if value is None else str(value)).strip()
    if len(text) > MAX_REASON_CHARS:
        raise CellError(f"原因太长（最多 {MAX_REASON_CHARS} 个字）。",
                        f"The reason is too long (at most {MAX_REASON_CHARS} characters).")
    return text
