"""``siyu points rules``: the points earning rules without a window.

``siyu points rules`` lists them; ``preview RULE [--days N]`` says who would have got what from a
rule over the last N days (30), the total and who a cap cut; ``run [--date D] [--dry-run]`` pays
the enabled rules for a day's events (default today): a rerun pays nothing new. ``add KIND NAME``
and ``edit RULE`` set a rule's fields, ``enable RULE`` / ``disable RULE`` switch it (``enable``
shows the preview first; a new rule starts switched off).
"""

from __future__ import annotations

import argparse
from dataclasses import fields
from typing import Any

from .cli_points import EXIT_EMPTY, EXIT_OK, _en, say
from .domain.points_rules import Rule, RuleKind
from .errors import ValidationError
from .services import points_rules as S
from .services.points_rules import PointsRulesService

KINDS = [str(k) for k in S.CONFIGURABLE]
ROWS_SHOWN = 20


def _points_subcommands(sub: Any) -> Any:
    # ``siyu points`` is cli_points'; its sub-commands' action is the one subparsers action
    points = sub.choices["points"]
    for action in points._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError("siyu points has no sub-commands")


def _fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--amount", type=int, help="points per award (not for rank or purchase)")
    p.add_argument("--ranks", help="rank rule: points for rank 1, 2, 3…, e.g. 50,30,20")
    p.add_argument("--rate", help="purchase rule: points per yuan, e.g. 1 or 0.5")
    p.add_argument("--stay-days", type=int, help="invite rule: days the friend must stay")
    p.add_argument("--daily-cap", type=int, help="points per member per day (0: no cap)")
    p.add_argument("--monthly-cap", type=int, help="points per member per month (0: no cap)")


def register(sub: Any) -> None:
    psub = _points_subcommands(sub)
    rules = psub.add_parser("rules", help="earning rules: list, preview, run, add, edit, "
                                          "enable, disable")
    rules.set_defaults(func=run_list)
    rsub = rules.add_subparsers(dest="rules_command")
    pv = rsub.add_parser("preview", help="who would have got what from a rule lately")
    pv.add_argument("rule", help="rule id (see siyu points rules)")
    pv.add_argument("--days", type=int, default=S.PREVIEW_DAYS)
    pv.set_defaults(func=run_preview)
    rn = rsub.add_parser("run", help="pay the enabled rules for a day's events")
    rn.add_argument("--date", help="YYYY-MM-DD (default: today)")
    rn.add_argument("--dry-run", action="store_true", help="say what it would pay; write nothing")
    rn.set_defaults(func=run_run)
    add = rsub.add_parser("add", help="add a rule (switched off until enabled)")
    add.add_argument("kind", choices=KINDS)
    add.add_argument("name", help="shown on members' statements, e.g. 参与游戏")
    add.add_argument("--id", default="", help="rule id (default: from the kind)")
    _fields(add)
    add.set_defaults(func=run_add)
    ed = rsub.add_parser("edit", help="change a rule's fields (the ones given)")
    ed.add_argument("rule", help="rule id")
    ed.add_argument("--name")
    _fields(ed)
    ed.set_defaults(func=run_edit)
    for name, fn in (("enable", run_enable), ("disable", run_disable)):
        p = rsub.add_parser(name, help=f"{name} a rule")
        p.add_argument("rule", help="rule id")
        if name == "enable":
            p.add_argument("--days", type=int, default=S.PREVIEW_DAYS,
                           help="days of the preview shown first")
        p.set_defaults(func=fn)


def _kind(kind: RuleKind) -> str:
    zh, en = S.KIND_NAMES[kind]
    return en if _en() else zh


def amount_text(rule: Rule) -> str:
    if rule.kind is RuleKind.RANK:
        return " / ".join(str(a) for a in rule.amounts)
    if rule.kind is RuleKind.PURCHASE:
        return f"{rule.rate}/yuan" if _en() else f"每元 {rule.rate} 分"
    if rule.kind is RuleKind.INVITE_STAYED:
        return (f"{rule.amount} after {rule.stay_days} days" if _en()
                else f"{rule.amount}（留存 {rule.stay_days} 天）")
    return str(rule.amount)


def _cap(cap: int | None) -> str:
    return "-" if cap is None else f"{cap:,}"


def _line(rule: Rule) -> str:
    state = ("on" if rule.enabled else "off") if _en() else ("启用" if rule.enabled else "停用")
    return (f"{rule.id}\t{rule.name}\t{_kind(rule.kind)}\t{amount_text(rule)}\t"
            f"{_cap(rule.daily_cap)}\t{_cap(rule.monthly_cap)}\t{state}")


async def run_list(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        found = await PointsRulesService(ws).rules()
        if not found:
            say("还没有积分规则。用 siyu points rules add 添加。",
                "No points rules yet. Add one with siyu points rules add.")
            return EXIT_EMPTY
        say("编号\t名称\t类型\t积分\t每日上限\t每月上限\t状态",
            "id\tname\tkind\tpoints\tdaily cap\tmonthly cap\tstate")
        for stored in found:
            print(_line(stored.rule))
        return EXIT_OK
    finally:
        ws.close()


def note_words(note: S.Note, days: int) -> tuple[str, str]:
    return {
        S.Note.NO_ORDERS: ("还没有导入订单，这条规则暂时不会发放积分。",
                           "No orders imported yet: this rule pays nothing for now."),
        S.Note.NO_INVITES: ("群成员名单里没有“客户邀请客户”的记录（企业微信只记下员工邀请入群），"
                            "这条规则暂时不会发放积分。",
                            "No roster names a member as the inviter (WeCom records only staff "
                            "invitations): this rule pays nothing for now."),
        S.Note.MANUAL: ("手动发放没有可回放的事件。", "Manual awards have no events to replay."),
        S.Note.NO_EVENTS: (f"过去 {days} 天没有符合这条规则的事件。",
                           f"Nothing in the last {days} days fits this rule."),
    }.get(note, ("", ""))


def _print_report(report: S.RuleReport) -> None:
    r = report.rule
    say(f"{r.name}（{r.id}）：过去 {report.days} 天 {report.events:,} 个事件，"
        f"{report.members:,} 位客户共得 {report.total:,} 分；{report.capped:,} 位触到上限"
        f"（被截去 {report.cut:,} 分）",
        f"{r.name} ({r.id}): {report.events:,} events in the last {report.days} days, "
        f"{report.total:,} points for {report.members:,} members; {report.capped:,} hit a cap "
        f"({report.cut:,} points cut)")
    zh, en = note_words(report.note, report.days)
    if zh:
        say(zh, en)
    if report.rows:
        say("客户编号\t姓名\t次数\t积分\t上限", "member\tname\tawards\tpoints\tcap")
    for row in report.rows[:ROWS_SHOWN]:
        capped = (f"capped from {row.uncapped}" if _en() else f"原应 {row.uncapped}") \
            if row.capped else ""
        print(f"{row.member_id}\t{row.name}\t{row.awards}\t{row.points:,}\t{capped}")
    if len(report.rows) > ROWS_SHOWN:
        say(f"（共 {len(report.rows):,} 位，只列出最多的 {ROWS_SHOWN} 位）",
            f"({len(report.rows):,} members; the top {ROWS_SHOWN} shown)")


async def _need(service: PointsRulesService, rule_id: str) -> Rule:
    rule = await service.rule(rule_id)
    if rule is None:
        raise ValidationError(f"没有编号为“{rule_id}”的积分规则。", "用 siyu points rules 查看所有规则。",
                              english=f"There is no points rule {rule_id!r}.",
                              english_hint="See every rule with siyu points rules.")
    return rule


async def run_preview(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = PointsRulesService(ws)
        _print_report(await service.preview(await _need(service, args.rule), args.days))
        return EXIT_OK
    finally:
        ws.close()


async def run_run(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = PointsRulesService(ws)
        if args.dry_run:
            plan, batch = await service.plan_run(args.date), None
        else:
            plan, batch = await service.run(args.date)
        for r in plan.rules:
            say(f"{r.rule.name}（{r.rule.id}）\t事件 {r.events:,}\t已发过 {r.paid_before:,}\t"
                f"本次 {len(r.awards):,} 笔 {r.total:,} 分\t触到上限 {r.capped:,} 位",
                f"{r.rule.name} ({r.rule.id})\tevents {r.events:,}\talready paid "
                f"{r.paid_before:,}\tnow {len(r.awards):,} awards, {r.total:,} points\t"
                f"capped {r.capped:,}")
        verb = ("将发放", "would pay") if args.dry_run else ("已发放", "paid")
        say(f"{plan.day}：{verb[0]} {plan.members:,} 位客户共 {plan.total:,} 分",
            f"{plan.day}: {verb[1]} {plan.total:,} points to {plan.members:,} members")
        if args.dry_run:
            say("（试运行：没有写入任何数据）", "(dry run: nothing written)")
        elif batch is not None:
            say(f"撤销（冲正）: siyu undo {batch}", f"Undo (by reversal): siyu undo {batch}")
        elif not plan.awards:
            say("没有新的积分要发。", "Nothing new to pay.")
        return EXIT_OK
    finally:
        ws.close()


def _with_fields(rule: Rule, args: argparse.Namespace) -> Rule:
    values: dict[str, Any] = {f.name: getattr(rule, f.name) for f in fields(rule)}
    if getattr(args, "name", None) is not None:
        values["name"] = args.name
    if args.amount is not None:
        values["amount"] = args.amount
    if args.ranks is not None:
        try:
            values["amounts"] = tuple(int(x) for x in args.ranks.replace("，", ",").split(",")
                                      if x.strip())
        except ValueError:
            raise ValidationError(f"名次积分“{args.ranks}”看不懂。", "写成 50,30,20 这样。",
                                  english=f"Cannot read the rank points {args.ranks!r}.",
                                  english_hint="Write them like 50,30,20.") from None
    if args.rate is not None:
        values["rate"] = S.parse_rate(args.rate)
    if args.stay_days is not None:
        values["stay_days"] = args.stay_days
    for name in ("daily_cap", "monthly_cap"):
        value = getattr(args, name)
        if value is not None:
            values[name] = value or None
    return S.make_rule(**values)


async def run_add(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = PointsRulesService(ws)
        kind = RuleKind(args.kind)
        base = Rule(id=args.id or await service.new_id(kind), name=args.name, kind=kind,
                    amount=1, amounts=(1,), rate=S.parse_rate("1"), enabled=False)
        rule = _with_fields(base, args)
        if kind is RuleKind.RANK and args.ranks is None:
            raise ValidationError("名次规则需要 --ranks，如 50,30,20。",
                                  english="A rank rule needs --ranks, e.g. 50,30,20.")
        if kind is RuleKind.PURCHASE and args.rate is None:
            raise ValidationError("消费规则需要 --rate（每元几分）。",
                                  english="A purchase rule needs --rate (points per yuan).")
        if kind not in (RuleKind.RANK, RuleKind.PURCHASE) and args.amount is None:
            raise ValidationError("请用 --amount 写明每次发几分。",
                                  english="Say the points per award with --amount.")
        done, _batch = await service.add(rule, fresh_id=not args.id)
        say(f"已新增规则 {done.id}（停用中）：{_line(done)}。预览：siyu points rules preview "
            f"{done.id}；启用：siyu points rules enable {done.id}",
            f"Added rule {done.id} (off): {_line(done)}. Preview: siyu points rules preview "
            f"{done.id}; switch it on: siyu points rules enable {done.id}")
        return EXIT_OK
    finally:
        ws.close()


async def run_edit(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = PointsRulesService(ws)
        done, batch = await service.edit(_with_fields(await _need(service, args.rule), args))
        say(f"已保存：{_line(done)}（撤销：siyu undo {batch}）",
            f"Saved: {_line(done)} (undo: siyu undo {batch})")
        return EXIT_OK
    finally:
        ws.close()


async def run_enable(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = PointsRulesService(ws)
        rule = await _need(service, args.rule)
        _print_report(await service.preview(rule, args.days))
        done, batch = await service.enable(rule.id)
        say(f"已启用：{_line(done)}", f"Switched on: {_line(done)}")
        return EXIT_OK
    finally:
        ws.close()


async def run_disable(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = PointsRulesService(ws)
        done, _batch = await service.disable((await _need(service, args.rule)).id)
        say(f"已停用：{_line(done)}", f"Switched off: {_line(done)}")
        return EXIT_OK
    finally:
        ws.close()
