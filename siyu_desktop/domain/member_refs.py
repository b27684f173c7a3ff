"""Members named in pasted text: member ids (客户编号), phone numbers or WeCom external user ids,
one per line or separated by commas, semicolons, 顿号 or spaces.

A run of digits up to 10 long is a member id; 11 digits or more (or a ``+``) is a phone number,
read as the roster stores it (``+86 138 1234 5678`` → ``13812345678``); anything else is an
external user id (``wmXXXX…``), matched exactly. What could not be matched is kept with the
reason, in the operator's words, so the list can be fixed and pasted again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .people import clean_text, normalise_phone

_SEPARATORS = re.compile(r"[\s,，;；、|]+")
_NUMBERISH = re.compile(r"\+?\d[\d\-]*")
MAX_ID_DIGITS = 10


class RefKind(StrEnum):
    ID = "id"
    PHONE = "phone"
    EXTERNAL = "external_userid"


@dataclass(frozen=True, slots=True)
class Ref:
    kind: RefKind
    value: str | int
    text: str  # as pasted


@dataclass(frozen=True, slots=True)
class Unmatched:
    text: str
    why: str
    why_en: str


@dataclass(frozen=True, slots=True)
class Resolution:
    member_ids: tuple[int, ...]  # in the order first named, each once
    unmatched: tuple[Unmatched, ...] = ()
    repeated: int = 0  # names of a member already named earlier in the list
    tokens: int = 0
    by_kind: Mapping[RefKind, int] = field(default_factory=dict)  # matched names per kind


_COUNTRY = re.compile(r"(?:\+|00)86[\s\-]*(?=1\d{2})")
_GROUPED_MOBILE = re.compile(r"(?<!\d)(1\d{2})[ \-](\d{4})[ \-](\d{4})(?!\d)")


def split_refs(text: str) -> list[str]:
    """The names in ``text``. A mobile written in groups (``138 1234 5678``, ``+86 138…``) stays
    one name: split at its spaces it would name members 138, 1234 and 5678."""
    text = _GROUPED_MOBILE.sub(r"\1\2\3", _COUNTRY.sub("", text))
    return [t for t in _SEPARATORS.split(text) if t]


def parse_ref(token: str) -> Ref:
    cleaned = clean_text(token)
    if _NUMBERISH.fullmatch(cleaned):
        digits = cleaned.replace("-", "").lstrip("+")
        if not cleaned.startswith("+") and len(digits) <= MAX_ID_DIGITS:
            return Ref(RefKind.ID, int(digits), token)
        return Ref(RefKind.PHONE, normalise_phone(cleaned) or digits, token)
    return Ref(RefKind.EXTERNAL, cleaned, token)


def parse_refs(text: str) -> list[Ref]:
    return [parse_ref(t) for t in split_refs(text)]


def lookups(refs: Iterable[Ref]) -> dict[RefKind, list[str | int]]:
    """The values to look up per column, each once."""
    out: dict[RefKind, list[str | int]] = {}
    for ref in refs:
        values = out.setdefault(ref.kind, [])
        if ref.value not in values:
            values.append(ref.value)
    return out


def resolve(refs: Sequence[Ref], found: Mapping[RefKind, Mapping[str | int, Sequence[int]]]
            ) -> Resolution:
    """Match each pasted name to its member with what the members table holds
    (``found[kind][value]`` → the member ids with that value)."""
    ids: list[int] = []
    seen: set[int] = set()
    unmatched: list[Unmatched] = []
    repeated = 0
    by_kind: dict[RefKind, int] = {}
    for ref in refs:
        hits = list(found.get(ref.kind, {}).get(ref.value, ()))
        if not hits:
            unmatched.append(_not_found(ref))
            continue
        if len(hits) > 1:
            unmatched.append(Unmatched(ref.text, f"这个手机号属于 {len(hits)} 位客户，请改用客户编号",
                                       f"{len(hits)} members have this phone number; use their "
                                       f"member ids instead"))
            continue
        by_kind[ref.kind] = by_kind.get(ref.kind, 0) + 1
        if hits[0] in seen:
            repeated += 1
            continue
        seen.add(hits[0])
        ids.append(hits[0])
    return Resolution(tuple(ids), tuple(unmatched), repeated, len(refs), by_kind)


def _not_found(ref: Ref) -> Unmatched:
    if ref.kind is RefKind.ID:
        return Unmatched(ref.text, "没有这个客户编号", "no member has this id")
    if ref.kind is RefKind.PHONE:
        return Unmatched(ref.text, "没有客户使用这个手机号", "no member has this phone number")
    return Unmatched(ref.text, "没有这个客户 ID（external_userid）",
                     "no member has this external user id")
