"""Finding, creating and opening workspace files (the demo one included)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .. import paths
from ..store import demo
from ..store.db import Workspace

Progress = Callable[[str, int, int], None]


def default_workspace(data_dir: Path) -> Path:
    return data_dir / paths.WORKSPACE_FILE


def demo_workspace(data_dir: Path) -> Path:
    return data_dir / paths.DEMO_WORKSPACE_FILE


def last_workspace(data_dir: Path) -> Path | None:
    """The workspace opened last time, if it still exists (remembered in the data dir)."""
    marker = data_dir / "last-workspace.txt"
    try:
        path = Path(marker.read_text(encoding="utf-8").strip())
    except OSError:
        return None
    return path if path.exists() else None


def remember(data_dir: Path, workspace: Path) -> None:
    marker = data_dir / "last-workspace.txt"
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(str(workspace), encoding="utf-8")
    os.replace(tmp, marker)


def create_demo(path: Path, size: demo.DemoSize | None = None, seed: int = 7,
                progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                ) -> Workspace:
    """Build the demo brand into a fresh file; a half-built file never stays behind."""
    partial = path.with_name(path.name + ".building")
    for leftover in (partial, Path(str(partial) + "-wal"), Path(str(partial) + "-shm")):
        if leftover.exists():
            leftover.unlink()
    ws = Workspace.open(partial, build_index=False)
    try:
        ws.write(demo.generate, size or demo.DemoSize(), seed, audited=False,
                 progress=progress, cancelled=cancelled)
    finally:
        ws.close()
    os.replace(partial, path)
    built_index = partial.with_name(partial.name + ".index")
    if built_index.exists():
        os.replace(built_index, path.with_name(path.name + ".index"))
    Path(str(partial) + ".lock").unlink(missing_ok=True)
    return Workspace.open(path)


def open_or_create_demo(data_dir: Path, progress: Progress | None = None) -> Workspace:
    path = demo_workspace(data_dir)
    if path.exists():
        return Workspace.open(path)
    return create_demo(path, progress=progress)
