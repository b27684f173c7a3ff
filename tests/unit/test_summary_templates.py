"""Every operation summary the code stores is a listed, translated template."""

from __future__ import annotations

import ast
from pathlib import Path

import siyu_desktop
from siyu_desktop.ui import labels

ROOT = Path(siyu_desktop.__file__).parent


def _stored_templates() -> set[str]:
    found: set[str] = set()
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.JoinedStr) and any(
                    isinstance(t, ast.Attribute) and t.attr == "summary" for t in node.targets):
                raise AssertionError(f"{path}:{node.lineno}: an f-string summary can't be "
                                     "translated; use summaries.summary(template, …)")
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if (isinstance(func, ast.Attribute) and func.attr == "summary"
                    and isinstance(func.value, ast.Name) and func.value.id == "summaries"):
                first = node.args[0]
                assert isinstance(first, ast.Constant), f"{path}: a template must be a literal"
                found.add(first.value)
            for kw in node.keywords:
                if kw.arg == "summary" and isinstance(kw.value, ast.Constant) and kw.value.value:
                    found.add(kw.value.value)
                if kw.arg == "summary" and isinstance(kw.value, ast.JoinedStr):
                    raise AssertionError(f"{path}:{node.lineno}: an f-string summary can't be "
                                         "translated; use summaries.summary(template, …)")
    return found


def test_every_stored_summary_template_is_listed_for_translation() -> None:
    stored = _stored_templates()
    assert len(stored) >= 20
    assert stored <= set(labels.SUMMARY_TEMPLATES), stored - set(labels.SUMMARY_TEMPLATES)
