"""Normalising what people type about people: names, phones, pinyin initials for search."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import phonenumbers
from pypinyin import Style, lazy_pinyin

# Zero-width and BOM characters that ride along in copy-pasted Excel cells.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """Full-width to half-width (NFKC), invisible characters removed, runs of spaces collapsed."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def normalise_phone(value: object, region: str = "CN") -> str | None:
    """A phone as digits in E.164 without the ``+86`` for mainland mobiles (``13812345678``).

    Accepts numbers typed with spaces, dashes, ``+86``/``0086``, or that Excel turned into a float
    or scientific notation (``1.38123E+10`` is refused: it lost digits). Returns ``None`` for
    anything that is not a valid number.
    """
    if value is None:
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    text = clean_text(value)
    if not text:
        return None
    sci = re.fullmatch(r"(\d+)(?:\.(\d+))?[eE]\+?(\d+)", text)
    if sci:
        mantissa_digits = len(sci.group(1)) + len(sci.group(2) or "")
        if mantissa_digits < len(sci.group(1)) + int(sci.group(3)):
            return None  # Excel rounded it away: the real digits are gone
        text = str(int(float(text)))
    text = re.sub(r"[\s\-().]", "", text)
    if text.startswith("0086"):
        text = "+86" + text[4:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if number.country_code == 86:
        return str(number.national_number)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=65536)
def pinyin_initials(name: str) -> str:
    """``张三`` → ``zs``; Latin letters and digits are kept lower-cased; other symbols dropped."""
    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return "".join(ch for part in parts for ch in part.lower() if ch.isalnum())


@lru_cache(maxsize=65536)
def pinyin_full(name: str) -> str:
    """``张三`` → ``zhangsan``: the sort key for names (code-point order means nothing for 汉字)."""
    parts = lazy_pinyin(name, errors="default")
    return "".join(ch for part in parts for ch in part.lower() if ch.isalnum() or ch > "\u007f")


def is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)
