"""WeCom failures as typed errors, and the redaction every message passes through.

Operator-facing failures (network, trusted IP, permissions, caps) are ``UserError`` subclasses
with the Chinese message and a hint; requests WeCom rejects as malformed are our bugs and stay
plain exceptions so they reach the crash report. Every text that may carry a URL or a server
message goes through ``redact`` first: the access token travels in the query string and a robot
webhook key is the whole credential.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypedDict

from ..errors import UserError

# Query-string and JSON spellings of the credentials WeCom puts in URLs or echoes back (plus
# ``token``/``secret``, which a relay URL an operator pastes may carry).
_NAMES = "access_token|corpsecret|key|token|secret"
_CREDENTIAL_RE = re.compile(
    rf"(?P<k>(?<![A-Za-z0-9_])(?:{_NAMES})=)[^&\s\"'<>]+"
    rf"|(?P<j>\"(?:{_NAMES})\"\s*:\s*\")[^\"]*",
)
REDACTED = "***"
# ``scheme://user:password@host``: a relay or proxy password pasted into a URL.
_USERINFO_RE = re.compile(r"(?P<u>[A-Za-z][A-Za-z0-9+.-]*://[^\s/@:\"'<>]*:)[^\s/@\"'<>]+@")


def redact(text: object, secrets: Iterable[str] = ()) -> str:
    """Return ``text`` with tokens, secrets and webhook keys replaced by ``***``.

    ``secrets`` are literal values to scrub as well (a token echoed outside a query string)."""
    out = _CREDENTIAL_RE.sub(lambda m: (m.group("k") or m.group("j")) + REDACTED, str(text))
    out = _USERINFO_RE.sub(lambda m: m.group("u") + REDACTED + "@", out)
    for value in secrets:
        if value and len(value) >= 6:  # a short value would scrub ordinary words
            out = out.replace(value, REDACTED)
    return out


class WeComError(Exception):
    """Anything that went wrong talking to WeCom. ``errcode`` is None for transport failures."""

    errcode: int | None = None
    errmsg: str = ""
    path: str = ""


class WeComUserError(UserError, WeComError):
    """A WeCom failure the operator (or their admin) can do something about."""

    def __init__(
        self,
        message: str,
        hint: str = "",
        *,
        english: str = "",
        english_hint: str = "",
        errcode: int | None = None,
        errmsg: str = "",
        path: str = "",
    ) -> None:
        super().__init__(message, hint, english=english, english_hint=english_hint)
        self.errcode = errcode
        self.errmsg = redact(errmsg)
        self.path = path

    def __str__(self) -> str:
        code = f"（错误码 {self.errcode}）" if self.errcode is not None else ""
        return redact(f"{self.message}{code} {self.hint}".strip())


class NetworkError(WeComUserError):
    """No usable answer: timeout, refused connection, proxy failure, a relay's error page.

    ``retryable`` says whether asking again may help (a timeout, a dropped or truncated answer,
    an HTTP 5xx page) as opposed to a relay refusing our credentials; the client only acts on
    it for reads."""

    retryable: bool = False


class TrustedIpError(WeComUserError):
    """60020: the egress IP is not in the app's 企业可信IP list."""


class ApiNotAuthorizedError(WeComUserError):
    """48002 / 84074: the app may not call customer-contact APIs."""


class CredentialError(WeComUserError):
    """40001 / 40013 / 40091 / 41004: wrong or reset secret, wrong corp ID, app disabled."""


class TokenInvalidError(WeComUserError):
    """40014 / 42001 even after one refresh: WeCom keeps rejecting fresh tokens."""


class RateLimitedError(WeComUserError):
    """45009 that did not clear after waiting, or a cap with a long window (reminders)."""


class ConcurrencyLimitError(WeComUserError):
    """45033: too many concurrent calls to one API."""


class ServerBusyError(WeComUserError):
    """-1 that persisted through every retry."""


class PermissionDeniedError(WeComUserError):
    """60011 / 81013 / 301002: outside the app's visible range, or a tag the app did not create."""


class CursorExpiredError(WeComUserError):
    """50100 (分页查询的游标无效): the paging cursor expired or is no longer valid. Not retried
    by the client (the same cursor stays invalid); the caller restarts that listing, once,
    from its checkpoint."""


class NotFoundError(WeComUserError):
    """40003 / 40050 / 40068 / 40096 / 84061 / 60111: an id WeCom does not know (any more)."""


class TooManyItemsError(WeComUserError):
    """81017: the request covers too much; narrow it (e.g. filter group owners)."""


class InvalidDateRangeError(WeComUserError):
    """600018: statistics asked for today, beyond 180 days or over a 30-day span."""


class MassMessageError(WeComUserError):
    """41046–41065: mass-message task problems (no sendable customer, bad attachments...)."""


class StillDispatchingError(MassMessageError):
    """41063: results were asked for before WeCom finished dispatching the task; ask later."""


class RobotError(WeComUserError):
    """93000 / 93004 / 93008: the group robot webhook is invalid, disabled or not in the group."""


class WeComApiError(WeComUserError):
    """Any other errcode: shown with its number so the operator can look it up or report it."""


class WeComRequestBug(WeComError):
    """WeCom says our request is malformed (41001, 40058, ...): a bug in this program."""

    def __init__(self, errcode: int, errmsg: str, path: str) -> None:
        self.errcode = errcode
        self.errmsg = redact(errmsg)
        self.path = path
        super().__init__(f"WeCom rejected a request to {path}: errcode {errcode} {self.errmsg}")


class _Context(TypedDict):
    errcode: int
    errmsg: str
    path: str


# WeCom's global error list: 50100 "分页查询的游标无效" (invalid paging cursor), which is what an
# expired cursor gets (cursors are short-lived, reference §0).
CURSOR_EXPIRED_ERRCODE = 50100

_BUG_CODES = frozenset({41001, 40058, 40008, 44004, 47001})

_PROXY_WORDS = {
    "none": ("未使用代理（直连）", "no proxy (direct)"),
    "system": ("使用系统代理", "the system proxy"),
    "custom": ("使用自定义代理", "a custom proxy"),
}


def describe_route(proxy_mode: str, base_url: str, *, english: bool = False) -> str:
    """One phrase naming how the failed request left this computer, for error hints."""
    zh, en = _PROXY_WORDS.get(proxy_mode, (proxy_mode, proxy_mode))
    if english:
        return f"This connection: {en}, API address {redact(base_url)}"
    return f"本次连接：{zh}，接口地址 {redact(base_url)}"


def error_for(
    errcode: int, errmsg: str, path: str, *, proxy_mode: str = "none", base_url: str = ""
) -> WeComError:
    """Map a WeCom errcode to the typed error an operator or a caller can act on."""
    route = describe_route(proxy_mode, base_url)
    route_en = describe_route(proxy_mode, base_url, english=True)
    kw: _Context = {"errcode": errcode, "errmsg": errmsg, "path": path}
    if errcode in _BUG_CODES:
        return WeComRequestBug(errcode, errmsg, path)
    if errcode == 60020:
        return TrustedIpError(
            "这台电脑的 IP 不在企业可信 IP 列表中，企业微信拒绝了请求。",
            "请通过公司的中转服务器或固定出口 IP 的代理连接（在连接设置里填写中转地址或代理），"
            f"或请管理员把出口 IP 加入应用的企业可信 IP。注意系统代理或 VPN 会改变出口 IP。{route}。",
            english="This computer's IP is not in the app's trusted IP list (60020).",
            english_hint="Connect through the company's relay server or a proxy with a fixed egress IP (enter it in the connection settings), or ask the admin to add the egress IP to the app's trusted IPs. A system proxy or VPN changes the egress IP. " f"{route_en}.",
            **kw,
        )
    if errcode in (48002, 84074):
        return ApiNotAuthorizedError(
            "这个应用没有调用客户联系接口的权限。",
            "请管理员在企业微信管理后台 客户与上下游 → 客户联系 → API → 可调用接口的应用 中添加本应用，"
            "并确认使用的是该自建应用的 Secret。",
            english="The app is not authorised to call customer-contact APIs (48002).",
            english_hint="Ask the admin to add this app in the WeCom admin console under Customers & Partners → Customer Contact → API → apps that may call the API, and make sure you use this self-built app's Secret.",
            **kw,
        )
    if errcode in (40001, 40091, 41004):
        return CredentialError(
            "应用 Secret 不正确，或已被重置、应用已停用。",
            "请在管理后台的应用详情里重新查看 Secret，并在连接设置中重新填写。",
            english="The app secret is wrong, was reset, or the app is disabled.",
            english_hint="Look up the Secret again in the app's details in the admin console and enter it again in the connection settings.",
            **kw,
        )
    if errcode == 40013:
        return CredentialError(
            "企业 ID（CorpID）不正确。",
            "请在管理后台 我的企业 → 企业信息 页面底部复制企业 ID。",
            english="The corp ID is wrong.",
            english_hint="Copy the corp ID from the bottom of My Company → Company Info in the admin console.",
            **kw,
        )
    if errcode in (40014, 42001):
        return TokenInvalidError(
            "企业微信反复拒绝访问凭证。",
            "请稍后重试；如果持续出现，请检查 Secret 是否刚被重置。",
            english="WeCom keeps rejecting the access token.",
            english_hint="Try again later; if it keeps happening, check whether the Secret was just reset.",
            **kw,
        )
    if errcode == 45009:
        return RateLimitedError(
            "调用太频繁，企业微信暂时限制了这个接口。",
            "请稍后再试（限制按分钟、小时或天计算）。",
            english="Call frequency over limit (45009).",
            english_hint="Try again later (the limits count per minute, hour or day).",
            **kw,
        )
    if errcode == 45033:
        return ConcurrencyLimitError(
            "同时发出的请求太多，企业微信拒绝了部分请求。",
            "请稍后重试。",
            english="Too many concurrent calls (45033).",
            english_hint="Try again later.",
            **kw,
        )
    if errcode == -1:
        return ServerBusyError(
            "企业微信服务器繁忙，重试几次后仍未成功。",
            "请过几分钟再试。",
            english="WeCom is busy (-1).",
            english_hint="Try again in a few minutes.",
            **kw,
        )
    if errcode == CURSOR_EXPIRED_ERRCODE:
        return CursorExpiredError(
            "分页游标已过期，这一列表需要从头重新读取。",
            "网络较慢时较常出现；同步会从上次保存的位置重新读取一次。",
            english=f"Paging cursor expired or invalid ({errcode}) on {path}.",
            english_hint="This is more common on a slow network; the sync reads again once from the last saved position.",
            **kw,
        )
    if errcode in (60011, 81013, 301002):
        tag_hint = (
            "管理后台创建的标签只能在管理后台修改或删除；本程序只能修改自己创建的标签。"
            if "corp_tag" in path
            else "请管理员检查应用的可见范围是否包含相关成员。"
        )
        tag_hint_en = (
            "Tags created in the admin console can only be changed or deleted there; this app can "
            "change only the tags it created."
            if "corp_tag" in path
            else "Ask the admin to check that the app's visible range includes these staff members."
        )
        return PermissionDeniedError(
            "没有权限执行这个操作。", tag_hint, english="No permission.",
            english_hint=tag_hint_en, **kw
        )
    if errcode in (40003, 40050, 40068, 40096, 84061, 60111):
        what = {
            40003: "成员账号无效或不在应用可见范围内",
            60111: "通讯录里没有这位成员",
            40050: "客户群不存在",
            40068: "标签或标签组不存在",
            40096: "客户 ID 无效",
            84061: "该成员和客户之间没有好友关系",
        }[errcode]
        return NotFoundError(
            f"{what}。", "请先同步最新数据后再试。", english=f"Not found ({errcode}).",
            english_hint="Sync the latest data first, then try again.", **kw
        )
    if errcode == 81017:
        return TooManyItemsError(
            "请求的范围太大。", "请按群主筛选后再试。", english="Too many items (81017).",
            english_hint="Filter by group owner and try again.", **kw
        )
    if errcode == 600018:
        return InvalidDateRangeError(
            "统计日期不正确。",
            "群统计只能查询昨天及以前、最近 180 天内的数据，每次最多 30 天。",
            english="Invalid statistics date range (600018).",
            english_hint="Group statistics can only be asked for yesterday or earlier, within the last 180 days, at most 30 days at a time.",
            **kw,
        )
    if errcode == 41063:
        return StillDispatchingError(
            "群发任务还在分发中。", "请稍后再查看发送结果。", english="Still dispatching.",
            english_hint="Look at the send results again later.", **kw
        )
    if 41046 <= errcode <= 41065:
        return MassMessageError(
            "群发任务创建或查询失败。",
            f"企业微信说明：{redact(errmsg)}",
            english=f"Mass message error ({errcode}).",
            english_hint=f"WeCom says: {redact(errmsg)}",
            **kw,
        )
    if errcode in (93000, 93004, 93008):
        return RobotError(
            "群机器人不可用：地址无效、机器人已被移出群或已停用。",
            "请在群设置里重新复制机器人的 Webhook 地址。",
            english=f"Group robot unavailable ({errcode}).",
            english_hint="Copy the robot's webhook address again from the group settings.",
            **kw,
        )
    return WeComApiError(
        "企业微信返回了错误。",
        f"企业微信说明：{redact(errmsg)}",
        english=f"WeCom error {errcode}: {redact(errmsg)}",
        english_hint=f"WeCom says: {redact(errmsg)}",
        **kw,
    )
