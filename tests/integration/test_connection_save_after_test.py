"""``siyu connect`` saves new settings only after a passing test (or with --save-anyway); a
failed test leaves the saved settings and the keyring's secret as they were."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from siyu_desktop import cli, secrets
from siyu_desktop.services.connection import SECRET_KIND, SETTINGS_KEY
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator, running_emulator

from ..conftest import MemoryKeyring


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with running_emulator(seed=4, members=20, groups=2, staff=3, latency_ms=0) as running:
        yield running


def _settings(path: str) -> Any:
    with Workspace.open(path) as ws:
        return ws.get_setting(SETTINGS_KEY)


def test_a_failed_test_keeps_the_saved_settings_and_save_anyway_saves(
        empty_workspace: Workspace, emu: RunningEmulator, _isolated: MemoryKeyring,
        monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    path = str(empty_workspace.path)
    empty_workspace.close()
    corp = emu.corp.corp_id
    base = ["--workspace", path, "connect", "--corp-id", corp]
    monkeypatch.setenv("SIYU_WECOM_SECRET", emu.corp.secret)
    assert cli.main([*base, "--base-url", emu.base_url]) == 0
    assert "连接成功" in capsys.readouterr().out
    saved, keyring_before = _settings(path), dict(_isolated.store)
    assert saved["base_url"] == emu.base_url
    assert secrets.get_secret(SECRET_KIND, corp) == emu.corp.secret

    # A wrong secret and a new address: the test fails, nothing is saved, and it says so.
    monkeypatch.setenv("SIYU_WECOM_SECRET", "wrong-secret-0000000000")
    other = emu.base_url.replace("127.0.0.1", "localhost")  # another address, same server
    assert cli.main([*base, "--base-url", other]) == 1
    err = capsys.readouterr().err
    assert "Secret 不正确" in err and "没有保存" in err and "--save-anyway" in err
    assert _settings(path) == saved
    assert _isolated.store == keyring_before
    assert secrets.get_secret(SECRET_KIND, corp) == emu.corp.secret
    # ... and the saved connection still works.
    monkeypatch.setenv("SIYU_WECOM_SECRET", emu.corp.secret)
    assert cli.main(["--workspace", path, "sync", "--full", "--no-push"]) == 0
    capsys.readouterr()

    # --save-anyway stores the untested settings and the secret, and says the test failed.
    monkeypatch.setenv("SIYU_WECOM_SECRET", "wrong-secret-0000000000")
    assert cli.main([*base, "--base-url", other, "--save-anyway"]) == 1
    err = capsys.readouterr().err
    assert "Secret 不正确" in err and "--save-anyway" in err and "已按" in err
    assert _settings(path)["base_url"] == other
    assert secrets.get_secret(SECRET_KIND, corp) == "wrong-secret-0000000000"


def test_help_explains_save_anyway(capsys: Any) -> None:
    with pytest.raises(SystemExit):
        cli.main(["connect", "--help"])
    out = capsys.readouterr().out
    assert "--save-anyway" in out and "test fails" in out
