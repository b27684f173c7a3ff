"""Where things live on disk: the data dir (workspaces, backups) and the bundled resources.

The data dir is, in order: an explicit ``--data-dir``, ``SIYU_DATA_DIR``, or
``platformdirs.user_data_dir("SiyuDesktop")``. Resources come from ``resources/`` next to the
package in a checkout, or from the PyInstaller bundle when frozen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "SiyuDesktop"
DATA_DIR_ENV = "SIYU_DATA_DIR"
WORKSPACE_FILE = "workspace.siyu.db"
DEMO_WORKSPACE_FILE = "demo.siyu.db"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds workspaces and backups; created if missing."""
    if explicit:
        path = Path(explicit)
    elif os.environ.get(DATA_DIR_ENV):
        path = Path(os.environ[DATA_DIR_ENV])
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path = path.expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """``resources/`` in a checkout, or the copy PyInstaller bundled next to the executable."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
