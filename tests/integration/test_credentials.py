"""Proxy and relay passwords live in the keyring only; a plaintext keyring is refused; a trusted-IP
refusal (60020) stops a push once and keeps its items waiting. Real files, the emulator over
loopback HTTP."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import keyring
import keyring.backend
import pytest

from siyu_desktop import secrets
from siyu_desktop.errors import UserError
from siyu_desktop.services.connection import ConnectionConfig, ConnectionService
from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.services.sync import SyncService
from siyu_desktop.store import outbox as store
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator, running_emulator

from .conftest_wecom import make_client
from .test_outbox import _pick, _tag

PROXY_PASSWORD = "pr0xy-Pass!word"
RELAY_PASSWORD = "relay-S3cret-pw"


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with running_emulator(seed=9, members=60, groups=3, staff=4, latency_ms=0) as running:
        yield running


def _everything_stored(ws: Workspace) -> str:
    """Every byte the workspace file (and so every backup of it) holds, as text."""
    made = ws.backup_now().result()
    return made.read_bytes().decode("latin-1") + ws.path.read_bytes().decode("latin-1")


async def test_proxy_and_relay_passwords_go_to_the_keyring_only(
        empty_workspace: Workspace, emu: RunningEmulator, _isolated: Any,
        caplog: pytest.LogCaptureFixture) -> None:
    service = ConnectionService(empty_workspace)
    host = emu.base_url.split("://", 1)[1]
    relay = f"http://relay-user:{RELAY_PASSWORD}@{host}"
    proxy = f"http://proxy-user:{PROXY_PASSWORD}@{host}"  # the emulator is also an HTTP proxy
    caplog.set_level(logging.DEBUG)
    service.save(ConnectionConfig(emu.corp.corp_id, relay, "custom", proxy), emu.corp.secret)

    stored = empty_workspace.get_setting("wecom.connection")
    assert PROXY_PASSWORD not in str(stored) and RELAY_PASSWORD not in str(stored)
    assert stored["proxy_url"] == f"http://proxy-user@{host}"
    assert stored["base_url"] == f"http://relay-user@{host}"
    raw = _everything_stored(empty_workspace)
    assert PROXY_PASSWORD not in raw and RELAY_PASSWORD not in raw
    assert PROXY_PASSWORD in _isolated.store.values() and RELAY_PASSWORD in _isolated.store.values()

    # put back only when building the client, and it works through the proxy
    check = await service.test_connection()
    assert check.ok, check.message + check.hint
    assert emu.corp.stats.proxied > 0
    async with service.make_client() as client:
        assert unquote(urlsplit(client.settings.proxy_url).password or "") == PROXY_PASSWORD
        assert unquote(urlsplit(client.settings.base_url).password or "") == RELAY_PASSWORD
        assert PROXY_PASSWORD not in repr(client) and PROXY_PASSWORD not in repr(client.settings)

    # an error's message and hint (the route) never show them
    emu.corp.set_faults(ip_blocked=True)
    failed = await service.test_connection()
    emu.corp.reset_faults()
    assert not failed.ok and "可信 IP" in failed.message
    for text in (failed.message, failed.hint, failed.route, str(failed), caplog.text):
        for password in (PROXY_PASSWORD, RELAY_PASSWORD, quote(PROXY_PASSWORD, safe="")):
            assert password not in text

    # saving again without the password (the page shows the URL without it) keeps it
    service.save(service.config())
    assert secrets.get_secret("wecom_proxy_password", emu.corp.corp_id) == PROXY_PASSWORD
    # a URL without a user drops it
    service.save(ConnectionConfig(emu.corp.corp_id, emu.base_url, "none", ""))
    assert secrets.get_secret("wecom_proxy_password", emu.corp.corp_id) is None


def test_a_password_an_older_version_stored_is_moved_out(empty_workspace: Workspace,
                                                         _isolated: Any) -> None:
    empty_workspace.set_setting("wecom.connection", {
        "corp_id": "ww1", "base_url": "https://qyapi.weixin.qq.com/cgi-bin", "proxy_mode": "custom",
        "proxy_url": f"http://bob:{PROXY_PASSWORD}@10.0.0.1:3128"})
    cfg = ConnectionService(empty_workspace).config()
    assert cfg.proxy_url == "http://bob@10.0.0.1:3128"
    assert PROXY_PASSWORD not in str(empty_workspace.get_setting("wecom.connection"))
    assert secrets.get_secret("wecom_proxy_password", "ww1") == PROXY_PASSWORD
    conn = sqlite3.connect(empty_workspace.path)
    assert PROXY_PASSWORD not in str(conn.execute("SELECT value FROM settings").fetchall())
    conn.close()


class PlaintextKeyring(keyring.backend.KeyringBackend):
    """Stands in for keyrings.alt.file.PlaintextKeyring (not installed here): same name."""

    priority = 1  # type: ignore[assignment]
    store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


PlaintextKeyring.__module__ = "keyrings.alt.file"


def test_a_plaintext_keyring_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(secrets.ALLOW_PLAINTEXT_ENV, raising=False)
    keyring.set_keyring(PlaintextKeyring())
    assert secrets.plaintext_backend() == "keyrings.alt.file.PlaintextKeyring"
    with pytest.raises(UserError) as caught:
        secrets.set_secret("wecom_secret", "ww1", "the-corp-secret")
    assert "明文" in caught.value.message
    assert PlaintextKeyring.store == {}
    PlaintextKeyring.store[(secrets.SERVICE, "wecom_secret:ww1")] = "planted"
    assert secrets.get_secret("wecom_secret", "ww1") is None  # never read from it either
    monkeypatch.setenv(secrets.ALLOW_PLAINTEXT_ENV, "1")  # an explicit, logged choice
    secrets.set_secret("wecom_secret", "ww2", "x")
    assert secrets.get_secret("wecom_secret", "ww2") == "x"
    PlaintextKeyring.store.clear()


# -- 60020 during a push -----------------------------------------------------------------------

async def test_a_refused_ip_stops_the_push_once_and_keeps_every_item_waiting(
        empty_workspace: Workspace, emu: RunningEmulator) -> None:
    async with make_client(emu) as client:
        await SyncService(empty_workspace).run(client, "full")
    ws = empty_workspace
    corp = emu.corp
    picks = []
    for followers in (1, 2):
        mid, member, tag, tid = _pick(ws, emu, followers=followers)
        _tag(ws, tid, [mid])
        picks.append((member, tag))
    waiting = store.counts(ws.reader())["pending"]
    assert waiting >= 3

    corp.set_faults(ip_blocked=True)
    before = corp.stats.calls.copy()
    outbox = OutboxService(ws)
    async with make_client(emu) as client:
        report = await outbox.push(client)
    corp.reset_faults()
    calls = {k: v - before.get(k, 0) for k, v in corp.stats.calls.items() if v != before.get(k, 0)}
    assert sum(calls.values()) == 1, calls  # one token request, then the push stopped
    assert report.blocked is not None and report.blocked.errcode == 60020
    assert len(report.errors) == 1 and report.failed == 0 and report.sent == 0
    counts = store.counts(ws.reader())
    assert counts["pending"] == waiting and counts["failed"] == 0 and counts["sending"] == 0

    async with make_client(emu) as client:  # the next successful connection sends them
        again = await outbox.push(client)
    assert again.sent == waiting and again.blocked is None
    assert store.counts(ws.reader())["pending"] == 0
    for member, tag in picks:
        assert all(tag in f.tag_ids for f in member.follows)


def test_no_keyring_at_all_says_what_to_install() -> None:
    """Linux without a Secret Service: keyring falls back to its "fail" backend; saving a secret
    then says which package gives the desktop a keyring, instead of a bare failure."""
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert secrets.no_keyring()
        with pytest.raises(UserError) as caught:
            secrets.set_secret("corp", "ww-test", "s3cret")
        assert "没有可用的系统钥匙串" in caught.value.message
        assert "gnome-keyring" in caught.value.hint and "s3cret" not in str(caught.value)
    finally:
        keyring.set_keyring(previous)
    assert not secrets.no_keyring()
