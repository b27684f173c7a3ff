"""A batch award killed (SIGKILL) while it writes leaves all of it or nothing, and the rerun with
the same key awards each member once. The real CLI in a real process on a real workspace."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from siyu_desktop.domain import points as P
from siyu_desktop.services import workspaces
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import points as store
from siyu_desktop.store.db import Workspace
from siyu_desktop.store.demo import DemoSize

SIZE = DemoSize(members=40_000, groups=20, tags=30, roster_mean=10, points_history=False)


@pytest.fixture(scope="module")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    path = tmp_path_factory.mktemp("kill") / "big.siyu.db"
    ws = workspaces.create_demo(path, SIZE, seed=3)
    try:
        service = WorkspaceService(ws)
        best = max(((name, len(asyncio.run(service.evaluate(seg))))
                    for _id, name, seg in asyncio.run(service.saved_segments())),
                   key=lambda x: x[1])
    finally:
        ws.close()
    return path, best[0], best[1]


def _cli(path: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([sys.executable, "-m", "siyu_desktop.cli", "--workspace", str(path),
                             "points", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", env=env)


@pytest.mark.parametrize("delay", [0.0, 0.15, 0.4, 0.8, 6.0])  # the last after the commit
def test_a_killed_award_is_all_or_nothing_and_the_rerun_awards_once(
        big_template: tuple[Path, str, int], tmp_path: Path, delay: float) -> None:
    template, segment, members = big_template
    assert members > 5000  # big enough that the write takes a while
    path = tmp_path / "w.siyu.db"
    shutil.copy2(template, path)
    args = ("award", "--segment", segment, "--amount", "25", "--reason", "补发", "--key", "k1")
    proc = _cli(path, *args)
    assert proc.stdout is not None
    # the plan's line is printed just before the write starts
    while "本次" not in (line := proc.stdout.readline()):
        assert line, proc.stderr.read() if proc.stderr else ""
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    with Workspace.open(path, actor="tester") as ws:
        conn = ws.reader()
        given = store.keys_with_prefix(conn, "award:k1:")
        assert given in (0, members)
        assert store.balance_mismatches(conn) == (0, [])
        assert P.verify_chain(store.walk(conn))[1] is None
    rerun = subprocess.run([sys.executable, "-m", "siyu_desktop.cli", "--workspace", str(path),
                            "points", *args], capture_output=True, text=True, encoding="utf-8",
                           timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with Workspace.open(path, actor="tester") as ws:
        conn = ws.reader()
        assert store.keys_with_prefix(conn, "award:k1:") == members
        assert conn.execute("SELECT count(*) FROM points_entries WHERE source_ref = 'k1'"
                            ).fetchone()[0] == members
        assert store.balance_mismatches(conn) == (0, [])
