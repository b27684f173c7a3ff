"""The async WeCom client: one ``httpx.AsyncClient``, a token cache, limits, retries, typed errors.

Every API module calls ``WeComClient.call``. The rules it applies come from the reference (§1,
§11): refresh the token once on 40014/42001 and replay; retry -1 up to three times with backoff;
wait out 45009 instead of failing; avoid 45033 by sending one call at a time per endpoint; keep
under the published per-minute limits with a token bucket. The access token never leaves this
module unredacted: not in logs, exception messages or reprs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

import httpx

from ..errors import ValidationError
from .errors import (
    NetworkError,
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
        return (f"ConnectionSettings(corp_id={self.corp_id!r}, base_url={redact(self.base_url)!r}, "
                f"proxy_mode={self.proxy_mode!r}, proxy_url={redact(self.proxy_url)!r})")


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
    busy_retries: int = 3  # -1 "system busy"
    busy_backoff: float = 0.5  # seconds, doubled on each retry
    rate_limit_waits: int = 3  # 45009: how many windows to wait out before giving up
    rate_limit_wait: float = 60.0  # the minute window; WeCom does not say which window hit


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

    async def get(self, path: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return await self.call("GET", path, params=params)

    async def post(
        self, path: str, body: Mapping[str, Any], params: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        return await self.call("POST", path, params=params, json=body)

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
    ) -> dict[str, Any]:
        """Send one API call with every rule applied; return the decoded body (errcode 0).

        ``with_token=False`` is for the robot webhook, whose ``key`` is in ``params``;
        ``limit_key`` separates rate-limit buckets that share a path (one per robot)."""
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
            if errcode == -1 and busy < self.retry.busy_retries:
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
        async with self._lock_for(path):
            self.calls[path] = self.calls.get(path, 0) + 1
            log.debug("wecom %s %s", method, path)
            try:
                response = await self._http.request(
                    method, path, params=dict(params), json=json, files=files
                )
            except httpx.TimeoutException as exc:
                failure = self._network_error(path, "请求超时", exc)
            except httpx.HTTPError as exc:
                failure = self._network_error(path, "无法连接", exc)
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
            raise self._network_error(path, what, None)
        try:
            data = response.json()
        except ValueError:
            raise self._network_error(path, "服务器返回的不是企业微信的应答", None) from None
        if not isinstance(data, dict):
            raise self._network_error(path, "服务器返回的不是企业微信的应答", None)
        return data

    def _network_error(self, path: str, what: str, exc: Exception | None) -> NetworkError:
        detail = self.redact(f"{type(exc).__name__}: {exc}") if exc is not None else what
        return NetworkError(
            f"网络连接失败（{what}）。",
            "请检查网络；如果公司要求通过中转服务器或代理访问企业微信，请检查连接设置。"
            f"{self.route}。",
            english=f"Network failure calling {path}: {detail}",
            path=path,
        )

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
