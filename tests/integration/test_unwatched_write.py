"""A shielded write that fails after its caller was cancelled is still reported."""

from __future__ import annotations

import contextlib


def test_a_write_that_fails_after_its_caller_stopped_waiting_is_still_reported(
        workspace: object) -> None:
    """The write is shielded (never pulled back once submitted); if it then fails, nobody awaits
    it — the failure must still reach the operator, not vanish with the cancelled caller."""
    import asyncio
    import time

    from siyu_desktop.errors import ValidationError
    from siyu_desktop.services.workspace import WorkspaceService

    service = WorkspaceService(workspace)  # type: ignore[arg-type]
    heard: list[BaseException] = []
    service.failed_unwatched.append(heard.append)

    def slow_then_refused(ctx: object) -> None:
        time.sleep(0.3)
        raise ValidationError("这个标签名已被使用。", english="Taken.")

    async def scenario() -> None:
        task = asyncio.ensure_future(service._write(slow_then_refused, action="create_tag"))
        await asyncio.sleep(0.05)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        for _ in range(100):
            if heard:
                return
            await asyncio.sleep(0.02)
    asyncio.run(scenario())
    assert len(heard) == 1 and "已被使用" in str(heard[0])
