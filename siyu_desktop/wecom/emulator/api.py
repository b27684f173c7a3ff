"""Plumbing shared by the emulator's endpoint handlers: the request object, the route table,
errcode failures and WeCom-style cursor paging."""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from .corp import EmulatorCorp

T = TypeVar("T")


@dataclass
class Request:
    corp: EmulatorCorp
    method: str
    path: str
    query: dict[str, str]
    body: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    now: float = 0.0


class ApiFail(Exception):
    """Answer with this errcode (HTTP 200, as WeCom does)."""

    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(errcode, errmsg)
        self.errcode = errcode
        self.errmsg = errmsg


Handler = Callable[[Request], dict[str, Any]]
ROUTES: dict[str, tuple[str, Handler]] = {}


def route(path: str, method: str = "POST") -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        ROUTES[path] = (method, func)
        return func

    return register


def ok(**fields: Any) -> dict[str, Any]:
    return {"errcode": 0, "errmsg": "ok", **fields}


def bad(what: str) -> ApiFail:
    return ApiFail(40058, f"invalid parameter: {what}")


def need_list(body: dict[str, Any], key: str, *, max_len: int | None = None) -> list[str]:
    value = body.get(key) or []
    if not isinstance(value, list):
        raise bad(key)
    if max_len is not None and len(value) > max_len:
        raise bad(f"{key} size exceed {max_len}")
    return [str(v) for v in value]


def _fingerprint(req: Request) -> int:
    # A cursor only works for the query that produced it, like WeCom's opaque cursors.
    stable = {k: v for k, v in req.body.items() if k not in ("cursor", "limit")}
    stable.update({k: v for k, v in req.query.items() if k not in ("cursor", "access_token")})
    return zlib.crc32(json.dumps([req.path, stable], sort_keys=True, default=str).encode())


def page_limit(
    req: Request, default: int, maximum: int, over: Literal["clamp", "default", "error"]
) -> int:
    raw = req.body.get("limit", req.query.get("limit"))
    if raw in (None, ""):
        return default
    try:
        limit = int(raw)
    except (TypeError, ValueError):
        raise bad("limit") from None
    if limit <= 0:
        if over == "error":
            raise bad("limit")
        return default
    if limit > maximum:
        if over == "error":
            raise bad("limit")
        return maximum if over == "clamp" else default
    return limit


def page_offset(req: Request) -> int:
    cursor = str(req.body.get("cursor", req.query.get("cursor", "")) or "")
    if not cursor:
        return 0
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor.encode() + b"=="))
        offset, fp = int(raw["o"]), int(raw["f"])
    except (ValueError, KeyError, TypeError):
        raise bad("cursor") from None
    if fp != _fingerprint(req):
        raise bad("cursor does not belong to this query")
    _check_cursor_life(req, raw)
    return offset


CURSOR_EXPIRED = 50100  # WeCom's global error list: 分页查询的游标无效


def _check_cursor_life(req: Request, raw: dict[str, Any]) -> None:
    faults = req.corp.faults
    if faults.only_path not in (None, req.path):
        return
    overused = False
    if faults.cursor_max_uses is not None:
        cursor_id = int(raw.get("n", 0))
        uses = req.corp.cursor_uses.get(cursor_id, 0) + 1
        req.corp.cursor_uses[cursor_id] = uses
        overused = uses > faults.cursor_max_uses
    ttl = faults.cursor_ttl_s
    too_old = ttl is not None and req.now - float(raw.get("t", 0)) > ttl
    if too_old or overused:
        req.corp.stats.injected[f"cursor_expired {req.path}"] += 1
        raise ApiFail(CURSOR_EXPIRED, "invalid cursor, cursor expired")


def next_cursor(req: Request, offset: int, total: int) -> str:
    if offset >= total:
        return ""
    req.corp.cursor_counter += 1
    token = json.dumps(
        {"o": offset, "f": _fingerprint(req), "t": round(req.now, 3), "n": req.corp.cursor_counter}
    ).encode()
    return base64.urlsafe_b64encode(token).decode().rstrip("=")


def paged(
    req: Request,
    items: Sequence[T],
    *,
    default: int,
    maximum: int,
    over: Literal["clamp", "default", "error"] = "clamp",
) -> tuple[Sequence[T], str]:
    """The page the request's cursor points at, and the cursor of the next one."""
    limit = page_limit(req, default, maximum, over)
    offset = page_offset(req)
    end = offset + limit
    return items[offset:end], next_cursor(req, end, len(items))
