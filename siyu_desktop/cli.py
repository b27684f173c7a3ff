"""``siyu``: the workspace's services without a window, for scripts.

Exit codes: 0 ok, 1 the operator's problem (message on stderr), 2 usage error, 3 nothing matched.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from . import paths
from .cli_progress import ProgressLine
from .domain import summaries
from .domain.members import LEVEL_NAMES
from .domain.segments import Segment
from .errors import UserError, WorkspaceError
from .services import workspaces
from .services.scheduler import BACKUP, Scheduler
from .services.scheduler import backup as scheduler_backup
from .services.workspace import WorkspaceService
from .store import tags as tag_store
from .store.db import Workspace
from .wecom.errors import redact

log = logging.getLogger("siyu.cli")
EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_EMPTY = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="siyu", description="私域运营台命令行 (Siyu Desktop CLI)")
    p.add_argument("--data-dir", help="data folder (default: SIYU_DATA_DIR or the user data dir)")
    p.add_argument("--workspace", help="workspace file (default: the last one opened, else the demo)")
    sub = p.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="create (or recreate) the demo workspace")
    demo.add_argument("--members", type=int, default=20_000)
    demo.add_argument("--groups", type=int, default=300)
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--force", action="store_true", help="replace an existing demo workspace")

    sub.add_parser("info", help="counts of what the workspace holds")

    members = sub.add_parser("members", help="list members (of a saved segment)")
    members.add_argument("--segment", help="saved segment name")
    members.add_argument("--search", default="", help="name / phone / remark / pinyin initials")
    members.add_argument("--limit", type=int, default=0, help="at most this many lines (0 = all)")

    tag = sub.add_parser("tag", help="add or remove a tag on a segment's members")
    tag.add_argument("action", choices=["add", "remove"])
    tag.add_argument("tag", help="tag name, or 组:标签")
    tag.add_argument("--segment", required=True, help="saved segment name")

    undo = sub.add_parser("undo", help="undo an operation by its number (see `siyu history`)")
    undo.add_argument("batch", type=int)
    history = sub.add_parser("history", help="recent operations that can be undone")
    history.add_argument("--kind", choices=("mine", "system", "all"), default="mine",
                         help="mine: what people did (default); system: syncs and pushes; all")
    history.add_argument("--limit", type=int, default=50)
    for module in _extensions():
        module.register(sub)
    return p


def _extensions() -> list[Any]:
    """Command groups that live next to their services (``register(sub)`` + ``run(args, ctx)``).

    Each module's ``register`` adds subparsers whose ``func`` default is an async handler taking
    ``(args, CliContext)`` and returning an exit code."""
    import importlib

    found = []
    for name in ("siyu_desktop.cli_excel", "siyu_desktop.cli_wecom", "siyu_desktop.cli_jobs",
                 "siyu_desktop.cli_workspace", "siyu_desktop.cli_points",
                 "siyu_desktop.cli_levels", "siyu_desktop.cli_rewards", "siyu_desktop.cli_rules"):
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return found


class CliContext:
    """What an extension command gets: the data dir and a way to open the workspace."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.data_dir = paths.data_dir(args.data_dir)

    def open_workspace(self) -> Workspace:
        return _open(self.args)

    def workspace_path(self) -> Path:
        """The workspace file the command is about, without opening it (it must exist)."""
        return _workspace_path(self.args)


def _workspace_path(args: argparse.Namespace) -> Path:
    """``--workspace`` (which must exist: a mistyped path never becomes a new, empty
    workspace), else the last one used, else the demo."""
    if args.workspace:
        path = Path(args.workspace).expanduser().resolve()
        if not path.exists():
            raise WorkspaceError(
                f"工作区文件“{path}”不存在。",
                "请检查路径是否写对（`siyu workspaces` 列出已知的工作区）；"
                "新建工作区请用 `siyu new 品牌名`。",
                english=f"The workspace file {path} does not exist.",
                english_hint="Check the path (`siyu workspaces` lists the known workspaces); to create a workspace use `siyu new BRAND`.")
        return path
    data_dir = paths.data_dir(args.data_dir)
    path = workspaces.last_workspace(data_dir) or workspaces.demo_workspace(data_dir)
    if not path.exists():
        raise UserError("还没有工作区。",
                        "用 `siyu new 品牌名` 新建，或运行 `siyu demo` 创建演示工作区，"
                        "或用 --workspace 指定文件。",
                        english="No workspace yet: run `siyu new NAME` or `siyu demo` first.",
                        english_hint="Create one with `siyu new BRAND`, run `siyu demo` for the demo workspace, or name a file with --workspace.")
    return path


def _open(args: argparse.Namespace) -> Workspace:
    ws = Workspace.open(_workspace_path(args), actor="cli", create=False)
    for notice in ws.notices:
        print(f"注意: {notice}", file=sys.stderr)
    if getattr(args, "command", "") not in ("backup", "jobs"):  # ``jobs run-due`` says it itself
        _daily_backup(ws)
    return ws


def _daily_backup(ws: Workspace) -> None:
    """The scheduler's backup job, when due: a checked copy once a day (the window runs the same
    job; its lease keeps the two apart). A failure is said (and logged) but does not stop the
    command; only the job's row records it. Runs on a thread of its own: a command may already
    be inside its event loop."""
    job = Scheduler(ws, handlers={BACKUP.kind: lambda _job: scheduler_backup(ws)})
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="siyu-jobs") as pool:
        ran = pool.submit(asyncio.run, job.run_due()).result()
    for r in ran:
        if r.ok and r.result.startswith("已备份"):
            print(f"已自动备份（每天一次）: {ws.backup_dir / r.result.split('：', 1)[1]}",
                  file=sys.stderr)
        elif not r.ok:
            log.error("daily backup failed: %s", r.error)
            print(f"警告: {r.error}", file=sys.stderr)
            hint = getattr(r.exception, "hint", "")
            if hint:
                print(f"建议: {hint}", file=sys.stderr)


async def _segment(service: WorkspaceService, name: str | None) -> Segment:
    if not name:
        return Segment()
    segment = await service.find_segment(name)
    if segment is None:
        raise UserError(f"找不到人群包“{name}”。", "用 `siyu info` 查看已保存的人群包。",
                        english=f"No segment named {name}.",
                        english_hint="`siyu info` lists the saved segments.")
    return segment


def _resolve_tag(ws: Workspace, spec: str) -> int:
    group, _, name = spec.rpartition(":") if ":" in spec else ("", "", spec)
    tag_id = tag_store.find_tag(ws.reader(), group or None, name)
    if tag_id is None:
        raise UserError(f"找不到标签“{spec}”。", "标签可写成“标签名”或“标签组:标签名”。",
                        english=f"No tag {spec}.",
                        english_hint="Write a tag as \"tag\" or \"group:tag\".")
    return tag_id


async def _run(args: argparse.Namespace) -> int:
    handler = getattr(args, "func", None)
    if handler is not None:
        return int(await handler(args, CliContext(args)))
    if args.command == "demo":
        data_dir = paths.data_dir(args.data_dir)
        path = workspaces.demo_workspace(data_dir)
        if path.exists() and not args.force:
            print(f"演示工作区已存在: {path}（用 --force 重建）")
            return EXIT_OK
        from .store.demo import DemoSize
        with ProgressLine() as progress:
            ws = workspaces.create_demo(
                path, DemoSize(members=args.members, groups=args.groups,
                                 points_history=args.members <= 100_000), seed=args.seed,
                progress=progress)
        workspaces.remember(data_dir, path)
        ws.close()
        print(f"已创建演示工作区: {path}")
        return EXIT_OK

    ws = _open(args)
    try:
        service = WorkspaceService(ws)
        if args.command == "info":
            info = await service.info()
            print(f"工作区\t{info.path}{'（演示）' if info.demo else ''}")
            for label, value in (("客户", info.members), ("社群", info.groups), ("标签", info.tags),
                                 ("员工", info.staff), ("人群包", info.segments)):
                print(f"{label}\t{value}")
            for _id, name, _seg in await service.saved_segments():
                print(f"人群包\t{name}")
            return EXIT_OK
        if args.command == "members":
            segment = await _segment(service, args.segment)
            result = await service.evaluate(segment, args.search)
            ids = await service.ordered(result)
            if args.limit:
                ids = ids[: args.limit]
            out = sys.stdout
            out.write("id\t姓名\t手机\t等级\t渠道\t标签\n")
            for start in range(0, len(ids), 500):
                chunk = [int(i) for i in ids[start:start + 500]]
                rows = service.rows_now(chunk)
                for member_id in chunk:
                    r = rows[member_id]
                    out.write(f"{r.id}\t{r.name}\t{r.phone}\t{LEVEL_NAMES.get(r.level, '')}\t"
                              f"{r.channel}\t{r.tags}\n")
            print(f"共 {len(result)} 位客户", file=sys.stderr)
            return EXIT_OK if len(result) else EXIT_EMPTY
        if args.command == "tag":
            segment = await _segment(service, args.segment)
            tag_id = _resolve_tag(ws, args.tag)
            targets = [int(i) for i in (await service.evaluate(segment)).to_array()]
            if args.action == "add":
                changed, batch = await service.add_tag(tag_id, targets)
                print(f"已给 {changed} 位客户打上“{args.tag}”（{len(targets) - changed} 位原本就有）。"
                      f"撤销: siyu undo {batch}")
            else:
                changed, batch = await service.remove_tag(tag_id, targets)
                print(f"已从 {changed} 位客户移除“{args.tag}”。撤销: siyu undo {batch}")
            return EXIT_OK
        if args.command == "undo":
            restored = await service.undo(args.batch)
            print(f"已撤销操作 #{args.batch}，恢复 {restored} 项。")
            return EXIT_OK
        if args.command == "history":
            for b in await service.recent_batches(args.limit, args.kind):
                state = "（已撤销）" if b.undone_at else ""
                print(f"#{b.id}\t{b.actor}\t{b.action}\t{b.changes}\t{summaries.render(b.summary)}{state}")
            return EXIT_OK
    finally:
        ws.close()
    return EXIT_USAGE


class _Redacting(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))  # no token or password in a log line


def _log_to_file(data_dir: str | None) -> None:
    """The command's log goes where the window's does (never onto the operator's terminal)."""
    root = logging.getLogger()
    if root.handlers:
        return  # already set up (tests, an embedding program)
    try:
        folder = paths.data_dir(data_dir) / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(folder / "siyu-cli.log", encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()  # an unwritable data folder is reported by the command
    handler.setFormatter(_Redacting("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def print_user_error(exc: UserError) -> None:
    """On stderr in the operator's language: ``SIYU_LANG=en`` gives the English twins."""
    if os.environ.get("SIYU_LANG") == "en":
        print(f"Error: {exc.english}", file=sys.stderr)
        if exc.english_hint:
            print(f"Hint: {exc.english_hint}", file=sys.stderr)
        return
    print(f"错误: {exc.message}", file=sys.stderr)
    if exc.hint:
        print(f"建议: {exc.hint}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _log_to_file(args.data_dir)
    try:
        return asyncio.run(_run(args))
    except UserError as exc:
        print_user_error(exc)
        return EXIT_USER
    except KeyboardInterrupt:
        return 130
    finally:
        if argv is None and threading.current_thread() is threading.main_thread():
            # the command has answered (its work is committed or rolled back): a second Ctrl-C
            # during the interpreter's shutdown must not turn the exit code into a signal
            signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    sys.exit(main())
