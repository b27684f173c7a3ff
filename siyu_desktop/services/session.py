"""One open workspace and everything that works on it: its services, the outbox, the scheduler,
and (for the demo) the local WeCom emulator.

The composition root opens a session, hands its services to the screens, and closes it; closing
one and opening another is how the window switches workspaces in one run. The session owns the
store's ``Workspace``: screens get services, never the workspace (the layering test holds them
to it), and no service exposes it either.

Closing is ordered so that nothing of the old workspace outlives it: the scheduler stops (its
running job cancelled, its lease given back), the demo emulator's server thread ends, then the
workspace closes (the writer drains what it already took, every connection closes, the lock file
goes). Tasks the window started on the session are the window's to cancel first (``TaskRunner
.close``).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.clock import Clock
from ..errors import UserError
from ..ops import CancelToken, ProgressFn
from ..store.db import Workspace
from ..store.index import Changes
from . import workspaces
from .backups import BackupsService
from .connection import ConnectionService, connect_demo_if_needed
from .exporter import Exporter
from .importer import Importer
from .outbox import OutboxService
from .scheduler import Handler, Scheduler
from .settings import SettingsService
from .sync import SyncService
from .workspace import WorkspaceService
from .workspace_settings import WorkspaceSettingsService

log = logging.getLogger(__name__)


class WorkspaceSession:
    """Built by ``open`` (or around an open ``Workspace`` in tests and the CLI)."""

    def __init__(self, ws: Workspace) -> None:
        self._ws = ws
        self.workspace = WorkspaceService(ws)
        self.connection = ConnectionService(ws)
        self.outbox = OutboxService(ws)  # one, so pushes from any screen go one at a time
        self.sync = SyncService(ws)
        self.settings = SettingsService(ws)
        self.workspace_settings = WorkspaceSettingsService(ws)
        self.backups = BackupsService(ws)
        self.importer = Importer(self.workspace)
        self.exporter = Exporter(self.workspace)
        self.scheduler: Scheduler | None = None
        self.demo_emulator: Any = None  # services.demo_wecom.DemoEmulator while it runs
        self.notices: list[str] = list(getattr(ws, "notices", []))
        self._closing: asyncio.Future[None] | None = None

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    async def open(cls, data_dir: Path, path: Path | None, *, progress: ProgressFn | None = None,
                   cancel: CancelToken | None = None, clock: Clock | None = None,
                   remember: bool = True) -> WorkspaceSession:
        """Open the workspace at ``path`` (never creating one: a missing file is a
        ``WorkspaceError``), or the demo when ``path`` is None (built on first use, with
        ``progress``). ``remember`` makes it the one a plain start opens next time."""
        if path is None:
            ws = await asyncio.to_thread(functools.partial(
                workspaces.open_or_create_demo, data_dir, progress, cancel))
        else:
            ws = await asyncio.to_thread(functools.partial(Workspace.open, path, create=False))
        if clock is not None:
            ws.clock = clock
        if remember:
            try:
                workspaces.remember(data_dir, ws.path)
            except OSError as exc:  # a read-only data folder: the workspace still opens
                log.warning("could not remember the last workspace: %s", exc)
        return cls(ws)

    @classmethod
    async def rebuild_demo(cls, data_dir: Path, *, progress: ProgressFn | None = None,
                           cancel: CancelToken | None = None) -> WorkspaceSession:
        """Build the demo afresh over the old one (which must be closed) and open it."""
        path = workspaces.demo_workspace(data_dir)
        ws = await asyncio.to_thread(functools.partial(
            workspaces.create_demo, path, progress=progress, cancel=cancel))
        workspaces.remember(data_dir, ws.path)
        return cls(ws)

    async def start_demo_emulator(self) -> str | None:
        """For the demo: start the local WeCom emulator it syncs with and connect to it. Returns
        why it could not start (the workspace works offline all the same), else None."""
        if not self._ws.is_demo or self.demo_emulator is not None:
            return None
        try:
            self.demo_emulator = await asyncio.to_thread(connect_demo_if_needed, self._ws,
                                                         self.connection)
        except (UserError, OSError) as exc:
            return str(exc)
        return None

    # -- what the screens read -----------------------------------------------------------------
    @property
    def db(self) -> Workspace:
        """The store's workspace: for the composition root, the CLI and tests only. Screens
        never get it (they use the services above)."""
        return self._ws

    @property
    def path(self) -> Path:
        return self._ws.path

    @property
    def is_demo(self) -> bool:
        return self._ws.is_demo

    @property
    def closed(self) -> bool:
        return self._ws.closed

    def member_count(self) -> int:
        return self.workspace.member_count_now()

    def on_change(self, listener: Callable[[Changes], None]) -> None:
        """``listener`` is called on the writer thread after each commit."""
        self._ws.on_change(listener)

    # -- the scheduler -------------------------------------------------------------------------
    def start_scheduler(self, handlers: dict[str, Handler]) -> Scheduler:
        if self.scheduler is None:
            self.scheduler = Scheduler(self._ws, handlers=handlers)
            self.scheduler.start()
        return self.scheduler

    async def stop_scheduler(self) -> None:
        scheduler, self.scheduler = self.scheduler, None
        if scheduler is not None:
            await scheduler.stop()

    # -- closing -------------------------------------------------------------------------------
    async def close(self) -> None:
        """Stop the scheduler and the emulator, then close the workspace (off the UI thread:
        the writer may still finish a write it took). Safe to call twice, also concurrently."""
        if self._closing is not None:
            await asyncio.shield(self._closing)
            return
        self._closing = asyncio.get_running_loop().create_future()
        try:
            await self.stop_scheduler()
            emulator, self.demo_emulator = self.demo_emulator, None
            if emulator is not None:
                await asyncio.to_thread(emulator.stop)
            if not self._ws.closed:
                await asyncio.to_thread(self._ws.close)
        finally:
            self._closing.set_result(None)

    def close_now(self) -> None:
        """The same, blocking, for an exit with no event loop left."""
        scheduler, self.scheduler = self.scheduler, None
        if scheduler is not None:
            scheduler.close()
        emulator, self.demo_emulator = self.demo_emulator, None
        if emulator is not None:
            emulator.stop()
        if not self._ws.closed:
            self._ws.close()
