"""The scheduler on real workspace files with a fake clock: leases, missed jobs, daily times in
Asia/Shanghai on a machine set to another zone, stop mid-run, and ``siyu jobs``."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from siyu_desktop.domain.clock import FakeClock
from siyu_desktop.domain.schedule import DailyAt, Every, Job
from siyu_desktop.services.scheduler import JobSpec, Scheduler
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import jobs
from siyu_desktop.store.db import Workspace

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2025, 3, 1, 22, 0, tzinfo=SHANGHAI)
HOURLY = JobSpec("tick", "tick", Every(3600))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def ws(tmp_path: Path, clock: FakeClock) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "w.siyu.db", clock=clock) as opened:
        yield opened


@pytest.fixture
def los_angeles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def job(ws: Workspace, name: str = "tick") -> Job:
    found = jobs.get(ws.reader(), name)
    assert found is not None
    return found


class FakeSleep:
    """The loop's sleep: moves the fake clock instead of waiting; stops the loop after ``rounds``."""

    def __init__(self, clock: FakeClock, rounds: int) -> None:
        self.clock = clock
        self.rounds = rounds
        self.slept: list[float] = []
        self.done = asyncio.Event()

    async def __call__(self, seconds: float) -> None:
        self.slept.append(seconds)
        if len(self.slept) >= self.rounds:
            self.done.set()
            await asyncio.Event().wait()  # the test stops the scheduler here
        self.clock.advance(seconds)
        await asyncio.sleep(0)


async def test_the_workspace_and_its_services_read_the_clock(ws: Workspace,
                                                             clock: FakeClock) -> None:
    conn = ws.reader()
    assert conn.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()[0] == \
        str(int(START.timestamp()))
    clock.advance(hours=2)  # 00:00 on the 2nd in Shanghai
    ws.write(lambda ctx: None, action="noop")
    at = conn.execute("SELECT at FROM audit_batches ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert at == int(clock.now())
    assert WorkspaceService(ws).today() == date(2025, 3, 2)
    assert conn.execute("SELECT version FROM (SELECT 1 AS version)").fetchone()  # a live reader
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 8


async def test_two_schedulers_race_for_one_due_job_and_it_runs_once(ws: Workspace,
                                                                    clock: FakeClock) -> None:
    calls: list[str] = []

    async def tick(j: Job) -> str:
        calls.append(j.name)
        await asyncio.sleep(0.05)
        return "ok"

    one = Scheduler(ws, clock, {"tick": tick}, jobs=[HOURLY], owner="window")
    two = Scheduler(ws, clock, {"tick": tick}, jobs=[HOURLY], owner="cli")
    first, second = await asyncio.gather(one.run_due(), two.run_due())
    assert calls == ["tick"]
    assert len(first) + len(second) == 1
    done = job(ws)
    assert done.runs == 1 and done.lease_owner is None and done.last_result == "ok"
    assert done.due_at == int(clock.now()) + 3600
    assert await one.run_due() == [] and await two.run_due() == []


RACER = textwrap.dedent("""
    import sqlite3, sys, time
    from siyu_desktop.store import jobs
    path, owner, now, start = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    conn = sqlite3.connect(path, isolation_level=None, timeout=10)
    while time.time() < start:
        time.sleep(0.001)
    print("took" if jobs.take(conn, "tick", owner, now, 300) else "lost")
""")


async def test_two_processes_race_for_one_job_one_takes_it(ws: Workspace, clock: FakeClock,
                                                           tmp_path: Path) -> None:
    sched = Scheduler(ws, clock, {"tick": lambda j: "ran here"}, jobs=[HOURLY], owner="window")
    await sched.ensure_jobs()
    script = tmp_path / "racer.py"
    script.write_text(RACER)
    start = time.time() + 1.5
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    racers = [subprocess.Popen([sys.executable, str(script), str(ws.path), f"proc{i}",
                                str(clock.now()), str(start)], stdout=subprocess.PIPE,
                               text=True, env=env) for i in range(3)]
    outs = [r.communicate(timeout=60)[0].strip() for r in racers]
    assert sorted(outs) == ["lost", "lost", "took"]
    holder = job(ws)
    assert holder.lease_owner in {"proc0", "proc1", "proc2"}
    assert await sched.run_due() == []  # held by another process: not run here
    clock.advance(301)  # that process died: its lease runs out
    ran = await sched.run_due()
    assert [r.result for r in ran] == ["ran here"] and job(ws).lease_owner is None


async def test_a_missed_job_runs_once(ws: Workspace, clock: FakeClock) -> None:
    calls = []
    spec = JobSpec("nightly", "nightly", DailyAt(3, 0))
    sched = Scheduler(ws, clock, {"nightly": lambda j: calls.append(j) or "done"}, jobs=[spec])
    await sched.ensure_jobs()
    assert datetime.fromtimestamp(job(ws, "nightly").due_at, SHANGHAI) == \
        datetime(2025, 3, 2, 3, 0, tzinfo=SHANGHAI)
    clock.advance(days=3)  # the laptop was closed: 03:00 on the 2nd, 3rd and 4th went by
    ran = await sched.run_due()
    assert len(calls) == 1 and len(ran) == 1 and ran[0].missed == 3
    assert await sched.run_due() == []
    assert datetime.fromtimestamp(job(ws, "nightly").due_at, SHANGHAI) == \
        datetime(2025, 3, 5, 3, 0, tzinfo=SHANGHAI)


async def test_daily_job_across_midnight_in_shanghai_on_a_machine_elsewhere(
        ws: Workspace, clock: FakeClock, los_angeles: None) -> None:
    runs: list[datetime] = []
    spec = JobSpec("nightly", "nightly", DailyAt(3, 0))
    sleep = FakeSleep(clock, rounds=40)

    def nightly(j: Job) -> str:
        runs.append(datetime.fromtimestamp(clock.now(), SHANGHAI))
        return "done"

    sched = Scheduler(ws, clock, {"nightly": nightly}, jobs=[spec], sleep=sleep,
                      idle_seconds=6 * 3600)
    sched.start()
    await asyncio.wait_for(sleep.done.wait(), 30)
    await sched.stop()
    # from 22:00 on the 1st: 03:00 Shanghai on each day, which is 11:00 the day before in LA
    assert len(runs) >= 3
    assert all((r.hour, r.minute) == (3, 0) for r in runs)
    assert [r.day for r in runs[:3]] == [2, 3, 4]
    assert time.localtime(runs[0].timestamp()).tm_hour == 11
    assert max(sleep.slept) <= 6 * 3600


async def test_stop_while_a_job_runs_releases_the_lease(ws: Workspace, clock: FakeClock) -> None:
    started = asyncio.Event()

    async def slow(j: Job) -> str:
        started.set()
        await asyncio.Event().wait()
        return "never"

    sched = Scheduler(ws, clock, {"tick": slow}, jobs=[HOURLY], owner="window")
    sched.start()
    await asyncio.wait_for(started.wait(), 10)
    assert job(ws).lease_owner == "window"
    await sched.stop()
    stopped = job(ws)
    assert stopped.lease_owner is None and stopped.lease_until is None
    assert stopped.runs == 0 and stopped.due_at <= clock.now()  # still due: runs next time
    assert not sched.started
    again = Scheduler(ws, clock, {"tick": lambda j: "ran"}, jobs=[HOURLY], owner="cli")
    assert [r.result for r in await again.run_due()] == ["ran"]


async def test_a_failed_run_is_recorded_and_tried_again_within_the_hour(
        ws: Workspace, clock: FakeClock) -> None:
    def broken(j: Job) -> str:
        raise OSError("disk on fire")

    daily = JobSpec("tick", "tick", Every(24 * 3600))
    sched = Scheduler(ws, clock, {"tick": broken}, jobs=[daily])
    [ran] = await sched.run_due()
    assert not ran.ok and "disk on fire" in ran.error
    failed = job(ws)
    assert failed.last_error == ran.error and failed.lease_owner is None
    assert failed.due_at == int(clock.now()) + 3600


async def test_the_lease_is_renewed_while_a_job_runs(ws: Workspace, clock: FakeClock) -> None:
    async def long(j: Job) -> str:
        for _ in range(5):
            clock.advance(200)
            await asyncio.sleep(0.05)
        return "long"

    sched = Scheduler(ws, clock, {"tick": long}, jobs=[HOURLY], lease_seconds=300,
                      renew_every=0.02)
    rival = Scheduler(ws, clock, {"tick": long}, jobs=[HOURLY], owner="rival")
    first = asyncio.ensure_future(sched.run_due())
    await asyncio.sleep(0.15)  # 600 s on the fake clock: past the first lease, not the renewed
    assert await rival.run_due() == []
    assert [r.result for r in await first] == ["long"]


def siyu(*args: str, data_dir: Path, lang: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIYU_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8",
           "SIYU_LANG": lang}
    return subprocess.run([sys.executable, "-m", "siyu_desktop.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def test_siyu_jobs_run_due_and_list(tmp_path: Path) -> None:
    path = tmp_path / "brand.siyu.db"
    Workspace.open(path).close()
    out = siyu("--workspace", str(path), "jobs", "run-due", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "backup" in out.stdout and "已运行" in out.stdout
    assert list((tmp_path / "backups").glob("brand.siyu.auto.*.db"))
    again = siyu("--workspace", str(path), "jobs", "run-due", data_dir=tmp_path)
    assert again.returncode == 0 and "没有到期的任务" in again.stdout
    listed = siyu("--workspace", str(path), "jobs", "list", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "backup" in listed.stdout and "auto_sync" in listed.stdout
    english = siyu("--workspace", str(path), "jobs", "list", data_dir=tmp_path, lang="en")
    assert english.returncode == 0 and "next" in english.stdout.lower()
    with Workspace.open(path) as ws:
        assert job(ws, "backup").runs == 1
        assert job(ws, "auto_sync").runs == 0  # first due 15 minutes after it was added
