"""The client against the emulator's network faults, over loopback HTTP: reads are retried and
succeed, the bound holds, writes are sent once, an expired cursor has its own error type."""

from __future__ import annotations

import asyncio

import pytest

from siyu_desktop.wecom import contacts, staff, tags
from siyu_desktop.wecom.client import RetryInfo, RetryPolicy, WeComClient
from siyu_desktop.wecom.emulator import RunningEmulator
from siyu_desktop.wecom.errors import CursorExpiredError, NetworkError, WeComUserError

# Works whether or not tests/ is a package (as in test_wecom_client.py).
try:
    from .conftest_wecom import FakeSleep, client, emu, fake_sleep, make_client  # noqa: F401
except ImportError:
    from conftest_wecom import FakeSleep, client, emu, fake_sleep, make_client  # type: ignore # noqa: F401

FOLLOW = "/cgi-bin/externalcontact/get_follow_user_list"
BATCH = contacts.BATCH_PATH
MARK_TAG = "/cgi-bin/externalcontact/mark_tag"


def _watch(client: WeComClient) -> list[RetryInfo]:
    seen: list[RetryInfo] = []
    client.on_retry.append(seen.append)
    return seen


@pytest.mark.parametrize(
    ("fault", "what"),
    [
        ({"html_error_rate": 1.0}, "HTTP 502"),
        ({"truncate_rate": 1.0, "truncate_mode": "length"}, "应答不完整"),
        ({"truncate_rate": 1.0, "truncate_mode": "chunked"}, "应答不完整"),
        ({"drop_after_apply_rate": 1.0}, "没有收到应答"),
    ],
)
async def test_each_fault_is_retried_and_the_read_succeeds(
    emu: RunningEmulator, client: WeComClient, fake_sleep: FakeSleep, fault: dict, what: str
) -> None:
    await client.fetch_token()
    seen = _watch(client)

    # Two failing answers, then the fault is switched off from the retry callback.
    def heal(info: RetryInfo) -> None:
        if info.attempt == 2:
            emu.corp.reset_faults()

    client.on_retry.append(heal)
    emu.corp.set_faults(only_path=FOLLOW, **fault)
    assert await staff.get_follow_user_list(client) == emu.corp.staff_ids
    assert [i.attempt for i in seen] == [1, 2]
    assert all(what in i.reason and i.path == FOLLOW for i in seen)
    assert seen[0].message == "网络不稳定，正在重试（第 1 次）"
    assert emu.corp.stats.calls[FOLLOW] == 3
    assert sum(emu.corp.stats.injected.values()) == 2
    assert client.retries[FOLLOW] == 2 and len(fake_sleep.calls) == 2


@pytest.mark.parametrize(
    ("fault", "what"),
    [
        ({"html_error_rate": 1.0}, "服务器返回 HTTP 502"),
        ({"truncate_rate": 1.0}, "应答不完整（数据被截断）"),
        ({"truncate_rate": 1.0, "truncate_mode": "chunked"}, "应答不完整（传输中途断开）"),
        ({"drop_after_apply_rate": 1.0}, "连接中断，没有收到应答"),
    ],
)
async def test_a_permanent_fault_fails_after_the_bound(
    emu: RunningEmulator, client: WeComClient, fault: dict, what: str
) -> None:
    await client.fetch_token()
    seen = _watch(client)
    emu.corp.set_faults(only_path=FOLLOW, **fault)
    with pytest.raises(NetworkError) as info:
        await staff.get_follow_user_list(client)
    assert what in info.value.message and "无法连接" not in info.value.message
    assert emu.corp.stats.calls[FOLLOW] == RetryPolicy().read_attempts == 5
    assert len(seen) == 4
    assert info.value.__cause__ is None and info.value.__context__ is None


async def test_time_bound_stops_retrying(emu: RunningEmulator) -> None:
    async def slow_sleep(seconds: float) -> None:
        await asyncio.sleep(0.05)  # real time passes, so the 0.3 s bound is reached

    policy = RetryPolicy(read_attempts=50, read_max_seconds=0.3)
    async with WeComClient(
        make_client(emu).settings, emu.corp.secret, retry=policy, sleep=slow_sleep
    ) as c:
        emu.corp.set_faults(only_path=FOLLOW, html_error_rate=1.0)
        with pytest.raises(NetworkError):
            await staff.get_follow_user_list(c)
    assert 1 < emu.corp.stats.calls[FOLLOW] < 50


async def test_five_percent_faults_over_a_long_listing(
    emu: RunningEmulator, client: WeComClient
) -> None:
    seen = _watch(client)
    emu.corp.set_faults(
        fault_seed=3, html_error_rate=0.05, truncate_rate=0.05, drop_after_apply_rate=0.05
    )
    rows = []
    for userid in emu.corp.staff_ids:
        rows += await contacts.batch_get_by_user(client, [userid], limit=5)
    assert len(rows) == len(emu.corp.relationships())
    injected = sum(emu.corp.stats.injected.values())
    assert injected > 0 and len(seen) == injected


async def test_faults_are_deterministic_per_seed(emu: RunningEmulator) -> None:
    def run() -> list[bool]:
        emu.corp.set_faults(fault_seed=11)
        with emu.corp.lock:
            return [emu.corp.roll(0.3) for _ in range(50)]

    assert run() == run()


async def test_a_write_is_not_retried(emu: RunningEmulator, client: WeComClient) -> None:
    await client.fetch_token()
    seen = _watch(client)
    userid, ext = emu.corp.relationships()[0]
    tag_id = next(iter(emu.corp.all_tags()))
    emu.corp.set_faults(only_path=MARK_TAG, drop_after_apply_rate=1.0)
    with pytest.raises(NetworkError) as info:
        await tags.mark_tag(client, userid, ext, add=[tag_id])
    assert "没有收到应答" in info.value.message
    assert emu.corp.stats.calls[MARK_TAG] == 1 and len(emu.corp.stats.mark_tag_calls) == 1
    assert seen == [] and MARK_TAG not in client.retries


async def test_busy_stays_bounded_by_three_retries(
    emu: RunningEmulator, client: WeComClient
) -> None:
    emu.corp.set_faults(busy_next=10, only_path=FOLLOW)
    with pytest.raises(WeComUserError) as info:
        await staff.get_follow_user_list(client)
    assert info.value.errcode == -1 and emu.corp.stats.calls[FOLLOW] == 4


@pytest.mark.parametrize("limit", [{"cursor_max_uses": 0}, {"cursor_ttl_s": -1.0}])
async def test_expired_cursor_raises_cursor_expired(
    emu: RunningEmulator, client: WeComClient, limit: dict
) -> None:
    seen = _watch(client)
    emu.corp.set_faults(only_path=BATCH, **limit)
    with pytest.raises(CursorExpiredError) as info:
        await contacts.batch_get_by_user(client, emu.corp.staff_ids, limit=5)
    assert isinstance(info.value, WeComUserError) and info.value.errcode == 50100
    assert emu.corp.stats.calls[BATCH] == 2  # page 1, then the expired cursor, not retried
    assert seen == []


async def test_cursor_used_within_its_life_works(emu: RunningEmulator, client: WeComClient) -> None:
    emu.corp.set_faults(only_path=BATCH, cursor_max_uses=1, cursor_ttl_s=60.0)
    rows = await contacts.batch_get_by_user(client, emu.corp.staff_ids, limit=5)
    assert len(rows) == len(emu.corp.relationships())
