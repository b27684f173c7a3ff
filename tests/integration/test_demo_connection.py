"""The demo workspace connects to its local emulator even on a machine without a usable keyring
(a headless Linux box): the demo's made-up secret then stays in memory for the session."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors
import pytest

from siyu_desktop import secrets
from siyu_desktop.services.connection import (
    DEMO_CORP_ID,
    SECRET_KIND,
    ConnectionService,
    start_demo_emulator,
)
from siyu_desktop.store.db import Workspace


class BrokenKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringError("no backend")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringError("no backend")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringError("no backend")


@pytest.fixture
def no_keyring() -> object:
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    yield
    keyring.set_keyring(previous)


async def test_demo_connects_without_a_keyring(workspace: Workspace, no_keyring: object) -> None:
    service = ConnectionService(workspace)
    emulator = start_demo_emulator(workspace, service)
    try:
        assert service.config().corp_id == DEMO_CORP_ID
        assert secrets.get_secret(SECRET_KIND, DEMO_CORP_ID) is None  # nothing stored anywhere
        check = await service.test_connection()
        assert check.ok, check.message
    finally:
        emulator.stop()


async def test_a_real_secret_is_never_kept_outside_the_keyring(workspace: Workspace,
                                                               no_keyring: object) -> None:
    from siyu_desktop.errors import UserError
    from siyu_desktop.services.connection import ConnectionConfig

    service = ConnectionService(workspace)
    with pytest.raises(UserError, match="钥匙串"):
        service.save(ConnectionConfig("ww-real-corp", "https://qyapi.weixin.qq.com", "none"),
                     "a-real-secret")
    assert "a-real-secret" not in str(workspace.get_setting("wecom.connection"))
    assert not service.has_secret()
