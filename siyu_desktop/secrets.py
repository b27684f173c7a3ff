"""The only module that touches the OS keyring: the corp secret and robot webhook keys live there
and nowhere else (not in the workspace, not in settings, not in logs)."""

from __future__ import annotations

import contextlib

import keyring
import keyring.errors

from .errors import UserError

SERVICE = "SiyuDesktop"


def _key(kind: str, name: str) -> str:
    return f"{kind}:{name}"


def set_secret(kind: str, name: str, value: str) -> None:
    try:
        keyring.set_password(SERVICE, _key(kind, name), value)
    except keyring.errors.KeyringError as exc:
        raise UserError(
            "无法把密钥保存到系统钥匙串。",
            "请确认系统钥匙串（Windows 凭据管理器 / macOS 钥匙串）可用后重试。",
            english="Could not save the secret in the system keyring.",
        ) from exc


def get_secret(kind: str, name: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, _key(kind, name))
    except keyring.errors.KeyringError:
        return None


def delete_secret(kind: str, name: str) -> None:
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, _key(kind, name))
