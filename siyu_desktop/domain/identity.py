"""Which existing member an incoming record (a roster row, a WeCom contact) is: one rule for the
import and the sync.

Identifiers, strongest first, and why:

1. ``member_id`` — the workspace's own key, when a file carries it back: it names one row.
2. ``external_userid`` — WeCom's id of the customer in this corp: issued by WeCom, stable for
   the corp's lifetime and unique in the workspace.
3. ``unionid`` — the customer's WeChat identity across the brand's apps; stable, but present only
   when the corp has bound a WeChat open platform account, so many members lack it.
4. ``phone`` — typed by people, shared in families, recycled by carriers: the weakest.

The two strongest are decisive: a record matched by them is that member, whatever weaker
identifiers say (a second member with the same phone is a duplicate to merge, not another
match). Otherwise the weaker identifiers must agree: unionid pointing at one member and the
phone at another is a ``Conflict``; one identifier pointing at several members is ``Ambiguous``.
Neither is ever settled by picking one (the lowest id, the first found): the caller reports it.

A candidate that carries a different value of a stronger identifier than the record is someone
else and is left out: a phone match whose member has another external_userid or unionid is the
phone's previous (or other) owner.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Key = Literal["member_id", "external_userid", "unionid", "phone"]
PRECEDENCE: tuple[Key, ...] = ("member_id", "external_userid", "unionid", "phone")
DECISIVE: frozenset[Key] = frozenset({"member_id", "external_userid"})


@dataclass(frozen=True, slots=True)
class Incoming:
    """What a record says about who it is (blank: not known)."""

    member_id: int | None = None
    external_userid: str | None = None
    unionid: str | None = None
    phones: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    """An existing member found by one of the record's identifiers, with the identifiers it
    carries itself (to tell another person from the same one)."""

    member_id: int
    external_userid: str | None = None
    unionid: str | None = None


@dataclass(frozen=True, slots=True)
class Matched:
    member_id: int
    by: Key


@dataclass(frozen=True, slots=True)
class Unmatched:
    """Nobody: a new member."""


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """One identifier points at several members."""

    by: Key
    member_ids: tuple[int, ...]  # ascending


@dataclass(frozen=True, slots=True)
class Conflict:
    """Identifiers point at different members: (identifier, members it points at) each, in
    precedence order."""

    pointing: tuple[tuple[Key, tuple[int, ...]], ...]

    @property
    def member_ids(self) -> tuple[int, ...]:
        return tuple(sorted({m for _, ids in self.pointing for m in ids}))


Identity = Matched | Unmatched | Ambiguous | Conflict


def _differs(mine: str | None, theirs: str | None) -> bool:
    return bool(mine) and bool(theirs) and mine != theirs


def _someone_else(record: Incoming, key: Key, c: Candidate) -> bool:
    """The candidate carries a stronger identifier with another value than the record's."""
    stronger = PRECEDENCE[:PRECEDENCE.index(key)]
    if "external_userid" in stronger and _differs(record.external_userid, c.external_userid):
        return True
    return "unionid" in stronger and _differs(record.unionid, c.unionid)


def _ids(record: Incoming, key: Key, found: Iterable[Candidate]) -> tuple[int, ...]:
    return tuple(sorted({c.member_id for c in found if not _someone_else(record, key, c)}))


def match_member(record: Incoming, found: Mapping[Key, Sequence[Candidate]]) -> Identity:
    """The member ``record`` is, given the members each of its identifiers found (``found`` as
    identifier → candidates; the phone's candidates are those of all its phones). The order of
    candidates does not matter."""
    pointing = [(key, ids) for key in PRECEDENCE if (ids := _ids(record, key, found.get(key, ())))]
    if not pointing:
        return Unmatched()
    decisive = [(key, ids) for key, ids in pointing if key in DECISIVE]
    if decisive:
        if len({m for _, ids in decisive for m in ids}) > 1:
            if len(decisive) == 1:
                return Ambiguous(decisive[0][0], decisive[0][1])
            return Conflict(tuple(decisive))
        return Matched(decisive[0][1][0], decisive[0][0])
    key, ids = pointing[0]
    if len(ids) > 1:
        return Ambiguous(key, ids)
    # The strongest weak identifier names one member; every weaker one must include it.
    if any(ids[0] not in other for _, other in pointing[1:]):
        return Conflict(tuple(pointing))
    return Matched(ids[0], key)
