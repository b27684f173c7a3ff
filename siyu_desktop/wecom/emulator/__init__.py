"""A local WeCom server for tests and the demo workspace: the endpoints the console uses, with
the reference's shapes, paging, error codes and limits, on a deterministically generated corp."""

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
