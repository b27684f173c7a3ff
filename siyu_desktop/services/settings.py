"""The operator's own settings: the name their work is recorded under (a workspace setting)
and the language of the window (a preference of this computer, kept in the data folder).

The channel list (渠道) is a workspace setting too; it has its own service and dialog."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from ..domain import authors
from ..errors import ValidationError
from ..store.db import OPERATOR_NAME_KEY, Workspace

LANGUAGE_FILE = "language.txt"


class SettingsService:
    def __init__(self, ws: Workspace) -> None:
        self._ws = ws

    def operator_name(self) -> str:
        return self._ws.operator_name

    async def set_operator_name(self, text: str) -> str:
        """Store the cleaned name and write every later operation under it; returns the name
        as stored. Raises ``ValidationError`` in the operator's words."""
        name = authors.clean_name(text)
        problem = authors.name_problem(name)
        if problem is not None:
            raise ValidationError(problem, "名字会显示在操作记录的“操作人”一栏。",
                                  english="This name cannot be used.",
                                  english_hint="The name is shown in the Operator column of the history.")
        await asyncio.to_thread(self._ws.set_setting, OPERATOR_NAME_KEY, name)
        self._ws.operator_name = name
        return name


def preferred_language(data_dir: Path) -> str | None:
    """The language chosen in 设置 on this computer, or None (then Chinese)."""
    try:
        value = (data_dir / LANGUAGE_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return value or None


def set_preferred_language(data_dir: Path, language: str) -> None:
    marker = data_dir / LANGUAGE_FILE
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(language, encoding="utf-8")
    os.replace(tmp, marker)
