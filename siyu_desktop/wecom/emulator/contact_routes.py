"""Emulated customer, tag and group endpoints (reference §2–§4)."""

from __future__ import annotations

import random
import zlib
from bisect import bisect_right
from typing import Any

from .api import (
    ApiFail,
    Request,
    bad,
    need_list,
    next_cursor,
    ok,
    page_limit,
    page_offset,
    paged,
    route,
)
from .corp import DAY, EmulatorCorp, Follow, Group, Member, Tag, TagGroup

_EC = "/cgi-bin/externalcontact"
BEIJING = 8 * 3600


def _member(corp: EmulatorCorp, external_userid: str) -> Member:
    member = corp.members.get(external_userid)
    if member is None:
        raise ApiFail(40096, "invalid external userid")
    return member


def _check_staff(corp: EmulatorCorp, userid: str) -> None:
    if userid not in corp.staff_ids:
        raise ApiFail(40003, f"invalid userid: {userid}")


def _follow(corp: EmulatorCorp, userid: str, external_userid: str) -> Follow:
    _check_staff(corp, userid)
    member = _member(corp, external_userid)
    for f in member.follows:
        if f.userid == userid:
            return f
    raise ApiFail(84061, "not external contact")


def contact_json(m: Member) -> dict[str, Any]:
    out: dict[str, Any] = {
        "external_userid": m.external_userid,
        "name": m.name,
        "avatar": f"https://wework.qpic.cn/emulator/{m.external_userid[-8:]}/0",
        "type": m.type,
        "gender": m.gender,
    }
    if m.type == 1 and m.unionid:
        out["unionid"] = m.unionid
    if m.type == 2:
        out.update(position=m.position, corp_name=m.corp_name, corp_full_name=m.corp_full_name)
    return out


def _follow_common(f: Follow) -> dict[str, Any]:
    return {
        "userid": f.userid,
        "remark": f.remark,
        "description": f.description,
        "createtime": f.createtime,
        "remark_corp_name": f.remark_corp_name,
        "remark_mobiles": list(f.remark_mobiles),
        "oper_userid": f.oper_userid,
        "add_way": f.add_way,
        "state": f.state,
    }


@route(f"{_EC}/get_follow_user_list", "GET")
def get_follow_user_list(req: Request) -> dict[str, Any]:
    return ok(follow_user=req.corp.staff_ids)


@route("/cgi-bin/user/get", "GET")
def get_user(req: Request) -> dict[str, Any]:
    """The staff directory's read of one member (成员): the fields the app uses. Beyond the
    reference (§2 lists the customer-contact calls only): WeCom's documented field names."""
    if req.corp.faults.directory_denied:
        raise ApiFail(60011, "no privilege to access/modify contact/party/agent")
    userid = req.query.get("userid", "")
    staff = next((s for s in req.corp.staff if s.userid == userid), None)
    if staff is None:
        raise ApiFail(60111, f"userid not found: {userid}")
    return ok(userid=staff.userid, name=staff.name, department=[1], position="", status=1)


@route(f"{_EC}/list", "GET")
def list_contacts(req: Request) -> dict[str, Any]:
    userid = req.query.get("userid", "")
    _check_staff(req.corp, userid)
    return ok(external_userid=list(req.corp.by_staff.get(userid, [])))


@route(f"{_EC}/get", "GET")
def get_contact(req: Request) -> dict[str, Any]:
    member = _member(req.corp, req.query.get("external_userid", ""))
    tags = req.corp.all_tags()
    follows, cursor = paged(req, member.follows, default=500, maximum=500)
    follow_user = []
    for f in follows:
        item = _follow_common(f)
        item["tags"] = [
            {
                "group_name": tags[t][0].group_name,
                "tag_name": tags[t][1].name,
                "tag_id": t,
                "type": 1,
            }
            for t in f.tag_ids
            if t in tags
        ]
        follow_user.append(item)
    return ok(external_contact=contact_json(member), follow_user=follow_user, next_cursor=cursor)


@route(f"{_EC}/batch/get_by_user")
def batch_get_by_user(req: Request) -> dict[str, Any]:
    corp = req.corp
    userids = need_list(req.body, "userid_list", max_len=100)
    if not userids:
        raise bad("userid_list")
    for userid in userids:
        _check_staff(corp, userid)
    limit = page_limit(req, 50, 100, "clamp")
    offset = page_offset(req)
    total = sum(len(corp.by_staff.get(u, [])) for u in userids)
    rows: list[dict[str, Any]] = []
    skip = offset
    # Walk staff lists by offset arithmetic: a page costs its own size, not the whole corp.
    for userid in userids:
        customers = corp.by_staff.get(userid, [])
        if skip >= len(customers):
            skip -= len(customers)
            continue
        for ext in customers[skip : skip + limit - len(rows)]:
            member = corp.members[ext]
            follow = next(f for f in member.follows if f.userid == userid)
            info = _follow_common(follow)
            info["tag_id"] = list(follow.tag_ids)
            rows.append({"external_contact": contact_json(member), "follow_info": info})
        skip = 0
        if len(rows) >= limit:
            break
    return ok(external_contact_list=rows, next_cursor=next_cursor(req, offset + limit, total))


@route(f"{_EC}/remark")
def remark(req: Request) -> dict[str, Any]:
    body = req.body
    follow = _follow(req.corp, str(body.get("userid", "")), str(body.get("external_userid", "")))
    fields = ("remark", "description", "remark_company", "remark_mobiles", "remark_pic_mediaid")
    if not any(body.get(k) for k in fields):
        raise bad("nothing to remark")
    for key, cap in (("remark", 20), ("description", 150), ("remark_company", 20)):
        if len(str(body.get(key, ""))) > cap:
            raise bad(f"{key} too long")
    req.corp.stats.remark_calls.append(dict(body))
    if "remark" in body:
        follow.remark = str(body["remark"])
    if "description" in body:
        follow.description = str(body["description"])
    if "remark_company" in body and req.corp.members[body["external_userid"]].type == 1:
        follow.remark_corp_name = str(body["remark_company"])
    if "remark_mobiles" in body:
        follow.remark_mobiles = [str(m) for m in body["remark_mobiles"] if m]
    return ok()


# -- corp tags ------------------------------------------------------------------------------
def _tag_json(t: Tag) -> dict[str, Any]:
    return {"id": t.id, "name": t.name, "create_time": t.create_time, "order": t.order,
            "deleted": False}  # fmt: skip


def _group_json(g: TagGroup, tags: list[Tag]) -> dict[str, Any]:
    return {"group_id": g.group_id, "group_name": g.group_name, "create_time": g.create_time,
            "order": g.order, "deleted": False, "tag": [_tag_json(t) for t in tags]}  # fmt: skip


@route(f"{_EC}/get_corp_tag_list")
def get_corp_tag_list(req: Request) -> dict[str, Any]:
    group_ids = set(need_list(req.body, "group_id"))
    tag_ids = set(need_list(req.body, "tag_id"))
    out = []
    for g in req.corp.tag_groups:
        if group_ids:  # group_id wins when both are given
            if g.group_id in group_ids:
                out.append(_group_json(g, g.tags))
        elif tag_ids:
            picked = [t for t in g.tags if t.id in tag_ids]
            if picked:
                out.append(_group_json(g, picked))
        else:
            out.append(_group_json(g, g.tags))
    return ok(tag_group=out)


def _check_name(name: str) -> str:
    if not name or len(name) > 30:
        raise ApiFail(40071, "invalid tag name")
    return name


@route(f"{_EC}/add_corp_tag")
def add_corp_tag(req: Request) -> dict[str, Any]:
    corp, body, now = req.corp, req.body, int(req.now)
    items = body.get("tag") or []
    if not isinstance(items, list) or not items:
        raise bad("tag")  # empty groups cannot be created
    group = None
    if body.get("group_id"):
        group = next((g for g in corp.tag_groups if g.group_id == body["group_id"]), None)
        if group is None:
            raise ApiFail(40068, "invalid tagid")
    else:
        name = _check_name(str(body.get("group_name", "")))
        group = next((g for g in corp.tag_groups if g.group_name == name), None)
        if group is None:
            group = TagGroup(corp.new_id("et"), name, now, int(body.get("order", 0)), False, [])
            corp.tag_groups.append(group)
    added: list[Tag] = []
    for item in items:
        name = _check_name(str(item.get("name", "")))
        tag = next((t for t in group.tags if t.name == name), None)
        if tag is None:  # duplicate names inside a group collapse to one
            tag = Tag(corp.new_id("et"), name, now, int(item.get("order", 0)), False)
            group.tags.append(tag)
        if tag not in added:
            added.append(tag)
    out = _group_json(group, added)
    for key in ("deleted",):
        out.pop(key)
    return ok(tag_group=out)


def _find(corp: EmulatorCorp, ident: str) -> tuple[TagGroup, Tag | None]:
    for g in corp.tag_groups:
        if g.group_id == ident:
            return g, None
        for t in g.tags:
            if t.id == ident:
                return g, t
    raise ApiFail(40068, "invalid tagid")


def _writable(group: TagGroup, tag: Tag | None) -> None:
    # The app may only edit what it created (reference §3). The real errcode is not documented;
    # 60011 ("no privilege") is what the emulator answers.
    if tag.admin_made if tag is not None else group.admin_made:
        raise ApiFail(60011, "no privilege to modify tag created by other app")


@route(f"{_EC}/edit_corp_tag")
def edit_corp_tag(req: Request) -> dict[str, Any]:
    group, tag = _find(req.corp, str(req.body.get("id", "")))
    _writable(group, tag)
    target: Tag | TagGroup = tag if tag is not None else group
    if "name" not in req.body and "order" not in req.body:
        raise bad("name and order both missing")
    name = _check_name(str(req.body["name"])) if "name" in req.body else None
    req.corp.stats.edit_corp_tag_calls.append(dict(req.body))
    if name is not None:
        if isinstance(target, Tag):
            target.name = name
        else:
            target.group_name = name
    if "order" in req.body:
        target.order = int(req.body["order"])
    return ok()


@route(f"{_EC}/del_corp_tag")
def del_corp_tag(req: Request) -> dict[str, Any]:
    corp = req.corp
    tag_ids, group_ids = need_list(req.body, "tag_id"), need_list(req.body, "group_id")
    if not tag_ids and not group_ids:
        raise bad("tag_id and group_id both empty")
    found = [_find(corp, i) for i in tag_ids + group_ids]
    for group, tag in found:
        _writable(group, tag)
    corp.stats.del_corp_tag_calls.append(dict(req.body))
    gone: set[str] = set()
    for group, tag in found:
        if tag is None:
            gone.update(t.id for t in group.tags)
            group.tags = []
        else:
            gone.add(tag.id)
            group.tags = [t for t in group.tags if t.id != tag.id]
    # A group whose last tag is removed is deleted too.
    corp.tag_groups = [g for g in corp.tag_groups if g.tags]
    for member in corp.members.values():
        for f in member.follows:
            f.tag_ids = [t for t in f.tag_ids if t not in gone]
    return ok()


@route(f"{_EC}/mark_tag")
def mark_tag(req: Request) -> dict[str, Any]:
    body = req.body
    follow = _follow(req.corp, str(body.get("userid", "")), str(body.get("external_userid", "")))
    add, remove = need_list(body, "add_tag"), need_list(body, "remove_tag")
    if not add and not remove:
        raise bad("add_tag and remove_tag both empty")
    known = req.corp.all_tags()
    if any(t not in known for t in add + remove):
        raise ApiFail(40068, "invalid tagid")
    req.corp.stats.mark_tag_calls.append(dict(body))
    follow.tag_ids = [t for t in follow.tag_ids if t not in remove]
    follow.tag_ids += [t for t in add if t not in follow.tag_ids]
    return ok()


# -- groups ---------------------------------------------------------------------------------
@route(f"{_EC}/groupchat/list")
def groupchat_list(req: Request) -> dict[str, Any]:
    corp, body = req.corp, req.body
    if "limit" not in body:
        raise bad("limit is required")
    owners: list[str] | None = None
    if isinstance(body.get("owner_filter"), dict):
        owners = need_list(body["owner_filter"], "userid_list", max_len=100) or None
    too_many = len(corp.staff) > 1000 or (corp.faults.groupchat_list_needs_owner and
                                          len(corp.groups) > corp.faults.groupchat_list_max_groups)
    if owners is None and too_many:
        raise ApiFail(81017, "too many userid in visible range, please use owner_filter")
    status = int(body.get("status_filter", 0))
    chats = [
        {"chat_id": g.chat_id, "status": g.status}
        for g in corp.groups.values()
        if (owners is None or g.owner in owners) and (status == 0 or g.status == status)
    ]
    page, cursor = paged(req, chats, default=1000, maximum=1000, over="error")
    return ok(group_chat_list=list(page), next_cursor=cursor)


@route(f"{_EC}/groupchat/get")
def groupchat_get(req: Request) -> dict[str, Any]:
    corp = req.corp
    group = corp.groups.get(str(req.body.get("chat_id", "")))
    if group is None:
        raise ApiFail(40050, "chatid not found")
    need_name = bool(int(req.body.get("need_name", 0)))
    members = []
    for e in group.roster:
        item: dict[str, Any] = {"userid": e.userid, "type": e.type, "join_time": e.join_time,
                                "join_scene": e.join_scene, "group_nickname": e.group_nickname}  # fmt: skip
        member = corp.members.get(e.userid) if e.type == 2 else None
        if member is not None and member.unionid:
            item["unionid"] = member.unionid
        if e.invitor:
            item["invitor"] = {"userid": e.invitor}
        if need_name:
            item["name"] = member.name if member is not None else corp.staff_name(e.userid)
        members.append(item)
    return ok(group_chat={
        "chat_id": group.chat_id, "name": group.name, "owner": group.owner,
        "create_time": group.create_time, "notice": group.notice, "member_list": members,
        "admin_list": [{"userid": a} for a in group.admins], "member_version": group.member_version,
    })  # fmt: skip


def beijing_day(ts: float) -> int:
    """Epoch seconds of the Beijing-time 00:00 at or before ``ts``."""
    return int((ts + BEIJING) // DAY * DAY - BEIJING)


def day_stats(corp: EmulatorCorp, group: Group, day: int) -> dict[str, int]:
    """One group's statistics for the day starting at ``day``; derived from the roster so
    totals agree with ``groupchat/get``, with activity drawn from a per-day seeded RNG."""
    zero = dict.fromkeys(("new_chat_cnt", "chat_total", "chat_has_msg", "new_member_cnt",
                          "member_total", "member_has_msg", "msg_total",
                          "migrate_trainee_chat_cnt"), 0)  # fmt: skip
    if group.create_time >= day + DAY:
        return zero
    joins = sorted(e.join_time for e in group.roster)
    total = bisect_right(joins, day + DAY - 1)
    rng = random.Random(zlib.crc32(f"{corp.seed}:{group.chat_id}:{day}".encode()))
    active = rng.random() < 0.6
    speakers = rng.randint(1, max(1, total // 4)) if active else 0
    zero.update(
        new_chat_cnt=int(group.create_time >= day),
        chat_total=1,
        chat_has_msg=int(active),
        new_member_cnt=total - bisect_right(joins, day - 1),
        member_total=total,
        member_has_msg=speakers,
        msg_total=speakers * rng.randint(1, 12),
    )
    return zero


@route(f"{_EC}/groupchat/statistic_group_by_day")
def statistic_group_by_day(req: Request) -> dict[str, Any]:
    body, corp = req.body, req.corp
    owner_filter = body.get("owner_filter")
    owners = (
        need_list(owner_filter, "userid_list", max_len=100)
        if isinstance(owner_filter, dict)
        else []
    )
    if not owners:
        raise bad("owner_filter")
    try:
        begin = beijing_day(int(body["day_begin_time"]))
        end = beijing_day(int(body.get("day_end_time") or begin))
    except (KeyError, TypeError, ValueError):
        raise bad("day_begin_time") from None
    today = beijing_day(req.now)
    if end >= today or begin > end or begin < today - 180 * DAY or end - begin > 30 * DAY:
        raise ApiFail(600018, "invalid start endtime")
    groups = [g for g in corp.groups.values() if g.owner in owners]
    items = []
    for day in range(begin, end + 1, DAY):
        data = dict.fromkeys(("new_chat_cnt", "chat_total", "chat_has_msg", "new_member_cnt",
                              "member_total", "member_has_msg", "msg_total",
                              "migrate_trainee_chat_cnt"), 0)  # fmt: skip
        for g in groups:
            for key, value in day_stats(corp, g, day).items():
                data[key] += value
        items.append({"stat_time": day, "data": data})
    return ok(items=items)
