"""The real WeCom client against the real emulator over loopback: every error path, token
handling, serialization, limits and redaction."""

from __future__ import annotations

import asyncio
import logging
import socket

import httpx
import pytest

from siyu_desktop.errors import UserError, ValidationError
from siyu_desktop.wecom import contacts, groups, robot, staff
from siyu_desktop.wecom.client import ConnectionSettings, WeComClient
from siyu_desktop.wecom.emulator import RunningEmulator
from siyu_desktop.wecom.errors import (
    ApiNotAuthorizedError,
    CredentialError,
    NetworkError,
    RateLimitedError,
    RobotError,
    ServerBusyError,
    TokenInvalidError,
    TrustedIpError,
    error_for,
    redact,
)
from siyu_desktop.wecom.ratelimit import Limit, RateLimiter

# Works whether or not tests/ is a package (its __init__ files belong to another engineer).
try:
    from .conftest_wecom import FakeSleep, client, emu, fake_sleep, make_client  # noqa: F401
except ImportError:
    from conftest_wecom import FakeSleep, client, emu, fake_sleep, make_client  # type: ignore # noqa: F401

FOLLOW = "/cgi-bin/externalcontact/get_follow_user_list"
GET_GROUP = "/cgi-bin/externalcontact/groupchat/get"


async def test_busy_is_retried_with_backoff_then_succeeds(
    emu: RunningEmulator, client: WeComClient, fake_sleep: FakeSleep
) -> None:
    emu.corp.set_faults(busy_next=2, only_path=FOLLOW)
    assert await staff.get_follow_user_list(client) == emu.corp.staff_ids
    assert emu.corp.stats.calls[FOLLOW] == 3
    # exponential back-off with jitter (reads are retried through tenacity)
    assert [int(s * 2) for s in fake_sleep.calls] == [1, 2]


async def test_busy_gives_up_after_three_retries(
    emu: RunningEmulator, client: WeComClient, fake_sleep: FakeSleep
) -> None:
    emu.corp.set_faults(busy_next=10, only_path=FOLLOW)
    with pytest.raises(ServerBusyError) as info:
        await staff.get_follow_user_list(client)
    assert isinstance(info.value, UserError) and info.value.errcode == -1
    assert emu.corp.stats.calls[FOLLOW] == 4  # the call and three retries
    assert [int(s * 2) for s in fake_sleep.calls] == [1, 2, 4]


@pytest.mark.parametrize("breakage", ["invalidate_tokens", "expire_tokens"])
async def test_rejected_token_is_refreshed_once_and_replayed(
    emu: RunningEmulator, client: WeComClient, breakage: str
) -> None:
    await staff.get_follow_user_list(client)
    getattr(emu.corp, breakage)()
    assert await staff.get_follow_user_list(client) == emu.corp.staff_ids
    code = 40014 if breakage == "invalidate_tokens" else 42001
    assert emu.corp.stats.errors[f"{FOLLOW} {code}"] == 1
    assert emu.corp.stats.tokens_issued == 2


async def test_token_dying_early_is_refreshed(emu: RunningEmulator, client: WeComClient) -> None:
    emu.corp.set_faults(token_lifetime_s=0.05)
    await staff.get_follow_user_list(client)
    await asyncio.sleep(0.1)
    emu.corp.set_faults(token_lifetime_s=None)
    await staff.get_follow_user_list(client)
    assert emu.corp.stats.errors[f"{FOLLOW} 42001"] == 1
    assert emu.corp.stats.tokens_issued == 2


async def test_token_refresh_never_loops(emu: RunningEmulator, client: WeComClient) -> None:
    emu.corp.set_faults(token_lifetime_s=1e-9)  # every token is dead on arrival
    with pytest.raises(TokenInvalidError):
        await staff.get_follow_user_list(client)
    assert emu.corp.stats.tokens_issued == 2
    assert emu.corp.stats.calls[FOLLOW] == 2


async def test_token_refreshed_proactively_before_expiry(emu: RunningEmulator) -> None:
    now = [1000.0]
    async with make_client(emu, clock=lambda: now[0]) as c:
        await staff.get_follow_user_list(c)
        now[0] += 7200 - 120
        await staff.get_follow_user_list(c)
        assert emu.corp.stats.tokens_issued == 1
        now[0] += 61  # under a minute left: refresh before WeCom would say 42001
        await staff.get_follow_user_list(c)
        assert emu.corp.stats.tokens_issued == 2
    assert not emu.corp.stats.errors


async def test_token_fetch_is_single_flight(emu: RunningEmulator, client: WeComClient) -> None:
    chats = list(emu.corp.groups)[:4]
    await asyncio.gather(
        staff.get_follow_user_list(client),
        contacts.list_contacts(client, emu.corp.staff_ids[0]),
        *(groups.get_group_chat(client, c) for c in chats),
    )
    assert emu.corp.stats.tokens_issued == 1


async def test_rate_limit_is_waited_out(
    emu: RunningEmulator, client: WeComClient, fake_sleep: FakeSleep
) -> None:
    emu.corp.set_faults(rate_limited_next=2, only_path=FOLLOW)
    assert await staff.get_follow_user_list(client) == emu.corp.staff_ids
    assert fake_sleep.calls == [60.0, 60.0]


async def test_rate_limit_that_does_not_clear_fails(
    emu: RunningEmulator, client: WeComClient, fake_sleep: FakeSleep
) -> None:
    emu.corp.set_faults(rate_limited_next=100, only_path=FOLLOW)
    with pytest.raises(RateLimitedError) as info:
        await staff.get_follow_user_list(client)
    assert "调用太频繁" in str(info.value)
    assert fake_sleep.calls == [60.0, 60.0, 60.0]


async def test_concurrent_calls_on_one_endpoint_never_hit_45033(emu: RunningEmulator) -> None:
    emu.server.latency_ms = 30
    emu.corp.set_faults(concurrency_limit=1, only_path=GET_GROUP)
    chats = list(emu.corp.groups)[:6]
    async with make_client(emu) as c:
        got = await asyncio.gather(*(groups.get_group_chat(c, chat) for chat in chats))
    assert [g.chat_id for g in got] == chats
    assert emu.corp.stats.peak_in_flight[GET_GROUP] == 1
    assert not emu.corp.stats.errors


async def test_emulator_does_answer_45033_to_unserialized_callers(emu: RunningEmulator) -> None:
    # The control for the test above: without the client's per-endpoint lock the fault fires.
    emu.server.latency_ms = 50
    emu.corp.set_faults(concurrency_limit=1, only_path=FOLLOW)
    async with make_client(emu) as c:
        token = await c.fetch_token()
    async with httpx.AsyncClient(base_url=emu.base_url, trust_env=False) as raw:
        answers = await asyncio.gather(
            *(raw.get(FOLLOW, params={"access_token": token}) for _ in range(4))
        )
    assert 45033 in {r.json()["errcode"] for r in answers}


async def test_trusted_ip_error_speaks_to_the_operator(
    emu: RunningEmulator, client: WeComClient
) -> None:
    emu.corp.set_faults(ip_blocked=True)
    with pytest.raises(TrustedIpError) as info:
        await staff.get_follow_user_list(client)
    err = info.value
    assert isinstance(err, UserError) and err.errcode == 60020
    assert err.message.startswith("这台电脑的 IP 不在企业可信 IP 列表中")
    assert "中转" in err.hint and "代理" in err.hint
    assert "未使用代理（直连）" in err.hint  # which route the failed request took
    system = error_for(60020, "x", FOLLOW, proxy_mode="system", base_url="https://relay.example")
    assert "使用系统代理" in str(system) and "relay.example" in str(system)


async def test_api_not_authorized_says_where_to_add_the_app(
    emu: RunningEmulator, client: WeComClient
) -> None:
    emu.corp.set_faults(api_forbidden=True)
    with pytest.raises(ApiNotAuthorizedError) as info:
        await staff.get_follow_user_list(client)
    assert "客户联系" in info.value.hint and "可调用接口的应用" in info.value.hint


async def test_wrong_secret_is_not_retried(emu: RunningEmulator) -> None:
    async with make_client(emu, secret="not-the-secret") as c:
        with pytest.raises(CredentialError) as info:
            await staff.get_follow_user_list(c)
    assert "Secret 不正确" in info.value.message and info.value.errcode == 40001
    assert emu.corp.stats.calls["/cgi-bin/gettoken"] == 1
    assert "not-the-secret" not in str(info.value)


async def test_wrong_corp_id(emu: RunningEmulator) -> None:
    async with make_client(emu, corp_id="wwnothere") as c:
        with pytest.raises(CredentialError) as info:
            await c.fetch_token()
    assert info.value.errcode == 40013 and "企业 ID" in info.value.message


async def test_timeout_is_a_network_error(emu: RunningEmulator) -> None:
    async with make_client(emu, timeout=0.1) as c:
        await c.fetch_token()
        emu.corp.set_faults(extra_latency_ms=400)
        with pytest.raises(NetworkError) as info:
            await staff.get_follow_user_list(c)
    assert info.value.message.startswith("网络连接失败")
    assert "未使用代理" in info.value.hint
    assert info.value.__cause__ is None and info.value.__context__ is None


async def test_refused_connection_is_a_network_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = ConnectionSettings("wwx", base_url=f"http://127.0.0.1:{port}", timeout=2)
    async with WeComClient(settings, "s3cret-value") as c:
        with pytest.raises(NetworkError):
            await c.fetch_token()


async def test_unknown_fields_are_tolerated(emu: RunningEmulator, client: WeComClient) -> None:
    emu.corp.set_faults(extra_fields=True)
    rows = await contacts.batch_get_by_user(client, emu.corp.staff_ids[:2])
    assert len(rows) == sum(len(emu.corp.by_staff[u]) for u in emu.corp.staff_ids[:2])
    chat = await groups.get_group_chat(client, next(iter(emu.corp.groups)))
    assert chat.member_list and chat.owner


async def test_custom_proxy_is_used_and_named_in_errors(emu: RunningEmulator) -> None:
    # The emulator also answers as a plain HTTP proxy, so the base URL can be a host that
    # does not exist: only a request through the proxy can succeed.
    settings = ConnectionSettings(
        emu.corp.corp_id,
        base_url="http://qyapi.invalid",
        proxy_mode="custom",
        proxy_url=emu.base_url,
    )
    async with WeComClient(settings, emu.corp.secret, sleep=FakeSleep()) as c:
        assert await staff.get_follow_user_list(c) == emu.corp.staff_ids
        emu.corp.set_faults(ip_blocked=True)
        with pytest.raises(TrustedIpError) as info:
            await staff.get_follow_user_list(c)
    assert emu.corp.stats.proxied == 3
    assert "使用自定义代理" in info.value.hint


async def test_system_proxy_only_in_system_mode(
    emu: RunningEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", emu.base_url)
    monkeypatch.setenv("http_proxy", emu.base_url)
    system = ConnectionSettings(
        emu.corp.corp_id, base_url="http://qyapi.invalid", proxy_mode="system"
    )
    async with WeComClient(system, emu.corp.secret) as c:
        await c.fetch_token()
    assert emu.corp.stats.proxied == 1
    async with make_client(emu) as direct:  # proxy_mode "none" ignores HTTP_PROXY
        await direct.fetch_token()
    assert emu.corp.stats.proxied == 1


async def test_non_wecom_answer_is_a_network_error(client: WeComClient) -> None:
    with pytest.raises(NetworkError) as info:
        await client.get("/cgi-bin/not-an-api")
    assert "HTTP 404" in info.value.message


def test_trust_env_follows_proxy_mode() -> None:
    assert ConnectionSettings("c", proxy_mode="system").trust_env is True
    assert ConnectionSettings("c", proxy_mode="none").trust_env is False
    custom = ConnectionSettings("c", proxy_mode="custom", proxy_url="http://127.0.0.1:3128")
    assert custom.trust_env is False
    with pytest.raises(ValidationError):
        WeComClient(ConnectionSettings("c", proxy_mode="custom"), "secret")


def test_redact_covers_query_json_and_literals() -> None:
    text = 'GET /x?access_token=AT123456&corpsecret=SEC999999&key=K0000001 {"access_token": "AT9"}'
    out = redact(text, ["LITERAL-TOKEN"]) + redact("echo LITERAL-TOKEN", ["LITERAL-TOKEN"])
    for secret in ("AT123456", "SEC999999", "K0000001", "AT9", "LITERAL-TOKEN"):
        assert secret not in out
    assert "monkey=banana" in redact("monkey=banana")
    assert "relay-pass" not in redact("https://relay.example/?token=relay-pass")


async def test_token_never_leaks(emu: RunningEmulator, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    errors: list[Exception] = []
    async with make_client(emu, timeout=0.1) as c:
        await staff.get_follow_user_list(c)
        emu.corp.invalidate_tokens()
        await staff.get_follow_user_list(c)
        for faults in ({"extra_latency_ms": 400}, {"ip_blocked": True}, {"api_forbidden": True}):
            emu.corp.reset_faults()
            emu.corp.set_faults(**faults)
            try:
                await staff.get_follow_user_list(c)
            except Exception as exc:
                errors.append(exc)
        texts = [repr(c), caplog.text] + [
            f"{e!s} {e!r} {getattr(e, 'english', '')}" for e in errors
        ]
    assert len(errors) == 3
    assert "access_token=***" in caplog.text  # httpx's request log line, redacted
    secrets = [*emu.corp.stats.token_values, emu.corp.secret]
    assert len(secrets) == 3
    for text in texts:
        for secret in secrets:
            assert secret not in text


async def test_robot_send_and_key_redaction(
    emu: RunningEmulator, client: WeComClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={emu.corp.robot_key}"
    await robot.send(client, url, robot.text_message("今日新增客户 32 人", mentioned=["@all"]))
    await robot.send(client, emu.corp.robot_key, robot.markdown_message("**告警** 3 个群超限"))
    assert [m["msgtype"] for m in emu.corp.stats.robot_messages] == ["text", "markdown"]
    with pytest.raises(RobotError) as info:
        await robot.send(client, "wrong-key-123456", robot.text_message("x"))
    assert "wrong-key-123456" not in str(info.value) + caplog.text
    assert emu.corp.robot_key not in caplog.text + repr(client)
    assert "/cgi-bin/gettoken" not in emu.corp.stats.calls  # robots need no token


async def test_token_bucket_keeps_any_window_under_the_limit() -> None:
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds

    limiter = RateLimiter(clock=lambda: now[0], sleep=sleep, limits={}, default=[Limit(10, 60)])
    stamps = []
    for _ in range(25):
        await limiter.acquire("/p")
        stamps.append(now[0])
    for start in stamps:
        assert sum(1 for t in stamps if start <= t < start + 60) <= 10
    assert stamps[1] == 0.0 and limiter.waited > 0
