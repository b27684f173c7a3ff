"""The WeCom customers a sync could not place (``store.wecom_sync.record_identity_issues``): each
was kept apart as a member of its own because its unionid or phone pointed at several members,
or at different ones. Read back as typed records with names, identifier values and the reason in
the operator's words, for the 企业微信 screen and ``siyu sync``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..store import wecom_sync as ss
from ..store.bulk import query_in

KEY_WORDS = {"member_id": "客户编号", "external_userid": "客户ID", "unionid": "unionid",
             "phone": "手机号"}


@dataclass(frozen=True)
class PointedMember:
    member_id: int
    name: str  # "" when the member is no longer in the workspace
    phone: str
    exists: bool = True


@dataclass(frozen=True)
class Pointer:
    """One identifier of the customer and the existing members it pointed at."""

    key: str  # "unionid" / "phone" (identity.Key)
    value: str  # the customer's value of it, as far as the workspace still knows it ("" unknown)
    members: tuple[PointedMember, ...]


@dataclass(frozen=True)
class IdentityIssueRecord:
    external_userid: str
    name: str  # the customer's name as WeCom gave it ("" when the member is gone)
    member_id: int | None  # the member the customer became (kept apart)
    kind: Literal["ambiguous", "conflict"]
    pointing: tuple[Pointer, ...]
    reason: str  # in the operator's words
    at: int  # when the sync recorded it (the workspace clock)


def load(conn: sqlite3.Connection, *, after: Sequence[IdentityIssueRecord] | None = None,
         at_least: int = 0) -> list[IdentityIssueRecord]:
    """The customers syncs kept apart, newest first. With ``after`` (this listing as read
    before a sync): only those recorded since, or the newest ``at_least`` when that is more
    (a resumed sync counts what its earlier attempts recorded too)."""
    raw = list(reversed(ss.identity_issues(conn)))
    if after is not None:
        known = {(r.external_userid, r.at) for r in after}
        recent = [i for i in raw
                  if (str(i.get("external_userid") or ""), _int(i.get("at"))) not in known]
        raw = recent if len(recent) >= at_least else raw[:at_least]
    if not raw:
        return []
    ids = {_int(i.get("member_id")) for i in raw} | {
        _int(m) for i in raw for _, ms in _pairs(i) for m in ms}
    ids.discard(0)
    members = {int(r[0]): r for r in query_in(
        conn, "SELECT id, name, phone, unionid, external_userid FROM members WHERE id IN ({})",
        sorted(ids))[1]}
    mobiles: dict[int, list[str]] = {}
    for mid, value in query_in(conn, "SELECT member_id, remark_mobiles FROM follows "
                                     "WHERE member_id IN ({}) AND remark_mobiles IS NOT NULL",
                               sorted(ids))[1]:
        try:
            phones = json.loads(value)
        except ValueError:
            continue
        mobiles.setdefault(int(mid), []).extend(str(p) for p in phones if p)
    return [_record(i, members, mobiles) for i in raw]


def _record(issue: dict[str, Any], members: dict[int, tuple[Any, ...]],
            mobiles: dict[int, list[str]]) -> IdentityIssueRecord:
    member_id = _int(issue.get("member_id")) or None
    own = members.get(member_id or 0)
    phones = list(dict.fromkeys(mobiles.get(member_id or 0, [])))
    pointing: list[Pointer] = []
    for key, ids in _pairs(issue):
        pointed = tuple(
            PointedMember(m, str(members[m][1] or ""), str(members[m][2] or ""))
            if m in members else PointedMember(m, "", "", exists=False) for m in ids)
        if key == "unionid":
            value = str(own[3] or "") if own else ""
        elif key == "phone":
            theirs = {p.phone for p in pointed if p.phone}
            value = "、".join([p for p in phones if p in theirs] or phones)
        else:
            value = ""
        pointing.append(Pointer(key, value, pointed))
    kind: Literal["ambiguous", "conflict"] = (
        "ambiguous" if issue.get("kind") == "ambiguous" else "conflict")
    return IdentityIssueRecord(str(issue.get("external_userid") or ""),
                               str(own[1] or "") if own else "", member_id, kind,
                               tuple(pointing), reason(kind, pointing, member_id),
                               _int(issue.get("at")))


def reason(kind: str, pointing: Sequence[Pointer], member_id: int | None) -> str:
    """手机号「138…」对应 2 位已有客户（#3 张三、#4 李四），无法确定是哪一位，已单独建档（#9）."""
    def said(p: Pointer) -> str:
        return f"{KEY_WORDS.get(p.key, p.key)}「{p.value}」" if p.value else \
            KEY_WORDS.get(p.key, p.key)

    def who(ms: Sequence[PointedMember]) -> str:
        return "、".join(f"#{m.member_id} {m.name}" if m.name else
                        f"#{m.member_id}（已不在客户列表中）" if not m.exists else f"#{m.member_id}"
                        for m in ms)
    kept = f"，已单独建档（#{member_id}）" if member_id else "，已单独建档"
    if kind == "ambiguous" and pointing:
        p = pointing[0]
        return (f"{said(p)}对应 {len(p.members)} 位已有客户（{who(p.members)}），"
                f"无法确定是哪一位{kept}")
    text = "，".join(f"{said(p)}对应客户 {who(p.members)}" for p in pointing)
    return f"{text}，指向不同的客户，无法确定是哪一位{kept}"


def _pairs(issue: dict[str, Any]) -> list[tuple[str, list[int]]]:
    out: list[tuple[str, list[int]]] = []
    for pair in issue.get("pointing") or []:
        if isinstance(pair, list | tuple) and len(pair) == 2 and isinstance(pair[1], list):
            out.append((str(pair[0]), [_int(m) for m in pair[1] if _int(m)]))
    return out


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
