"""``siyu import`` and ``siyu export``: the Excel round trip without a window.

``siyu import FILE`` previews and then commits; ``--dry-run`` only previews. The exit code is 1
when rows were rejected (they can be saved with ``--rejects`` and fixed), else 0.

Ctrl-C during an import does not raise ``KeyboardInterrupt`` into the middle of the work: it sets
a flag the importer polls. Cancelled in time, nothing is written and the exit code is 130; once
the commit is past its last check it finishes, and the CLI says so and prints the undo line.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import Cancelled, UserError
from .excel.mapping import ColumnMapping
from .ops import CancelToken, Progress
from .services.exporter import Exporter
from .services.importer import Importer
from .services.workspace import WorkspaceService

EXIT_OK, EXIT_USER, EXIT_CANCELLED = 0, 1, 130


def register(sub: Any) -> None:
    imp = sub.add_parser("import", help="import members from an Excel/CSV roster")
    imp.add_argument("file", type=Path)
    imp.add_argument("--sheet", help="sheet name (default: the first visible sheet)")
    imp.add_argument("--mapping", type=Path,
                     help="column mapping as JSON (as saved by an earlier import)")
    imp.add_argument("--dry-run", action="store_true", help="preview only, write nothing")
    imp.add_argument("--points", choices=("adjust", "ignore"), default="adjust",
                     help="a 积分 column: adjust entries for the differences (default) or ignore")
    imp.add_argument("--rejects", type=Path, help="save rejected rows with reasons to this .xlsx")
    imp.set_defaults(func=run_import)

    exp = sub.add_parser("export", help="export members to .xlsx or .csv (by the file name)")
    exp.add_argument("out", type=Path, help="the file to write: NAME.xlsx or NAME.csv")
    exp.add_argument("--segment", help="saved segment name (default: every member)")
    exp.set_defaults(func=run_export)


def _status(p: Progress) -> None:
    if not sys.stderr.isatty():  # a log file wants the result, not a thousand progress lines
        return
    names = {"read": "读取", "compare": "比对", "write": "写入"}
    shown = f"{p.done:,}/{p.total:,}" if p.total else f"{p.done:,}"
    print(f"\r{names.get(p.step, p.step)} {shown} 行   ", end="", file=sys.stderr, flush=True)


def _load_mapping(path: Path | None) -> ColumnMapping | None:
    if path is None:
        return None
    try:
        return ColumnMapping.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError) as exc:
        raise UserError(f"无法读取列对应文件“{path.name}”。", "它应是导入时保存的 JSON。",
                        english="Cannot read the mapping file.",
                        english_hint="It should be the JSON saved at import time.") from exc


@contextlib.contextmanager
def _sigint_cancels() -> Iterator[CancelToken]:
    """While inside: SIGINT only flips the token; the work stops at its next check.

    The importer checks the token on its worker and writer threads, so a Ctrl-C stops the work
    at its next check and the transaction rolls back, or, past the last check, lets it commit."""
    stop = CancelToken()

    if threading.current_thread() is not threading.main_thread():  # in-process callers
        yield stop
        return
    previous = signal.getsignal(signal.SIGINT)
    loop = asyncio.get_running_loop()
    try:
        # Through the loop's wakeup fd: a plain signal.signal handler runs only when the main
        # thread next runs Python code, which may be after the commit if the OS handed the
        # signal to a worker thread while the loop sat in select().
        loop.add_signal_handler(signal.SIGINT, stop.cancel)
        via_loop = True
    except (NotImplementedError, RuntimeError):  # Windows' proactor loop
        signal.signal(signal.SIGINT, lambda *_: stop.cancel())
        via_loop = False
    try:
        yield stop
    finally:
        if via_loop:
            loop.remove_signal_handler(signal.SIGINT)
        signal.signal(signal.SIGINT, previous)


async def run_import(args: argparse.Namespace, ctx: Any) -> int:
    mapping = _load_mapping(args.mapping)
    with _sigint_cancels() as stop:
        try:
            return await _import(args, ctx, mapping, stop)
        except Cancelled:
            print(file=sys.stderr)
            print("已取消，没有导入任何数据。")
            return EXIT_CANCELLED


async def _import(args: argparse.Namespace, ctx: Any, mapping: ColumnMapping | None,
                  stop: CancelToken) -> int:
    ws = ctx.open_workspace()
    try:
        importer = Importer(WorkspaceService(ws))
        preview = await importer.preview(args.file, args.sheet, mapping, progress=_status,
                                         cancel=stop, points=getattr(args, "points", "adjust"))
        print(file=sys.stderr)
        print(f"文件\t{args.file}")
        for line in preview.summary_lines():
            print(line)
        for number, reason in preview.problems(20):
            print(f"第 {number} 行\t{reason}")
        if args.rejects and preview.rejected:
            written = await importer.save_rejects(preview, args.rejects, cancel=stop)
            print(f"已把 {written:,} 行有问题的数据保存到 {args.rejects}（改好后可再次导入）")
        if preview.blocking:
            return EXIT_USER
        if args.dry_run:
            print("（试运行：没有写入任何数据）")
        elif preview.can_commit:
            # Either raises Cancelled (rolled back, nothing written) or returns: committed.
            outcome = await importer.commit(preview, progress=_status, cancel=stop)
            print(file=sys.stderr)
            if stop.cancelled:
                print("取消时导入已在最后写入阶段，无法中止：导入已完成。")
            print(f"已导入：新增 {outcome.inserted:,} 位，更新 {outcome.updated:,} 位。"
                  f"撤销: siyu undo {outcome.batch_id}")
        else:
            print("没有需要导入的变化。")
        return EXIT_USER if preview.rejected else EXIT_OK
    finally:
        ws.close()


async def run_export(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = WorkspaceService(ws)
        target = None
        if args.segment:
            target = await service.find_segment(args.segment)
            if target is None:
                raise UserError(f"找不到人群包“{args.segment}”。", "用 `siyu info` 查看已保存的人群包。",
                                english=f"No segment named {args.segment}.",
                                english_hint="`siyu info` lists the saved segments.")
        written = await Exporter(service).export(
            target, args.out, progress=_status)
        print(file=sys.stderr)
        print(f"已导出 {written:,} 位客户到 {args.out}")
        return EXIT_OK
    finally:
        ws.close()
