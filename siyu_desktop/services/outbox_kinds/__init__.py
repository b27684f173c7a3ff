"""The kinds of outbox item: one object per kind, registered by name.

Each kind says how to resolve an item's target from the workspace, send it, check whether WeCom
already has it (after an interrupted push), apply the result locally, explain a refusal, and
whether WeCom de-duplicates it (``resend_when_unknown``). ``services.outbox`` runs the protocol
(mark ``sending``, call, record; check before sending again) the same way for every kind; the
sync lays waiting items over what it reads through ``store.outbox_pending``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from ...domain.outbox import Check
from ...store import outbox as store
from ...store.audit import WriteContext
from ...wecom.client import WeComClient


@dataclass(frozen=True)
class Target:
    """What an item's local ids mean in WeCom at push time."""

    userid: str = ""
    external_userid: str = ""
    wecom_tag_id: str = ""
    wecom_group_id: str = ""
    tag_name: str = ""
    problem: str = ""  # why the item cannot be sent at all
    wait: bool = False  # depends on another item (a tag not created in WeCom yet)


@dataclass(frozen=True)
class Outcome:
    """What a call (or a check that found it done) gives the item."""

    result: dict[str, Any] | None = None  # for ``apply``
    remote_id: str = ""  # WeCom's id of what was created
    confirm: bool = False  # created, a staff member still confirms it: ``waiting_confirm``


@dataclass(frozen=True)
class Found:
    """A check's answer: WeCom has it (with what it has), does not, or cannot tell."""

    check: Check
    outcome: Outcome = field(default_factory=Outcome)


@dataclass(frozen=True)
class Receipts:
    """A confirming item's per-target results; ``done`` when every one is final."""

    targets: list[store.TargetResult]
    done: bool


# ``check``'s ``seen``: what one push has looked up already (shared by its items), and under
# ``NOW`` the push's time by the workspace's clock (never the wall clock: tests fix it).
NOW = "now"


class OutboxKind(Protocol):
    name: ClassVar[str]
    resend_when_unknown: ClassVar[bool]  # WeCom de-duplicates it: unknown → send again
    record_now: ClassVar[bool]  # later items resolve through its result: never deferred
    by_relationship: ClassVar[bool]  # items of one (member, staff) may go in one call

    def resolve(self, conn: sqlite3.Connection, item: store.OutboxItem) -> Target: ...

    async def send(self, client: WeComClient, item: store.OutboxItem,
                   target: Target) -> Outcome: ...

    async def check(self, client: WeComClient, item: store.OutboxItem, target: Target,
                    seen: dict[str, Any]) -> Found: ...

    def apply(self, ctx: WriteContext, item: store.OutboxItem,
              result: dict[str, Any] | None) -> None: ...

    async def receipts(self, client: WeComClient, item: store.OutboxItem) -> Receipts: ...

    def read_only_text(self, item: store.OutboxItem) -> str: ...

    def overlay(self, conn: sqlite3.Connection, member_ids: Sequence[int]) -> object: ...

    async def wecom_name(self, client: WeComClient, item: store.OutboxItem, target: Target, *,
                         probe: bool = False) -> str | None: ...

    def name_from_history(self, conn: sqlite3.Connection, item: store.OutboxItem) -> str: ...

    def refused(self, ctx: WriteContext, item: store.OutboxItem, *, read_only: bool,
                wecom_name: str | None) -> None: ...


class BaseKind:
    """Defaults: WeCom de-duplicates it, nothing to apply, no receipts, nothing read-only."""

    name: ClassVar[str] = ""
    resend_when_unknown: ClassVar[bool] = True
    record_now: ClassVar[bool] = False
    by_relationship: ClassVar[bool] = False

    def apply(self, ctx: WriteContext, item: store.OutboxItem,
              result: dict[str, Any] | None) -> None:
        return None

    async def check(self, client: WeComClient, item: store.OutboxItem, target: Target,
                    seen: dict[str, Any]) -> Found:
        return Found(Check.UNKNOWN)

    async def receipts(self, client: WeComClient, item: store.OutboxItem) -> Receipts:
        return Receipts([], True)

    def read_only_text(self, item: store.OutboxItem) -> str:
        return ""

    def overlay(self, conn: sqlite3.Connection, member_ids: Sequence[int]) -> object:
        """What of these members' data waits to reach WeCom, to lay over a sync (typed, from
        ``store.outbox_pending``; the sync itself reads it there). None: nothing to lay."""
        return None

    async def wecom_name(self, client: WeComClient, item: store.OutboxItem, target: Target, *,
                         probe: bool = False) -> str | None:
        """WeCom's name of what a refused item renames ("" if none); ``None``: unreadable."""
        return "" if not probe else None

    def name_from_history(self, conn: sqlite3.Connection, item: store.OutboxItem) -> str:
        """What WeCom likely still calls it when WeCom cannot be asked ("" if not a rename)."""
        return ""

    def refused(self, ctx: WriteContext, item: store.OutboxItem, *, read_only: bool,
                wecom_name: str | None) -> None:
        """After a refusal (marked failed in the same write): make the local copy honest."""
        return None


KINDS: dict[str, OutboxKind] = {}


def register(cls: Callable[[], OutboxKind]) -> Callable[[], OutboxKind]:
    kind = cls()
    KINDS[kind.name] = kind
    return cls


def kind_of(item: store.OutboxItem) -> OutboxKind:
    try:
        return KINDS[item.kind]
    except KeyError:
        raise LookupError(f"unknown outbox kind {item.kind!r}") from None


from . import group_msg, tag_kinds  # noqa: E402  (registers the kinds)

__all__ = ["KINDS", "BaseKind", "Found", "Outcome", "OutboxKind", "Receipts", "Target",
           "group_msg", "kind_of", "register", "tag_kinds"]
