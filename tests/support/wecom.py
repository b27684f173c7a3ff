"""The WeCom client against the emulator on loopback, and WeCom-side edits (a colleague in the
admin console). Moved here from ``tests/integration/conftest_wecom.py`` and
``test_tag_link_invariant.py``; those import from here."""

from __future__ import annotations

import asyncio
import random
import sqlite3

from siyu_desktop.wecom.client import ConnectionSettings, RetryPolicy, WeComClient
from siyu_desktop.wecom.emulator import RunningEmulator
from siyu_desktop.wecom.emulator.corp import EmulatorCorp


class FakeSleep:
    """Records requested sleeps and returns at once, so backoff and 45009 waits cost nothing."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        await asyncio.sleep(0)


def make_client(
    emu: RunningEmulator,
    *,
    secret: str | None = None,
    corp_id: str | None = None,
    sleep: FakeSleep | None = None,
    timeout: float = 5.0,
    **kwargs: object,
) -> WeComClient:
    settings = ConnectionSettings(
        corp_id or emu.corp.corp_id, base_url=emu.base_url, proxy_mode="none", timeout=timeout
    )
    return WeComClient(
        settings,
        emu.corp.secret if secret is None else secret,
        retry=RetryPolicy(),
        sleep=sleep or FakeSleep(),
        **kwargs,  # type: ignore[arg-type]
    )


def members_with_waiting_tags(c: sqlite3.Connection) -> set[int]:
    """Members with a ``mark_tag`` item not yet done (pending, sending or failed)."""
    return {m for (m,) in c.execute("SELECT DISTINCT member_id FROM outbox WHERE kind = 'mark_tag' "
                                    "AND status IN ('pending', 'sending', 'failed')")}


class WeComSide:
    """Tags changed in WeCom itself (a colleague in the admin console); seen at a full sync.
    ``pending`` lists what changed, as (member, tag, added), for tests that track expectations."""

    def __init__(self, corp: EmulatorCorp, c: sqlite3.Connection) -> None:
        self.corp, self.c = corp, c
        self.pending: list[tuple[int, int, bool]] = []  # (member, tag, added)

    def change(self, rng: random.Random, frozen: set[int]) -> None:
        """One relationship loses a tag and one customer gains a tag none of their relationships
        had, both away from members in ``frozen`` or with waiting tag changes."""
        c = self.c
        busy = members_with_waiting_tags(c) | frozen
        rows = c.execute("SELECT ft.member_id, ft.tag_id, m.external_userid, t.wecom_tag_id "
                         "FROM follow_tags ft JOIN members m ON m.id = ft.member_id JOIN tags t "
                         "ON t.id = ft.tag_id ORDER BY ft.member_id, ft.tag_id").fetchall()
        rows = [r for r in rows if r[0] not in busy]
        if not rows:
            return
        m, t, ext, wecom_tag = rng.choice(rows)
        with self.corp.lock:
            for f in self.corp.members[ext].follows:
                if wecom_tag in f.tag_ids:
                    f.tag_ids.remove(wecom_tag)
        self.pending.append((m, t, False))
        frozen.add(m)
        # and one customer gains a tag none of their relationships had
        tags = c.execute("SELECT id, wecom_tag_id FROM tags WHERE wecom_tag_id IS NOT NULL "
                         "ORDER BY id").fetchall()
        people = c.execute("SELECT DISTINCT f.member_id, m.external_userid FROM follows f JOIN "
                           "members m ON m.id = f.member_id WHERE m.external_userid IS NOT NULL "
                           "ORDER BY f.member_id").fetchall()
        people = [p for p in people if p[0] not in busy and p[0] not in frozen]
        if not people or not tags:
            return
        m2, ext2 = rng.choice(people)
        t2, wecom_t2 = rng.choice(tags)
        on_rel = c.execute("SELECT 1 FROM follow_tags WHERE member_id = ? AND tag_id = ?",
                           (m2, t2)).fetchone()
        if on_rel is None:
            with self.corp.lock:
                first = self.corp.members[ext2].follows[0]
                # WeCom lists a tag once per relationship: never add it twice (an earlier
                # change may not have been synced yet)
                if wecom_t2 not in first.tag_ids:
                    first.tag_ids.append(wecom_t2)
            self.pending.append((m2, t2, True))
            frozen.add(m2)

    def seen(self, expected: dict[int, set[int]]) -> None:
        for m, t, added in self.pending:
            if added:
                expected.setdefault(m, set()).add(t)
            else:
                expected.get(m, set()).discard(t)
        self.pending.clear()
