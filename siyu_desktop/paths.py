"""Where things live on disk: the data dir (workspaces, backups) and the bundled resources.

The data dir is, in order: an explicit ``--data-dir``, ``SIYU_DATA_DIR``, or
``platformdirs.user_data_dir("SiyuDesktop")``. Resources come from ``resources/`` next to the
package in a checkout, or from the PyInstaller bundle when frozen.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from pathlib import Path

import platformdirs

from .errors import UserError

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
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise data_dir_error(path, exc) from exc
    return path


def data_dir_error(path: Path, exc: OSError) -> UserError:
    """The data folder cannot be created or written: said as such, with what to do."""
    if exc.errno == errno.ENOSPC:
        return UserError(
            f"数据文件夹“{path}”所在的磁盘空间已满。",
            "请清理磁盘空间后再启动，或用 --data-dir（或环境变量 SIYU_DATA_DIR）换一个数据文件夹。",
            english=f"The disk holding the data folder {path} is full.",
            english_hint="Free some disk space before starting, or use --data-dir (or the SIYU_DATA_DIR environment variable) to pick another data folder.")
    return UserError(
        f"无法使用数据文件夹“{path}”（无法创建或写入）。",
        "请检查该文件夹的写入权限，或用 --data-dir（或环境变量 SIYU_DATA_DIR）换一个可写的数据文件夹。",
        english=f"Cannot create or write the data folder {path}.",
        english_hint="Check that folder's write permission, or use --data-dir (or the SIYU_DATA_DIR environment variable) to pick a writable data folder.")


def check_writable(folder: Path) -> OSError | None:
    """Whether a file can be created in ``folder`` (permissions alone don't say: a read-only
    mount, a full disk, or running as root)."""
    try:
        fd, name = tempfile.mkstemp(prefix=".siyu-write-check-", dir=folder)
    except OSError as exc:
        return exc
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return None


def resources_dir() -> Path:
    """``resources/`` in a checkout, or the copy PyInstaller bundled next to the executable."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
