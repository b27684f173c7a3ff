"""The emulator's HTTP server: WeCom's wire behaviour (HTTP 200 with errcode, token in the query
string, multipart uploads), latency, fault injection, and a small admin API under
``/__emulator__/`` for tests and the demo workspace."""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ..errors import redact
from . import contact_routes, send_routes  # noqa: F401  (importing registers the routes)
from .api import ROUTES, ApiFail, Request
from .corp import EmulatorCorp, generate_corp

log = logging.getLogger(__name__)
ADMIN = "/__emulator__/"
NO_TOKEN = {"/cgi-bin/gettoken", "/cgi-bin/webhook/send", "/cgi-bin/webhook/upload_media"}
IP_MESSAGE = (
    "not allow to access from your ip, hint: [emulator], from ip: 127.0.0.1, "
    "more info at https://open.work.weixin.qq.com/devtool/query?e=60020"
)


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        corp: EmulatorCorp,
        *,
        latency_ms: int = 20,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(address, _Handler)
        self.corp = corp
        self.latency_ms = latency_ms
        self.clock = clock

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out and hung up is an expected event in fault tests, not noise.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


def _multipart(content_type: str, raw: bytes) -> dict[str, tuple[str, bytes]]:
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw
    )
    files: dict[str, tuple[str, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            files[name] = (part.get_filename() or name, payload)
    return files


def _fault_applies(corp: EmulatorCorp, path: str) -> bool:
    return corp.faults.only_path in (None, path)


def _faults(corp: EmulatorCorp, path: str) -> None:
    """Injected failures, checked in the order WeCom's gateway would plausibly apply them."""
    f = corp.faults
    if f.ip_blocked and not path.startswith("/cgi-bin/webhook/"):
        raise ApiFail(60020, IP_MESSAGE)
    if not _fault_applies(corp, path):
        return
    if f.busy_next > 0:
        f.busy_next -= 1
        raise ApiFail(-1, "system busy")
    if f.rate_limited_next > 0:
        f.rate_limited_next -= 1
        raise ApiFail(45009, "api freq out of limit")


HTML_502 = (
    b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
    b"</h1></center><hr><center>stgw</center></body></html>"
)


def _transport_fault(corp: EmulatorCorp, path: str, name: str, rate: float) -> bool:
    """Roll one ``*_rate`` fault for this request; counted in ``stats.injected``."""
    if rate <= 0:
        return False
    with corp.lock:
        if not _fault_applies(corp, path) or not corp.roll(rate):
            return False
        corp.stats.injected[f"{name} {path}"] += 1
        return True


def _check_token(corp: EmulatorCorp, query: dict[str, str], now: float) -> None:
    token = query.get("access_token")
    if not token:
        raise ApiFail(41001, "access_token missing")
    expires = corp.tokens.get(token)
    if expires is None:
        raise ApiFail(40014, "invalid access_token")
    if now >= expires:
        raise ApiFail(42001, "access_token expired")


def answer(
    server: EmulatorServer, method: str, path: str, query: dict[str, str], body: dict[str, Any],
    files: dict[str, tuple[str, bytes]],
) -> tuple[int, dict[str, Any]]:  # fmt: skip
    """Run one request against the corp; returns (HTTP status, JSON body) ``latency_ms`` after
    the request came. The emulator's own work counts towards that time, as WeCom's does: on a
    shared machine (tests, benchmarks) its Python work and one corp lock would otherwise add to
    every answer, and most to answers of other endpoints waiting for the lock."""
    started = time.monotonic()
    corp = server.corp
    with corp.lock:
        corp.stats.calls[path] += 1
        corp.stats.in_flight[path] += 1
        peak = corp.stats.in_flight[path]
        corp.stats.peak_in_flight[path] = max(corp.stats.peak_in_flight[path], peak)
        limit = corp.faults.concurrency_limit if _fault_applies(corp, path) else 0
        delay = (server.latency_ms + corp.faults.extra_latency_ms) / 1000
    try:
        if limit and peak > limit:
            raise ApiFail(45033, "api concurrent out of limit")
        entry = ROUTES.get(path)
        if entry is None:
            return 404, {"errcode": 404, "errmsg": "not found"}
        with corp.lock:
            now = server.clock()
            _faults(corp, path)
            if entry[0] != method:
                raise ApiFail(40058, f"{method} not allowed, use {entry[0]}")
            if path not in NO_TOKEN:
                _check_token(corp, query, now)
                if corp.faults.api_forbidden and path.startswith("/cgi-bin/externalcontact/"):
                    raise ApiFail(48002, "api forbidden")
            result = entry[1](Request(corp, method, path, query, body, files, now))
            return 200, _with_extras(result) if corp.faults.extra_fields else result
    except ApiFail as fail:
        with corp.lock:
            corp.stats.errors[f"{path} {fail.errcode}"] += 1
        return 200, {"errcode": fail.errcode, "errmsg": fail.errmsg}
    finally:
        remaining = delay - (time.monotonic() - started)
        if remaining > 0:
            time.sleep(remaining)  # outside the lock, so concurrent calls really overlap
        with corp.lock:
            corp.stats.in_flight[path] -= 1


def _with_extras(value: Any) -> Any:
    if isinstance(value, dict):
        return {**{k: _with_extras(v) for k, v in value.items()}, "future_field": {"x": [1]}}
    if isinstance(value, list):
        return [_with_extras(v) for v in value]
    return value


def admin(server: EmulatorServer, method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    corp = server.corp
    action = path[len(ADMIN) :]
    if action == "faults" and method == "POST":
        corp.set_faults(**body)
    elif action == "reset" and method == "POST":
        corp.reset_faults()
    elif action == "expire_tokens" and method == "POST":
        corp.expire_tokens()
    elif action == "invalidate_tokens" and method == "POST":
        corp.invalidate_tokens()
    elif action == "confirm" and method == "POST":
        corp.confirm(body.get("msgid"))
    elif action == "latency" and method == "POST":
        server.latency_ms = int(body.get("latency_ms", server.latency_ms))
    elif action == "corp" and method == "GET":
        # The emulator's own credentials, so a demo workspace can connect to it.
        return {"corp_id": corp.corp_id, "secret": corp.secret, "robot_key": corp.robot_key}
    elif action != "stats":
        raise KeyError(action)
    with corp.lock:
        return {"faults": corp.faults.as_dict(), "stats": corp.stats.as_dict(),
                "latency_ms": server.latency_ms}  # fmt: skip


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx pools connections
    # small answers on a kept-alive connection otherwise wait out Nagle + delayed ACK (~40 ms)
    disable_nagle_algorithm = True
    server: EmulatorServer

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("emulator %s", redact(format % args))

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        url = urlsplit(self.path)
        if url.scheme:  # absolute-form: the client used us as its HTTP proxy
            with self.server.corp.lock:
                self.server.corp.stats.proxied += 1
        query = dict(parse_qsl(url.query))
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        ctype = self.headers.get("Content-Type", "")
        status, body, files = 200, {}, {}
        try:
            if ctype.startswith("multipart/form-data"):
                files = _multipart(ctype, raw)
            elif raw:
                body = json.loads(raw.decode("utf-8"))
                if not isinstance(body, dict):
                    raise ValueError("body is not an object")
        except (ValueError, UnicodeDecodeError):
            self._send(200, {"errcode": 47001, "errmsg": "data format error"})
            return
        if url.path.startswith(ADMIN):
            try:
                self._send(200, admin(self.server, method, url.path, body))
            except (KeyError, TypeError) as exc:
                self._send(400, {"error": str(exc)})
            return
        corp = self.server.corp
        if _transport_fault(corp, url.path, "html_error", corp.faults.html_error_rate):
            with corp.lock:
                corp.stats.calls[url.path] += 1
            self._send_raw(502, "text/html; charset=utf-8", HTML_502)
            return
        status, result = answer(self.server, method, url.path, query, body, files)
        if _transport_fault(corp, url.path, "dropped", corp.faults.drop_after_apply_rate):
            self.close_connection = True  # applied, but the answer never leaves
            return
        if _transport_fault(corp, url.path, "truncated", corp.faults.truncate_rate):
            self._send_truncated(status, result, corp.faults.truncate_mode)
            return
        self._send(status, result)

    def _send_raw(self, status: int, content_type: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send_truncated(self, status: int, payload: dict[str, Any], mode: str) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        cut = data[: max(1, len(data) // 2)]
        if mode == "length":  # HTTP is complete, the JSON is not
            self._send_raw(status, "application/json; charset=utf-8", cut)
            return
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.write(f"{len(cut):x}\r\n".encode() + cut + b"\r\n")
        self.wfile.flush()
        self.close_connection = True  # no terminating chunk: the body ends mid-way

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def make_server(
    corp: EmulatorCorp, *, host: str = "127.0.0.1", port: int = 0, latency_ms: int = 20
) -> EmulatorServer:
    return EmulatorServer((host, port), corp, latency_ms=latency_ms)


def run_emulator(
    port: int = 8765,
    seed: int = 1,
    members: int = 200,
    groups: int = 20,
    latency_ms: int = 20,
    *,
    staff: int = 8,
    host: str = "127.0.0.1",
) -> None:
    """Serve a generated corp until interrupted (the CLI's ``emulator`` command)."""
    corp = generate_corp(seed, members, groups, staff)
    server = make_server(corp, host=host, port=port, latency_ms=latency_ms)
    log.info("WeCom emulator for corp %s on %s", corp.corp_id, server.base_url)
    try:
        server.serve_forever()
    finally:
        server.server_close()


@dataclass
class RunningEmulator:
    """What ``running_emulator`` yields; unpacks as ``base_url, corp``."""

    base_url: str
    corp: EmulatorCorp
    server: EmulatorServer

    def __iter__(self) -> Iterator[Any]:
        return iter((self.base_url, self.corp))


@contextmanager
def running_emulator(
    seed: int = 1,
    members: int = 200,
    groups: int = 20,
    staff: int = 8,
    *,
    latency_ms: int = 20,
    corp: EmulatorCorp | None = None,
) -> Iterator[RunningEmulator]:
    """Serve a corp on 127.0.0.1 (a free port) in a background thread for the block's length."""
    corp = corp or generate_corp(seed, members, groups, staff)
    server = make_server(corp, latency_ms=latency_ms)
    # A short poll interval keeps shutdown fast: tests start one emulator each.
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="wecom-emulator",
        daemon=True,
    )
    thread.start()
    try:
        yield RunningEmulator(server.base_url, corp, server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
