"""Runtime state of the emulator: injectable faults, counters tests assert on, and the tasks
(mass messages, moments) and media created through the API."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any

TRUNCATE_MODES = ("length", "chunked")


@dataclass
class Faults:
    """What to break. Counters (``*_next``) count down per matching call; ``only_path``
    limits them (and ``concurrency_limit``, the cursor limits and the ``*_rate`` faults) to one
    API path.

    The ``*_rate`` faults hit that fraction of matching requests, drawn from a generator seeded
    with ``fault_seed`` (re-seeded whenever ``fault_seed`` is set), so a run is reproducible:
    ``html_error_rate`` answers HTTP 502 with an HTML page before the request is applied (a
    gateway); ``truncate_rate`` applies the request and sends its JSON cut short, either with a
    Content-Length that matches the cut body (``truncate_mode="length"``) or chunked and closed
    before the last chunk (``"chunked"``); ``drop_after_apply_rate`` applies the request and
    closes the connection without answering. ``cursor_ttl_s`` / ``cursor_max_uses`` make paging
    cursors expire after that many seconds / uses (errcode 50100, as WeCom's global error list
    names an invalid paging cursor)."""

    busy_next: int = 0  # -1 system busy
    rate_limited_next: int = 0  # 45009
    ip_blocked: bool = False  # 60020 on every app call, gettoken included
    api_forbidden: bool = False  # 48002 on customer-contact calls
    concurrency_limit: int = 0  # >0: more in-flight calls than this on one path → 45033
    token_lifetime_s: float | None = None  # real lifetime; the announced expires_in stays 7200
    extra_latency_ms: int = 0  # slow responses on top of the base latency
    extra_fields: bool = False  # add unknown fields everywhere, as newer WeCom versions do
    cursor_ttl_s: float | None = None  # a cursor older than this answers 50100
    cursor_max_uses: int | None = None  # a cursor used more often than this answers 50100
    html_error_rate: float = 0.0  # HTTP 502 with an HTML body, request not applied
    truncate_rate: float = 0.0  # applied, JSON answer cut short
    truncate_mode: str = "length"  # "length" (matching Content-Length) or "chunked"
    drop_after_apply_rate: float = 0.0  # applied, connection closed without an answer
    # groupchat/list without owner_filter answers 81017 when the corp has more groups than
    # groupchat_list_max_groups (as WeCom does for an app that sees more than 1000 staff)
    groupchat_list_needs_owner: bool = False
    groupchat_list_max_groups: int = 0
    # user/get answers 60011, as for a secret whose app may not read the staff directory
    directory_denied: bool = False
    fault_seed: int = 0
    only_path: str | None = None

    def update(self, values: dict[str, Any]) -> None:
        known = {f.name for f in fields(self)}
        for key, value in values.items():
            if key not in known:
                raise KeyError(f"unknown fault {key!r}")
            if key == "truncate_mode" and value not in TRUNCATE_MODES:
                raise KeyError(f"unknown truncate_mode {value!r}")
            setattr(self, key, value)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class Stats:
    """What the emulator received, so tests can assert idempotency and serialization."""

    calls: Counter[str] = field(default_factory=Counter)  # per path, every request
    errors: Counter[str] = field(default_factory=Counter)  # per "path errcode"
    in_flight: Counter[str] = field(default_factory=Counter)
    peak_in_flight: Counter[str] = field(default_factory=Counter)
    tokens_issued: int = 0
    proxied: int = 0  # requests that reached us as an HTTP proxy (absolute-form request line)
    token_values: list[str] = field(default_factory=list, repr=False)  # to prove none leaked
    mark_tag_calls: list[dict[str, Any]] = field(default_factory=list)
    remark_calls: list[dict[str, Any]] = field(default_factory=list)
    edit_corp_tag_calls: list[dict[str, Any]] = field(default_factory=list)  # applied ones
    del_corp_tag_calls: list[dict[str, Any]] = field(default_factory=list)
    robot_messages: list[dict[str, Any]] = field(default_factory=list)
    injected: Counter[str] = field(default_factory=Counter)  # "fault path" → times injected

    def as_dict(self) -> dict[str, Any]:
        return {
            "calls": dict(self.calls),
            "errors": dict(self.errors),
            "peak_in_flight": dict(self.peak_in_flight),
            "tokens_issued": self.tokens_issued,
            "proxied": self.proxied,
            "mark_tag_calls": len(self.mark_tag_calls),
            "remark_calls": len(self.remark_calls),
            "edit_corp_tag_calls": len(self.edit_corp_tag_calls),
            "del_corp_tag_calls": len(self.del_corp_tag_calls),
            "robot_messages": len(self.robot_messages),
            "injected": dict(self.injected),
        }


@dataclass
class MassTask:
    """A mass-message task. Staff confirm at ``confirm_at[userid]``; results are fixed then."""

    msgid: str
    chat_type: str
    create_time: int
    creator: str  # "" for tasks created through the API
    create_type: int
    text: str
    attachments: list[dict[str, Any]]
    targets: dict[str, list[str]]  # staff userid → customers or chat ids
    confirm_at: dict[str, float]
    status: dict[str, int] = field(default_factory=dict)  # staff → 0 not sent / 2 sent
    send_time: dict[str, int] = field(default_factory=dict)
    results: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    cancelled: bool = False
    reminders: list[float] = field(default_factory=list)


@dataclass
class MomentJob:
    jobid: str
    created: float
    moment_id: str
    invalid_senders: list[str]
    invalid_tags: list[str]


@dataclass
class MediaItem:
    media_id: str
    kind: str
    filename: str
    size: int
    created: int
    attachment_type: int | None = None  # set for upload_attachment media
