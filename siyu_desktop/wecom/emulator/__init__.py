"""A local WeCom server for tests and the demo workspace: the endpoints the console uses, with
the reference's shapes, paging, error codes and limits, on a deterministically generated corp.

In tests::

    with running_emulator(seed=1, members=200, groups=20) as (base_url, corp):
        corp.set_faults(busy_next=2, only_path="/cgi-bin/externalcontact/get_follow_user_list")
        corp.expire_tokens()            # next call answers 42001
        corp.confirm(msgid)             # staff confirm a mass-message task now
        corp.stats.calls[path]          # what the emulator received

From outside: ``python -m siyu_desktop.wecom.emulator --port 8765``, then
``POST /__emulator__/faults`` with a JSON object of ``Faults`` fields, ``POST /__emulator__/reset``,
``GET /__emulator__/stats``, ``GET /__emulator__/corp`` (the emulator's made-up credentials).
"""

from __future__ import annotations

from .corp import EmulatorCorp, generate_corp
from .runtime import Faults, Stats
from .server import EmulatorServer, RunningEmulator, make_server, run_emulator, running_emulator

__all__ = [
    "EmulatorCorp",
    "EmulatorServer",
    "Faults",
    "RunningEmulator",
    "Stats",
    "generate_corp",
    "make_server",
    "run_emulator",
    "running_emulator",
]
