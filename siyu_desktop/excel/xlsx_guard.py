"""Checks on a spreadsheet container before a parser touches it: zip bombs, corrupt zips, the real
extent of a sheet, password-protected (encrypted) workbooks.

These exist because python-calamine allocates a sheet as one dense grid: a tiny file that puts a
value in A1 and another in XFD1048576 makes it request 512 GB and abort the process (an abort, not
an exception: the window would simply vanish). So the extent is measured here, streaming the sheet
XML through a regex, at roughly half the cost of calamine's own load.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from defusedxml import ElementTree

from siyu_desktop.errors import ImportFormatError

_CHUNK = 1 << 20
# (message, hint, the hint in English); the English message names the detail
_CORRUPT = ("文件已损坏（压缩包结构不完整），无法打开。",
            "如果文件是从微信或邮件下载的，请重新下载；或用 Excel 打开后另存再导入。",
            "If it came from WeChat or an e-mail, download it again; or open it in Excel, save it "
            "again and import that.")
_BOMB = ("文件解压后异常巨大，疑似损坏或恶意构造的文件，已拒绝读取。",
         "请确认文件来源；正常名单请用 Excel 打开后另存为 .xlsx 再导入。",
         "Check where the file came from; a normal roster can be opened in Excel, saved as .xlsx "
         "and imported.")


def _error(texts: tuple[str, str, str], english: str) -> ImportFormatError:
    return ImportFormatError(texts[0], texts[1], english=english, english_hint=texts[2])


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise _error(_CORRUPT, f"Corrupt zip: {exc}") from exc


def check_zip(path: Path, kind: str, max_total: int, max_ratio: float, ratio_min: int) -> None:
    """Refuse corrupt zips, zips that are not spreadsheets, and zip bombs.

    Declared sizes are checked first (cheap), then every member except the worksheets is really
    decompressed against the same budget, because a hostile zip can declare a small size and
    inflate to gigabytes. Worksheets are decompressed by ``sheet_extent`` when one is chosen.
    """
    with _open_zip(path) as zf:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        if kind == "xlsx" and not ("[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)):
            raise ImportFormatError("这不是 Excel 表格（是其他类型的压缩文件，例如 Word 文档或 zip 包）。",
                                    "请选择 .xlsx、.xls、.ods 或 .csv 格式的名单。",
                                    english="A zip that is not a workbook.",
                                    english_hint="Choose a roster in .xlsx, .xls, .ods or .csv format.")
        if "xl/workbook.bin" in names:  # binary sheets: the extent scan below cannot read them
            raise ImportFormatError("暂不支持 Excel 二进制工作簿（.xlsb）。",
                                    "请用 Excel 打开后另存为 .xlsx 再导入。", english="xlsb is not supported.",
                                    english_hint="Open it in Excel, save it as .xlsx, then import that.")
        if kind == "ods" and "content.xml" not in names:
            raise _error(_CORRUPT, "ODS without content.xml")
        declared = sum(i.file_size for i in infos)
        if declared > max_total:
            raise _error(_BOMB, f"Declared uncompressed size {declared} > {max_total}")
        for info in infos:
            if info.file_size > ratio_min and info.file_size > max_ratio * max(info.compress_size, 1):
                raise _error(_BOMB, f"{info.filename}: compression ratio too high")
        budget = max_total
        for info in infos:
            if kind == "xlsx" and info.filename.startswith("xl/worksheets/"):
                continue
            budget -= _drain(zf, info, budget, None)


def _drain(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int,
           each: Callable[[bytes], None] | None) -> int:
    """Decompress one member in chunks (never all at once), feeding ``each``; returns its size."""
    total = 0
    try:
        with zf.open(info) as member:
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                if total > budget:
                    raise _error(_BOMB, f"{info.filename} inflates past the limit")
                if each:
                    each(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        if isinstance(exc, NotImplementedError) or "encrypt" in str(exc).lower():
            raise ImportFormatError("文件使用了无法识别的压缩或加密方式。",
                                    "请用 Excel 打开后另存为 .xlsx 再导入。",
                                    english=f"Unsupported zip member: {exc}",
                                    english_hint="Open it in Excel, save it as .xlsx, then import that.") from exc
        raise _error(_CORRUPT, f"Corrupt member {info.filename}: {exc}") from exc
    return total


def _sheet_member(zf: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The worksheet XML path for a sheet name, via workbook.xml and its relationships."""
    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, zlib.error):
        return None
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    for el in book.iter():
        if el.tag.endswith("}sheet") and el.get("name") == sheet_name:
            # r:id's namespace differs between transitional and strict OOXML: match by suffix.
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            target = str(targets.get(rid, ""))
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target) if target else None
    return None


class _Extent:
    """Running maximum row and column over cells that carry content (not self-closing ``<c/>``)."""

    def __init__(self) -> None:
        self.rows = 0
        self.cols = 0
        self.tail = b""
        self.cell: re.Pattern[bytes] | None = None
        self.prefix = b""

    def feed(self, chunk: bytes) -> None:
        buf = self.tail + chunk
        cut = buf.rfind(b"<")
        buf, self.tail = buf[:cut], buf[cut:]
        if self.cell is None:
            root = re.search(rb"<(\w+:)?worksheet\b", buf)
            self.prefix = (root.group(1) or b"") if root else b""
            p = re.escape(self.prefix)
            # Fast path: every writer we know puts r first. Self-closing cells are formatting only.
            self.cell = re.compile(b"<" + p + rb'c r="([A-Z]{1,3})([0-9]{1,7})"[^>/]*>')
        self._scan(buf)

    def _scan(self, buf: bytes) -> None:
        assert self.cell is not None
        found = self.cell.findall(buf)
        if found:
            self.rows = max(self.rows, max(int(r) for _, r in found))
            self.cols = max(self.cols, max(_col_number(c) for c in {c for c, _ in found}))
        tag = b"<" + self.prefix + b"c"
        all_cells = buf.count(tag + b" ") + buf.count(tag + b">")
        if all_cells > buf.count(tag + b' r="'):
            self._scan_implicit(buf, tag)

    def _scan_implicit(self, buf: bytes, tag: bytes) -> None:
        # Some streaming writers omit r=: positions are then implicit (next column, next row), so
        # bound conservatively by the most cells in any row and the highest row number seen.
        rows = [int(r) for r in re.findall(rb"<" + re.escape(self.prefix) + rb'row\b[^>]*?\sr="(\d+)"', buf)]
        pieces = buf.split(b"<" + self.prefix + b"row")
        self.rows = max(self.rows, len(pieces) - 1, *rows) if rows else max(self.rows, len(pieces) - 1)
        self.cols = max(self.cols, max(p.count(tag + b" ") + p.count(tag + b">") for p in pieces))


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def sheet_extent(path: Path, sheet_name: str, budget: int,
                 cancel: Callable[[], None] | None) -> tuple[int, int]:
    """(rows, columns) of the grid calamine will allocate for this sheet, measured on the XML."""
    with _open_zip(path) as zf:
        member = _sheet_member(zf, sheet_name)
        if member is not None and member in zf.NameToInfo:
            members = [member]
        else:  # an unusual layout: bound by the largest of all worksheets rather than not at all
            members = [n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        rows = cols = 0
        for name in members:
            extent = _Extent()
            ticks = 0

            def each(chunk: bytes, extent: _Extent = extent) -> None:
                nonlocal ticks
                extent.feed(chunk)
                ticks += 1
                if cancel and ticks % 16 == 0:
                    cancel()

            _drain(zf, zf.getinfo(name), budget, each)
            rows, cols = max(rows, extent.rows), max(cols, extent.cols)
        return rows, cols


_ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


def cfb_is_encrypted(path: Path) -> bool:
    """An OLE compound file holding an encrypted OOXML package (what Excel writes for a workbook
    with an open password, whatever the extension). Directory entries name their streams in
    UTF-16, so a byte search finds them without parsing the FAT chain."""
    overlap = 64
    tail = b""
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK * 4):
            buf = tail + chunk
            if any(m in buf for m in _ENCRYPTED_MARKERS):
                return True
            tail = buf[-overlap:]
    return False
