"""The architecture rule of DESIGN.md §3: imports go ui → services → (wecom, store, excel) →
domain, and nothing below ui/ imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "siyu_desktop"
LAYER_OF = {"domain": 0, "store": 1, "wecom": 1, "excel": 1, "services": 2, "ui": 3}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                parts = path.relative_to(PACKAGE.parent).with_suffix("").parts[: -node.level]
                base = ".".join(parts)
                names.append(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                names.append(node.module)
    return names


def _modules_below_ui() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py")
            if p.relative_to(PACKAGE).parts[0] not in ("ui", "app.py")]


@pytest.mark.parametrize("path", _modules_below_ui(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_qt_below_ui(path: Path) -> None:
    qt = [name for name in _imports(path) if name.split(".")[0] in ("PySide6", "qasync", "shiboken6")]
    assert not qt, f"{path.relative_to(PACKAGE)} imports {qt}"


def test_imports_go_one_way() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).parts
        layer = LAYER_OF.get(rel[0])
        if layer is None:
            continue
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "siyu_desktop" or len(parts) < 2:
                continue
            target = LAYER_OF.get(parts[1])
            if target is not None and target > layer:
                offenders.append(f"{'/'.join(rel)} → {name}")
    assert not offenders, "upward imports:\n" + "\n".join(offenders)


def test_the_check_sees_a_violation(tmp_path: Path) -> None:
    """Guard against a walker that finds nothing: a module that imports Qt is caught."""
    bad = PACKAGE / "domain" / "_probe_qt.py"
    bad.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    try:
        assert any(n.startswith("PySide6") for n in _imports(bad))
        assert bad in _modules_below_ui()
    finally:
        bad.unlink()
