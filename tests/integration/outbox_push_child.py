"""Runs one outbox push in its own process (for the exactly-once tests):

    python outbox_push_child.py WORKSPACE BASE_URL CORP_ID SECRET [--die-before-record]

``--die-before-record`` ends the process (``os._exit``, no clean-up) when the push is about to
record a mass-send task WeCom has created: between "created in WeCom" and "recorded"."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from siyu_desktop.services.outbox import OutboxService  # noqa: E402
from siyu_desktop.store import outbox as store  # noqa: E402
from siyu_desktop.store.db import Workspace  # noqa: E402
from siyu_desktop.wecom.client import ConnectionSettings, RetryPolicy, WeComClient  # noqa: E402

KILLED = 17


async def main(path: str, base_url: str, corp_id: str, secret: str, die: bool) -> None:
    if die:
        def killed(*args: object, **kwargs: object) -> None:
            os._exit(KILLED)
        store.mark_waiting_confirm = killed  # type: ignore[assignment]
    ws = Workspace.open(Path(path), actor="child")
    try:
        settings = ConnectionSettings(corp_id, base_url=base_url, proxy_mode="none", timeout=5.0)
        async with WeComClient(settings, secret, retry=RetryPolicy()) as client:
            report = await OutboxService(ws).push(client)
        print(f"sent={report.sent} reconciled={report.reconciled} waiting={report.waiting}")
    finally:
        ws.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    asyncio.run(main(*args[:4], die="--die-before-record" in args))
