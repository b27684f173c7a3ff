"""The workspace's typed settings (``domain/workspace_settings.py``), loaded from and saved into
the workspace file.

Two values live where earlier readers already look for them: the time zone in the setting
``timezone`` (the scheduler, sync and the roster read it with ``get_setting``) and the brand name
in ``meta.brand`` (the window title, ``siyu info``). The others are settings under
``workspace.<field>``.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from ..domain import workspace_settings as rules
from ..domain.workspace_settings import WorkspaceSettings
from ..errors import ValidationError
from ..store.db import Workspace

TIMEZONE_KEY = "timezone"
BRAND_META = "brand"
PREFIX = "workspace."


def setting_key(field: str) -> str:
    """Where a field is stored (``brand`` is in ``meta``, see ``BRAND_META``)."""
    return TIMEZONE_KEY if field == "timezone" else PREFIX + field


class WorkspaceSettingsService:
    def __init__(self, ws: Workspace) -> None:
        self._ws = ws

    def load(self) -> WorkspaceSettings:
        """The stored settings; a value that no longer passes (edited by hand, a rule of an
        older version) falls back to its default rather than making the workspace unusable."""
        stored: dict[str, Any] = {"brand": self._ws.meta(BRAND_META)}
        for field in rules.KEYS:
            if field != "brand":
                stored[field] = self._ws.get_setting(setting_key(field))
        try:
            return rules.parse(stored)
        except ValidationError:
            settings = WorkspaceSettings()
            for field, value in stored.items():
                if value is None:
                    continue
                with contextlib.suppress(ValidationError):  # that one keeps its default
                    settings = rules.with_value(settings, field, str(value))
            return settings

    async def save(self, settings: WorkspaceSettings) -> WorkspaceSettings:
        """Store the fields that differ from what is stored (validated already: a refused value
        never gets here; one write each)."""
        before = self.load()
        await asyncio.to_thread(self._store, before, settings)
        return settings

    async def update(self, **changes: str) -> WorkspaceSettings:
        """Change some fields, validated together: ``update(timezone="UTC")``. Raises
        ``ValidationError`` (nothing is stored then)."""
        settings = self.load()
        for key, value in changes.items():
            settings = rules.with_value(settings, key, value)
        return await self.save(settings)

    def _store(self, before: WorkspaceSettings, after: WorkspaceSettings) -> None:
        old, new = rules.to_dict(before), rules.to_dict(after)
        for field in rules.KEYS:
            if old[field] == new[field]:
                continue  # an unchanged default stays unstored: it follows the code's default
            if field == "brand":
                self._ws.set_meta(BRAND_META, new[field])
            else:
                self._ws.set_setting(setting_key(field), new[field])

    def describe(self) -> list[tuple[str, str, str]]:
        """``(key, label, value as shown)`` for each setting, in order (``siyu settings``)."""
        settings = rules.to_dict(self.load())
        return [(key, label, rules.describe_value(key, settings[key]))
                for key, (label, _english) in rules.LABELS.items()]
