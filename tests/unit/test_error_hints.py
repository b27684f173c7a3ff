"""Every error an operator can see says what to do in both languages.

Below ``ui/`` there is no Qt to translate, so each raise of a ``UserError`` (or a subclass) that
gives a hint must also give ``english_hint``, and the English must be English. The check reads
the source (every raise site, including ones no test reaches) and then builds the WeCom errors
for real.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from siyu_desktop.errors import UserError
from siyu_desktop.wecom.errors import WeComRequestBug, WeComUserError, error_for

PACKAGE = Path(__file__).resolve().parents[2] / "siyu_desktop"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]")


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))]


def _error_classes(modules: list[tuple[Path, ast.Module]]) -> set[str]:
    bases: dict[str, list[str]] = {}
    for _path, tree in modules:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "")
                                    for b in node.bases]
    found = {"UserError"}
    grew = True
    while grew:
        grew = False
        for name, parents in bases.items():
            if name not in found and any(p in found for p in parents):
                found.add(name)
                grew = True
    return found


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _hint(call: ast.Call) -> ast.expr | None:
    if len(call.args) >= 2:
        return call.args[1]
    return next((k.value for k in call.keywords if k.arg == "hint"), None)


def _is_empty(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value == ""


def _is_tr(node: ast.expr) -> bool:
    """``self.tr("…")`` or ``tr(context, "…")``: translated by Qt at the raise."""
    return isinstance(node, ast.Call) and _called_name(node) == "tr"


def _literal_text(node: ast.expr) -> str:
    """The literal parts of a string expression (f-string pieces, concatenations, branches)."""
    return " ".join(str(n.value) for n in ast.walk(node)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str))


def _raise_sites() -> list[tuple[str, ast.Call]]:
    modules = _modules()
    classes = _error_classes(modules)
    sites = []
    for path, tree in modules:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called_name(node) in classes:
                sites.append((f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", node))
    return sites


def test_the_scan_sees_the_raise_sites() -> None:
    sites = _raise_sites()
    with_hint = [s for s, call in sites if (h := _hint(call)) is not None and not _is_empty(h)]
    assert len(sites) > 150 and len(with_hint) > 100  # a broken scan would find none


def test_every_hint_has_an_english_twin() -> None:
    missing = []
    for where, call in _raise_sites():
        hint = _hint(call)
        if hint is None or _is_empty(hint) or _is_tr(hint):
            continue
        if not any(k.arg == "english_hint" for k in call.keywords):
            missing.append(where)
    assert missing == [], "a hint without english_hint= at:\n" + "\n".join(missing)


def test_english_twins_are_english() -> None:
    chinese = []
    for where, call in _raise_sites():
        for keyword in call.keywords:
            if keyword.arg in ("english", "english_hint") and CJK.search(_literal_text(keyword.value)):
                chinese.append(f"{where} {keyword.arg}")
    assert chinese == []


def test_wrappers_forward_the_english_hint() -> None:
    """Helpers that build errors from parts (the sheet reader's ``_fail``) take the English hint
    as a required argument, so a caller cannot leave it out."""
    offenders = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and {"hint", "english"} <= {a.arg for a in node.args.args}:
                names = {a.arg for a in node.args.args + node.args.kwonlyargs}
                if "english_hint" not in names and node.name != "__init__":
                    offenders.append(f"{path.name}:{node.name}")
    assert offenders == []


ERRCODES = [60020, 48002, 84074, 40001, 40013, 40091, 41004, 40014, 42001, 45009, 45033, -1,
            50100, 60011, 81013, 301002, 40003, 40050, 40068, 40096, 84061, 60111, 81017, 600018,
            41046, 41063, 93000, 93004, 93008, 123456]


@pytest.mark.parametrize("errcode", ERRCODES)
@pytest.mark.parametrize("path", ["/cgi-bin/externalcontact/list", "/cgi-bin/externalcontact/del_corp_tag"])
def test_wecom_errors_speak_both_languages(errcode: int, path: str) -> None:
    error = error_for(errcode, "some errmsg", path, proxy_mode="system", base_url="https://qyapi.example")
    assert not isinstance(error, WeComRequestBug)
    assert isinstance(error, WeComUserError)
    assert error.hint and error.english_hint, errcode
    assert not CJK.search(error.english) and not CJK.search(error.english_hint), error.english_hint
    assert error.in_language(True) == (error.english, error.english_hint)
    assert error.in_language(False) == (error.message, error.hint)


def test_the_route_phrase_follows_the_language() -> None:
    trusted_ip = error_for(60020, "not allow", "/cgi-bin/gettoken", proxy_mode="system",
                           base_url="https://relay.example")
    assert "使用系统代理" in trusted_ip.hint
    assert "the system proxy" in trusted_ip.english_hint
    assert "relay.example" in trusted_ip.english_hint


def test_a_hint_raised_in_ui_without_a_twin_is_shown_as_given() -> None:
    """ui/ translates with tr() at the raise: the hint is already in the window's language."""
    error = UserError("m", "already translated", english="m")
    assert error.in_language(True) == ("m", "already translated")
