"""The only module that touches the OS keyring: the corp secret and robot webhook keys live there
and nowhere else (not in the workspace, not in settings, not in logs)."""

from __future__ import annotations

import contextlib
import logging
import os

import keyring
import keyring.backend
import keyring.errors

from .errors import UserError

log = logging.getLogger(__name__)
SERVICE = "SiyuDesktop"
# Set to 1 to accept a plaintext keyring file anyway (a throwaway test machine); still logged.
ALLOW_PLAINTEXT_ENV = "SIYU_ALLOW_PLAINTEXT_KEYRING"
_PLAINTEXT_NAMES = ("plaintext", "uncrypted", "unencrypted")


def _backends(backend: keyring.backend.KeyringBackend) -> list[keyring.backend.KeyringBackend]:
    inner = getattr(backend, "backends", None)  # keyring's ChainerBackend
    return [backend] if not inner else [b for sub in inner for b in _backends(sub)]


def plaintext_backend() -> str:
    """The name of the keyring backend in use when it keeps secrets in a readable file
    (keyrings.alt's PlaintextKeyring and kin), else ''."""
    for backend in _backends(keyring.get_keyring()):
        kind = type(backend)
        name = f"{kind.__module__}.{kind.__qualname__}"
        if any(word in name.lower() for word in _PLAINTEXT_NAMES):
            return name
    return ""


def _check_backend() -> None:
    plain = plaintext_backend()
    if not plain:
        return
    if os.environ.get(ALLOW_PLAINTEXT_ENV) == "1":
        log.warning("keyring backend %s keeps secrets in plain text (allowed by %s)", plain,
                    ALLOW_PLAINTEXT_ENV)
        return
    raise UserError(
        "系统钥匙串是明文文件（不安全），密钥没有保存。",
        f"当前的钥匙串后端 {plain} 会把密钥以明文写在磁盘上。请启用系统钥匙串（Windows 凭据管理器 / "
        "macOS 钥匙串 / Linux Secret Service）后重试。",
        english=f"The keyring backend {plain} stores secrets in plain text; refused.",
        english_hint=f"The keyring backend {plain} would write secrets to disk in plain text. Turn on the system keyring (Windows Credential Manager / macOS Keychain / Linux Secret Service) and try again.",
    )


def _key(kind: str, name: str) -> str:
    return f"{kind}:{name}"


def set_secret(kind: str, name: str, value: str) -> None:
    _check_backend()
    try:
        keyring.set_password(SERVICE, _key(kind, name), value)
    except keyring.errors.KeyringError as exc:
        if no_keyring():
            raise UserError(
                "这台电脑上没有可用的系统钥匙串，Secret 无法安全保存。", NO_KEYRING_HINT,
                english="No system keyring is available on this computer to keep the secret.",
                english_hint=NO_KEYRING_HINT_EN,
            ) from exc
        raise UserError(
            "无法把密钥保存到系统钥匙串。",
            "请确认系统钥匙串（Windows 凭据管理器 / macOS 钥匙串）可用后重试。",
            english="Could not save the secret in the system keyring.",
            english_hint="Make sure the system keyring (Windows Credential Manager / macOS Keychain) is available, then try again.",
        ) from exc


NO_KEYRING_HINT = ("在 Linux 上请安装并登录一个 Secret Service 钥匙串，例如 Debian / Ubuntu："
                   "sudo apt install gnome-keyring（KDE 用 KWallet），然后重新登录桌面再试。")
NO_KEYRING_HINT_EN = ("On Linux, install and log in to a Secret Service keyring, for example on Debian / "
                      "Ubuntu: sudo apt install gnome-keyring (KWallet on KDE), then log in to the "
                      "desktop again and retry.")


def no_keyring() -> bool:
    """Whether keyring found no usable backend at all (Linux without a Secret Service)."""
    from keyring.backends import fail
    return any(isinstance(b, fail.Keyring) for b in _backends(keyring.get_keyring()))


def get_secret(kind: str, name: str) -> str | None:
    if plaintext_backend() and os.environ.get(ALLOW_PLAINTEXT_ENV) != "1":
        return None  # never use what a plaintext file holds
    try:
        return keyring.get_password(SERVICE, _key(kind, name))
    except keyring.errors.KeyringError:
        return None


def delete_secret(kind: str, name: str) -> None:
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, _key(kind, name))
