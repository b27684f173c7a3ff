"""``siyu new|workspaces|use|backup|settings|segment``: workspaces, their backups, settings and
saved segments from the command line (what the window's 工作区 menu, 备份 and 设置 do)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .cli_progress import ProgressLine
from .domain import workspace_settings as settings_rules
from .domain.segments import Segment
from .errors import UserError, ValidationError
from .services import backups as backup_service
from .services import workspaces
from .services.backups import KIND_LABELS, BackupInfo, BackupsService
from .services.workspace import DEFAULT_TZ, WorkspaceService
from .services.workspace_settings import WorkspaceSettingsService

EXIT_OK, EXIT_USER, EXIT_EMPTY = 0, 1, 3


def register(sub: Any) -> None:
    new = sub.add_parser("new", help="create a workspace for your own brand (becomes the current one)")
    new.add_argument("name", help="the brand name (also names the file)")
    new.add_argument("--timezone", default=settings_rules.DEFAULT_TIMEZONE,
                     help="IANA time zone (default Asia/Shanghai)")
    new.add_argument("--corp-id", default="", help="the WeCom corp id (optional)")
    new.set_defaults(func=_new)

    sub.add_parser("workspaces", help="known and recent workspaces (* = what a plain start opens)"
                   ).set_defaults(func=_workspaces)
    use = sub.add_parser("use", help="make FILE the workspace plain starts open (never creates it)")
    use.add_argument("file")
    use.set_defaults(func=_use)

    backup = sub.add_parser("backup", help="backups: list | now (default) | restore N")
    backup.set_defaults(func=_backup_now)
    what = backup.add_subparsers(dest="backup_command")
    what.add_parser("list", help="the backups, numbered newest first").set_defaults(func=_backup_list)
    what.add_parser("now", help="make a checked backup copy now").set_defaults(func=_backup_now)
    restore = what.add_parser("restore", help="replace the workspace with backup N (see list)")
    restore.add_argument("number", type=int)
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(func=_backup_restore)

    settings = sub.add_parser("settings", help="show all settings, show one, or set one")
    settings.add_argument("key", nargs="?")
    settings.add_argument("value", nargs="?")
    settings.set_defaults(func=_settings)

    segment = sub.add_parser("segment", help="saved segments (人群包): list | show | save | delete")
    seg = segment.add_subparsers(dest="segment_command", required=True)
    seg.add_parser("list", help="every saved segment and its member count"
                   ).set_defaults(func=_segment_list)
    show = seg.add_parser("show", help="a segment's definition (JSON) and member count")
    show.add_argument("name")
    show.set_defaults(func=_segment_show)
    save = seg.add_parser("save", help="save (or replace) a segment from a JSON definition")
    save.add_argument("name")
    save.add_argument("--json", required=True, dest="definition",
                      help='e.g. {"levels": [3], "none_tags": [12]}')
    save.set_defaults(func=_segment_save)
    delete = seg.add_parser("delete", help="delete a saved segment")
    delete.add_argument("name")
    delete.set_defaults(func=_segment_delete)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


# -- workspaces --------------------------------------------------------------------------------
async def _new(args: argparse.Namespace, ctx: Any) -> int:
    path = workspaces.create_workspace(ctx.data_dir, args.name, args.timezone, args.corp_id)
    print(f"已创建工作区“{args.name.strip()}”: {path}")
    _err("以后直接运行的命令和窗口都会打开它。下一步：`siyu import 名单.xlsx` 导入客户，"
         "或 `siyu connect --corp-id ID` 连接企业微信后 `siyu sync`。")
    return EXIT_OK


async def _workspaces(args: argparse.Namespace, ctx: Any) -> int:
    known = workspaces.known_workspaces(ctx.data_dir)
    if not known:
        _err("还没有工作区。用 `siyu new 品牌名` 新建，或 `siyu demo` 生成演示工作区。")
        return EXIT_EMPTY
    for k in known:
        notes = [n for n, on in (("当前", k.current), ("演示", k.demo), ("最近使用", k.recent)) if on]
        print(f"{'*' if k.current else ' '} {k.path}" + (f"\t（{'，'.join(notes)}）" if notes else ""))
    return EXIT_OK


async def _use(args: argparse.Namespace, ctx: Any) -> int:
    path = workspaces.use_workspace(ctx.data_dir, Path(args.file))
    print(f"以后直接运行的命令和窗口会打开: {path}")
    return EXIT_OK


# -- backups -----------------------------------------------------------------------------------
def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def _line(number: int, b: BackupInfo, tz: ZoneInfo) -> str:
    at = datetime.fromtimestamp(b.made_at, tz).strftime("%Y-%m-%d %H:%M:%S")
    members = "无法读取" if b.members is None else f"{b.members:,} 位客户"
    return f"{number}\t{at}\t{_size(b.size_bytes)}\t{members}\t{KIND_LABELS.get(b.kind, b.kind)}" \
           f"\t{b.path.name}"


def _zone(path: Path) -> ZoneInfo:
    name = backup_service.stored_timezone(path, DEFAULT_TZ)
    try:
        return ZoneInfo(settings_rules.check_timezone(name))
    except ValidationError:
        return ZoneInfo(DEFAULT_TZ)


async def _backup_now(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = BackupsService(ws)
        _err(service.last_backup_text())
        with ProgressLine() as progress:
            made = await service.back_up_now(progress)
        print(f"已备份: {made}")
    finally:
        ws.close()
    return EXIT_OK


async def _backup_list(args: argparse.Namespace, ctx: Any) -> int:
    """Works without opening the workspace: a damaged or open one still shows its backups."""
    path = ctx.workspace_path()
    found = backup_service.list_backups(path)
    if not found:
        _err(f"“{path.name}”还没有备份。用 `siyu backup now` 立即备份。")
        return EXIT_EMPTY
    tz = _zone(path)
    print("序号\t时间\t大小\t客户\t种类\t文件")
    for number, b in enumerate(found, start=1):
        print(_line(number, b, tz))
    _err(f"时间按工作区时区 {tz.key} 显示。恢复：siyu backup restore 序号")
    return EXIT_OK


async def _backup_restore(args: argparse.Namespace, ctx: Any) -> int:
    path = ctx.workspace_path()
    found = backup_service.list_backups(path)
    if not 1 <= args.number <= len(found):
        raise UserError(f"没有第 {args.number} 份备份（共 {len(found)} 份）。",
                        "用 `siyu backup list` 查看备份的序号。",
                        english=f"There is no backup number {args.number}.",
                        english_hint="`siyu backup list` shows the backups' numbers.")
    chosen = found[args.number - 1]
    tz = _zone(path)
    _err(f"将用备份 #{args.number}（{_line(args.number, chosen, tz).split(chr(9), 1)[1]}）"
         f"替换工作区“{path}”。")
    _err("当前文件会先保留为一份安全副本（在备份文件夹中，不会被自动轮换删除）。")
    if not args.yes:
        sys.stderr.write("确定恢复吗？[y/N] ")
        sys.stderr.flush()
        answer = sys.stdin.readline().strip().lower()
        if not sys.stdin.isatty():
            _err("")  # the answer was not echoed: end the prompt's line
        if answer not in ("y", "yes", "是"):
            raise UserError("已取消恢复，没有做任何改动。",
                            "" if answer else "没有读到确认；在脚本中请加 --yes。",
                            english="Restore cancelled; nothing was changed.",
                            english_hint="" if answer else "No confirmation was read; in a script add --yes.")
    safety = backup_service.restore(chosen.path, path)
    print(f"已从备份恢复: {path}")
    if safety is not None:
        print(f"原来的文件已保留为: {safety}")
    return EXIT_OK


# -- settings ----------------------------------------------------------------------------------
async def _settings(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = WorkspaceSettingsService(ws)
        if args.key is None:
            for key, label, value in service.describe():
                print(f"{key}\t{label}\t{value}")
            return EXIT_OK
        if args.key not in settings_rules.LABELS:
            settings_rules.with_value(service.load(), args.key, "")  # says which keys exist
        if args.value is None:
            print(settings_rules.to_dict(service.load())[args.key])
            return EXIT_OK
        saved = await service.update(**{args.key: args.value})
        value = settings_rules.to_dict(saved)[args.key]
        print(f"已设置 {settings_rules.LABELS[args.key][0]}: "
              f"{settings_rules.describe_value(args.key, value)}")
    finally:
        ws.close()
    return EXIT_OK


# -- segments ----------------------------------------------------------------------------------
def parse_definition(text: str, known_tags: set[int]) -> Segment:
    """A segment from the JSON an operator typed: unknown fields, wrong types and tag ids that
    do not exist are refused (a typo must not save a segment that matches everyone)."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValidationError(f"人群包定义不是有效的 JSON：{exc}。",
                              '例如：{"levels": [3], "any_tags": [12, 15]}',
                              english="The segment definition is not valid JSON.",
                              english_hint='For example: {"levels": [3], "any_tags": [12, 15]}') from None
    if not isinstance(data, dict):
        raise ValidationError("人群包定义应是一个 JSON 对象（{…}）。",
                              '例如：{"levels": [3]}', english="The definition must be an object.",
                              english_hint='For example: {"levels": [3]}')
    names = [f.name for f in fields(Segment)]
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise ValidationError(f"人群包定义里有不认识的字段：{'、'.join(unknown)}。",
                              "可用的字段：" + "、".join(names) + "。",
                              english=f"Unknown segment fields: {', '.join(unknown)}.",
                              english_hint="Known fields: " + ", ".join(names) + ".")
    try:
        segment = Segment.from_json(json.dumps(data))
        Segment.from_json(segment.to_json())
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"人群包定义中有无法理解的值：{exc}。",
                              "日期写成 2026-01-31，标签、等级等写成数字列表。",
                              english="A value in the segment definition cannot be used.",
                              english_hint="Write dates as 2026-01-31, and tags, levels and the like as lists of numbers.") from None
    for f in fields(Segment):
        _check_type(f.name, getattr(segment, f.name), f.default)
    for name in ("all_tags", "any_tags", "none_tags"):
        missing = sorted(set(getattr(segment, name)) - known_tags)
        if missing:
            raise ValidationError(f"没有编号为 {'、'.join(map(str, missing))} 的标签。",
                                  "标签编号可在导出的名单或窗口的标签页中查看。",
                                  english=f"No tags with ids {missing}.",
                                  english_hint="Tag ids are shown in an exported roster and on the window's Tags page.")
    if segment.is_empty():
        raise ValidationError("人群包定义是空的（会包含所有客户）。",
                              '请至少写一个条件，例如 {"levels": [3]}。',
                              english="The segment definition is empty.",
                              english_hint='Give at least one condition, for example {"levels": [3]}.')
    return segment


TEXT_LISTS = ("channels", "group_kinds")


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _check_type(name: str, value: object, default: object) -> None:
    if value is None or isinstance(value, date):
        return
    if isinstance(default, tuple) or name == "ids":
        want = str if name in TEXT_LISTS else int
        ok = isinstance(value, tuple) and all(
            isinstance(v, str) if want is str else _is_int(v) for v in value)
        kind = "文字" if want is str else "数字"
    else:
        ok, kind = _is_int(value), "数字"
        if ok and not isinstance(default, tuple) and int(str(value)) < 0:
            ok = False
    if not ok:
        raise ValidationError(f"人群包定义中“{name}”的值不对：应是{kind}"
                              f"{'列表' if isinstance(default, tuple) or name == 'ids' else ''}。",
                              '例如：{"levels": [3], "inactive_days": 30}',
                              english=f"The segment field {name} has the wrong type.",
                              english_hint='For example: {"levels": [3], "inactive_days": 30}')


async def _segment_list(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = WorkspaceService(ws)
        saved = await service.saved_segments()
        if not saved:
            _err("还没有保存的人群包。用 `siyu segment save 名称 --json 定义` 保存一个。")
            return EXIT_EMPTY
        for _id, name, segment in saved:
            print(f"{name}\t{await service.count(segment)}")
    finally:
        ws.close()
    return EXIT_OK


async def _find(service: WorkspaceService, name: str) -> tuple[int, Segment]:
    for segment_id, saved_name, segment in await service.saved_segments():
        if saved_name == name.strip():
            return segment_id, segment
    raise UserError(f"找不到人群包“{name}”。", "用 `siyu segment list` 查看已保存的人群包。",
                    english=f"No segment named {name}.",
                    english_hint="`siyu segment list` lists the saved segments.")


async def _segment_show(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = WorkspaceService(ws)
        _id, segment = await _find(service, args.name)
        print(json.dumps(json.loads(segment.to_json()), ensure_ascii=False, indent=2))
        _err(f"共 {await service.count(segment)} 位客户")
    finally:
        ws.close()
    return EXIT_OK


async def _segment_save(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = WorkspaceService(ws)
        known = {int(r[0]) for r in ws.reader().execute("SELECT id FROM tags")}
        segment = parse_definition(args.definition, known)
        existed = await service.find_segment(args.name.strip()) is not None
        await service.save_segment(args.name, segment)
        print(f"已{'更新' if existed else '保存'}人群包“{args.name.strip()}”"
              f"（{await service.count(segment)} 位客户）。")
    finally:
        ws.close()
    return EXIT_OK


async def _segment_delete(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = WorkspaceService(ws)
        segment_id, _segment = await _find(service, args.name)
        await service.delete_segment(segment_id)
        print(f"已删除人群包“{args.name.strip()}”。")
    finally:
        ws.close()
    return EXIT_OK
