"""Normalising what people type about people: names, phones, pinyin initials for search."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import phonenumbers
from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

# Zero-width and BOM characters that ride along in copy-pasted Excel cells.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_ZWJ = "\u200d"
_SPACES = re.compile(r"\s+")
_LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|[\r\n\u2028\u2029\x0b\x0c])[\s]*")
# Code points that are (mostly) emoji, and what may follow an emoji inside one sequence
# (variation selectors, skin tones, keycap, tag characters). A close approximation of Unicode's
# Extended_Pictographic without a dependency: it only decides which U+200D joiners are kept.
_EMOJI_RANGES = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2300, 0x23FF), (0x2B00, 0x2BFF),
                 (0x2190, 0x21FF), (0x2934, 0x2935), (0x3030, 0x3030), (0x303D, 0x303D),
                 (0x3297, 0x3299), (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C),
                 (0x2049, 0x2049), (0x2122, 0x2122), (0x2139, 0x2139))
_EMOJI_TAIL = frozenset("\ufe0e\ufe0f\u20e3") | frozenset(map(chr, range(0xE0020, 0xE0080)))


def _is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _EMOJI_RANGES)


def _joins_emoji(text: str, i: int) -> bool:
    """Whether the U+200D at ``i`` glues two emoji into one (👨‍👩‍👧): then it is content."""
    j = i - 1
    while j >= 0 and text[j] in _EMOJI_TAIL:
        j -= 1
    return j >= 0 and i + 1 < len(text) and _is_emoji(text[j]) and _is_emoji(text[i + 1])


def drop_invisible(text: str) -> str:
    """Zero-width characters and BOMs removed, except the joiners inside emoji sequences (a
    family 👨‍👩‍👧‍👦 without them falls apart into four people). Variation selectors stay."""
    if _ZWJ not in text:
        return text.translate(_INVISIBLE)
    return "".join(ch for i, ch in enumerate(text)
                   if ord(ch) not in _INVISIBLE or (ch == _ZWJ and _joins_emoji(text, i)))


# Characters that must never be stored in what people read: C0 and C1 control characters (NUL
# included) and DEL, and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
# U+2066–U+2069) that can make a name or an exported list display something other than what it
# holds ("Trojan Source"). Tab and line breaks are not here: a one-line field turns them into a
# space, a multi-line field keeps line breaks. The plain direction marks U+200E/U+200F/U+061C
# stay: they cannot reorder strong characters, and right-to-left names legitimately carry them.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TABS = re.compile(r"\t+")


def has_unsafe_chars(text: str) -> bool:
    """Whether ``text`` holds control characters or bidirectional overrides (see ``_UNSAFE``)."""
    return _UNSAFE.search(text) is not None


def drop_unsafe(text: str) -> str:
    """``text`` without control characters and bidirectional overrides."""
    return _UNSAFE.sub("", text)


def clean_text(value: object) -> str:
    """Full-width to half-width (NFKC), invisible characters removed, runs of spaces collapsed.
    This is a *key* (matching, search, tag and staff names), not what is stored as typed."""
    if value is None:
        return ""
    text = drop_unsafe(drop_invisible(unicodedata.normalize("NFKC", str(value))))
    return _SPACES.sub(" ", text).strip()


def tidy_text(value: object, *, one_line: bool) -> str:
    """Text as the operator wrote it — no NFKC, so ``ＡＭＹ`` and ``：`` stay — with the ends
    trimmed and invisible characters, control characters and bidirectional overrides dropped
    (``has_unsafe_chars`` tells whether there were any). ``one_line``: a line break or tab (and
    the spaces around it) becomes one space; otherwise line breaks and tabs are kept, line
    breaks written as ``\n``."""
    if value is None:
        return ""
    text = drop_invisible(str(value))
    if one_line:
        text = _TABS.sub(" ", _LINE_BREAKS.sub(" ", text))
    else:  # blank lines and indentation are the operator's; only Windows' \r\n is unified
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return drop_unsafe(text).strip()


def has_line_break(text: str) -> bool:
    return _LINE_BREAKS.search(text) is not None


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
    elif re.search(r"[A-Za-z]", text):
        return None  # phonenumbers would turn letters into keypad digits (abc → 222)
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


def pinyin_keys(name: str) -> tuple[str, str]:
    """``张三`` → ``("zhangsan", "zs")``: the full pinyin (the sort key for names: code-point order
    means nothing for 汉字) and the initials (search). Latin letters and digits are kept
    lower-cased; other symbols are dropped from the initials.

    pypinyin reads a character by its default reading unless it is part of a word in its phrase
    dictionary. So a name with no such word inside is spelled a character at a time from a
    cache (a dictionary lookup each) and only the others go through pypinyin itself: the same
    answer, ~40× faster, which matters when a roster of a million names is imported."""
    for size in range(2, len(name) + 1):
        for start in range(len(name) - size + 1):
            if name[start:start + size] in PHRASES_DICT:
                return _pinyin_keys_slow(name)
    full: list[str] = []
    initials: list[str] = []
    for ch in name:
        reading = _READINGS.get(ch)
        if reading is None and ch not in _OTHER:
            reading = _reading(ch)
        if reading is None:
            if ch.isalnum():
                low = ch.lower()
                full.append(low)
                initials.append(low)
            elif ch > "\u007f":
                full.append(ch)
        else:
            full.append(reading)
            initials.append(reading[0])
    return "".join(full), "".join(initials)


_READINGS: dict[str, str] = {}
_OTHER: set[str] = set()


def _reading(ch: str) -> str | None:
    """Learn one character's default reading (None when it is not 汉字)."""
    if ord(ch) not in PINYIN_DICT:
        _OTHER.add(ch)
        return None
    reading = lazy_pinyin(ch, errors="default")[0].lower()
    _READINGS[ch] = reading
    return reading


@lru_cache(maxsize=65536)
def _pinyin_keys_slow(name: str) -> tuple[str, str]:
    parts = lazy_pinyin(name, errors="default")
    full = "".join(ch for part in parts for ch in part.lower() if ch.isalnum() or ch > "\u007f")
    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return full, "".join(ch for part in letters for ch in part.lower() if ch.isalnum())


def pinyin_initials(name: str) -> str:
    """``张三`` → ``zs``."""
    return pinyin_keys(name)[1]


def pinyin_full(name: str) -> str:
    """``张三`` → ``zhangsan``."""
    return pinyin_keys(name)[0]


def is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)
