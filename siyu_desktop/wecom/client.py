"""The async WeCom client: one ``httpx.AsyncClient``, a token cache, limits, retries, typed errors.

Every API module calls ``WeComClient.call``. The rules it applies come from the reference (§1,
§11): refresh the token once on 40014/42001 and replay; retry -1 up to three times with backoff;
wait out 45009 instead of failing; avoid 45033 by sending one call at a time per endpoint; keep
under the published per-minute limits with a token bucket. The access token never leaves this
module unredacted: not in logs, exception messages or reprs.

Reads are retried (tenacity), writes are not. A call is a read when its path is in
``READ_PATHS`` (every list/get endpoint, gettoken) or when the caller passes ``read=True``.
A read that meets a transient failure -- a network error or timeout, a connection dropped before
the answer, an HTTP 5xx page, a non-JSON or truncated body, or errcode -1 -- is sent again with
exponential back-off and jitter, at most ``RetryPolicy.read_attempts`` times in all and not after
``RetryPolicy.read_max_seconds``; every attempt goes through the rate limiter and the per-endpoint
lock again, and the token/45009 rules apply inside each attempt. After the bound the last error is
raised as it is (a truncated answer is reported as truncated, not as "无法连接"). Writes
(mark_tag, remark, sends...) surface a network failure once: the outbox reconciles before it
re-sends, the client cannot know whether WeCom applied the call.

Retry notifications for the UI ("网络不稳定，正在重试（第 N 次）")::

    client.on_retry.append(callback)   # callback(info: RetryInfo) -> None, called before the wait

``RetryInfo`` has ``attempt`` (1 for the first retry), ``max_attempts``, ``path`` (redacted),
``reason`` (the operator-facing Chinese text of the failure), ``wait`` (seconds until the next
attempt), ``error`` (the exception) and ``message`` (the ready-made Chinese status line). A
callback that raises is logged and ignored. ``client.retries`` counts retries per path.

Cursor expiry (50100) raises ``CursorExpiredError`` and is not retried here: the same cursor stays
invalid, the caller restarts the listing from its checkpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
import json as _json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar
from urllib.parse import unquote, urlsplit

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

from ..errors import ValidationError
from .errors import (
    NetworkError,
    ServerBusyError,
    WeComError,
    describe_route,
    error_for,
    redact,
)
from .ratelimit import Clock, RateLimiter, Sleep

log = logging.getLogger(__name__)

ProxyMode = Literal["none", "system", "custom"]
DEFAULT_BASE_URL = "https://qyapi.weixin.qq.com"
TOKEN_PATH = "/cgi-bin/gettoken"
REFRESH_MARGIN = 60.0  # refresh proactively when less than this many seconds remain
T = TypeVar("T")

_EC = "/cgi-bin/externalcontact"
# Idempotent calls: retried on transient failures. Anything else is a write and is sent once.
READ_PATHS = frozenset({
    TOKEN_PATH,
    "/cgi-bin/user/get", "/cgi-bin/user/list", "/cgi-bin/user/simplelist",
    "/cgi-bin/department/list",
    f"{_EC}/get_follow_user_list", f"{_EC}/list", f"{_EC}/get", f"{_EC}/batch/get_by_user",
    f"{_EC}/get_corp_tag_list", f"{_EC}/get_strategy_tag_list",
    f"{_EC}/groupchat/list", f"{_EC}/groupchat/get", f"{_EC}/groupchat/statistic",
    f"{_EC}/groupchat/statistic_group_by_day",
    f"{_EC}/get_groupmsg_list_v2", f"{_EC}/get_groupmsg_task", f"{_EC}/get_groupmsg_send_result",
    f"{_EC}/get_moment_list", f"{_EC}/get_moment_task", f"{_EC}/get_moment_customer_list",
    f"{_EC}/get_moment_send_result", f"{_EC}/get_moment_task_result",
    f"{_EC}/list_contact_way", f"{_EC}/get_contact_way", f"{_EC}/get_user_behavior_data",
})  # fmt: skip


class _RedactingFilter(logging.Filter):
    """httpx logs every request URL at INFO, query string (and so the token) included."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = _RedactingFilter()
for _name in ("httpx", "httpcore", "httpcore.http11", "httpcore.connection", "httpcore.proxy"):
    if _FILTER not in logging.getLogger(_name).filters:
        logging.getLogger(_name).addFilter(_FILTER)


@dataclass(frozen=True, repr=False)
class ConnectionSettings:
    """How this install reaches WeCom: directly, through a relay base URL, or a proxy.

    ``proxy_mode`` makes the choice explicit because httpx would otherwise follow the OS proxy,
    and a VPN or system proxy changes the egress IP and brings back 60020."""

    corp_id: str
    base_url: str = DEFAULT_BASE_URL
    proxy_mode: ProxyMode = "none"
    proxy_url: str = ""
    timeout: float = 15.0

    @property
    def trust_env(self) -> bool:
        return self.proxy_mode == "system"

    def url_passwords(self) -> list[str]:
        """Passwords carried in the relay or proxy URL (put back from the keyring): scrubbed
        verbatim from every text, as tokens are."""
        found = []
        for url in (self.base_url, self.proxy_url):
            with contextlib.suppress(ValueError):
                password = urlsplit(url).password
                if password:
                    found += [password, unquote(password)]
        return found

    def __repr__(self) -> str:  # URLs may carry a relay or proxy password
        return (
            f"ConnectionSettings(corp_id={self.corp_id!r}, base_url={redact(self.base_url)!r}, "
            f"proxy_mode={self.proxy_mode!r}, proxy_url={redact(self.proxy_url)!r})"
        )


SecretSource = str | Callable[[], str]


class _Secret:
    """Holds how to get the secret; its repr never shows it."""

    __slots__ = ("_source",)

    def __init__(self, source: SecretSource) -> None:
        self._source = source

    def get(self) -> str:
        return self._source() if callable(self._source) else self._source

    def __repr__(self) -> str:
        return "<secret>"


@dataclass
class _Token:
    value: str
    refresh_at: float


class TokenCache:
    """Tokens per (corp_id, app), shareable between clients of the same process."""

    def __init__(self) -> None:
        self._tokens: dict[tuple[str, str], _Token] = {}
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    def get(self, key: tuple[str, str], now: float) -> str | None:
        token = self._tokens.get(key)
        if token is None or now >= token.refresh_at:
            return None
        return token.value

    def put(self, key: tuple[str, str], value: str, now: float, expires_in: float) -> None:
        # Refresh a minute early; a (hypothetical) very short lifetime still gets used for half.
        self._tokens[key] = _Token(value, now + expires_in - min(REFRESH_MARGIN, expires_in / 2))

    def invalidate(self, key: tuple[str, str], value: str) -> None:
        # Only drop the token that failed: a concurrent caller may already have a fresh one.
        token = self._tokens.get(key)
        if token is not None and token.value == value:
            del self._tokens[key]

    def lock(self, key: tuple[str, str]) -> asyncio.Lock:
        return self._locks.setdefault(key, asyncio.Lock())

    def __repr__(self) -> str:
        return f"<TokenCache {len(self._tokens)} token(s)>"


@dataclass(frozen=True)
class RetryPolicy:
    busy_retries: int = 3  # -1 "system busy" (reference: at most 3 retries), reads and writes
    busy_backoff: float = 0.5  # seconds, doubled on each retry
    rate_limit_waits: int = 3  # 45009: how many windows to wait out before giving up
    rate_limit_wait: float = 60.0  # the minute window; WeCom does not say which window hit
    read_attempts: int = 5  # reads: attempts in all (the first one included) on transient errors
    read_max_seconds: float = 60.0  # reads: no new attempt once this long has passed
    read_backoff_max: float = 8.0  # reads: longest single wait between attempts
    read_jitter: float = 0.25  # reads: up to this many seconds added at random to each wait


@dataclass(frozen=True)
class RetryInfo:
    """One retry of a read, as told to ``WeComClient.on_retry`` callbacks before the wait."""

    attempt: int  # 1 for the first retry
    max_attempts: int  # attempts in all, the first one included
    path: str  # redacted
    reason: str  # operator-facing text of the failure that caused the retry
    wait: float  # seconds until the next attempt
    error: Exception

    @property
    def message(self) -> str:
        return f"网络不稳定，正在重试（第 {self.attempt} 次）"


class WeComClient:
    """Talks to one corp as one app. Use as ``async with WeComClient(...) as client``."""

    def __init__(
        self,
        settings: ConnectionSettings,
        secret: SecretSource,
        *,
        app: str = "customer_contact",
        retry: RetryPolicy | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        token_cache: TokenCache | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if settings.proxy_mode == "custom" and not settings.proxy_url:
            raise ValidationError(
                "选择了自定义代理，但没有填写代理地址。",
                english="Custom proxy mode needs a proxy URL.",
            )
        self.settings = settings
        self.app = app
        self.retry = retry or RetryPolicy()
        self._secret = _Secret(secret)
        self._clock = clock
        self._sleep = sleep
        self._tokens = token_cache or TokenCache()
        self.limiter = RateLimiter(clock=clock, sleep=sleep)
        self._endpoint_locks: dict[str, asyncio.Lock] = {}
        self._issued: set[str] = set(settings.url_passwords())  # and every token seen: scrubbed
        proxy = settings.proxy_url if settings.proxy_mode == "custom" else None
        self._http = httpx.AsyncClient(
            base_url=settings.base_url.rstrip("/"),
            timeout=settings.timeout,
            trust_env=settings.trust_env,
            proxy=proxy,
            transport=transport,
            headers={"User-Agent": "SiyuDesktop"},
        )
        self.calls: dict[str, int] = {}  # requests sent per path, for tests and diagnostics
        self.retries: dict[str, int] = {}  # read retries per path
        self.on_retry: list[Callable[[RetryInfo], None]] = []

    # -- lifecycle -------------------------------------------------------------------------
    async def __aenter__(self) -> WeComClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    def __repr__(self) -> str:
        return (
            f"<WeComClient corp={self.settings.corp_id} app={self.app} "
            f"base_url={redact(self.settings.base_url)} proxy={self.settings.proxy_mode}>"
        )

    # -- public ----------------------------------------------------------------------------
    def redact(self, text: object) -> str:
        return redact(text, self._issued)

    def scrub(self, value: str) -> None:
        """Also scrub this literal credential (a robot key) from every text this client emits."""
        self._issued.add(value)

    @property
    def route(self) -> str:
        return describe_route(self.settings.proxy_mode, self.settings.base_url)

    @property
    def route_en(self) -> str:
        return describe_route(self.settings.proxy_mode, self.settings.base_url, english=True)

    @staticmethod
    def is_read(path: str) -> bool:
        """Whether calls to ``path`` are idempotent reads (retried on transient failures)."""
        return path in READ_PATHS

    async def get(
        self, path: str, params: Mapping[str, Any] | None = None, *, read: bool | None = None
    ) -> dict[str, Any]:
        return await self.call("GET", path, params=params, read=read)

    async def post(
        self,
        path: str,
        body: Mapping[str, Any],
        params: Mapping[str, Any] | None = None,
        *,
        read: bool | None = None,
    ) -> dict[str, Any]:
        return await self.call("POST", path, params=params, json=body, read=read)

    async def call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
        with_token: bool = True,
        limit_key: str | None = None,
        wait_on_rate_limit: bool = True,
        read: bool | None = None,
    ) -> dict[str, Any]:
        """Send one API call with every rule applied; return the decoded body (errcode 0).

        ``with_token=False`` is for the robot webhook, whose ``key`` is in ``params``;
        ``limit_key`` separates rate-limit buckets that share a path (one per robot);
        ``read`` overrides ``READ_PATHS`` (True: retry transient failures; False: send once)."""
        is_read = self.is_read(path) if read is None else read

        async def once() -> dict[str, Any]:
            return await self._call_once(
                method, path, params, json, files, with_token, limit_key, wait_on_rate_limit,
                busy_retries=0 if is_read else self.retry.busy_retries,
            )  # fmt: skip

        if not is_read:
            return await once()
        return await self._retrying(path, once)

    async def _retrying(self, path: str, attempt: Callable[[], Awaitable[T]]) -> T:
        """Run ``attempt`` until it succeeds, a non-transient error comes, or the bound is hit."""
        policy = self.retry
        busy = 0

        def transient(state: RetryCallState) -> bool:
            nonlocal busy
            exc = state.outcome.exception() if state.outcome is not None else None
            if isinstance(exc, ServerBusyError):
                busy += 1
                return busy <= policy.busy_retries
            return isinstance(exc, NetworkError) and exc.retryable

        def notify(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome is not None else None
            wait = state.next_action.sleep if state.next_action is not None else 0.0
            self.retries[path] = self.retries.get(path, 0) + 1
            reason = getattr(exc, "message", "") or type(exc).__name__
            info = RetryInfo(
                state.attempt_number, policy.read_attempts, self.redact(path), reason, wait,
                exc if isinstance(exc, Exception) else RuntimeError("retry"),
            )  # fmt: skip
            log.info("wecom %s: %s; retry %d in %.1f s", info.path, reason, info.attempt, wait)
            for callback in list(self.on_retry):
                try:
                    callback(info)
                except Exception:
                    log.exception("on_retry callback failed")

        retrying = AsyncRetrying(
            stop=stop_after_attempt(policy.read_attempts)
            | stop_after_delay(policy.read_max_seconds),
            wait=wait_exponential_jitter(
                multiplier=policy.busy_backoff,
                max=policy.read_backoff_max,
                jitter=policy.read_jitter,
            ),
            retry=transient,
            before_sleep=notify,
            sleep=self._sleep,
            reraise=True,
        )
        return await retrying(attempt)

    async def _call_once(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None,
        json: Mapping[str, Any] | None,
        files: Mapping[str, tuple[str, bytes, str]] | None,
        with_token: bool,
        limit_key: str | None,
        wait_on_rate_limit: bool,
        *,
        busy_retries: int,
    ) -> dict[str, Any]:
        refreshed = False
        busy = 0
        waits = 0
        while True:
            token = await self._token() if with_token else None
            query = dict(params or {})
            if token is not None:
                query["access_token"] = token
            await self.limiter.acquire(path, limit_key)
            data = await self._send(method, path, query, json, files)
            errcode = _errcode(data)
            if errcode == 0:
                return data
            errmsg = str(data.get("errmsg", ""))
            log.debug("wecom %s %s -> errcode %s %s", method, path, errcode, self.redact(errmsg))
            if errcode in (40014, 42001) and token is not None and not refreshed:
                self._tokens.invalidate(self._token_key, token)
                refreshed = True
                continue
            if errcode == -1 and busy < busy_retries:
                await self._sleep(self.retry.busy_backoff * 2**busy)
                busy += 1
                continue
            if errcode == 45009 and wait_on_rate_limit and waits < self.retry.rate_limit_waits:
                waits += 1
                log.info("wecom %s rate limited; waiting %.0f s", path, self.retry.rate_limit_wait)
                await self._sleep(self.retry.rate_limit_wait)
                continue
            raise self._error(errcode, errmsg, path)

    async def fetch_token(self) -> str:
        """A valid access token (cached, refreshed single-flight); for connection tests."""
        return await self._token()

    # -- internals -------------------------------------------------------------------------
    @property
    def _token_key(self) -> tuple[str, str]:
        return (self.settings.corp_id, self.app)

    async def _token(self) -> str:
        key = self._token_key
        cached = self._tokens.get(key, self._clock())
        if cached is not None:
            return cached
        async with self._tokens.lock(key):
            # Whoever held the lock before us may have refreshed it already (single flight).
            cached = self._tokens.get(key, self._clock())
            if cached is not None:
                return cached
            data = await self._fetch_token()
            value = str(data["access_token"])
            self._issued.add(value)
            expires_in = float(data.get("expires_in", 7200))
            self._tokens.put(key, value, self._clock(), expires_in)
            log.debug("wecom token refreshed for app %s, valid %.0f s", self.app, expires_in)
            return value

    async def _fetch_token(self) -> dict[str, Any]:
        busy = 0
        waits = 0
        while True:
            params = {"corpid": self.settings.corp_id, "corpsecret": self._secret.get()}
            await self.limiter.acquire(TOKEN_PATH)
            data = await self._send("GET", TOKEN_PATH, params, None, None)
            errcode = _errcode(data)
            if errcode == 0 and data.get("access_token"):
                return data
            errmsg = str(data.get("errmsg", ""))
            if errcode == -1 and busy < self.retry.busy_retries:
                await self._sleep(self.retry.busy_backoff * 2**busy)
                busy += 1
                continue
            # Retrying a wrong secret gets the IP blocked for an hour (reference §1): only
            # genuine frequency limits are waited out here.
            if errcode == 45009 and waits < self.retry.rate_limit_waits:
                waits += 1
                await self._sleep(self.retry.rate_limit_wait)
                continue
            raise self._error(errcode, errmsg, TOKEN_PATH)

    def _lock_for(self, path: str) -> asyncio.Lock:
        return self._endpoint_locks.setdefault(path, asyncio.Lock())

    async def _send(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any],
        json: Mapping[str, Any] | None,
        files: Mapping[str, tuple[str, bytes, str]] | None,
    ) -> dict[str, Any]:
        # WeCom publishes no concurrency numbers for 45033, so one call at a time per endpoint.
        failure: NetworkError | None = None
        body = b""
        async with self._lock_for(path):
            self.calls[path] = self.calls.get(path, 0) + 1
            log.debug("wecom %s %s", method, path)
            request = self._http.build_request(
                method, path, params=dict(params), json=json, files=files
            )
            # Streamed, so a failure before the answer (dropped after sending) and one in the
            # middle of the body (truncated) can be told apart.
            try:
                response = await self._http.send(request, stream=True)
            except httpx.ConnectTimeout as exc:
                failure = self._network_error(path, "连接超时", exc)
            except httpx.TimeoutException as exc:
                failure = self._network_error(path, "请求超时", exc)
            except httpx.ConnectError as exc:
                failure = self._network_error(path, "无法连接", exc)
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                failure = self._network_error(path, "连接中断，没有收到应答", exc)
            except httpx.HTTPError as exc:
                failure = self._network_error(path, "无法连接", exc)
            else:
                try:
                    body = await response.aread()
                except httpx.TimeoutException as exc:
                    failure = self._network_error(path, "读取应答超时", exc)
                except httpx.HTTPError as exc:
                    failure = self._network_error(path, "应答不完整（传输中途断开）", exc)
                finally:
                    await response.aclose()
        # Raised outside the except blocks so the httpx exception, whose text holds the URL
        # and so the token, is not chained as __context__ into crash reports.
        if failure is not None:
            raise failure
        if response.status_code != 200:
            # WeCom answers 200 even for errors; anything else came from a relay or proxy.
            what = {
                401: "中转服务器拒绝了请求，请检查中转令牌",
                403: "中转服务器拒绝了请求，请检查中转令牌",
                407: "代理服务器需要认证",
            }.get(response.status_code, f"服务器返回 HTTP {response.status_code}")
            retryable = response.status_code >= 500 or response.status_code in (408, 429)
            raise self._network_error(path, what, None, retryable=retryable)
        data: Any = None
        with contextlib.suppress(ValueError):
            data = _json.loads(body)
        if data is None:
            what = (
                "应答不完整（数据被截断）"
                if body.lstrip()[:1] in (b"{", b"[")
                else "服务器返回的不是企业微信的应答"
            )
            raise self._network_error(path, what, None)
        if not isinstance(data, dict):
            raise self._network_error(path, "服务器返回的不是企业微信的应答", None)
        return data

    def _network_error(
        self, path: str, what: str, exc: Exception | None, *, retryable: bool = True
    ) -> NetworkError:
        detail = self.redact(f"{type(exc).__name__}: {exc}") if exc is not None else what
        error = NetworkError(
            f"网络连接失败（{what}）。",
            "请检查网络；如果公司要求通过中转服务器或代理访问企业微信，请检查连接设置。"
            f"{self.route}。",
            english=f"Network failure calling {path}: {detail}",
            english_hint="Check the network; if your company reaches WeCom through a relay server or a proxy, check the connection settings. " f"{self.route_en}.",
            path=path,
        )
        error.retryable = retryable
        return error

    def _error(self, errcode: int, errmsg: str, path: str) -> WeComError:
        return error_for(
            errcode,
            self.redact(errmsg),
            path,
            proxy_mode=self.settings.proxy_mode,
            base_url=self.settings.base_url,
        )


def _errcode(data: Mapping[str, Any]) -> int:
    try:
        return int(data.get("errcode", 0))
    except (TypeError, ValueError):
        return -1
