"""Shared fixtures for the WeCom client/emulator tests (imported explicitly by those modules;
pytest does not load this file on its own)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest

from siyu_desktop.wecom.client import ConnectionSettings, RetryPolicy, WeComClient
from siyu_desktop.wecom.emulator import RunningEmulator, running_emulator


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


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with running_emulator(seed=7, members=120, groups=12, staff=6, latency_ms=2) as running:
        running.corp.confirm_delay_s = 0.0
        running.corp.moment_delay_s = 0.0
        yield running


@pytest.fixture
def fake_sleep() -> FakeSleep:
    return FakeSleep()


@pytest.fixture
async def client(emu: RunningEmulator, fake_sleep: FakeSleep) -> AsyncIterator[WeComClient]:
    async with make_client(emu, sleep=fake_sleep) as c:
        yield c
