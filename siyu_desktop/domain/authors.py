"""Who an operation is recorded under in the history (操作记录).

Every write is stored with an actor. The app's own machinery writes under its role (``sync``,
``outbox``); a person writes under the name they gave in 设置 → 你的名字 (a workspace setting, so
two operators sharing a workspace file through backups tell their work apart). A person who
has not given a name writes under the role of the way they work: ``operator`` (the window) or
``cli`` (the ``siyu`` command), which the history shows as 我（窗口） / 我（命令行）.

The name is recorded as it was when the operation ran: renaming yourself later leaves earlier
operations under the old name, as a paper logbook would.
"""

from __future__ import annotations

import re
import unicodedata

SYSTEM_ACTORS = ("sync", "outbox")  # the app's machinery, never a person
PERSON_ROLES = ("operator", "cli")  # a person who has not given a name
RESERVED = frozenset(SYSTEM_ACTORS + PERSON_ROLES)
MAX_NAME = 32

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")


def clean_name(text: str) -> str:
    """What the operator typed, with invisible characters dropped and runs of spaces (line
    breaks included) made one space; the letters are kept as written."""
    return _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()


def name_problem(name: str) -> str | None:
    """Why ``name`` (already cleaned) cannot be used as an operator's name, or None. An empty
    name is fine: it means "no name", and the history says 我."""
    if len(name) > MAX_NAME:
        return f"名字最多 {MAX_NAME} 个字符。"
    if name.casefold() in RESERVED:
        return f"“{name}”是程序内部使用的名称，请换一个名字。"
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        return "名字里不能有控制字符。"
    return None


def author(role: str, operator_name: str) -> str:
    """The actor a write is stored under: the operator's name for a person, else the role."""
    if role in PERSON_ROLES and operator_name:
        return operator_name
    return role


def is_system(actor: str) -> bool:
    return actor in SYSTEM_ACTORS
