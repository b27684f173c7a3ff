"""What a roster import may change on a member who already exists.

The file is the operator's word for what it says and silent about the rest:
- a blank cell (None or "") never erases: the member keeps the value;
- any other value of a field the import writes replaces the member's, level and points
  included (the file sets them; it does not add to them or only raise them);
- extra columns (附加信息) merge key by key: keys the file fills are set, the others kept;
- fields outside ``IMPORT_FIELDS`` are never written by an import (derived search keys,
  timestamps, WeCom's sync stamps).
Tags, follow-ups (跟进人) and group memberships are only ever added; that is the plan's part.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# Fields by their file names (``added_at`` is the member's ``joined_at``).
IMPORT_FIELDS = frozenset({"name", "phone", "external_userid", "unionid", "level", "channel",
                           "birthday", "added_at", "points", "remark", "gender"})


def blank(value: object) -> bool:
    return value is None or value == ""


def field_changes(current: Mapping[str, Any], incoming: Iterable[tuple[str, Any]]
                  ) -> list[tuple[str, Any, Any]]:
    """(field, before, after) for each field the import changes, in ``incoming``'s order;
    ``current`` holds the member's values by the same field names."""
    return [(name, current.get(name), value) for name, value in incoming
            if name in IMPORT_FIELDS and not blank(value) and current.get(name) != value]


def merge_extras(current: Mapping[str, Any], incoming: Mapping[str, str]
                 ) -> tuple[dict[str, Any], list[tuple[str, Any, str]]]:
    """The member's extra columns after the import, and (key, before, after) for each key the
    file changes (empty: nothing to write)."""
    changed = [(k, current.get(k), v) for k, v in incoming.items()
               if not blank(v) and current.get(k) != v]
    if not changed:
        return dict(current), []
    return {**current, **{k: v for k, _, v in changed}}, changed
