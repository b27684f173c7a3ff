"""``python -m siyu_desktop.wecom.emulator --port P --seed S --members N --groups G``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from .corp import generate_corp
from .server import make_server


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m siyu_desktop.wecom.emulator",
        description="Serve an emulated WeCom corp on this computer (127.0.0.1 by default).",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--staff", type=int, default=8)
    parser.add_argument("--latency-ms", type=int, default=20)
    return parser


def emulator_main(args: Sequence[str] | None = None) -> int:
    """Parse ``args`` (without the program name) and serve until Ctrl+C; returns an exit code."""
    opts = build_parser().parse_args(args)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    corp = generate_corp(opts.seed, opts.members, opts.groups, opts.staff)
    server = make_server(corp, host=opts.host, port=opts.port, latency_ms=opts.latency_ms)
    # Printed so a developer or the CLI can point a workspace at it; it is the emulator's own
    # made-up secret, not a real one.
    print(f"WeCom emulator on {server.base_url}", flush=True)
    print(f"corp_id={corp.corp_id} secret={corp.secret} robot_key={corp.robot_key}", flush=True)
    print(f"faults: POST {server.base_url}/__emulator__/faults  stats: GET .../stats", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(emulator_main(sys.argv[1:]))
