"""Emulated token, mass-message, moments, media and robot endpoints (reference §1, §5, §6, §8,
§9). Mass-message tasks are confirmed by simulated staff after ``corp.confirm_delay_s``; each
target's monthly cap is applied at that moment."""

from __future__ import annotations

import secrets
from typing import Any

from .api import ApiFail, Request, bad, need_list, ok, paged, route
from .corp import DAY, EmulatorCorp
from .runtime import MassTask, MediaItem, MomentJob

_EC = "/cgi-bin/externalcontact"
TOKEN_LIFETIME = 7200
ATTACHMENT_TYPES = {"image", "link", "miniprogram", "video", "file"}


@route("/cgi-bin/gettoken", "GET")
def gettoken(req: Request) -> dict[str, Any]:
    corp = req.corp
    if req.query.get("corpid") != corp.corp_id:
        raise ApiFail(40013, "invalid corpid")
    if req.query.get("corpsecret") != corp.secret:
        raise ApiFail(40001, "invalid credential")
    token = "AT" + secrets.token_urlsafe(48)
    lifetime = corp.faults.token_lifetime_s or TOKEN_LIFETIME
    corp.tokens[token] = req.now + lifetime
    corp.stats.tokens_issued += 1
    corp.stats.token_values.append(token)
    return ok(access_token=token, expires_in=TOKEN_LIFETIME)


# -- mass messages --------------------------------------------------------------------------
def _check_attachments(corp: EmulatorCorp, attachments: Any) -> list[dict[str, Any]]:
    if not isinstance(attachments, list):
        raise bad("attachments")
    if len(attachments) > 9:
        raise ApiFail(41064, "attachments size exceed limit")
    for a in attachments:
        kind = a.get("msgtype") if isinstance(a, dict) else None
        if kind not in ATTACHMENT_TYPES:
            raise ApiFail(41065, "invalid attachments msgtype")
        media_id = (a.get(kind) or {}).get("media_id") or (a.get(kind) or {}).get("pic_media_id")
        if media_id and media_id not in corp.media:
            raise ApiFail(40007, "invalid media_id")
    return attachments


def _owner_for(corp: EmulatorCorp, external_userid: str) -> str:
    # Without a sender, each customer goes to the staff member with the latest relationship.
    follows = corp.members[external_userid].follows
    return max(follows, key=lambda f: f.createtime).userid


def _matches(corp: EmulatorCorp, external_userid: str, tag_sets: list[list[str]]) -> bool:
    tags = {t for f in corp.members[external_userid].follows for t in f.tag_ids}
    return all(tags & set(s) for s in tag_sets)


@route(f"{_EC}/add_msg_template")
def add_msg_template(req: Request) -> dict[str, Any]:
    corp, body = req.corp, req.body
    chat_type = str(body.get("chat_type") or "single")
    text = str((body.get("text") or {}).get("content", ""))
    attachments = _check_attachments(corp, body.get("attachments") or [])
    if not text and not attachments:
        raise bad("text and attachments both empty")
    if len(text.encode()) > 4000:
        raise bad("text.content exceed 4000 bytes")
    sender = str(body.get("sender") or "")
    if sender and sender not in corp.staff_ids:
        raise ApiFail(40003, "invalid sender")
    targets: dict[str, list[str]] = {}
    fail: list[str] = []
    if chat_type == "group":
        if not sender:
            raise bad("sender is required for group")
        for chat_id in need_list(body, "chat_id_list", max_len=2000):
            group = corp.groups.get(chat_id)
            if group is None or group.owner != sender:
                fail.append(chat_id)
            else:
                targets.setdefault(sender, []).append(chat_id)
    elif chat_type == "single":
        ids = need_list(body, "external_userid", max_len=10_000)
        filt = body.get("tag_filter") or {}
        tag_sets = [list(g.get("tag_list") or []) for g in filt.get("group_list") or []]
        if not ids and not sender and not tag_sets:
            raise bad("external_userid and sender both empty")
        if not ids:
            pool = corp.by_staff.get(sender, []) if sender else list(corp.members)
            ids = list(dict.fromkeys(pool))
        for ext in ids:
            if ext not in corp.members:
                fail.append(ext)
            elif not tag_sets or _matches(corp, ext, tag_sets):
                targets.setdefault(sender or _owner_for(corp, ext), []).append(ext)
    else:
        raise bad("chat_type")
    if not targets:
        raise ApiFail(41048, "no available external contact")
    msgid = corp.new_id("msg", 24)
    corp.mass_tasks[msgid] = MassTask(
        msgid=msgid, chat_type=chat_type, create_time=int(req.now), creator="", create_type=0,
        text=text, attachments=attachments, targets=targets,
        confirm_at={u: req.now + corp.confirm_delay_s * (1 + i % 3) for i, u in enumerate(targets)},
        status=dict.fromkeys(targets, 0),
    )  # fmt: skip
    return ok(fail_list=fail, msgid=msgid)


def settle(corp: EmulatorCorp, now: float) -> None:
    """Staff whose confirmation time has come send now; caps are applied per target."""
    for task in corp.mass_tasks.values():
        if task.cancelled:
            continue
        for userid, when in task.confirm_at.items():
            if task.status.get(userid) != 0 or now < when:
                continue
            task.status[userid] = 2
            task.send_time[userid] = int(now)
            results: dict[str, tuple[int, int]] = {}
            for target in task.targets[userid]:
                if task.chat_type == "single" and not any(
                    f.userid == userid for f in corp.members[target].follows
                ):
                    results[target] = (2, 0)
                elif corp.received_this_month.get(target, 0) >= corp.monthly_cap:
                    results[target] = (3, 0)
                else:
                    corp.received_this_month[target] = corp.received_this_month.get(target, 0) + 1
                    results[target] = (1, int(now))
            task.results[userid] = results


def _task(req: Request) -> MassTask:
    msgid = str(req.body.get("msgid") or "")
    if not msgid:
        raise ApiFail(41046, "missing msgid")
    task = req.corp.mass_tasks.get(msgid)
    if task is None:
        raise ApiFail(41047, "invalid msgid")
    return task


def _dispatched(req: Request, task: MassTask) -> None:
    if req.now < task.create_time + req.corp.dispatch_delay_s:
        raise ApiFail(41063, "msg is dispatching, please try later")
    settle(req.corp, req.now)


@route(f"{_EC}/get_groupmsg_list_v2")
def get_groupmsg_list_v2(req: Request) -> dict[str, Any]:
    body = req.body
    try:
        start, end = int(body["start_time"]), int(body["end_time"])
    except (KeyError, TypeError, ValueError):
        raise bad("start_time/end_time required") from None
    if end < start or end - start > 31 * DAY:
        raise bad("time span exceed one month")
    filter_type = int(body.get("filter_type", 2))
    creator = body.get("creator")
    chat_type = str(body.get("chat_type") or "single")
    tasks = sorted(req.corp.mass_tasks.values(), key=lambda t: t.create_time)
    rows = []
    for t in tasks:
        if not start <= t.create_time <= end or t.chat_type != chat_type:
            continue
        if filter_type in (0, 1) and t.create_type != filter_type:
            continue
        if creator and t.creator != creator:
            continue
        row: dict[str, Any] = {"msgid": t.msgid, "create_time": str(t.create_time),
                               "create_type": t.create_type, "text": {"content": t.text},
                               "attachments": t.attachments}  # fmt: skip
        if t.creator:  # absent for tasks created through the API
            row["creator"] = t.creator
        rows.append(row)
    page, cursor = paged(req, rows, default=50, maximum=100, over="default")
    return ok(group_msg_list=list(page), next_cursor=cursor)


@route(f"{_EC}/get_groupmsg_task")
def get_groupmsg_task(req: Request) -> dict[str, Any]:
    task = _task(req)
    _dispatched(req, task)
    rows = []
    for userid in task.targets:
        row: dict[str, Any] = {"userid": userid, "status": task.status.get(userid, 0)}
        if userid in task.send_time:
            row["send_time"] = task.send_time[userid]
        rows.append(row)
    page, cursor = paged(req, rows, default=500, maximum=1000)
    return ok(task_list=list(page), next_cursor=cursor)


@route(f"{_EC}/get_groupmsg_send_result")
def get_groupmsg_send_result(req: Request) -> dict[str, Any]:
    task = _task(req)
    _dispatched(req, task)
    userid = str(req.body.get("userid") or "")
    key = "chat_id" if task.chat_type == "group" else "external_userid"
    rows = []
    for staff, targets in task.targets.items():
        if userid and staff != userid:
            continue
        results = task.results.get(staff, {})
        for target in targets:
            status, when = results.get(target, (0, 0))
            row: dict[str, Any] = {key: target, "userid": staff, "status": status}
            if when:
                row["send_time"] = when
            rows.append(row)
    page, cursor = paged(req, rows, default=500, maximum=1000)
    return ok(send_list=list(page), next_cursor=cursor)


@route(f"{_EC}/cancel_groupmsg_send")
def cancel_groupmsg_send(req: Request) -> dict[str, Any]:
    task = _task(req)
    settle(req.corp, req.now)  # whoever already confirmed has sent; the rest never will
    task.cancelled = True
    return ok()


@route(f"{_EC}/remind_groupmsg_send")
def remind_groupmsg_send(req: Request) -> dict[str, Any]:
    task = _task(req)
    recent = [t for t in task.reminders if t > req.now - DAY]
    if len(recent) >= 3:
        raise ApiFail(45009, "remind too frequently, at most 3 times per 24 hours")
    task.reminders = [*recent, req.now]
    return ok()


# -- moments --------------------------------------------------------------------------------
@route(f"{_EC}/add_moment_task")
def add_moment_task(req: Request) -> dict[str, Any]:
    corp, body = req.corp, req.body
    text = str((body.get("text") or {}).get("content", ""))
    attachments = body.get("attachments") or []
    if not text and not attachments:
        raise bad("text and attachments both empty")
    kinds = {str(a.get("msgtype")) for a in attachments}
    if attachments and (len(kinds) > 1 or not kinds <= {"image", "video", "link"}):
        raise bad("invalid attachments msgtype")
    if len(attachments) > (9 if kinds == {"image"} else 1):
        raise bad("invalid attachments size")
    for a in attachments:
        media_id = (a.get(a.get("msgtype")) or {}).get("media_id")
        item = corp.media.get(str(media_id)) if media_id else None
        if media_id and (item is None or item.attachment_type != 1):
            raise ApiFail(40007, "invalid media_id, must come from upload_attachment")
    visible = body.get("visible_range") or {}
    senders = need_list(visible.get("sender_list") or {}, "user_list")
    tags = need_list(visible.get("external_contact_list") or {}, "tag_list")
    known_tags = corp.all_tags()
    jobid = corp.new_id("job", 24)
    corp.moment_jobs[jobid] = MomentJob(
        jobid, req.now, corp.new_id("mom", 24),
        [u for u in senders if u not in corp.staff_ids], [t for t in tags if t not in known_tags],
    )  # fmt: skip
    return ok(jobid=jobid)


@route(f"{_EC}/get_moment_task_result", "GET")
def get_moment_task_result(req: Request) -> dict[str, Any]:
    job = req.corp.moment_jobs.get(req.query.get("jobid", ""))
    if job is None:
        raise bad("jobid")
    if req.now < job.created + req.corp.moment_delay_s:
        return ok(status=2, type="add_moment_task")
    return ok(status=3, type="add_moment_task", result={
        "errcode": 0, "errmsg": "ok", "moment_id": job.moment_id,
        "invalid_sender_list": {"user_list": job.invalid_senders, "department_list": []},
        "invalid_external_contact_list": {"tag_list": job.invalid_tags},
    })  # fmt: skip


# -- media ----------------------------------------------------------------------------------
def _file(req: Request) -> tuple[str, bytes]:
    if "media" not in req.files:
        raise ApiFail(41005, "media data missing")
    filename, data = req.files["media"]
    if len(data) <= 5:
        raise ApiFail(40006, "invalid file size")
    return filename, data


def _store(req: Request, kind: str, attachment_type: int | None) -> MediaItem:
    filename, data = _file(req)
    item = MediaItem(req.corp.new_id("3", 40), kind, filename, len(data), int(req.now),
                     attachment_type)  # fmt: skip
    req.corp.media[item.media_id] = item
    return item


@route("/cgi-bin/media/upload")
def upload(req: Request) -> dict[str, Any]:
    kind = req.query.get("type", "")
    if kind not in ("image", "voice", "video", "file"):
        raise ApiFail(40004, "invalid media type")
    item = _store(req, kind, None)
    # The official sample gives created_at as a string.
    return {"errcode": 0, "errmsg": "", "type": kind, "media_id": item.media_id,
            "created_at": str(item.created)}  # fmt: skip


@route("/cgi-bin/media/upload_attachment")
def upload_attachment(req: Request) -> dict[str, Any]:
    kind = req.query.get("media_type", "")
    attachment_type = int(req.query.get("attachment_type") or 0)
    if attachment_type not in (1, 2) or kind not in ("image", "video", "file"):
        raise bad("media_type/attachment_type")
    if attachment_type == 1 and kind == "file":
        raise ApiFail(40004, "invalid media type for moments")
    item = _store(req, kind, attachment_type)
    return ok(type=kind, media_id=item.media_id, created_at=item.created)


@route("/cgi-bin/media/uploadimg")
def uploadimg(req: Request) -> dict[str, Any]:
    item = _store(req, "image", None)
    return ok(url=f"https://wework.qpic.cn/wwpic/emulator/{item.media_id[:16]}/0")


# -- group robot ----------------------------------------------------------------------------
ROBOT_TYPES = {"text", "markdown", "image", "news", "file", "voice", "template_card"}


@route("/cgi-bin/webhook/send")
def webhook_send(req: Request) -> dict[str, Any]:
    corp = req.corp
    if req.query.get("key") != corp.robot_key:
        raise ApiFail(93000, "invalid webhook url")
    msgtype = req.body.get("msgtype")
    if msgtype not in ROBOT_TYPES:
        raise ApiFail(40008, "invalid message type")
    content = str((req.body.get(msgtype) or {}).get("content", ""))
    if len(content.encode()) > (4096 if msgtype == "markdown" else 2048):
        raise bad("content exceed max length")
    recent = [m for m in corp.stats.robot_messages if m["_at"] > req.now - 60]
    if len(recent) >= 20:
        raise ApiFail(45009, "api freq out of limit")
    corp.stats.robot_messages.append({**req.body, "_at": req.now})
    return ok()
