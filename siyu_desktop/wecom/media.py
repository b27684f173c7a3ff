"""Media uploads: temporary media (3 days), moments attachments, and permanent image URLs."""

from __future__ import annotations

import mimetypes

from ..errors import ValidationError
from .client import WeComClient
from .types import MediaUpload

MB = 1024 * 1024
# Reference §9. Images use the current 10 MB cap; older documents said 2 MB.
UPLOAD_CAPS = {"image": 10 * MB, "voice": 2 * MB, "video": 10 * MB, "file": 20 * MB}
UPLOADIMG_CAP = 2 * MB


def _files(filename: str, data: bytes) -> dict[str, tuple[str, bytes, str]]:
    ctype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return {"media": (filename, data, ctype)}


def _check(data: bytes, cap: int, what: str) -> None:
    if len(data) <= 5:
        raise ValidationError(f"{what}文件太小或为空。", english="Files must be over 5 bytes.")
    if len(data) > cap:
        raise ValidationError(
            f"{what}文件太大（最多 {cap // MB} MB）。", english=f"Files are at most {cap // MB} MB."
        )


async def upload(client: WeComClient, kind: str, filename: str, data: bytes) -> MediaUpload:
    """Temporary media (``kind`` image|voice|video|file) for mass messages; valid 3 days."""
    if kind not in UPLOAD_CAPS:
        raise ValidationError("不支持的素材类型。", english=f"Unknown media type {kind}.")
    _check(data, UPLOAD_CAPS[kind], "素材")
    body = await client.call(
        "POST", "/cgi-bin/media/upload", params={"type": kind}, files=_files(filename, data)
    )
    return MediaUpload.from_api(body)


async def upload_attachment(
    client: WeComClient, media_type: str, filename: str, data: bytes, *, attachment_type: int = 1
) -> MediaUpload:
    """Media for moments (``attachment_type`` 1, image/video only) or product albums (2)."""
    if media_type not in ("image", "video", "file"):
        raise ValidationError("不支持的附件类型。", english=f"Unknown media type {media_type}.")
    _check(data, UPLOAD_CAPS[media_type], "附件")
    body = await client.call(
        "POST",
        "/cgi-bin/media/upload_attachment",
        params={"media_type": media_type, "attachment_type": attachment_type},
        files=_files(filename, data),
    )
    return MediaUpload.from_api(body)


async def uploadimg(client: WeComClient, filename: str, data: bytes) -> str:
    """A permanent image URL (only displayable inside WeCom); 1000 a day per corp."""
    _check(data, UPLOADIMG_CAP, "图片")
    body = await client.call("POST", "/cgi-bin/media/uploadimg", files=_files(filename, data))
    return str(body.get("url", ""))
