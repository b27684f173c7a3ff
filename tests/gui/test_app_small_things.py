"""Small things a newcomer hit: the log is rotated and quiet about each HTTP request; a second
start on a workspace already open is told so (and the window ends after the message); the sync
buttons of an unconfigured workspace say once, on the page, what to fill in."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from siyu_desktop import app as appmod
from siyu_desktop.errors import WorkspaceInUseError
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.controllers.connection_controller import ConnectionController
from siyu_desktop.ui.main_window import MainWindow

from .conftest import Driver


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {n: logging.getLogger(n).level for n in ("httpx", "httpcore")}
    yield
    for h in root.handlers:
        if h not in handlers:
            root.removeHandler(h)
            h.close()
    root.setLevel(level)
    for n, lv in levels.items():
        logging.getLogger(n).setLevel(lv)


def test_the_log_rotates_and_leaves_http_requests_to_debug(
        tmp_path: Path, restore_logging: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(appmod, "LOG_BYTES", 20_000)  # small files, same rotation
    assert appmod.setup_logging(tmp_path) is None
    handler = next(h for h in logging.getLogger().handlers
                   if isinstance(h, logging.handlers.RotatingFileHandler))
    assert handler.maxBytes == appmod.LOG_BYTES and handler.backupCount == appmod.LOG_KEPT
    logging.getLogger("httpx").info('HTTP Request: POST https://qyapi.weixin.qq.com "200 OK"')
    for i in range(2000):  # well past four files' worth
        logging.getLogger("siyu.test").info("line %d %s", i, "x" * 120)
    handler.flush()
    logs = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert logs == ["siyu.log", "siyu.log.1", "siyu.log.2", "siyu.log.3"]
    assert all(p.stat().st_size <= appmod.LOG_BYTES + 1000 for p in (tmp_path / "logs").iterdir())
    assert not any("HTTP Request" in p.read_text(encoding="utf-8")
                   for p in (tmp_path / "logs").iterdir())


def test_a_workspace_open_elsewhere_is_refused_in_its_own_words(
        demo_path: Path, tmp_path: Path, driver: Driver) -> None:
    holder = Workspace.open(demo_path)  # the first window
    args = appmod.parse_args(["--workspace", str(demo_path), "--data-dir", str(tmp_path / "d")])
    window = MainWindow()
    shell = appmod.App(args, window, driver.tasks, driver.feedback)
    try:
        assert not driver.run(shell.open_workspace())
        assert isinstance(shell.open_error, WorkspaceInUseError)
        assert window.stack.currentWidget() is window.welcome
        assert "另一个窗口" in window.welcome.status.text()
    finally:
        shell.close()
        window.close()
        holder.close()


def test_sync_on_an_unconfigured_workspace_says_once_what_to_fill_in(
        connection_controller: ConnectionController, driver: Driver) -> None:
    page = connection_controller.page
    shown: list[str] = []
    driver.feedback.info = lambda text, *a: shown.append(text)  # type: ignore[method-assign]
    assert connection_controller.start_sync("auto") is None
    assert connection_controller.push() is None
    driver.idle()
    text = page.progress_label.text()
    assert "企业 ID" in text and "Secret" in text and "保存" in text
    assert shown == [] and not driver.errors  # on the page only: no box, no status-bar error
