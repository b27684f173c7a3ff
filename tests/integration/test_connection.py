"""Connection settings, the secret in the keyring only, the connection test's explanations, the
demo emulator, and the ``siyu connect|sync|outbox`` commands."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from siyu_desktop import cli, secrets
from siyu_desktop.services.connection import (
    SECRET_KIND,
    ConnectionConfig,
    ConnectionService,
    connect_demo_if_needed,
    describe_status,
)
from siyu_desktop.services.demo_wecom import DRIFT_MEMBERS
from siyu_desktop.services.sync import SyncService
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator, running_emulator


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with running_emulator(seed=4, members=40, groups=3, staff=3, latency_ms=0) as running:
        yield running


def _connect(ws: Workspace, emu: RunningEmulator, secret: str | None = None,
             **kw: Any) -> ConnectionService:
    service = ConnectionService(ws)
    service.save(ConnectionConfig(emu.corp.corp_id, emu.base_url, **kw),
                 secret or emu.corp.secret)
    return service


async def test_the_secret_lives_only_in_the_keyring(empty_workspace: Workspace,
                                                   emu: RunningEmulator) -> None:
    service = _connect(empty_workspace, emu)
    assert secrets.get_secret(SECRET_KIND, emu.corp.corp_id) == emu.corp.secret
    assert service.config().base_url == emu.base_url
    check = await service.test_connection()
    assert check.ok and check.staff == 3 and "连接成功" in check.message
    empty_workspace.close()
    for path in Path(empty_workspace.path).parent.glob("*"):
        if path.is_file():
            assert emu.corp.secret.encode() not in path.read_bytes(), path


async def test_failures_are_explained_in_the_operators_words(empty_workspace: Workspace,
                                                             emu: RunningEmulator) -> None:
    service = _connect(empty_workspace, emu)
    emu.corp.set_faults(ip_blocked=True)
    check = await service.test_connection()
    assert not check.ok and "可信 IP" in check.message
    assert "中转服务器" in check.hint and "未使用代理" in check.hint and "未使用代理" in check.route
    assert not service.status.online
    emu.corp.reset_faults()
    emu.corp.set_faults(api_forbidden=True)
    check = await service.test_connection()
    assert "客户联系" in check.message and "可调用接口的应用" in check.hint
    emu.corp.reset_faults()
    service.save(ConnectionConfig(emu.corp.corp_id, emu.base_url), "wrong-secret-0000000000")
    check = await service.test_connection()
    assert "Secret 不正确" in check.message
    with socket.socket() as s:  # a port nobody listens on: the network is "down"
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    service.save(ConnectionConfig(emu.corp.corp_id, dead, "custom", dead))
    check = await service.test_connection()
    assert "连不上企业微信" in check.message and "自定义代理" in check.hint


async def test_status_line(empty_workspace: Workspace, emu: RunningEmulator) -> None:
    service = ConnectionService(empty_workspace)
    assert describe_status(service.status) == "企业微信：未连接"
    _connect(empty_workspace, emu)
    async with service.make_client() as client:
        await SyncService(empty_workspace).run(client, "full")
    await service.test_connection()
    status = await service.refresh_status()
    assert describe_status(status).startswith("企业微信：在线 · 刚刚同步")


async def test_the_demo_workspace_syncs_with_its_own_emulator(workspace: Workspace) -> None:
    service = ConnectionService(workspace)
    c = workspace.reader()
    tags_before = set(c.execute("SELECT member_id, tag_id FROM member_tags"))
    members_before = c.execute("SELECT count(*) FROM members").fetchone()[0]
    emulator = connect_demo_if_needed(workspace, service)
    assert emulator is not None
    try:
        assert (await service.test_connection()).ok
        async with service.make_client() as client:
            report = await SyncService(workspace).run(client, "full")
    finally:
        emulator.stop()
    assert c.execute("SELECT count(*) FROM members").fetchone()[0] == members_before + DRIFT_MEMBERS
    assert set(c.execute("SELECT member_id, tag_id FROM member_tags")) >= tags_before
    assert report.counts["joins"] > 0 and report.counts["leaves"] > 0


def test_cli_connect_sync_outbox(empty_workspace: Workspace, emu: RunningEmulator,
                                 monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    path = str(empty_workspace.path)
    empty_workspace.close()
    monkeypatch.setenv("SIYU_WECOM_SECRET", emu.corp.secret)
    base = ["--workspace", path]
    assert cli.main([*base, "connect", "--corp-id", emu.corp.corp_id, "--base-url",
                     emu.base_url]) == 0
    assert "连接成功" in capsys.readouterr().out
    assert cli.main([*base, "sync", "--full"]) == 0
    captured = capsys.readouterr()
    assert "全量同步完成" in captured.out and "客户" in captured.err
    assert cli.main([*base, "outbox"]) == 0
    assert "待发送 0" in capsys.readouterr().err
    emu.corp.set_faults(ip_blocked=True)
    assert cli.main([*base, "sync"]) == 1
    assert "可信 IP" in capsys.readouterr().err


def test_cli_emulator_takes_the_emulators_options(monkeypatch: pytest.MonkeyPatch) -> None:
    from siyu_desktop.wecom.emulator import __main__ as emulator_cli

    seen: list[list[str]] = []
    monkeypatch.setattr(emulator_cli, "emulator_main", lambda argv: seen.append(argv) or 0)
    assert cli.main(["emulator", "--port", "8799", "--members", "50"]) == 0
    assert seen and seen[0][seen[0].index("--port") + 1] == "8799"
    assert seen[0][seen[0].index("--members") + 1] == "50"
