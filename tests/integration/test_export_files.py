"""Export writes what its file name asks for and fails in words: real CSV (BOM, formula guard)
that re-imports without a change, unknown endings refused, the workspace's own files refused,
a full disk / read-only folder / path too long reported with nothing left behind, and an export
split over several sheets read back whole."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from siyu_desktop.errors import FileSaveError, ValidationError
from siyu_desktop.services.exporter import Exporter
from siyu_desktop.services.importer import Importer
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace

run = asyncio.run
HOSTILE = {"name": "=HYPERLINK(\"http://x.invalid\",\"点我\")", "remark": "-5 差评\n@客服 +1"}
QUOTED = {"name": "'=已经带引号", "remark": "'+86 不是公式"}


@pytest.fixture
def exporter(service: WorkspaceService) -> Exporter:
    return Exporter(service)


def first_ids(workspace: Workspace, n: int) -> list[int]:
    return [r[0] for r in workspace.reader().execute(
        "SELECT id FROM members ORDER BY id LIMIT ?", (n,))]


@contextlib.contextmanager
def small_fs(where: Path, size: str, *options: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``where`` (root only); skips the test where impossible."""
    where.mkdir(parents=True, exist_ok=True)
    opts = ",".join((f"size={size}", *options))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


# -- CSV -------------------------------------------------------------------------------------
def test_csv_is_real_csv_and_reimports_without_change(
        exporter: Exporter, service: WorkspaceService, workspace: Workspace,
        tmp_path: Path) -> None:
    a, b = first_ids(workspace, 2)
    run(service.update_member(a, HOSTILE))
    run(service.update_member(b, QUOTED))
    path = tmp_path / "名单.csv"
    assert run(exporter.export(None, path)) == 2000
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel on Chinese Windows needs the BOM
    assert not raw.startswith(b"\xef\xbb\xbfPK") and b"PK\x03\x04" not in raw[:8]
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("客户名称,手机号")
    assert "'=HYPERLINK" in text and "\"'-5 差评" in text  # the formula guard
    assert "''=已经带引号" in text
    preview = run(Importer(service).preview(path))
    assert (preview.new, preview.updated, preview.unchanged, preview.rejected) == (0, 0, 2000, 0)
    assert not preview.roster.notes


def test_unknown_extension_refused(exporter: Exporter, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("名单.txt", "名单.xls", "名单"):
        with pytest.raises(ValidationError) as err:
            run(exporter.export(None, out / name))
        assert ".xlsx" in err.value.hint and ".csv" in err.value.hint
    assert list(out.iterdir()) == []


# -- the workspace's own files ---------------------------------------------------------------
def test_workspace_and_companions_refused(exporter: Exporter, workspace: Workspace,
                                          tmp_path: Path) -> None:
    before = workspace.path.read_bytes()
    link = tmp_path / "看起来像名单.xlsx"
    os.link(workspace.path, link)  # the same file under an export-looking name
    backups = workspace.path.parent / "backups"
    backups.mkdir(exist_ok=True)
    targets = [workspace.path, Path(str(workspace.path) + "-wal"),
               Path(str(workspace.path) + ".index"), Path(str(workspace.path) + ".lock"),
               link, backups / "x.xlsx",
               workspace.path.parent / "." / workspace.path.name]
    for target in targets:
        with pytest.raises(ValidationError, match="工作区"):
            run(exporter.export([1], target))
    assert workspace.path.read_bytes() == before


def siyu(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIYU_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "siyu_desktop.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def test_cli_export_onto_workspace_refused(demo_path: Path, tmp_path: Path) -> None:
    # the day's backup job first: it records its run in the workspace, a refused export must not
    done = siyu("--workspace", str(demo_path), "jobs", "run-due", data_dir=tmp_path / "d")
    assert done.returncode == 0, done.stderr
    before = demo_path.read_bytes()
    link = tmp_path / "w.xlsx"
    os.link(demo_path, link)
    for target in (demo_path, link):
        out = siyu("--workspace", str(demo_path), "export", str(target), data_dir=tmp_path / "d")
        assert out.returncode != 0
        assert "工作区" in out.stdout + out.stderr
        assert "Traceback" not in out.stderr
    assert demo_path.read_bytes() == before
    ok = siyu("--workspace", str(demo_path), "export", str(tmp_path / "名单.csv"),
              data_dir=tmp_path / "d")
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "名单.csv").read_bytes().startswith("\ufeff客户名称".encode())
    bad = siyu("--workspace", str(demo_path), "export", str(tmp_path / "x.json"),
               data_dir=tmp_path / "d")
    assert bad.returncode != 0 and ".csv" in bad.stdout + bad.stderr
    assert "Traceback" not in bad.stderr


# -- disk, permission and path errors ------------------------------------------------------
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_full_disk_is_a_message_and_leaves_nothing(exporter: Exporter, tmp_path: Path,
                                                   suffix: str) -> None:
    with small_fs(tmp_path / "small", "48k") as small:
        scratch_before = set(Path(os.environ.get("TMPDIR", "/tmp")).glob("siyu-xlsx-*"))
        with pytest.raises(FileSaveError, match="磁盘空间不足") as err:
            run(exporter.export(None, small / f"名单{suffix}"))
        assert "Errno" not in str(err.value)
        assert list(small.iterdir()) == []
        assert set(Path(os.environ.get("TMPDIR", "/tmp")).glob("siyu-xlsx-*")) <= scratch_before


def test_read_only_folder_is_a_message(exporter: Exporter, tmp_path: Path) -> None:
    with small_fs(tmp_path / "ro", "1m", "ro") as folder, \
            pytest.raises(FileSaveError, match="只读|没有权限"):
        run(exporter.export([1], folder / "名单.xlsx"))


def test_path_too_long_and_missing_folder(exporter: Exporter, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(FileSaveError, match="太长"):
        run(exporter.export([1], out / ("长" * 120 + ".xlsx")))
    with pytest.raises(FileSaveError, match="不存在"):
        run(exporter.export([1], out / "没有这个文件夹" / "名单.csv"))
    assert list(out.iterdir()) == []


def test_rejects_file_on_full_disk_is_a_message(service: WorkspaceService, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("客户名称,手机号,积分\n" + "".join(f"客户{i},12,-{i}\n" for i in range(3000)),
                      encoding="utf-8")
    importer = Importer(service)
    preview = run(importer.preview(source))
    assert preview.rejected == 3000
    with small_fs(tmp_path / "small", "16k") as small:
        with pytest.raises(FileSaveError, match="磁盘空间不足"):
            run(importer.save_rejects(preview, small / "错误行.xlsx"))
        assert list(small.iterdir()) == []


# -- a split export reads back whole ---------------------------------------------------------
def test_split_export_reads_every_sheet(exporter: Exporter, service: WorkspaceService,
                                        workspace: Workspace, tmp_path: Path) -> None:
    exporter.rows_per_sheet = 700  # Excel's 1,048,575, made small
    path = tmp_path / "split.xlsx"
    assert run(exporter.export(None, path)) == 2000
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["客户名单", "客户名单(2)", "客户名单(3)"]
    book.close()
    importer = Importer(service)
    preview = run(importer.preview(path))
    assert (preview.new, preview.updated, preview.unchanged, preview.rejected) == (0, 0, 2000, 0)
    assert preview.sheets_read == ["客户名单(2)", "客户名单(3)"]
    assert "客户名单(2)" in preview.summary_lines()[0]

    # Rows of a later sheet keep distinct numbers: a bad one there is the one saved as rejected.
    book2 = openpyxl.load_workbook(path)
    third = book2["客户名单(3)"]
    points = [c.value for c in third[1]].index("积分") + 1
    third.cell(5, points).value = "很多"
    name = third.cell(5, 1).value
    book2.save(path)
    again = run(importer.preview(path))
    assert again.rejected == 1 and again.unchanged == 1999
    number = next(iter(again.rejected_rows))
    assert number == 700 + 700 + 5
    rejects = tmp_path / "rejects.xlsx"
    assert run(importer.save_rejects(again, rejects)) == 1
    saved = openpyxl.load_workbook(rejects).active
    assert saved.cell(2, 2).value == name


def test_sheet_with_other_header_is_not_read_as_continuation(service: WorkspaceService,
                                                             tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "two.xlsx"
    book = xlsxwriter.Workbook(str(path))
    first = book.add_worksheet("客户名单")
    first.write_row(0, 0, ["客户名称", "手机号"])
    first.write_row(1, 0, ["甲", "13812345678"])
    other = book.add_worksheet("客户名单(2)")
    other.write_row(0, 0, ["别的表", "说明"])
    other.write_row(1, 0, ["乙", "x"])
    book.close()
    preview = run(Importer(service).preview(path))
    assert preview.new == 1 and preview.sheets_skipped == ["客户名单(2)"]
    assert any("客户名单(2)" in line for line in preview.summary_lines())
