"""The workspace settings service over a real workspace file: defaults, the storage places the
earlier readers use (``timezone`` setting, ``meta.brand``), validation that stores nothing."""

from __future__ import annotations

import pytest

from siyu_desktop.domain.workspace_settings import WorkspaceSettings
from siyu_desktop.errors import ValidationError
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.services.workspace_settings import WorkspaceSettingsService, setting_key
from siyu_desktop.store.db import Workspace


async def test_defaults_then_saved_values_read_by_the_older_readers(
        empty_workspace: Workspace) -> None:
    service = WorkspaceSettingsService(empty_workspace)
    assert service.load() == WorkspaceSettings()
    saved = await service.update(brand="毛孩子食堂", timezone="Europe/Berlin",
                                 mass_message_cap="day_1", send_start="8:00")
    assert saved.send_start == "08:00"
    assert empty_workspace.get_setting("timezone") == "Europe/Berlin"
    assert empty_workspace.meta("brand") == "毛孩子食堂"
    assert empty_workspace.get_setting(setting_key("mass_message_cap")) == "day_1"
    assert WorkspaceService(empty_workspace).tz.key == "Europe/Berlin"
    assert (await WorkspaceService(empty_workspace).info()).brand == "毛孩子食堂"
    assert WorkspaceSettingsService(empty_workspace).load() == saved


async def test_a_refused_update_stores_nothing(empty_workspace: Workspace) -> None:
    service = WorkspaceSettingsService(empty_workspace)
    await service.update(timezone="UTC")
    with pytest.raises(ValidationError):
        await service.update(timezone="Asia/Tokyo", send_end="07:00")  # end before start
    assert empty_workspace.get_setting("timezone") == "UTC"
    assert empty_workspace.get_setting(setting_key("send_end")) is None


async def test_a_bad_stored_value_falls_back_to_its_default_only(
        empty_workspace: Workspace) -> None:
    empty_workspace.set_setting("timezone", "Asia/Tokyo")
    empty_workspace.set_setting(setting_key("send_start"), "99:99")  # edited by hand
    loaded = WorkspaceSettingsService(empty_workspace).load()
    assert loaded.timezone == "Asia/Tokyo" and loaded.send_start == "09:00"


def test_describe_lists_every_setting_with_its_label(workspace: Workspace) -> None:
    rows = WorkspaceSettingsService(workspace).describe()
    assert [r[0] for r in rows] == ["brand", "timezone", "mass_message_cap", "send_start",
                                    "send_end", "import_tag_group"]
    assert rows[1] == ("timezone", "时区", "Asia/Shanghai")
    assert rows[0][2] == workspace.meta("brand")
