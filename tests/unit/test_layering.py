"""The architecture rule of DESIGN.md §3: imports go ui → services → (wecom, store, excel) →
domain; store and wecom never import each other (services translate WeCom's shapes into domain
records); screens reach the workspace through services, never ``store``; nothing below ui/
imports Qt.

The checker takes the package directory as an argument, so the tests that prove it catches each
kind of violation build a small fake package under ``tmp_path`` and never write into the real
one."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "siyu_desktop"
LAYER_OF = {"domain": 0, "store": 1, "wecom": 1, "excel": 1, "services": 2, "ui": 3}
# Same-or-lower layers that still must not import each other: (importer, imported).
FORBIDDEN = {
    ("store", "wecom"): "store → wecom",
    ("wecom", "store"): "wecom → store",
    ("ui", "store"): "ui → store",
}
QT = ("PySide6", "qasync", "shiboken6")
ABOVE_QT = ("ui", "app.py")  # the only places allowed to import Qt


@dataclass(frozen=True)
class Violation:
    kind: str  # "qt", "upward", or one of FORBIDDEN's labels
    module: str  # path inside the package, "/"-separated
    imported: str

    def __str__(self) -> str:
        return f"{self.module} → {self.imported} ({self.kind})"


def imports(path: Path, root: Path) -> list[str]:
    """Every module ``path`` imports, relative imports resolved against its place under
    ``root`` (the package directory)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                parts = path.relative_to(root.parent).with_suffix("").parts[: -node.level]
                base = ".".join(parts)
                names.append(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                names.append(node.module)
    return names


def violations(root: Path) -> list[Violation]:
    """All breaches of the rule in the package at ``root`` (its name is the package name)."""
    package = root.name
    found: list[Violation] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).parts
        module = "/".join(rel)
        layer = LAYER_OF.get(rel[0])
        for name in imports(path, root):
            parts = name.split(".")
            if parts[0] in QT and rel[0] not in ABOVE_QT:
                found.append(Violation("qt", module, name))
            if layer is None or parts[0] != package or len(parts) < 2:
                continue
            target = LAYER_OF.get(parts[1])
            if target is None:
                continue
            if target > layer:
                found.append(Violation("upward", module, name))
            label = FORBIDDEN.get((rel[0], parts[1]))
            if label is not None:
                found.append(Violation(label, module, name))
    return found


def _of(kind: str, root: Path = PACKAGE) -> list[str]:
    return [str(v) for v in violations(root) if v.kind == kind]


# -- the real tree -------------------------------------------------------------------------------

def _modules_below_ui() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in ABOVE_QT]


@pytest.mark.parametrize("path", _modules_below_ui(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_qt_below_ui(path: Path) -> None:
    qt = [name for name in imports(path, PACKAGE) if name.split(".")[0] in QT]
    assert not qt, f"{path.relative_to(PACKAGE)} imports {qt}"


def test_imports_go_one_way() -> None:
    offenders = _of("upward")
    assert not offenders, "upward imports:\n" + "\n".join(offenders)


def test_store_and_wecom_do_not_import_each_other() -> None:
    offenders = _of("store → wecom") + _of("wecom → store")
    assert not offenders, "store and wecom are apart:\n" + "\n".join(offenders)


def test_screens_go_through_services() -> None:
    offenders = _of("ui → store")
    assert not offenders, "ui imports store (use services, e.g. services/types.py):\n" + \
        "\n".join(offenders)


def test_the_real_tree_is_walked() -> None:
    """Guard against a walker that finds nothing: the real tree has imports in every layer."""
    seen = {path.relative_to(PACKAGE).parts[0] for path in PACKAGE.rglob("*.py")
            if any(n.startswith("siyu_desktop.") for n in imports(path, PACKAGE))}
    assert set(LAYER_OF) <= seen


# -- the checker on a fake tree ------------------------------------------------------------------

def _fake_package(tmp_path: Path, modules: dict[str, str]) -> Path:
    """A package named like the real one under ``tmp_path``: every layer has a module that
    imports only what the rule allows, plus ``modules`` (path → source)."""
    root = tmp_path / "siyu_desktop"
    clean = {
        "__init__.py": "",
        "app.py": "from PySide6.QtWidgets import QApplication\nfrom .ui import window\n",
        "domain/__init__.py": "",
        "domain/members.py": "import json\n",
        "store/__init__.py": "",
        "store/members.py": "from ..domain import members\n",
        "wecom/__init__.py": "",
        "wecom/types.py": "from siyu_desktop.domain.members import json\n",
        "excel/__init__.py": "",
        "excel/reader.py": "from ..domain import members\n",
        "services/__init__.py": "",
        "services/roster.py": "from ..store import members\nfrom ..wecom import types\n",
        "ui/__init__.py": "",
        "ui/window.py": "from PySide6.QtCore import QObject\nfrom ..services import roster\n"
                        "from ..wecom.types import json\n",
    }
    for rel, source in {**clean, **modules}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


def test_a_clean_fake_tree_has_no_violations(tmp_path: Path) -> None:
    assert violations(_fake_package(tmp_path, {})) == []


@pytest.mark.parametrize(("module", "source", "kind", "imported"), [
    ("store/sync.py", "from ..wecom.types import json\n", "store → wecom",
     "siyu_desktop.wecom.types"),
    ("store/sync2.py", "import siyu_desktop.wecom.types\n", "store → wecom",
     "siyu_desktop.wecom.types"),
    ("wecom/client.py", "from siyu_desktop.store import members\n", "wecom → store",
     "siyu_desktop.store"),
    ("ui/controllers/roster.py", "from ...store.index import Changes\n", "ui → store",
     "siyu_desktop.store.index"),
    ("ui/change_bus.py", "from ..store import members\n", "ui → store", "siyu_desktop.store"),
    ("domain/probe.py", "from PySide6.QtCore import QObject\n", "qt", "PySide6.QtCore"),
    ("store/probe.py", "import qasync\n", "qt", "qasync"),
    ("services/roster2.py", "from ..ui import window\n", "upward", "siyu_desktop.ui"),
    ("domain/rules.py", "from siyu_desktop.services import roster\n", "upward",
     "siyu_desktop.services"),
])
def test_the_checker_catches(tmp_path: Path, module: str, source: str, kind: str,
                             imported: str) -> None:
    root = _fake_package(tmp_path, {module: source})
    assert violations(root) == [Violation(kind, module, imported)]


# -- the workspace stays behind the services -----------------------------------------------------
# Screens reach the workspace only through services; no service hands out the store's
# ``Workspace`` (the session keeps it, as ``db``, for the composition root, the CLI and tests).
WORKSPACE_ATTRIBUTES = {"ws", "_ws", "db"}


def workspace_leaks(root: Path) -> list[str]:
    """``ui`` code reading a service's workspace, and services keeping it in a public ``ws``."""
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        layer = rel.parts[0]
        if layer not in ("ui", "services"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Attribute):
                continue
            if layer == "ui" and node.attr in WORKSPACE_ATTRIBUTES:
                found.append(f"{rel.as_posix()}:{node.lineno} reads .{node.attr}")
            elif (layer == "services" and node.attr == "ws"
                  and isinstance(node.ctx, ast.Store)):
                found.append(f"{rel.as_posix()}:{node.lineno} exposes .ws")
    return found


def test_screens_never_hold_the_workspace_and_services_do_not_expose_it() -> None:
    leaks = workspace_leaks(PACKAGE)
    assert not leaks, "use a service method instead:\n" + "\n".join(leaks)


@pytest.mark.parametrize(("module", "source"), [
    ("ui/controllers/roster.py", "def f(service):\n    return service.ws.index\n"),
    ("ui/pages/p.py", "def f(session):\n    return session.db.reader()\n"),
    ("services/roster3.py", "class S:\n    def __init__(self, ws):\n        self.ws = ws\n"),
])
def test_the_workspace_check_catches(tmp_path: Path, module: str, source: str) -> None:
    root = _fake_package(tmp_path, {module: source})
    assert len(workspace_leaks(root)) == 1
    assert workspace_leaks(_fake_package(tmp_path / "clean", {})) == []
