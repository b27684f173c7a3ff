"""Every API module through the real client against the emulator: paging to completion
(compared with the emulator's own data), write semantics, mass-message lifecycle, media."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import httpx
import pytest

from siyu_desktop.errors import ValidationError
from siyu_desktop.wecom import contacts, groups, media, messages, moments, staff, tags
from siyu_desktop.wecom.client import WeComClient
from siyu_desktop.wecom.emulator import RunningEmulator, generate_corp, running_emulator
from siyu_desktop.wecom.emulator.contact_routes import beijing_day, day_stats
from siyu_desktop.wecom.errors import (
    InvalidDateRangeError,
    MassMessageError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    StillDispatchingError,
    TooManyItemsError,
    WeComApiError,
    WeComRequestBug,
)
from siyu_desktop.wecom.types import MsgTemplate

try:
    from .conftest_wecom import FakeSleep, client, emu, fake_sleep, make_client  # noqa: F401
except ImportError:
    from conftest_wecom import FakeSleep, client, emu, fake_sleep, make_client  # type: ignore # noqa: F401

EC = "/cgi-bin/externalcontact"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_generation_is_deterministic() -> None:
    a = generate_corp(3, 50, 5, 4, now=1_750_000_000)
    b = generate_corp(3, 50, 5, 4, now=1_750_000_000)
    c = generate_corp(4, 50, 5, 4, now=1_750_000_000)
    assert list(a.members) == list(b.members) and list(a.groups) == list(b.groups)
    assert a.secret == b.secret and list(a.members) != list(c.members)
    ids = list(a.members)
    assert all(i[:2] in ("wm", "wo") for i in ids)
    assert {m.type for m in a.members.values()} <= {1, 2}
    assert all(1 <= len(m.follows) <= 3 for m in a.members.values())
    assert any(t.admin_made for g in a.tag_groups for t in g.tags)


async def test_staff_and_contacts_page_to_completion(
    emu: RunningEmulator, client: WeComClient
) -> None:
    corp = emu.corp
    userids = await staff.get_follow_user_list(client)
    assert userids == corp.staff_ids
    rows = await contacts.batch_get_by_user(client, userids, limit=7)
    pairs = [(r.follow_info.userid, r.contact.external_userid) for r in rows]
    assert len(pairs) == len(set(pairs)) and set(pairs) == set(corp.relationships())
    assert corp.stats.calls[f"{EC}/batch/get_by_user"] == -(-len(pairs) // 7)
    for row in rows[:40]:
        member = corp.members[row.contact.external_userid]
        follow = next(f for f in member.follows if f.userid == row.follow_info.userid)
        assert row.contact.name == member.name and row.contact.type == member.type
        assert row.follow_info.state == follow.state
        assert list(row.follow_info.tag_ids) == follow.tag_ids
        assert row.follow_info.remark == follow.remark
    for userid in userids[:2]:
        assert await contacts.list_contacts(client, userid) == corp.by_staff[userid]


async def test_batch_limit_is_clamped_to_100(emu: RunningEmulator, client: WeComClient) -> None:
    body = {"userid_list": emu.corp.staff_ids, "limit": 500}
    data = await client.post(f"{EC}/batch/get_by_user", body)
    assert len(data["external_contact_list"]) == 100 and data["next_cursor"]


async def test_more_than_100_staff_go_in_chunks() -> None:
    with running_emulator(seed=2, members=150, groups=2, staff=130, latency_ms=0) as running:
        async with make_client(running) as c:
            rows = await contacts.batch_get_by_user(c, running.corp.staff_ids)
        got = {(r.follow_info.userid, r.contact.external_userid) for r in rows}
        assert got == set(running.corp.relationships())


async def test_cursor_from_another_query_is_refused(
    emu: RunningEmulator, client: WeComClient
) -> None:
    first = await client.post(f"{EC}/batch/get_by_user", {"userid_list": emu.corp.staff_ids[:3]})
    with pytest.raises(WeComRequestBug):
        await client.post(
            f"{EC}/batch/get_by_user",
            {"userid_list": emu.corp.staff_ids[3:], "cursor": first["next_cursor"]},
        )


async def test_contact_detail_and_remark(emu: RunningEmulator, client: WeComClient) -> None:
    corp = emu.corp
    ext = next(m for m in corp.members.values() if len(m.follows) >= 2).external_userid
    detail = await contacts.get_contact(client, ext)
    assert [f.userid for f in detail.follow_users] == [f.userid for f in corp.members[ext].follows]
    assert all(t.tag_name and t.group_name for f in detail.follow_users for t in f.tags)
    userid = detail.follow_users[0].userid
    await contacts.remark(client, userid, ext, remark="王总-VIP", remark_mobiles=[])
    again = await contacts.get_contact(client, ext)
    assert again.follow_users[0].remark == "王总-VIP" and again.follow_users[0].remark_mobiles == ()
    assert len(corp.stats.remark_calls) == 1
    with pytest.raises(ValidationError):
        await contacts.remark(client, userid, ext, remark="太长" * 11)
    with pytest.raises(NotFoundError):
        await contacts.get_contact(client, "wmNoSuchCustomer")
    stranger = next(u for u in corp.staff_ids if u not in {f.userid for f in detail.follow_users})
    with pytest.raises(NotFoundError) as info:
        await contacts.remark(client, stranger, ext, remark="x")
    assert info.value.errcode == 84061


async def test_tag_library_reads_and_filters(emu: RunningEmulator, client: WeComClient) -> None:
    corp = emu.corp
    library = await tags.get_corp_tag_list(client)
    assert [g.group_id for g in library] == [g.group_id for g in corp.tag_groups]
    assert [t.id for t in library[0].tags] == [t.id for t in corp.tag_groups[0].tags]
    one = await tags.get_corp_tag_list(client, group_ids=[corp.tag_groups[1].group_id])
    assert [g.group_id for g in one] == [corp.tag_groups[1].group_id]
    tag = corp.tag_groups[2].tags[0]
    by_tag = await tags.get_corp_tag_list(client, tag_ids=[tag.id])
    assert [t.id for t in by_tag[0].tags] == [tag.id]


async def test_tags_created_by_the_app_are_editable_admin_ones_are_not(
    emu: RunningEmulator, client: WeComClient
) -> None:
    group = await tags.add_corp_tag(client, ["金卡", "银卡", "金卡"], group_name="活动会员")
    assert [t.name for t in group.tags] == ["金卡", "银卡"]
    await tags.edit_corp_tag(client, group.tags[0].id, name="黑金卡", order=9)
    library = {g.group_id: g for g in await tags.get_corp_tag_list(client)}
    assert library[group.group_id].tags[0].name == "黑金卡"
    await tags.del_corp_tag(client, tag_ids=[t.id for t in group.tags])
    library = {g.group_id: g for g in await tags.get_corp_tag_list(client)}
    assert group.group_id not in library  # the emptied group went with its last tag
    admin_tag = next(t for g in emu.corp.tag_groups for t in g.tags if t.admin_made)
    with pytest.raises(PermissionDeniedError) as info:
        await tags.edit_corp_tag(client, admin_tag.id, name="改名")
    assert "管理后台" in info.value.hint
    with pytest.raises(PermissionDeniedError):
        await tags.del_corp_tag(client, tag_ids=[admin_tag.id])
    with pytest.raises(ValidationError):
        await tags.add_corp_tag(client, ["x" * 31], group_name="g")


async def test_mark_tag_is_per_relationship_and_recorded(
    emu: RunningEmulator, client: WeComClient
) -> None:
    corp = emu.corp
    member = next(m for m in corp.members.values() if len(m.follows) >= 2)
    first, second = member.follows[0], member.follows[1]
    tag = corp.tag_groups[3].tags[0].id
    await tags.mark_tag(client, first.userid, member.external_userid, add=[tag], remove=[])
    await tags.mark_tag(client, first.userid, member.external_userid, add=[tag])
    detail = await contacts.get_contact(client, member.external_userid)
    by_user = {f.userid: f for f in detail.follow_users}
    assert by_user[first.userid].tag_ids.count(tag) == 1
    assert (tag in by_user[second.userid].tag_ids) == (tag in second.tag_ids)
    assert len(corp.stats.mark_tag_calls) == 2
    with pytest.raises(NotFoundError) as info:
        await tags.mark_tag(client, first.userid, member.external_userid, add=["etNoSuchTag"])
    assert info.value.errcode == 40068


async def test_groups_page_to_completion(emu: RunningEmulator, client: WeComClient) -> None:
    corp = emu.corp
    refs = await groups.list_group_chats(client, limit=5)
    assert [r.chat_id for r in refs] == list(corp.groups)
    assert corp.stats.calls[f"{EC}/groupchat/list"] == -(-len(refs) // 5)
    owner = corp.staff_ids[0]
    mine = await groups.list_group_chats(client, owner_userids=[owner], limit=2)
    assert {r.chat_id for r in mine} == {
        g.chat_id for g in corp.groups.values() if g.owner == owner
    }
    for ref in refs[:3]:
        chat = await groups.get_group_chat(client, ref.chat_id)
        group = corp.groups[ref.chat_id]
        assert [m.userid for m in chat.member_list] == [e.userid for e in group.roster]
        assert chat.member_version == group.member_version and chat.owner == group.owner
        assert all(m.name for m in chat.member_list)
        assert all(m.invitor for m in chat.member_list if m.join_scene == 1 and m.type == 2)
    nameless = await groups.get_group_chat(client, refs[0].chat_id, need_name=False)
    assert not any(m.name for m in nameless.member_list)
    with pytest.raises(NotFoundError):
        await groups.get_group_chat(client, "wrNoSuchChat")


async def test_group_list_without_owner_filter_in_a_big_corp() -> None:
    with running_emulator(seed=3, members=10, groups=3, staff=1001, latency_ms=0) as running:
        async with make_client(running) as c:
            with pytest.raises(TooManyItemsError):
                await groups.list_group_chats(c, fall_back=False)
            refs = await groups.list_group_chats(c, owner_userids=running.corp.staff_ids)
            # without a filter the listing falls back to the follow users as owners by itself
            fallen_back = await groups.list_group_chats(c)
        assert {r.chat_id for r in refs} == set(running.corp.groups)
        assert sorted(fallen_back, key=repr) == sorted(refs, key=repr)


def test_stat_windows_respect_the_date_rules() -> None:
    today = date(2025, 6, 30)
    windows = groups.stat_windows(date(2024, 1, 1), date(2025, 7, 5), today)
    assert windows[0][0] == today - timedelta(days=180)
    assert windows[-1][1] == today - timedelta(days=1)
    assert all((hi - lo).days < 30 for lo, hi in windows)
    assert sum((hi - lo).days + 1 for lo, hi in windows) == 180
    assert groups.stat_windows(today, today, today) == []


async def test_group_statistics_cover_180_days(emu: RunningEmulator, client: WeComClient) -> None:
    corp = emu.corp
    today = groups.beijing_today()
    items = await groups.statistic_group_by_day(
        client, corp.staff_ids, today - timedelta(days=400), today
    )
    assert len(items) == 180 and corp.stats.calls[f"{EC}/groupchat/statistic_group_by_day"] == 6
    last = items[-1]
    assert last.stat_time == groups.day_start(today - timedelta(days=1))
    assert last.stat_time == beijing_day(last.stat_time + 10)
    expected = sum(day_stats(corp, g, last.stat_time)["member_total"] for g in corp.groups.values())
    assert last.data["member_total"] == expected
    for bad in (  # today; older than 180 days; a span over 30 days
        (groups.day_start(today), groups.day_start(today)),
        (groups.day_start(today - timedelta(days=200)), groups.day_start(today - timedelta(200))),
        (groups.day_start(today - timedelta(days=50)), groups.day_start(today - timedelta(5))),
    ):
        with pytest.raises(InvalidDateRangeError) as info:
            body = {"day_begin_time": bad[0], "day_end_time": bad[1]}
            body["owner_filter"] = {"userid_list": corp.staff_ids}  # type: ignore[assignment]
            await client.post(f"{EC}/groupchat/statistic_group_by_day", body)
        assert info.value.errcode == 600018


async def test_mass_message_lifecycle_with_caps(emu: RunningEmulator, client: WeComClient) -> None:
    corp = emu.corp
    capped = next(t for t, n in corp.received_this_month.items() if t in corp.members)
    fresh = [m for m in corp.members if m not in corp.received_this_month][:5]
    template = MsgTemplate(
        text="双11会员专享价已上线", external_userids=(*fresh, capped, "wmGhost")
    )
    created = await messages.add_msg_template(client, template)
    assert created.fail_list == ("wmGhost",) and created.msgid
    tasks = await messages.get_groupmsg_task(client, created.msgid, limit=1)
    assert tasks and all(t.status == 2 and t.send_time for t in tasks)
    results = [
        r for t in tasks for r in await messages.get_groupmsg_send_result(client, created.msgid, t.userid, limit=2)
    ]  # fmt: skip
    status = {r.external_userid: r.status for r in results}
    assert status[capped] == 3 and all(status[m] == 1 for m in fresh)
    corp.monthly_cap = corp.received_this_month[fresh[0]]  # now fresh[0] is at the cap too
    again = await messages.add_msg_template(
        client, MsgTemplate(text="再发", external_userids=(fresh[0],))
    )
    owner = (await messages.get_groupmsg_task(client, again.msgid))[0].userid
    second = await messages.get_groupmsg_send_result(client, again.msgid, owner)
    assert [r.status for r in second] == [3]


async def test_group_send_confirm_cancel_and_remind(
    emu: RunningEmulator, client: WeComClient, fake_sleep: FakeSleep
) -> None:
    corp = emu.corp
    corp.confirm_delay_s = 3600.0
    group = next(iter(corp.groups.values()))
    template = MsgTemplate(
        chat_type="group", sender=group.owner, chat_ids=(group.chat_id,), text="周五秒杀"
    )
    waiting = await messages.add_msg_template(client, template)
    assert [t.status for t in await messages.get_groupmsg_task(client, waiting.msgid)] == [0]
    corp.confirm(waiting.msgid)
    sent = await messages.get_groupmsg_send_result(client, waiting.msgid, group.owner)
    assert sent[0].chat_id == group.chat_id and sent[0].status in (1, 3)
    cancelled = await messages.add_msg_template(client, template)
    await messages.cancel_groupmsg_send(client, cancelled.msgid)
    corp.confirm(cancelled.msgid)
    assert [t.status for t in await messages.get_groupmsg_task(client, cancelled.msgid)] == [0]
    for _ in range(3):
        await messages.remind_groupmsg_send(client, waiting.msgid)
    with pytest.raises(RateLimitedError):
        await messages.remind_groupmsg_send(client, waiting.msgid)
    assert fake_sleep.calls == []  # the 24-hour cap is reported, not waited for


async def test_groupmsg_list_pages_and_dispatch_delay(
    emu: RunningEmulator, client: WeComClient
) -> None:
    corp = emu.corp
    ids = list(corp.members)[:3]
    created = [
        (await messages.add_msg_template(client, MsgTemplate(text=f"第{i}条", external_userids=(e,)))).msgid
        for i, e in enumerate(ids)
    ]  # fmt: skip
    now = int(corp.mass_tasks[created[-1]].create_time)
    listed = await messages.get_groupmsg_list_v2(
        client, chat_type="single", start_time=now - 40 * 86_400, end_time=now + 1, limit=1
    )
    assert [m.msgid for m in listed] == created
    assert all(m.creator == "" and m.create_type == 0 and m.create_time for m in listed)
    corp.dispatch_delay_s = 60
    fresh = await messages.add_msg_template(
        client, MsgTemplate(text="刚建", external_userids=(ids[0],))
    )
    with pytest.raises(StillDispatchingError):
        await messages.get_groupmsg_task(client, fresh.msgid)


async def test_mass_message_validation(emu: RunningEmulator, client: WeComClient) -> None:
    too_many = tuple(messages.link_attachment("t", "https://x.example") for _ in range(10))
    with pytest.raises(ValidationError):
        await messages.add_msg_template(client, MsgTemplate(text="x", attachments=too_many))
    with pytest.raises(ValidationError):
        await messages.add_msg_template(client, MsgTemplate(chat_type="group", text="x"))
    with pytest.raises(MassMessageError) as info:
        await client.post(f"{EC}/add_msg_template", {"text": {"content": "x"}, "attachments": [
            {"msgtype": "link", "link": {"title": "t", "url": "u"}}] * 10})  # fmt: skip
    assert info.value.errcode == 41064


async def test_media_then_message_and_moment(emu: RunningEmulator, client: WeComClient) -> None:
    image = await media.upload(client, "image", "cover.png", PNG)
    assert image.media_id and image.type == "image" and image.created_at > 0  # string → int
    url = await media.uploadimg(client, "poster.png", PNG)
    assert url.startswith("https://wework.qpic.cn/")
    member = next(iter(emu.corp.members))
    template = MsgTemplate(
        text="新品", external_userids=(member,),
        attachments=(messages.image_attachment(media_id=image.media_id), messages.image_attachment(pic_url=url)),
    )  # fmt: skip
    assert (await messages.add_msg_template(client, template)).msgid
    with pytest.raises(ValidationError):
        await media.upload(client, "image", "empty.png", b"123")
    attachment = await media.upload_attachment(client, "image", "moment.png", PNG)
    jobid = await moments.add_moment_task(
        client, text="新品上架", attachments=[messages.image_attachment(media_id=attachment.media_id)],
        sender_userids=[emu.corp.staff_ids[0], "left.user"], tag_ids=[emu.corp.tag_groups[0].tags[0].id],
    )  # fmt: skip
    result = await moments.wait_moment_task(client, jobid, sleep=FakeSleep())
    assert result.done and result.moment_id and result.invalid_senders == ("left.user",)
    with pytest.raises(WeComApiError) as info:  # moments need upload_attachment media
        await moments.add_moment_task(
            client, attachments=[messages.image_attachment(media_id=image.media_id)]
        )
    assert info.value.errcode == 40007


async def test_admin_endpoint_controls_faults(emu: RunningEmulator, client: WeComClient) -> None:
    async with httpx.AsyncClient(base_url=emu.base_url, trust_env=False) as admin:
        r = await admin.post(
            "/__emulator__/faults", json={"busy_next": 1, "only_path": f"{EC}/get_follow_user_list"}
        )
        assert r.json()["faults"]["busy_next"] == 1
        await staff.get_follow_user_list(client)
        stats = (await admin.get("/__emulator__/stats")).json()["stats"]
        assert stats["errors"] == {f"{EC}/get_follow_user_list -1": 1}
        assert (await admin.post("/__emulator__/faults", json={"nonsense": 1})).status_code == 400
        await admin.post("/__emulator__/reset")
    assert emu.corp.faults.busy_next == 0


def test_module_entry_point_serves() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "siyu_desktop.wecom.emulator", "--port", "0", "--seed", "5",
         "--members", "30", "--groups", "3"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        base_url = proc.stdout.readline().split(" on ")[1].strip()
        assert base_url.startswith("http://127.0.0.1:")
        stats = httpx.get(f"{base_url}/__emulator__/stats", trust_env=False, timeout=5).json()
        assert stats["faults"]["busy_next"] == 0
    finally:
        proc.terminate()
        proc.wait(timeout=5)
