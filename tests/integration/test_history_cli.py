"""``siyu history`` shows the operator's own operations by default; syncs only when asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from siyu_desktop import cli
from siyu_desktop.store.audit import rows_as_dicts
from siyu_desktop.store.db import Workspace


def _rename(ctx: Any) -> None:
    before = rows_as_dicts(ctx.conn, "SELECT * FROM members WHERE id = 2")[0]
    ctx.conn.execute("UPDATE members SET name = '改' WHERE id = 2")
    ctx.log("members", before, {**before, "name": "改"})


def test_history_filters_by_kind(demo_path: Path, capsys: Any) -> None:
    ws = Workspace.open(demo_path, actor="operator")
    ws.write(_rename, action="edit_member", summary="编辑客户资料")
    ws.write(_rename, action="sync_members", summary="同步客户", actor="sync")
    ws.close()
    base = ["--workspace", str(demo_path), "history"]
    assert cli.main(base) == 0
    mine = capsys.readouterr().out
    assert "编辑客户资料" in mine and "同步客户" not in mine
    assert cli.main([*base, "--kind", "system"]) == 0
    system = capsys.readouterr().out
    assert "同步客户" in system and "编辑客户资料" not in system
    assert cli.main([*base, "--kind", "all"]) == 0
    both = capsys.readouterr().out
    assert "同步客户" in both and "编辑客户资料" in both


def test_an_english_operator_reads_the_cli_error_in_english_too(
        tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    from siyu_desktop import cli

    monkeypatch.setenv("SIYU_LANG", "en")
    assert cli.main(["--workspace", str(tmp_path / "nope.db"), "info"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "\nHint: " in err and "错误" not in err
    monkeypatch.setenv("SIYU_LANG", "zh")
    assert cli.main(["--workspace", str(tmp_path / "nope.db"), "info"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误: ") and "\n建议: " in err and "Error" not in err
