"""The records screens receive from services, under one name.

Screens never import ``store`` (a test enforces it): what a service hands them — a change
notice, a roster row, an outbox item, an import outcome — is re-exported here, unchanged.
"""

from __future__ import annotations

from ..store.groups import DuplicateMember
from ..store.import_apply import ImportOutcome
from ..store.index import Changes
from ..store.members import RosterRow
from ..store.outbox import DELETED, Description, OutboxItem

__all__ = [
    "DELETED",
    "Changes",
    "Description",
    "DuplicateMember",
    "ImportOutcome",
    "OutboxItem",
    "RosterRow",
]
