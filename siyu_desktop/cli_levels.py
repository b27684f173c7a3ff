"""``siyu points levels``: member levels (普通 / 银卡 / 金卡 / 黑金) without a window.

``siyu points levels`` shows the policy (basis, thresholds, benefits) and the members per level;
``policy --thresholds 800 1500 2200 [--basis lifetime|rolling_12m|spend] [--off]`` saves one
(after showing what it would change; ``--dry-run`` only shows it; undo: ``siyu undo N``);
``recompute [--dry-run]`` brings every member's level in line with the saved policy, writing
only the changes with their reasons (a rerun changes nothing); ``member MEMBER`` shows one
member's level, since when, benefits and the points still missing for the next level.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from .cli_excel import _sigint_cancels, _status
from .cli_points import EXIT_CANCELLED, EXIT_OK, _en, say
from .domain import levels as L
from .domain.members import LEVEL_NAMES
from .errors import Cancelled
from .services.levels import LevelsService, MemberLevel, Preview, make_policy

SHOWN = 20


def register(sub: Any) -> None:
    points = sub.choices.get("points")
    if points is None:  # cli_points is missing: nowhere to hang the command
        return
    psub = next(a for a in points._actions if isinstance(a, argparse._SubParsersAction))
    levels = psub.add_parser("levels", help="member levels: the policy and members per level; "
                                            "policy, recompute, member")
    lsub = levels.add_subparsers(dest="levels_command")
    levels.set_defaults(func=run_show)
    pol = lsub.add_parser("policy", help="save the level policy (shows what it changes first)")
    pol.add_argument("--basis", choices=[str(b) for b in L.LevelBasis], default=None,
                     help="lifetime (earned points), rolling_12m (last 12 months), spend")
    pol.add_argument("--thresholds", type=int, nargs=3, metavar=("SILVER", "GOLD", "BLACK"),
                     help="minimum values for 银卡, 金卡, 黑金")
    pol.add_argument("--off", action="store_true", help="stop computing levels (keep them)")
    pol.add_argument("--dry-run", action="store_true", help="show the effect, save nothing")
    pol.set_defaults(func=run_policy)
    rec = lsub.add_parser("recompute", help="bring levels in line with the saved policy")
    rec.add_argument("--dry-run", action="store_true", help="who would go up or down; write "
                                                            "nothing")
    rec.set_defaults(func=run_recompute)
    mem = lsub.add_parser("member", help="one member's level, benefits and the next level")
    mem.add_argument("member", type=int, help="member id")
    mem.set_defaults(func=run_member)


def _name(level: int) -> str:
    return L.LEVEL_NAMES_EN[level] if _en() else LEVEL_NAMES[level]


def _basis(basis: L.LevelBasis) -> str:
    zh, en, _u, _ue = L.BASIS_LABELS[basis]
    return en if _en() else zh


def _day(at: int | None, tz: ZoneInfo) -> str:
    return "" if at is None else datetime.fromtimestamp(at, tz).strftime("%Y-%m-%d")


def _print_policy(policy: L.LevelPolicy, enabled: bool, saved: bool) -> None:
    state = ("已启用" if enabled else "已停用") if saved else "未设置（下面是建议的默认规则）"
    state_en = ("on" if enabled else "off") if saved else "not set (the default shown)"
    say(f"定级规则\t{state} · 依据：{_basis(policy.basis)}",
        f"Level policy\t{state_en} · basis: {_basis(policy.basis)}")
    for level in range(L.TOP_LEVEL + 1):
        b = policy.benefits[level]
        say(f"  {_name(level)}\t≥ {policy.threshold(level):,}\t每月券 {b.coupons_per_month} 张\t"
            f"生日：{b.birthday_gift or '—'}\t新春：{b.new_year_gift or '—'}",
            f"  {_name(level)}\t≥ {policy.threshold(level):,}\t{b.coupons_per_month} coupons a "
            f"month\tbirthday: {b.birthday_gift or '—'}\tNew Year: {b.new_year_gift or '—'}")


async def run_show(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = LevelsService(ws)
        o = await service.overview(recent=SHOWN)
        _print_policy(o.settings.policy, o.settings.enabled, o.settings.saved)
        say("各等级人数", "Members per level")
        for level, n in enumerate(o.counts):
            say(f"  {_name(level)}\t{n:,}", f"  {_name(level)}\t{n:,}")
        if o.recent:
            tz = service.tz
            say(f"最近的等级变化（共 {o.total_changes:,} 条）",
                f"Recent level changes ({o.total_changes:,} in all)")
            for r in o.recent:
                say(f"  {_day(r.at, tz)}\t{r.member_id}\t{r.name}\t{_name(r.old)} → "
                    f"{_name(r.new)}\t{r.reason}",
                    f"  {_day(r.at, tz)}\t{r.member_id}\t{r.name}\t{_name(r.old)} → "
                    f"{_name(r.new)}\t{r.reason_en}")
        return EXIT_OK
    finally:
        ws.close()


def _print_preview(p: Preview) -> None:
    say(f"客户 {p.members:,} 位 · 升级 {p.up:,} 位 · 降级 {p.down:,} 位",
        f"{p.members:,} members · {p.up:,} up · {p.down:,} down")
    for level in range(L.TOP_LEVEL + 1):
        say(f"  {_name(level)}\t现在 {p.now[level]:,}\t之后 {p.after[level]:,}",
            f"  {_name(level)}\tnow {p.now[level]:,}\tthen {p.after[level]:,}")
    for c in p.changes[:SHOWN]:
        say(f"  {c.member_id}\t{p.names.get(c.member_id, '')}\t{_name(c.old)} → {_name(c.new)}\t"
            f"{c.reason}",
            f"  {c.member_id}\t{p.names.get(c.member_id, '')}\t{_name(c.old)} → {_name(c.new)}\t"
            f"{c.reason_en}")


async def run_policy(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = LevelsService(ws)
        current = await service.policy()
        old = current.policy
        policy = make_policy(args.basis or old.basis,
                             args.thresholds if args.thresholds else old.thresholds,
                             [(b.coupons_per_month, b.birthday_gift, b.new_year_gift)
                              for b in old.benefits])
        _print_policy(policy, not args.off, True)
        if not args.off:
            _print_preview(await service.preview(policy))
        if args.dry_run:
            say("（试运行：没有保存）", "(dry run: nothing saved)")
            return EXIT_OK
        batch = await service.set_policy(policy, enabled=not args.off)
        say(f"已保存定级规则。撤销: siyu undo {batch}",
            f"The level policy is saved. Undo: siyu undo {batch}")
        if not args.off:
            say("用 siyu points levels recompute 按新规则定级。",
                "Apply it with siyu points levels recompute.")
        return EXIT_OK
    finally:
        ws.close()


async def run_recompute(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = LevelsService(ws)
        with _sigint_cancels() as stop:
            try:
                done = await service.recompute(progress=_status, cancel=stop,
                                               dry_run=args.dry_run)
            except Cancelled:
                print(file=sys.stderr)
                say("已取消，等级没有变化。", "Cancelled; no level changed.")
                return EXIT_CANCELLED
        print(file=sys.stderr)
        say(f"客户 {done.members:,} 位 · 升级 {done.up:,} 位 · 降级 {done.down:,} 位",
            f"{done.members:,} members · {done.up:,} up · {done.down:,} down")
        if done.dry_run:
            for c in done.changes[:SHOWN]:
                say(f"  {c.member_id}\t{_name(c.old)} → {_name(c.new)}\t{c.reason}",
                    f"  {c.member_id}\t{_name(c.old)} → {_name(c.new)}\t{c.reason_en}")
            say("（试运行：没有写入任何数据）", "(dry run: nothing written)")
        elif not done.changed:
            say("等级都已是最新，没有变化。", "Every level is up to date; nothing changed.")
        return EXIT_OK
    finally:
        ws.close()


def describe_member(m: MemberLevel, tz: ZoneInfo) -> list[tuple[str, str]]:
    """(中文, English) lines about one member's level."""
    lines = [(f"等级\t{LEVEL_NAMES[m.level]}", f"Level\t{L.LEVEL_NAMES_EN[m.level]}")]
    if m.since is not None:
        lines.append((f"获得于\t{_day(m.since, tz)}", f"Since\t{_day(m.since, tz)}"))
    zh, en, unit, unit_en = L.BASIS_LABELS[m.basis]
    if m.value is not None:
        lines.append((f"{zh}\t{m.value:,}{unit}", f"{en.capitalize()}\t{m.value:,}{unit_en}"))
    b = m.benefits
    lines.append((f"权益\t每月券 {b.coupons_per_month} 张 · 生日：{b.birthday_gift or '—'} · "
                  f"新春：{b.new_year_gift or '—'}",
                  f"Benefits\t{b.coupons_per_month} coupons a month · birthday: "
                  f"{b.birthday_gift or '—'} · New Year: {b.new_year_gift or '—'}"))
    if m.next_level is not None and m.to_next is not None:
        lines.append((f"距{LEVEL_NAMES[m.next_level]}\t还差 {m.to_next:,}{unit}",
                      f"To {L.LEVEL_NAMES_EN[m.next_level]}\t{m.to_next:,}{unit_en} to go"))
    if not m.enabled:
        lines.append(("说明\t还没有启用按规则定级：等级是导入或手工设置的",
                      "Note\tLevels by policy are off: this level was imported or set by hand"))
    elif m.computed is not None and m.computed != m.level:
        lines.append((f"说明\t按规则应为{LEVEL_NAMES[m.computed]}，下次重新定级时更新",
                      f"Note\tThe policy gives {L.LEVEL_NAMES_EN[m.computed]}; the next "
                      f"recomputation changes it"))
    return lines


async def run_member(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = LevelsService(ws)
        m = await service.member_level(args.member)
        tz = service.tz
        for zh, en in describe_member(m, tz):
            say(zh, en)
        history = await service.history(args.member, SHOWN)
        if history:
            say("等级变化", "Level changes")
            for r in history:
                say(f"  {_day(r.at, tz)}\t{_name(r.old)} → {_name(r.new)}\t{r.reason}",
                    f"  {_day(r.at, tz)}\t{_name(r.old)} → {_name(r.new)}\t{r.reason_en}")
        return EXIT_OK
    finally:
        ws.close()
