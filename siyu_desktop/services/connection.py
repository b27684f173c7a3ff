"""How this workspace reaches WeCom: settings, the secret, a connection test, the status line.

Settings (corp id, API base URL, proxy mode and URL) live in the workspace's settings table; the
corp secret lives only in the OS keyring (``siyu_desktop.secrets``). The proxy mode is always
explicit — httpx would otherwise follow the OS proxy, and a VPN changes the egress IP and brings
back 60020 — and a failed test says which route it took.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from .. import secrets
from ..domain.clock import Clock, SystemClock
from ..errors import UserError, ValidationError
from ..store import outbox as outbox_store
from ..store import wecom_sync_groups as gs
from ..store.db import Workspace
from ..wecom import staff
from ..wecom.client import DEFAULT_BASE_URL, ConnectionSettings, ProxyMode, TokenCache, WeComClient
from ..wecom.errors import NetworkError, WeComRequestBug, WeComUserError, describe_route
from .demo_wecom import DEMO_CORP_ID, DEMO_SECRET, DemoEmulator, start_emulator_for

log = logging.getLogger(__name__)
SETTINGS_KEY = "wecom.connection"
SECRET_KIND = "wecom_secret"
# Passwords in the proxy URL and the relay (API base) URL: keyring only, keyed by the corp id.
URL_SECRET_KINDS = {"proxy_url": "wecom_proxy_password", "base_url": "wecom_relay_password"}
PROXY_MODES: tuple[ProxyMode, ...] = ("none", "system", "custom")


@dataclass(frozen=True)
class ConnectionConfig:
    corp_id: str = ""
    base_url: str = DEFAULT_BASE_URL
    proxy_mode: ProxyMode = "none"
    proxy_url: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.corp_id)

    def settings(self) -> ConnectionSettings:
        return ConnectionSettings(self.corp_id, base_url=self.base_url or DEFAULT_BASE_URL,
                                  proxy_mode=self.proxy_mode, proxy_url=self.proxy_url)


def split_password(url: str) -> tuple[str, str]:
    """``scheme://user:pass@host…`` → (``scheme://user@host…``, ``pass``); other URLs as they are."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, ""
    userinfo, _, host = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}")), unquote(parts.password)


def join_password(url: str, password: str) -> str:
    """Put a keyring password back into ``scheme://user@host…`` (only when building the client)."""
    parts = urlsplit(url)
    if not password or "@" not in parts.netloc:
        return url
    userinfo, _, host = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:{quote(password, safe='')}@{host}"))


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    message: str
    hint: str = ""
    route: str = ""
    staff: int = 0
    english: str = ""  # the message and the hint in English (below ui/ there is no Qt to translate)
    english_hint: str = ""

    def in_language(self, english: bool) -> tuple[str, str]:
        if english:
            return self.english or self.message, self.english_hint
        return self.message, self.hint


@dataclass
class ConnectionStatus:
    """What the status bar shows: online or not, the last sync, what waits in the outbox."""

    configured: bool = False
    online: bool | None = None  # None: not tried yet
    last_sync_at: int | None = None
    last_sync_mode: str = ""
    outbox_waiting: int = 0
    outbox_failed: int = 0
    latest_run: dict[str, Any] | None = None  # the newest sync run, whatever its end
    message: str = ""
    listeners: list[Callable[[ConnectionStatus], None]] = field(default_factory=list, repr=False)
    clock: Clock = field(default_factory=SystemClock, repr=False)  # the workspace's

    def notify(self) -> None:
        for listener in list(self.listeners):
            listener(self)


class ConnectionService:
    def __init__(self, ws: Workspace) -> None:
        self._ws = ws
        self.status = ConnectionStatus(clock=ws.clock)
        self._tokens = TokenCache()  # shared by the clients this service makes
        # Only the demo's made-up emulator secret may live here, and only for this session,
        # when the machine has no usable keyring (a headless Linux box): never a real secret.
        self._demo_secret: str | None = None

    # -- settings ------------------------------------------------------------------------------
    def config(self) -> ConnectionConfig:
        """The stored settings: URLs carry a user name at most, never a password."""
        raw = self._ws.get_setting(SETTINGS_KEY) or {}
        known = {k: v for k, v in raw.items() if k in ConnectionConfig.__dataclass_fields__}
        cfg = ConnectionConfig(**known)
        clean, found = self._split_secrets(cfg)
        if found and cfg.corp_id:
            # written by an older version with the password in the settings: move it out
            try:
                for kind, value in found.items():
                    secrets.set_secret(kind, cfg.corp_id, value)
                self._ws.set_setting(SETTINGS_KEY, asdict(clean))
                log.info("moved a proxy/relay password from the settings into the keyring")
            except UserError:
                log.warning("a proxy/relay password is in the settings; no keyring to move it to")
        return clean

    @staticmethod
    def _split_secrets(cfg: ConnectionConfig) -> tuple[ConnectionConfig, dict[str, str]]:
        found: dict[str, str] = {}
        values: dict[str, str] = {}
        for name, kind in URL_SECRET_KINDS.items():
            url, password = split_password(getattr(cfg, name))
            values[name] = url
            if password:
                found[kind] = password
        return replace(cfg, base_url=values["base_url"], proxy_url=values["proxy_url"]), found

    def _with_passwords(self, cfg: ConnectionConfig) -> ConnectionConfig:
        """The keyring's passwords put back into the URLs, for the client only."""
        values = {}
        for name, kind in URL_SECRET_KINDS.items():
            password = secrets.get_secret(kind, cfg.corp_id) or ""
            values[name] = join_password(getattr(cfg, name), password)
        return replace(cfg, base_url=values["base_url"], proxy_url=values["proxy_url"])

    def has_secret(self) -> bool:
        cfg = self.config()
        return bool(cfg.corp_id and (self._demo_secret and cfg.corp_id == DEMO_CORP_ID
                                     or secrets.get_secret(SECRET_KIND, cfg.corp_id)))

    def save(self, config: ConnectionConfig, secret: str | None = None) -> None:
        """Store the settings; a non-empty ``secret`` goes to the keyring, never elsewhere."""
        clean, found = self._split_secrets(self._validated(config))
        corp_id = clean.corp_id
        if secret:
            secrets.set_secret(SECRET_KIND, corp_id, secret.strip())
        for name, kind in URL_SECRET_KINDS.items():
            if kind in found:  # a new password typed into the URL
                secrets.set_secret(kind, corp_id, found[kind])
            elif "@" not in urlsplit(getattr(clean, name)).netloc:  # no user: no password kept
                secrets.delete_secret(kind, corp_id)
        self._ws.set_setting(SETTINGS_KEY, asdict(clean))
        self._tokens = TokenCache()  # a token got with the old secret or route must not be reused
        self.status.configured = True
        self.status.notify()

    async def save_if_it_works(self, config: ConnectionConfig, secret: str | None = None, *,
                               save_anyway: bool = False) -> tuple[ConnectionCheck, bool]:
        """Test ``config`` (with ``secret``, else the one kept for its corp) before anything is
        stored; save only when the test passes, or when ``save_anyway``. Returns the check and
        whether the settings were saved — a failed test leaves settings and keyring untouched."""
        cfg = self._validated(config)
        check = await self.test_connection(cfg, secret.strip() if secret else None)
        if check.ok or save_anyway:
            self.save(cfg, secret)
            self.set_online(check.ok, "" if check.ok else check.message)
            return check, True
        return check, False

    @staticmethod
    def _validated(config: ConnectionConfig) -> ConnectionConfig:
        corp_id = config.corp_id.strip()
        if not corp_id:
            raise ValidationError("请填写企业 ID（CorpID）。", english="The corp ID is required.")
        if config.proxy_mode not in PROXY_MODES:
            raise ValidationError("未知的代理方式。", english="Unknown proxy mode.")
        if config.proxy_mode == "custom" and not config.proxy_url.strip():
            raise ValidationError("选择了自定义代理，请填写代理地址。",
                                  english="Custom proxy mode needs a proxy URL.")
        base = (config.base_url.strip() or DEFAULT_BASE_URL).rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise ValidationError("接口地址应以 https:// 开头。", english="Base URL must be http(s).")
        return ConnectionConfig(corp_id, base, config.proxy_mode, config.proxy_url.strip())

    def _candidate_client(self, config: ConnectionConfig, secret: str | None) -> WeComClient:
        """A client for settings not saved yet: passwords typed into its URLs are used as they
        are, missing ones come from the keyring; its own token cache, so no token got with the
        saved secret can make a wrong new one pass."""
        corp_id = config.corp_id

        def get_secret() -> str:
            value = secret or secrets.get_secret(SECRET_KIND, corp_id)
            if not value:
                raise ValidationError("没有填写 Secret。", "请填写应用的 Secret。",
                                      english="No secret given for this corp.",
                                      english_hint="Fill in the app's Secret.")
            return value
        values = {}
        for name, kind in URL_SECRET_KINDS.items():
            url = getattr(config, name)
            if split_password(url)[1]:
                values[name] = url
            else:
                values[name] = join_password(url, secrets.get_secret(kind, corp_id) or "")
        cfg = replace(config, **values)
        return WeComClient(cfg.settings(), get_secret, token_cache=TokenCache())

    def make_client(self, **kwargs: object) -> WeComClient:
        cfg = self.config()
        if not cfg.configured:
            raise ValidationError("还没有连接企业微信。", "请先在“企业微信”页面填写企业 ID 和 Secret。",
                                  english="WeCom connection is not set up.",
                                  english_hint="First fill in the corp ID and the Secret on the WeCom page.")
        corp_id = cfg.corp_id

        def secret() -> str:
            value = secrets.get_secret(SECRET_KIND, corp_id)
            if not value and corp_id == DEMO_CORP_ID:
                value = self._demo_secret
            if not value:
                raise ValidationError("系统钥匙串里没有这个企业的 Secret。",
                                      "请在“企业微信”页面重新填写 Secret 并保存。",
                                      english="No secret in the keyring for this corp.",
                                      english_hint="Fill in the Secret again on the WeCom page and save.")
            return value
        return WeComClient(self._with_passwords(cfg).settings(), secret, token_cache=self._tokens,
                           **kwargs)  # type: ignore[arg-type]

    # -- testing -------------------------------------------------------------------------------
    async def test_connection(self, candidate: ConnectionConfig | None = None,
                              secret: str | None = None) -> ConnectionCheck:
        """Get a token and read the follow-user list: proves the secret, the route (trusted IP)
        and the customer-contact permission in two calls. With ``candidate``, those settings
        (and ``secret``) are tested instead of the saved ones, without storing anything."""
        cfg = self.config() if candidate is None else self._split_secrets(candidate)[0]
        route = describe_route(cfg.proxy_mode, cfg.base_url)
        try:
            async with (self.make_client() if candidate is None
                        else self._candidate_client(candidate, secret)) as client:
                await client.fetch_token()
                users = await staff.get_follow_user_list(client)
        except NetworkError as exc:
            check = ConnectionCheck(False, "连不上企业微信：" + exc.message, exc.hint, route,
                                    english="Cannot reach WeCom: " + exc.english,
                                    english_hint=exc.english_hint)
        except (WeComUserError, ValidationError) as exc:
            check = ConnectionCheck(False, exc.message, exc.hint, route,
                                    english=exc.english, english_hint=exc.english_hint)
        except WeComRequestBug:
            check = ConnectionCheck(False, "企业微信拒绝了测试请求（程序问题）。",
                                    "请把日志发给开发团队。", route,
                                    english="WeCom refused the test request (a bug in this program).",
                                    english_hint="Please send the log to the development team.")
        else:
            check = ConnectionCheck(True, f"连接成功：可以读取 {len(users)} 位员工的客户。",
                                    "", route, len(users),
                                    english=f"Connected: the customers of {len(users)} staff members "
                                            "can be read.")
        if candidate is None:  # a candidate's failure says nothing of the saved connection
            self.set_online(check.ok, "" if check.ok else check.message)
        return check

    # -- status --------------------------------------------------------------------------------
    def set_online(self, online: bool, message: str = "") -> None:
        self.status.online, self.status.message = online, message
        self.status.notify()

    async def refresh_status(self) -> ConnectionStatus:
        def read() -> tuple[dict[str, int], dict[str, Any] | None, dict[str, Any] | None]:
            conn = self._ws.reader()
            return outbox_store.counts(conn), gs.last_run(conn), gs.latest_run(conn)
        counts, run, latest = await asyncio.to_thread(read)
        s = self.status
        s.configured = self.config().configured
        s.outbox_waiting = counts["pending"] + counts["sending"]
        s.outbox_failed = counts["failed"]
        s.latest_run = latest
        if run is not None:
            s.last_sync_at = int(run["finished_at"] or run["started_at"])
            s.last_sync_mode = str(run["mode"])
        s.notify()
        return s


def status_parts(s: ConnectionStatus, now: float | None = None
                 ) -> tuple[str, int | None, int, int]:
    """What the status bar says, as data for the UI to put in words: the state ("unset",
    "configured", "online", "offline"), minutes since the last sync (None: never), outbox items
    waiting and failed."""
    state = ("unset" if not s.configured else
             {None: "configured", True: "online", False: "offline"}[s.online])
    now = s.clock.now() if now is None else now
    minutes = int((now - s.last_sync_at) // 60) if s.last_sync_at else None
    return state, minutes, s.outbox_waiting, s.outbox_failed


def describe_status(s: ConnectionStatus, now: float | None = None) -> str:
    """The status-bar text in Chinese (the CLI's words; the window translates ``status_parts``)."""
    state, minutes, waiting, failed = status_parts(s, now)
    if state == "unset":
        return "企业微信：未连接"
    parts = [{"configured": "企业微信：已配置", "online": "企业微信：在线",
              "offline": "企业微信：离线"}[state]]
    if minutes is not None:
        parts.append("刚刚同步" if minutes < 1 else
                     f"{minutes} 分钟前同步" if minutes < 60 else
                     f"{minutes // 60} 小时前同步" if minutes < 1440 else f"{minutes // 1440} 天前同步")
    if waiting:
        parts.append(f"待发送 {waiting}")
    if failed:
        parts.append(f"失败 {failed}")
    return " · ".join(parts)


def start_demo_emulator(ws: Workspace, service: ConnectionService | None = None,
                        *, latency_ms: int = 5) -> DemoEmulator:
    """Serve a local WeCom mirroring the demo workspace and point the workspace's connection at
    it (settings + the emulator's made-up secret in the keyring). Blocking: call it off the UI
    thread. Stop the returned emulator on shutdown."""
    emulator = start_emulator_for(ws, latency_ms=latency_ms)
    service = service or ConnectionService(ws)
    config = ConnectionConfig(DEMO_CORP_ID, emulator.base_url, "none")
    try:
        service.save(config, DEMO_SECRET)
    except UserError:
        # no keyring on this machine: the demo still works, its made-up secret kept in memory
        service.save(config)
        service._demo_secret = DEMO_SECRET
    return emulator


def connect_demo_if_needed(ws: Workspace, service: ConnectionService) -> DemoEmulator | None:
    """For app.py: a demo workspace gets its emulator; any other workspace gets nothing."""
    return start_demo_emulator(ws, service) if ws.is_demo else None
