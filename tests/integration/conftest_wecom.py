"""Shared fixtures for the WeCom client/emulator tests (imported explicitly by those modules;
pytest does not load this file on its own)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from siyu_desktop.services.sync import SyncService
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.client import WeComClient
from siyu_desktop.wecom.emulator import RunningEmulator, running_emulator

from ..support.wecom import FakeSleep, make_client

__all__ = ["FakeSleep", "client", "emu", "fake_sleep", "make_client", "outbox_emu",
           "synced_workspace"]


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


@pytest.fixture(name="emu")
def outbox_emu() -> Iterator[RunningEmulator]:
    """The outbox tests' corp; import it as ``outbox_emu``, it serves as ``emu``."""
    with running_emulator(seed=9, members=60, groups=3, staff=4, latency_ms=0) as running:
        yield running


@pytest.fixture(name="synced")
async def synced_workspace(empty_workspace: Workspace, emu: RunningEmulator) -> Workspace:
    """An empty workspace after one full sync from ``emu``; import it as ``synced_workspace``."""
    async with make_client(emu) as client:
        await SyncService(empty_workspace).run(client, "full")
    return empty_workspace
