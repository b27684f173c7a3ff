from __future__ import annotations

import pytest

from siyu_desktop.domain.people import (
    clean_text,
    normalise_phone,
    pinyin_full,
    pinyin_initials,
    pinyin_keys,
)


@pytest.mark.parametrize("raw, expected", [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("138-1234-5678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("0086-13812345678", "13812345678"),
    ("+8613812345678", "13812345678"),
    (13812345678, "13812345678"),
    (13812345678.0, "13812345678"),
    ("1.3812345678E+10", "13812345678"),
    ("１３８１２３４５６７８", "13812345678"),  # full-width digits from a Chinese IME
    ("\u200b13812345678 ", "13812345678"),
    ("+1 650 253 0000", "+16502530000"),
    ("010-6552 9988", "1065529988"),  # a Beijing landline keeps its area code
])
def test_phones_normalise(raw: object, expected: str) -> None:
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", [
    "", None, "12345", "abc", "1.38123E+10",  # Excel rounded the digits away
    13812345678.5, "138123456789999",
])
def test_bad_phones_are_refused(raw: object) -> None:
    assert normalise_phone(raw) is None


def test_pinyin_initials_and_full() -> None:
    assert pinyin_initials("张三") == "zs"
    assert pinyin_initials("林晓") == "lx"
    assert pinyin_initials("Coco李") == "cocol"
    assert pinyin_full("张三") == "zhangsan"
    assert pinyin_initials("") == ""


def test_clean_text() -> None:
    assert clean_text("  王\u200b五  ") == "王五"
    assert clean_text("ＶＩＰ　客户") == "VIP 客户"
    assert clean_text(None) == ""


def test_pinyin_fast_path_agrees_with_pypinyin() -> None:
    """Names spelled a character at a time from the cache read the same as pypinyin's own
    phrase-aware conversion, over names drawn from its whole dictionary, polyphonic ones too."""
    import random

    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PINYIN_DICT

    def reference(name: str) -> tuple[str, str]:
        full = "".join(ch for part in lazy_pinyin(name, errors="default") for ch in part.lower()
                       if ch.isalnum() or ch > "\u007f")
        letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
        return full, "".join(ch for part in letters for ch in part.lower() if ch.isalnum())

    chars = [chr(c) for c in PINYIN_DICT if c < 0x10000]
    rnd = random.Random(7)
    names = ["".join(rnd.choice(chars) for _ in range(rnd.randint(1, 4))) for _ in range(3000)]
    names += ["曾小贤", "单田芳", "长孙无忌", "乐嘉", "Tom 张", "李 明", "😀王", "Ｗ王", "〇一", ""]
    assert [pinyin_keys(n) for n in names] == [reference(n) for n in names]
    assert pinyin_keys("曾小贤") == ("cengxiaoxian", "cxx")
