"""What an operation did, in words, in the operator's language.

An operation's summary (操作记录 → 内容) is stored as its Chinese template and the values that
fill it, so the history reads in English too, and renaming a tag later does not rewrite what an
old operation said. ``summary("新建标签“{name}”", name="女")`` gives the text to store; a summary
without values is stored as its plain text. ``render`` turns a stored summary back into words,
through a translate function for the template (identity for the CLI, Qt's for the window).
Summaries written before this existed are plain Chinese text and render as they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_MARK = '{"t":'


def summary(template: str, **values: Any) -> str:
    """The stored form of an operation summary."""
    if not values:
        return template
    return json.dumps({"t": template, "v": values}, ensure_ascii=False, separators=(",", ":"))


def parts(stored: str) -> tuple[str, dict[str, Any]]:
    """The template and values of a stored summary (plain text: itself, no values)."""
    if stored.startswith(_MARK):
        try:
            data = json.loads(stored)
            return str(data["t"]), dict(data.get("v") or {})
        except (ValueError, KeyError, TypeError):
            pass
    return stored, {}


def render(stored: str, translate: Callable[[str], str] = lambda t: t) -> str:
    template, values = parts(stored)
    text = translate(template) or template
    if not values:
        return text
    shown = {k: f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else v
             for k, v in values.items()}
    try:
        return text.format(**shown)
    except (KeyError, IndexError, ValueError):
        return template.format(**shown)  # a translation that lost a placeholder
