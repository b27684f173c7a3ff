"""Sync benchmark: a full sync of an emulated corp of 100,000 members and 2,000 groups answering
in 20 ms, run from the GUI's event loop (qasync, offscreen) with a 10 ms heartbeat timer.

  python tests/bench/bench_sync.py [--members N] [--groups G] [--staff S] [--latency-ms L]

The emulator runs in a child process (WeCom is another machine: its JSON work must not share our
GIL). ``generate_corp`` is deterministic and rebuilds the corp in ~4 s, faster than unpickling a
cached copy (~6 s), so the cache (tests/bench/.cache) keeps the synced workspace of the last run
and the results as JSON rather than the corp.

The process is set up as the app sets itself up (``app.main``): garbage collected on the GUI
thread only, with what exists at start frozen, and a 1 ms GIL switch interval. ``--python-gc``
leaves Python's automatic collector and the default switch interval instead, for comparison.

Prints wall time, requests per endpoint, the best time those requests could take given WeCom's
published limits (10,000/min and 150,000/hour per API), one call at a time per endpoint and the
latency — both summed (a client that runs endpoints one after another, as ours does) and along
the critical path (endpoints that do not depend on each other running concurrently) — peak RSS,
and the longest event-loop stall.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.common import CACHE, peak_rss_mb  # noqa: E402

EC = "/cgi-bin/externalcontact"
PER_MINUTE, PER_HOUR = 10_000, 150_000


def serve(args: argparse.Namespace) -> None:
    from siyu_desktop.wecom.emulator import generate_corp, make_server

    corp = generate_corp(args.seed, args.members, args.groups, args.staff)
    if args.fault_rate:  # network-level faults, in equal parts, reproducible
        third = args.fault_rate / 3
        corp.set_faults(drop_after_apply_rate=third, html_error_rate=third, truncate_rate=third,
                        fault_seed=args.seed)
    server = make_server(corp, latency_ms=args.latency_ms)
    # http.server writes headers and body separately; with Nagle's algorithm and the client's
    # delayed ACK every response then waits ~40 ms on top, which real WeCom does not do.
    server.RequestHandlerClass = type("BenchHandler", (server.RequestHandlerClass,),
                                      {"disable_nagle_algorithm": True})
    print(json.dumps({"base_url": server.base_url, "corp_id": corp.corp_id,
                      "secret": corp.secret}), flush=True)
    server.serve_forever()


def guard_killtimer_leak() -> bool:
    """PySide6 6.12.0's ``QObject.killTimer`` drops one reference to ``None`` per call, and
    qasync calls it once per callback: on Python 3.11 (``None`` is not immortal) the process
    aborts with "none_dealloc" after a few thousand awaits — one run of this benchmark did.
    Measure the leak and, if it is there, give the reference back after each call."""
    import ctypes

    import qasync
    from PySide6.QtCore import QObject

    probe = QObject()
    for _ in range(10):  # warm-up: first calls create (None-holding) caches
        probe.killTimer(probe.startTimer(1000))
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.killTimer(probe.startTimer(1000))
    if sys.getrefcount(None) - before > -50:
        return False
    kill = QObject.killTimer

    def killTimer(self: QObject, timer_id: int) -> None:  # noqa: N802
        kill(self, timer_id)
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    qasync._SimpleTimer.killTimer = killTimer  # type: ignore[attr-defined]
    for _ in range(110):  # the probe's own debt
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return True


def floor_seconds(n: int, latency: float) -> float:
    """The fastest ``n`` sequential calls to one endpoint can go: latency each, and no more
    than 10,000 in any minute and 150,000 in any hour."""
    by_limits = max((n - 1) // PER_MINUTE * 60.0, (n - 1) // PER_HOUR * 3600.0) if n else 0.0
    return max(n * latency, by_limits)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--members", type=int, default=100_000)
    p.add_argument("--groups", type=int, default=2_000)
    p.add_argument("--staff", type=int, default=50)
    p.add_argument("--latency-ms", type=int, default=20)
    p.add_argument("--seed", type=int, default=3)
    p.add_argument("--fault-rate", type=float, default=0.0,
                   help="share of answers failing at the network level (dropped, HTML 502, cut "
                        "short); 0.05 for the bad-Wi-Fi run")
    p.add_argument("--python-gc", action="store_true",
                   help="Python's automatic collector and switch interval, not the app's")
    p.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.serve:
        serve(args)
        return

    import httpx
    import qasync
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from siyu_desktop.services.sync import SyncService
    from siyu_desktop.store.db import Workspace
    from siyu_desktop.ui.gc_collector import GuiThreadCollector, favour_gui_thread
    from siyu_desktop.wecom.client import ConnectionSettings, WeComClient

    print(f"Full sync: {args.members:,} members, {args.groups:,} groups, {args.staff} staff, "
          f"{args.latency_ms} ms per request"
          + (f", {args.fault_rate:.0%} of answers failing" if args.fault_rate else ""))
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--serve", *sys.argv[1:]],
                             stdout=subprocess.PIPE, text=True)
    try:
        info = json.loads(child.stdout.readline())  # type: ignore[union-attr]
        print(f"  emulator corp generated and serving in {time.perf_counter() - started:.1f} s")
        CACHE.mkdir(parents=True, exist_ok=True)
        path = CACHE / "sync-bench.db"
        for leftover in CACHE.glob("sync-bench.db*"):
            leftover.unlink()
        ws = Workspace.open(path)
        app = QApplication.instance() or QApplication([])
        if guard_killtimer_leak():
            print("  (PySide6 killTimer None-refcount leak detected and compensated)")
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        if not args.python_gc:  # as app.main does
            favour_gui_thread()
            collector = GuiThreadCollector(app)
        stall = {"max": 0.0, "ticks": 0}
        clock = QElapsedTimer()
        timer = QTimer()
        timer.setInterval(10)

        def beat() -> None:
            late = clock.restart() - 10
            stall["ticks"] += 1
            stall["max"] = max(stall["max"], late)
        timer.timeout.connect(beat)
        phases: dict[str, list[float]] = {}

        def progress(pr: object) -> None:
            now = time.perf_counter()
            phases.setdefault(pr.step, [now, now])[1] = now

        async def run() -> object:
            settings = ConnectionSettings(info["corp_id"], base_url=info["base_url"], timeout=60)
            async with WeComClient(settings, info["secret"]) as client:
                clock.start()
                timer.start()
                t0 = time.perf_counter()
                service = SyncService(ws)
                report = await service.run(client, "full", progress=progress)
                report.counts["write_transactions"] = service.transactions  # type: ignore[attr-defined]
                report.counts["read_retries"] = sum(client.retries.values())  # type: ignore[attr-defined]
                timer.stop()
                return report, time.perf_counter() - t0
        with loop:
            report, wall = loop.run_until_complete(run())
        stats = httpx.get(info["base_url"] + "/__emulator__/stats").json()["stats"]["calls"]
        ws.close()
        if not args.python_gc:
            collector.stop()
    finally:
        child.terminate()
        child.wait()

    latency = args.latency_ms / 1000
    print(f"\n  wall time of the sync           {wall:8.1f} s")
    origin = min(first for first, _ in phases.values())
    print("    phases (members, groups and statistics run side by side):")
    for name, (first, last) in sorted(phases.items(), key=lambda kv: kv[1][0]):
        print(f"      {name:<10} {first - origin:6.1f} s → {last - origin:6.1f} s")
    print(f"  counts: {report.counts}")  # type: ignore[attr-defined]
    print("\n  requests per endpoint           calls   floor (latency / limits)")
    floors = {}
    for path, n in sorted(stats.items(), key=lambda kv: -kv[1]):
        floors[path] = floor_seconds(n, latency)
        print(f"    {path.replace(EC, '…'):<34} {n:7,}   {floors[path]:7.1f} s")
    total_calls = sum(stats.values())
    seq = sum(floors.values())

    def f(suffix: str) -> float:
        return sum(v for k, v in floors.items() if k.endswith(suffix))
    # Dependencies: everything needs the token; members need the staff list; groups need the
    # list before the gets (pipelined: the first list page is enough to start); statistics need
    # the staff list; the tag library stands alone. So three chains can run side by side.
    head = f("/gettoken") + f("/get_follow_user_list")
    chains = {"members": head + f("/batch/get_by_user"),
              "groups": f("/gettoken") + latency + f("/groupchat/get"),
              "stats": head + f("/statistic_group_by_day"),
              "tags": f("/gettoken") + f("/get_corp_tag_list")}
    critical = max(chains.values())
    print(f"    {'total':<34} {total_calls:7,}")
    print(f"\n  best possible, endpoints one after another (sum)   {seq:7.1f} s")
    print(f"  best possible, independent endpoints concurrently  {critical:7.1f} s  "
          f"(critical path: {max(chains, key=chains.get)})")  # type: ignore[arg-type]
    print(f"  ours vs the sequential floor: {wall / seq:4.2f}x; vs the critical path: "
          f"{wall / critical:4.2f}x")
    print(f"\n  peak RSS                        {peak_rss_mb():8.0f} MB")
    print(f"  longest event-loop stall        {stall['max']:8.0f} ms  "
          f"({stall['ticks']:,} heartbeats of 10 ms)")
    if args.fault_rate:
        from siyu_desktop.wecom.client import RetryPolicy

        policy = RetryPolicy()
        clean = CACHE / "sync-bench.json"
        before = json.loads(clean.read_text())["wall_s"] if clean.exists() else None
        print(f"\n  with {args.fault_rate:.0%} of answers failing: {wall:.1f} s"
              + (f" vs {before:.1f} s fault-free (last run without faults): "
                 f"{wall / before:.2f}x" if before else " (run once without --fault-rate to compare)")
              + f"; {report.counts['read_retries']:,} read retries; "  # type: ignore[attr-defined]
              f"bound: {policy.read_attempts} attempts within {policy.read_max_seconds:.0f} s per "
              "request")
    name = "sync-bench-faults.json" if args.fault_rate else "sync-bench.json"
    (CACHE / name).write_text(json.dumps({
        "wall_s": wall, "calls": stats, "floor_sequential_s": seq, "floor_critical_s": critical,
        "peak_rss_mb": peak_rss_mb(), "max_stall_ms": stall["max"],
        "counts": report.counts}, indent=1))  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown at interpreter exit, which can crash after a qasync loop
