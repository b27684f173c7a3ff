"""Excel round-trip benchmark (issue: Excel round trip). For a 100,000-row and a 1,000,000-row
roster (11 columns, 3–8 tags a row out of 400), generated once and cached under .cache/, prints
side by side, each size measured in its own subprocess so peak memory does not mix:

  raw read (calamine alone) · import end to end (read, check, compare, write, index) and its
  ratio to the raw read · two write floors (the import's rows copied by SQLite alone, and handed
  to SQLite through Python's sqlite3 module) and the ratio ceilings they imply · export next to a
  raw XlsxWriter write of the same cells · peak RSS of the import and of the process that loads
  big sheets · the longest event-loop stall while the import window imports

  python tests/bench/bench_excel.py [--sizes 100000 1000000] [--repeat 2]

Medians of ``--repeat`` runs at 100k (reads: at least 3); one run at 1M, whose export writes the
first 300,000 members (the per-row rate, within the ten-minute budget). Every import goes into a
new empty workspace, so all rows are new members (the heaviest case: inserts, tags, audit).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.common import CACHE, children_peak_rss_mb, peak_rss_mb  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红娥玲芬燕彩春菊凤洁梅琳素云莲真环雪荣爱妹香月莺媛瑞凡佳嘉琼勤珍贞莉娣叶璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思"
# Exports from the 1M workspace write its first 300,000 members: the rate per row is what counts,
# and writing all of them (twice, with the raw baseline) would take the run past ten minutes.
EXPORT_LIMIT = 300_000
PREFIXES = ("134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159",
            "182", "183", "187", "188", "130", "131", "132", "155", "156", "185", "186", "133",
            "153", "180", "181", "189", "177", "199")


def roster_path(n: int) -> Path:
    return CACHE / f"roster_{n}.xlsx"


def generate(n: int) -> Path:
    """A roster as an operator's file would be, written by our own exporter (cached)."""
    from siyu_desktop.excel.normalize import RosterRow
    from siyu_desktop.excel.writer import write_roster

    path = roster_path(n)
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(n)
    tags = [(f"维度{g}", f"标签{t}") for g in range(20) for t in range(20)]
    channels = ("包裹卡", "AI外呼", "短信", "裂变", "线下活动")

    def rows() -> Any:
        for i in range(n):
            name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2)))
            yield RosterRow(
                name=name, phone=f"{rnd.choice(PREFIXES)}{rnd.randrange(10**8):08d}",
                external_userid=f"wmBENCH{i:09d}", level=rnd.randrange(4), channel=rnd.choice(channels),
                birthday=f"{rnd.randint(1960, 2005)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                added_at=1_600_000_000 + rnd.randrange(100_000_000),
                tags=tuple(rnd.sample(tags, rnd.randint(3, 8))), points=rnd.randrange(5000),
                remark=rnd.choice(("", "", "老客户", "喜欢冻干", "宝妈", "团购")), gender=rnd.randrange(3))
    start = time.perf_counter()
    write_roster(path, rows())
    print(f"  generated {path.name} in {time.perf_counter() - start:.0f}s", flush=True)
    return path


# -- one size, in a child process ----------------------------------------------------------------
def _timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def measure_gui(n: int) -> dict[str, Any]:
    """In a process of its own, as the app would be: the import window imports the roster."""
    tmp = Path(tempfile.mkdtemp(prefix="bench_excel_gui_"))
    try:
        stall = _gui_stall(roster_path(n), tmp / "gui.db")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"stall_ms": stall, "gui_peak_mb": peak_rss_mb(), "gui_child_peak_mb": children_peak_rss_mb()}


def measure(n: int, repeat: int) -> dict[str, Any]:
    from siyu_desktop.excel import reader
    from siyu_desktop.excel.reader import iter_rows
    from siyu_desktop.services.exporter import Exporter
    from siyu_desktop.services.importer import Importer
    from siyu_desktop.services.workspace import WorkspaceService
    from siyu_desktop.store.db import Workspace

    path = roster_path(n)
    tmp = Path(tempfile.mkdtemp(prefix="bench_excel_"))
    out: dict[str, Any] = {"n": n, "repeat": repeat}

    imports, ws = [], None
    for i in range(repeat):
        if ws is not None:
            ws.close()
        ws = Workspace.open(tmp / f"import{i}.db")
        importer = Importer(WorkspaceService(ws))

        def run(importer: Any = importer) -> Any:
            preview = importer.preview_now(path)
            return preview, asyncio.run(importer.commit(preview))  # as the CLI does
        seconds, (preview, outcome) = _timed(run)
        assert outcome.inserted == n - preview.rejected, (outcome, preview.rejected)
        imports.append(seconds)
        if i == 0:  # one import in a fresh process: what an operator's first import costs
            out["first_import_peak_mb"] = peak_rss_mb()
            out["child_peak_mb"] = children_peak_rss_mb()
        asyncio.run(importer.discard(preview))
    out["import_s"] = statistics.median(imports)
    out["import_peak_mb"] = peak_rss_mb()
    # The raw read is the fastest reader alone, in this process (after the imports, so that the
    # imports' peak memory is their own): the app hands big files to a child process that spills
    # the rows to disk (see excel.reader), which costs it more time than this.
    in_process = reader.CHILD_READ_BYTES
    reader.CHILD_READ_BYTES = 1 << 62
    reads = [_timed(lambda: sum(1 for _ in iter_rows(path)))[0] for _ in range(max(repeat, 3))]
    reader.CHILD_READ_BYTES = in_process
    out["read_s"] = statistics.median(reads)

    assert ws is not None
    out["floor_s"] = _write_floor(ws.path, tmp / "floor.db")
    service = WorkspaceService(ws)
    ids = [r[0] for r in ws.reader().execute("SELECT id FROM members ORDER BY id")][:EXPORT_LIMIT]
    out["exported"] = len(ids)
    exports = [_timed(lambda: Exporter(service).export_now(ids, tmp / "export.xlsx"))[0]
               for _ in range(repeat)]
    out["export_s"] = statistics.median(exports)
    out["raw_write_s"] = statistics.median(_raw_write(service, ids, tmp) for _ in range(repeat))
    ws.close()
    out["peak_mb"] = peak_rss_mb()
    # Last: it holds the finished rows in memory, which would blur the peak figures above.
    out["python_floor_s"] = _write_floor(tmp / f"import{repeat - 1}.db", tmp / "floor-py.db",
                                         through_python=True)
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def _write_floor(source: Path, target: Path, *, through_python: bool = False) -> float:
    """SQLite alone writing what the import wrote: the same member rows and tag links copied
    with ``INSERT … SELECT`` into a new workspace and committed, with foreign keys checked and
    the indexes built after the rows (as the import does into an empty workspace). No Python
    per row, no reading, checking, planning, audit or search index: less than any import of
    this file can cost on this machine. The import waits for the whole sheet before writing
    anything (calamine loads a sheet at once), so import / raw read cannot exceed
    read / (read + floor).

    ``through_python``: the same rows, finished and held in memory as tuples, handed to SQLite
    the way Python can (``executemany`` through the sqlite3 module, 10,000 rows a call): the
    least any import written in Python costs to store them."""
    import sqlite3

    from siyu_desktop.store.db import Workspace
    from siyu_desktop.store.deferred import indexes_deferred
    from siyu_desktop.store.import_apply import NEW_COLUMNS

    Workspace.open(target).close()  # the app's schema, migrations and pragmas
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -16384")  # what the import uses
    conn.execute("ATTACH DATABASE ? AS src", (str(source),))
    conn.execute("DELETE FROM tag_groups")
    conn.execute("INSERT INTO tag_groups SELECT * FROM src.tag_groups")
    conn.execute("INSERT INTO tags SELECT * FROM src.tags")
    members = conn.execute("SELECT count(*) FROM src.members").fetchone()[0]
    links = conn.execute("SELECT count(*) FROM src.member_tags").fetchone()[0]
    columns = ", ".join(NEW_COLUMNS)
    member_sql = f"INSERT INTO members({columns}) VALUES ({', '.join('?' * len(NEW_COLUMNS))})"
    link_sql = "INSERT INTO member_tags(member_id, tag_id) VALUES (?, ?)"
    if through_python:
        member_rows = conn.execute(f"SELECT {columns} FROM src.members ORDER BY id").fetchall()
        link_rows = conn.execute("SELECT member_id, tag_id FROM src.member_tags "
                                 "ORDER BY member_id, tag_id").fetchall()
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("DROP TRIGGER members_fts_ai")  # the search index is not part of the floor
    with indexes_deferred(conn, "members", members):
        if through_python:
            for at in range(0, len(member_rows), 10_000):
                conn.executemany(member_sql, member_rows[at:at + 10_000])
        else:
            conn.execute(f"INSERT INTO members({columns}) SELECT {columns} FROM src.members "
                         "ORDER BY id")
    with indexes_deferred(conn, "member_tags", links):
        if through_python:
            for at in range(0, len(link_rows), 10_000):
                conn.executemany(link_sql, link_rows[at:at + 10_000])
        else:
            conn.execute("INSERT INTO member_tags(member_id, tag_id) SELECT member_id, tag_id "
                         "FROM src.member_tags ORDER BY member_id, tag_id")
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def _raw_write(service: Any, ids: list[int], tmp: Path) -> float:
    """XlsxWriter alone (constant_memory, write_row) over the very cells the export writes."""
    import xlsxwriter

    from siyu_desktop.excel.writer import roster_cells, roster_header
    from siyu_desktop.services.exporter import CHUNK, RecordReader

    conn = service._ws.reader()  # the benchmark reads as the exporter does
    reader = RecordReader(conn)
    cells = [roster_cells(r, (), service.tz) for start in range(0, len(ids), CHUNK)
             for r in reader.records(ids[start:start + CHUNK])]
    start = time.perf_counter()
    book = xlsxwriter.Workbook(str(tmp / "raw.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, roster_header())
    for row, values in enumerate(cells, start=1):
        sheet.write_row(row, 0, values)
    book.close()
    return time.perf_counter() - start


def _gui_stall(path: Path, db: Path) -> float:
    """The import window imports ``path`` on a qasync loop while a 10 ms heartbeat measures how
    late it fires: the longest lateness is the longest the window was frozen."""
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from siyu_desktop.services.importer import Importer
    from siyu_desktop.services.workspace import WorkspaceService
    from siyu_desktop.store.db import Workspace
    from siyu_desktop.ui.controllers.import_controller import ImportController
    from siyu_desktop.ui.feedback import Feedback
    from siyu_desktop.ui.gc_collector import GuiThreadCollector, favour_gui_thread
    from siyu_desktop.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    favour_gui_thread()  # the process set up as app.main sets it up
    collector = GuiThreadCollector(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    ws = Workspace.open(db)
    errors: list[BaseException] = []
    tasks = TaskRunner(errors.append)
    controller = ImportController(Importer(WorkspaceService(ws)), tasks, Feedback(), None)
    controller.open()
    worst = [0.0]
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        worst[0] = max(worst[0], now - last[0] - 0.010)
        last[0] = now
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(beat)

    async def run() -> None:
        await asyncio.sleep(0.2)  # let the window settle before measuring
        last[0] = time.perf_counter()
        timer.start()
        controller.load_file(str(path))
        while controller.preview is None and not errors:
            await asyncio.sleep(0.05)
        controller.commit()
        while controller.outcome is None and not errors:
            await asyncio.sleep(0.05)
        timer.stop()
        await tasks.wait_idle()
    loop.run_until_complete(run())
    if errors:
        raise errors[0]
    controller.dialog.close()
    collector.stop()
    ws.close()
    return worst[0] * 1000


# -- the parent: generate, run each size in its own process, print ------------------------------
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=2, help="runs per median at 100k")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-repeat", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--gui-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print("RESULT " + json.dumps(measure(args.child, args.child_repeat)), flush=True)
        return
    if args.gui_child:
        print("RESULT " + json.dumps(measure_gui(args.gui_child)), flush=True)
        return
    print(f"load before: {os.getloadavg()}")
    started = time.perf_counter()
    results = []
    for n in args.sizes:
        generate(n)
        repeat = args.repeat if n <= 200_000 else 1
        result: dict[str, Any] = {}
        for flags in (["--child", str(n), "--child-repeat", str(repeat)], ["--gui-child", str(n)]):
            done = subprocess.run([sys.executable, __file__, *flags], capture_output=True,
                                  text=True, check=False)
            line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
            if line is None:
                print(done.stdout, done.stderr)
                raise SystemExit(f"child {flags} failed")
            result.update(json.loads(line[7:]))
        results.append(result)
    print(f"\n  {'':34}" + "".join(f"{r['n']:>16,}" for r in results))

    def show(label: str, values: list[str], target: str = "") -> None:
        print(f"  {label:<34}" + "".join(f"{v:>16}" for v in values) + f"   {target}")
    show("runs per median", [str(r["repeat"]) for r in results])
    show("raw read (calamine), rows/s", [f"{r['n'] / r['read_s']:,.0f}" for r in results])
    show("import end to end, rows/s", [f"{r['n'] / r['import_s']:,.0f}" for r in results])
    show("import / raw read", [f"{r['read_s'] / r['import_s']:.2f}×" for r in results], "target ≥ 0.6×")
    show("write floor, SQLite alone, s", [f"{r['floor_s']:.2f}" for r in results],
         "same rows and links, INSERT … SELECT")
    show("ceiling: read / (read + floor)", [f"{r['read_s'] / (r['read_s'] + r['floor_s']):.2f}×"
                                            for r in results])
    show("write floor via sqlite3 module, s", [f"{r['python_floor_s']:.2f}" for r in results],
         "finished rows, executemany")
    show("ceiling for a Python import", [f"{r['read_s'] / (r['read_s'] + r['python_floor_s']):.2f}×"
                                         for r in results])
    show("rows exported", [f"{r['exported']:,}" for r in results])
    show("export, rows/s", [f"{r['exported'] / r['export_s']:,.0f}" for r in results], "target ≥ 10,000")
    show("raw XlsxWriter, same cells, rows/s", [f"{r['exported'] / r['raw_write_s']:,.0f}"
                                               for r in results])
    show("peak RSS, first import, MB", [f"{r['first_import_peak_mb']:,.0f}" for r in results],
         "target < 300 (100k), < 1,500 (1M)")
    show("peak RSS, sheet-loading child, MB", [f"{r['child_peak_mb']:,.0f}" if r["child_peak_mb"]
                                               else "–" for r in results], "big files only")
    show("peak RSS after imports and reads, MB", [f"{r['import_peak_mb']:,.0f}" for r in results])
    show("peak RSS after the export too, MB", [f"{r['peak_mb']:,.0f}" for r in results])
    show("longest UI stall in import, ms", [f"{r['stall_ms']:.0f}" for r in results],
         "target ≤ 100")
    show("peak RSS, window import, MB", [f"{r['gui_peak_mb']:,.0f}" for r in results],
         "the app's process, preview + commit")
    show("  … its sheet-loading child, MB", [f"{r['gui_child_peak_mb']:,.0f}" if
                                             r["gui_child_peak_mb"] else "–" for r in results])
    print(f"\n  total {time.perf_counter() - started:.0f}s; load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
