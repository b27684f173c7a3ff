"""Typed errors. A ``UserError`` is the environment's fault and is shown to the operator in their
words (status bar or inline); anything else is our bug and goes to the crash report dialog."""

from __future__ import annotations


class UserError(Exception):
    """An expected problem with a message fit for the operator.

    ``message`` says what happened, ``hint`` what to do about it. Both are plain text and already
    translated by whoever raises: below ``ui/`` there is no Qt to translate, so the Chinese text
    comes with its English twins, ``english`` for the message and ``english_hint`` for the hint
    (tests/unit/test_error_hints.py holds every raise with a hint to giving both).
    """

    def __init__(self, message: str, hint: str = "", *, english: str = "",
                 english_hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.english = english or message
        self.english_hint = english_hint or hint

    def in_language(self, english: bool) -> tuple[str, str]:
        """(message, hint) in the operator's language."""
        return (self.english, self.english_hint) if english else (self.message, self.hint)

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
