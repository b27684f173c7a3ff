"""Cursor paging shared by the list APIs: follow ``next_cursor`` until it comes back empty.

Cursors are short-lived (reference §0), so pages are consumed as they arrive and never stored.
Each page is one client read, so transient failures are retried there; an expired cursor
(50100) raises ``CursorExpiredError`` out of the iteration, and the caller restarts the listing
from its checkpoint (once). Every loop here is bounded by ``MAX_PAGES``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

from .client import WeComClient

# A server that kept returning the same cursor would otherwise loop forever.
MAX_PAGES = 100_000


async def cursor_pages(
    client: WeComClient, path: str, body: Mapping[str, Any], items_key: str
) -> AsyncIterator[list[dict[str, Any]]]:
    """Yield the ``items_key`` list of each page of a POST list API, first page first."""
    cursor = ""
    seen: set[str] = set()
    for _ in range(MAX_PAGES):
        data = await client.post(path, {**body, "cursor": cursor})
        items = data.get(items_key) or []
        yield [item for item in items if isinstance(item, dict)]
        cursor = str(data.get("next_cursor") or "")
        if not cursor or cursor in seen:
            return
        seen.add(cursor)
