"""Shared fixtures: nothing here touches the real machine (temp data dir, in-memory keyring,
offscreen Qt) and every workspace is a real SQLite file."""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from siyu_desktop.services import workspaces  # noqa: E402
from siyu_desktop.services.workspace import WorkspaceService  # noqa: E402
from siyu_desktop.store.db import Workspace  # noqa: E402
from siyu_desktop.store.demo import DemoSize  # noqa: E402

SMALL_DEMO = DemoSize(members=2000, groups=40, tags=120, roster_mean=30)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """The OS keyring is the one part that cannot exist here: an in-memory stand-in."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True, scope="session")
def _collect_on_the_main_thread() -> Iterator[None]:
    """As in the app (ui/gc_collector.py): no automatic collection, which could run on a worker
    thread and destroy a Qt object there; each test's garbage is collected after it, here."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.setenv("SIYU_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SIYU_LANG", raising=False)
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo workspace built once per test session; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "demo.siyu.db"
    workspaces.create_demo(path, SMALL_DEMO, seed=11).close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ws" / "demo.siyu.db"
    target.parent.mkdir(parents=True)
    shutil.copy2(demo_template, target)
    return target


@pytest.fixture
def workspace(demo_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(demo_path, actor="tester")
    yield ws
    ws.close()


@pytest.fixture
def empty_workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "empty" / "w.siyu.db", actor="tester")
    yield ws
    ws.close()


@pytest.fixture
def service(workspace: Workspace) -> WorkspaceService:
    return WorkspaceService(workspace)


@pytest.fixture
def qloop(qapp: object) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop over the test QApplication: GUI tests drive controllers with it."""
    import qasync

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()  # joins the loop's worker threads
    asyncio.set_event_loop(None)
