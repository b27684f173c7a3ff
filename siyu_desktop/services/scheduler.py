"""Jobs that run on their own: the daily backup, auto-sync, later the calendar's occurrences.

Plain asyncio, no Qt. Jobs live in the workspace (``store/jobs.py``) with their rule and next due
time; a run takes the job's lease first, so the window and ``siyu jobs run-due`` never run one job
twice. The composition root registers one handler per kind (``handler(job) -> result text``),
starts the loop after a workspace opens and stops it before it closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import os
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from ..domain import schedule
from ..domain.clock import DEFAULT_TZ, Clock
from ..domain.schedule import Every, Job, Rule
from ..errors import UserError
from ..store import jobs as store
from ..store.db import Workspace

log = logging.getLogger(__name__)
T = TypeVar("T")

Handler = Callable[[Job], Awaitable[str | None] | str | None]
Sleep = Callable[[float], Awaitable[None]]

LEASE_SECONDS = 300  # a holder that died frees the job after this
IDLE_SECONDS = 300  # look again at least this often: jobs another process added, a laptop that slept
BACKUP_EVERY = 24 * 3600
AUTO_SYNC_EVERY = 15 * 60  # incremental every 15 minutes; a full one when due


@dataclass(frozen=True)
class JobSpec:
    """A job the code defines; ``delay``: an interval job's first run after this many seconds."""

    name: str
    kind: str
    rule: Rule
    delay: int = 0


BACKUP = JobSpec("backup", "backup", Every(BACKUP_EVERY))
AUTO_SYNC = JobSpec("auto_sync", "auto_sync", Every(AUTO_SYNC_EVERY), delay=AUTO_SYNC_EVERY)
DEFAULT_JOBS = (BACKUP, AUTO_SYNC)


@dataclass(frozen=True)
class Ran:
    """One run: how it ended, and how many occurrences it stood for (a missed job runs once)."""

    name: str
    kind: str
    ok: bool
    result: str = ""
    error: str = ""
    started_at: int = 0
    finished_at: int = 0
    missed: int = 1
    exception: BaseException | None = None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return exc.message
    if isinstance(exc, asyncio.CancelledError):
        return "已取消"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class Scheduler:
    def __init__(self, ws: Workspace, clock: Clock | None = None,
                 handlers: Mapping[str, Handler] | None = None, *,
                 jobs: Iterable[JobSpec] = DEFAULT_JOBS, owner: str | None = None,
                 lease_seconds: int = LEASE_SECONDS, renew_every: float | None = None,
                 sleep: Sleep | None = None, idle_seconds: float = IDLE_SECONDS) -> None:
        """``sleep`` waits for the next due time (tests pass one that moves a fake clock);
        ``renew_every``: real seconds between lease renewals while a job runs."""
        self._ws = ws
        self.clock = clock or ws.clock
        self.handlers: dict[str, Handler] = dict(handlers or {})
        self.specs = list(jobs)
        self.owner = owner or f"{os.getpid()}-{os.urandom(4).hex()}"
        self.lease_seconds = lease_seconds
        self.renew_every = renew_every if renew_every is not None else lease_seconds / 3
        self._sleep: Sleep = sleep or asyncio.sleep
        self.idle_seconds = idle_seconds
        self._ensured = False
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self.first_pass = asyncio.Event()  # set when the loop's first round of due jobs is done
        self.running: set[str] = set()  # names of the jobs this scheduler runs right now
        self.history: list[Ran] = []  # what the loop ran, for the composition root and tests

    def register(self, kind: str, handler: Handler) -> None:
        self.handlers[kind] = handler
        self._wake.set()

    # -- plumbing ------------------------------------------------------------------------------
    async def _read(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(lambda: fn(self._ws.reader(), *args))

    async def _write(self, fn: Callable[..., T], *args: Any) -> T:
        """On the writer thread; shielded, so a lease taken or freed is never left half-known."""
        future = self._ws.submit_bookkeeping(lambda conn: fn(conn, *args))
        return await asyncio.shield(asyncio.wrap_future(future))

    async def tz(self) -> ZoneInfo:
        name = await asyncio.to_thread(self._ws.get_setting, "timezone", DEFAULT_TZ)
        return ZoneInfo(str(name or DEFAULT_TZ))

    async def ensure_jobs(self) -> None:
        """Add the code's jobs the workspace does not have yet (first due as their spec says)."""
        if self._ensured:
            return
        known = {j.name: (j.kind, j.rule) for j in await self._read(store.all_jobs)}
        todo = [s for s in self.specs if known.get(s.name) != (s.kind, s.rule)]
        if not todo:  # nothing to write: a command with nothing due leaves the file as it was
            self._ensured = True
            return
        tz, now = await self.tz(), self.clock.now()

        def add(conn: Any) -> None:
            for spec in todo:
                store.ensure(conn, spec.name, spec.kind, spec.rule,
                             schedule.first_due(spec.rule, now, tz, delay=spec.delay), now)
        await self._write(add)
        self._ensured = True

    async def list_jobs(self) -> list[Job]:
        await self.ensure_jobs()
        return await self._read(store.all_jobs)

    # -- running -------------------------------------------------------------------------------
    async def run_due(self, kinds: Iterable[str] | None = None) -> list[Ran]:
        """Run every due job (with a handler, of ``kinds`` if given) once; what ran, in order.
        A job another process holds, or that became not due meanwhile, is left alone."""
        await self.ensure_jobs()
        wanted = set(self.handlers) if kinds is None else set(kinds) & set(self.handlers)
        ran = []
        for job in await self._read(store.due, self.clock.now()):
            if job.kind in wanted:
                done = await self._run_one(job)
                if done is not None:
                    ran.append(done)
        return ran

    async def _run_one(self, job: Job) -> Ran | None:
        now = self.clock.now()
        if not await self._write(store.take, job.name, self.owner, now, self.lease_seconds):
            return None
        tz = await self.tz()
        missed = schedule.missed(job.rule, job.due_at, now, tz)
        if missed > 1:
            log.info("job %s was missed %d times; running it once", job.name, missed)
        self.running.add(job.name)
        renewer = asyncio.ensure_future(self._renew(job.name))
        error: BaseException | None = None
        result = ""
        try:
            outcome = self.handlers[job.kind](job)
            if inspect.isawaitable(outcome):
                outcome = await outcome
            result = str(outcome or "")
        except asyncio.CancelledError as exc:
            task = asyncio.current_task()
            if task is not None and task.cancelling():  # we are stopped: the job stays due
                renewer.cancel()
                await self._write(store.release, job.name, self.owner)
                self.running.discard(job.name)
                raise
            error = exc  # the handler's own work was cancelled (the window closing it)
            log.warning("job %s: its work was cancelled", job.name)
        except Exception as exc:  # recorded on the job; the handler shows what the operator needs
            error = exc
            if isinstance(exc, UserError):
                log.warning("job %s failed: %s", job.name, exc.english or exc.message)
            else:
                log.exception("job %s failed", job.name)
        finally:
            renewer.cancel()
        end = self.clock.now()
        due = (schedule.next_due(job.rule, end, tz) if error is None
               else schedule.retry_due(job.rule, end, tz))
        text = "" if error is None else _describe(error)
        try:
            kept = await self._write(store.finish, job.name, self.owner, end, due, result, text)
        finally:
            self.running.discard(job.name)
        if not kept:
            log.warning("job %s lost its lease while running; its run is not recorded", job.name)
        return Ran(job.name, job.kind, error is None, result, text, int(now), int(end), missed,
                   error)

    async def _renew(self, name: str) -> None:
        while True:
            await asyncio.sleep(self.renew_every)
            try:
                if not await self._write(store.renew, name, self.owner, self.clock.now(),
                                         self.lease_seconds):
                    log.warning("job %s: lease lost while running", name)
                    return
            except Exception:  # the workspace closing under us: the run's end says the rest
                log.exception("job %s: renewing the lease failed", name)
                return

    # -- the loop ------------------------------------------------------------------------------
    def start(self) -> None:
        """Run due jobs now, then each when it falls due, until ``stop``."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._loop(), name="scheduler")

    @property
    def started(self) -> bool:
        return self._task is not None and not self._task.done()

    def wake(self) -> None:
        """Look at the jobs again now (one was added or changed)."""
        self._wake.set()

    async def seconds_to_next(self) -> float:
        wake = await self._read(store.next_wake, set(self.handlers))
        if wake is None:
            return self.idle_seconds
        return min(max(wake - self.clock.now(), 1.0), self.idle_seconds)

    async def _loop(self) -> None:
        while True:
            try:
                self.history.extend(await self.run_due())
            except asyncio.CancelledError:
                raise
            except Exception:  # e.g. a disk error reading the jobs: try again next round
                log.exception("scheduler round failed")
            self.first_pass.set()
            try:
                delay = await self.seconds_to_next()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("scheduler could not read the next due time")
                delay = self.idle_seconds
            await self._nap(delay)

    async def _nap(self, seconds: float) -> None:
        self._wake.clear()
        sleeper = asyncio.ensure_future(self._sleep(seconds))
        woken = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, woken}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            woken.cancel()

    async def stop(self) -> None:
        """Cancel the loop (and a job it runs) and free every lease this scheduler holds."""
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if not self._ws.closed:
            await self._write(store.release_all, self.owner)

    def close(self) -> None:
        """``stop`` without a running loop (a shutdown after the loop ended): cancel, free."""
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
        if not self._ws.closed:
            self._ws.submit_bookkeeping(lambda conn: store.release_all(conn, self.owner)).result()


async def backup(ws: Workspace) -> str:
    """The daily backup's work: a checked copy unless the last one is less than a day old.
    Raises ``UserError`` (a full disk, an unwritable folder, a damaged workspace)."""
    due = await asyncio.to_thread(ws.backup_if_due)
    if due is None:
        return "不需要：最近一次备份不到一天"
    made = await asyncio.wrap_future(due)
    log.info("daily backup: %s", made)
    return f"已备份：{made.name}"
