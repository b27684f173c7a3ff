"""Typed errors. A ``UserError`` is the environment's fault and is shown to the operator in their
words (status bar or inline); anything else is our bug and goes to the crash report dialog."""

from __future__ import annotations


class UserError(Exception):
    """An expected problem with a message fit for the operator.

    ``message`` says what happened, ``hint`` what to do about it. Both are plain text and already
    translated by whoever raises (below ``ui/`` we use the Chinese text with an English twin in
    ``english``), so the boundary can show them as they are.
    """

    def __init__(self, message: str, hint: str = "", *, english: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.english = english or message

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class WorkspaceError(UserError):
    """The workspace file cannot be used: corrupt, too new, locked, read-only, disk full."""


class WorkspaceInUseError(WorkspaceError):
    """Another window or command has the workspace open (its single-writer lock)."""


class ValidationError(UserError):
    """Input the operator gave does not make sense (an empty tag name, a duplicate segment...)."""


class ImportFormatError(UserError):
    """A file that cannot be read as a roster."""


class Cancelled(Exception):
    """Raised inside long work when the operator pressed cancel; never shown as an error."""


class FileSaveError(UserError):
    """A file the operator asked for (an export, a rejects file) could not be written: the disk
    is full, the folder is read-only or missing, the path is too long, the file is open elsewhere."""
