"""``siyu new|workspaces|use|backup|settings|segment`` as a script uses them: real processes,
real files in a temporary data folder, exit codes."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from siyu_desktop.services import workspaces

from .test_cli import siyu


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_workspace_becomes_current_and_refuses_its_name_twice(tmp_path: Path) -> None:
    data = tmp_path / "data"
    made = siyu("new", "毛孩子食堂", "--timezone", "Europe/Berlin", "--corp-id", "ww42",
                data_dir=data)
    assert made.returncode == 0, made.stderr
    path = data / "毛孩子食堂.siyu.db"
    assert path.exists() and str(path) in made.stdout
    assert workspaces.last_workspace(data) == path
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key = 'brand'").fetchone()[0] == "毛孩子食堂"
    assert conn.execute("SELECT value FROM settings WHERE key = 'timezone'").fetchone()[0] \
        == '"Europe/Berlin"'
    assert "ww42" in conn.execute("SELECT value FROM settings WHERE key = 'wecom.connection'"
                                  ).fetchone()[0]
    conn.close()
    again = siyu("new", "毛孩子食堂", data_dir=data)
    assert again.returncode == 1 and "已经有名为" in again.stderr
    bad = siyu("new", "别的品牌", "--timezone", "Mars/Base", data_dir=data)
    assert bad.returncode == 1 and "不认识时区" in bad.stderr
    assert not (data / "别的品牌.siyu.db").exists()
    info = siyu("info", data_dir=data)  # a plain command opens the new one
    assert info.returncode == 0 and "毛孩子食堂.siyu.db" in info.stdout and "客户\t0" in info.stdout


def test_workspaces_use_and_a_mistyped_path_never_creates_a_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert siyu("demo", "--members", "200", "--groups", "5", data_dir=data).returncode == 0
    assert siyu("new", "自己的", data_dir=data).returncode == 0
    listed = siyu("workspaces", data_dir=data)
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("* ") and "自己的.siyu.db" in lines[0]
    assert any("demo.siyu.db" in line and "演示" in line and not line.startswith("*")
               for line in lines)
    used = siyu("use", str(data / "demo.siyu.db"), data_dir=data)
    assert used.returncode == 0, used.stderr
    assert siyu("workspaces", data_dir=data).stdout.splitlines()[0].startswith("* ")
    assert "demo.siyu.db" in siyu("workspaces", data_dir=data).stdout.splitlines()[0]
    typo = tmp_path / "我的品牌.siyu.db"
    for args in (("use", str(typo)), ("--workspace", str(typo), "info"),
                 ("--workspace", str(typo), "settings"), ("--workspace", str(typo), "backup")):
        out = siyu(*args, data_dir=data)
        assert out.returncode == 1, args
        assert "不存在" in out.stderr and "siyu new" in out.stderr
        assert not typo.exists() and not list(tmp_path.glob("我的品牌*"))
    assert workspaces.last_workspace(data) == data / "demo.siyu.db"  # unchanged by the typo
    not_ours = tmp_path / "notes.db"
    sqlite3.connect(not_ours).execute("CREATE TABLE x(y)").connection.close()
    refused = siyu("use", str(not_ours), data_dir=data)
    assert refused.returncode == 1 and "不是私域运营台的工作区" in refused.stderr


def test_settings_show_set_and_refuse(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert siyu("new", "设置测试", data_dir=data).returncode == 0
    shown = siyu("settings", data_dir=data)
    assert shown.returncode == 0 and "timezone\t时区\tAsia/Shanghai" in shown.stdout
    assert siyu("settings", "send_end", "20:30", data_dir=data).returncode == 0
    assert siyu("settings", "send_end", data_dir=data).stdout.strip() == "20:30"
    early = siyu("settings", "send_end", "08:00", data_dir=data)
    assert early.returncode == 1 and "必须早于结束" in early.stderr
    assert siyu("settings", "send_end", data_dir=data).stdout.strip() == "20:30"
    unknown = siyu("settings", "colour", "red", data_dir=data)
    assert unknown.returncode == 1 and "没有设置项" in unknown.stderr


def test_backup_list_now_and_restore_with_confirmation(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert siyu("demo", "--members", "300", "--groups", "6", data_dir=data).returncode == 0
    empty = siyu("backup", "list", data_dir=data)
    assert empty.returncode == 3 and "还没有备份" in empty.stderr
    assert siyu("backup", data_dir=data).returncode == 0  # plain `backup` is `backup now`
    assert siyu("backup", "now", data_dir=data).returncode == 0
    listed = siyu("backup", "list", data_dir=data)
    assert listed.returncode == 0, listed.stderr
    rows = listed.stdout.splitlines()[1:]
    assert [r.split("\t")[0] for r in rows] == ["1", "2"]
    assert all("300 位客户" in r and "自动备份" in r for r in rows)
    assert rows[0].split("\t")[-1] > rows[1].split("\t")[-1]  # newest first
    path = data / "demo.siyu.db"
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM member_tags")
    conn.execute("DELETE FROM members WHERE id % 2 = 0")
    conn.commit()
    conn.close()
    before = _sha(path)
    refused = siyu_with_input("n\n", "backup", "restore", "1", data_dir=data)
    assert refused.returncode == 1 and "已取消恢复" in refused.stderr
    assert "确定恢复吗" in refused.stderr and _sha(path) == before
    missing = siyu("backup", "restore", "9", "--yes", data_dir=data)
    assert missing.returncode == 1 and "没有第 9 份备份" in missing.stderr
    done = siyu_with_input("y\n", "backup", "restore", "1", data_dir=data)
    assert done.returncode == 0, done.stderr
    assert "原来的文件已保留为" in done.stdout
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == 300
    conn.close()
    after = siyu("backup", "list", data_dir=data).stdout
    assert "恢复前保留的副本" in after and "150 位客户" in after


def siyu_with_input(text: str, *args: str, data_dir: Path) -> object:
    import os
    import subprocess
    import sys
    env = {**os.environ, "SIYU_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "siyu_desktop.cli", *args], input=text,
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def test_segments_save_show_list_delete(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert siyu("demo", "--members", "300", "--groups", "6", data_dir=data).returncode == 0
    conn = sqlite3.connect(data / "demo.siyu.db")
    level3 = conn.execute("SELECT count(*) FROM members WHERE level = 3").fetchone()[0]
    tag = conn.execute("SELECT min(id) FROM tags").fetchone()[0]
    conn.close()
    saved = siyu("segment", "save", "黑金", "--json", '{"levels": [3]}', data_dir=data)
    assert saved.returncode == 0, saved.stderr
    assert f"（{level3} 位客户）" in saved.stdout
    shown = siyu("segment", "show", "黑金", data_dir=data)
    import json
    assert json.loads(shown.stdout) == {"levels": [3]} and f"共 {level3} 位客户" in shown.stderr
    assert f"黑金\t{level3}" in siyu("segment", "list", data_dir=data).stdout
    members = siyu("members", "--segment", "黑金", data_dir=data)
    assert members.returncode in (0, 3) and len(members.stdout.splitlines()) == level3 + 1
    for definition, words in (('{"level": [3]}', "不认识的字段"), ('{"levels": 3}', "值不对"),
                              ("{levels: [3]}", "不是有效的 JSON"), ("{}", "是空的"),
                              ('{"any_tags": [999999]}', "没有编号为 999999 的标签")):
        out = siyu("segment", "save", "坏的", "--json", definition, data_dir=data)
        assert out.returncode == 1 and words in out.stderr, (definition, out.stderr)
    assert "坏的" not in siyu("segment", "list", data_dir=data).stdout
    ok = siyu("segment", "save", "有标签", "--json", json.dumps({"any_tags": [tag]}),
              data_dir=data)
    assert ok.returncode == 0, ok.stderr
    assert siyu("segment", "delete", "黑金", data_dir=data).returncode == 0
    gone = siyu("segment", "show", "黑金", data_dir=data)
    assert gone.returncode == 1 and "找不到人群包" in gone.stderr


def test_demo_progress_piped_is_one_line_per_step(tmp_path: Path) -> None:
    out = siyu("demo", "--members", "1200", "--groups", "8", data_dir=tmp_path / "data")
    assert out.returncode == 0, out.stderr
    assert "\r" not in out.stderr
    steps = [line for line in out.stderr.splitlines() if "…" in line]
    assert steps == ["客户…（共 1,200）", "添加关系…（共 1,200）", "标签…（共 400）",
                     "社群…（共 8）", "积分…（共 1）"], out.stderr


@pytest.fixture(autouse=True)
def _no_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SIYU_LANG", raising=False)


def test_a_damaged_workspace_still_lists_its_backups_and_is_restored(tmp_path: Path) -> None:
    from .test_backups_service import _scribble

    data = tmp_path / "data"
    assert siyu("demo", "--members", "300", "--groups", "6", data_dir=data).returncode == 0
    assert siyu("backup", "now", data_dir=data).returncode == 0
    path = data / "demo.siyu.db"
    _scribble(path)
    broken = siyu("info", data_dir=data)
    assert broken.returncode == 1 and "已损坏" in broken.stderr
    listed = siyu("backup", "list", data_dir=data)
    assert listed.returncode == 0 and "300 位客户" in listed.stdout
    done = siyu("backup", "restore", "1", "--yes", data_dir=data)
    assert done.returncode == 0, done.stderr
    info = siyu("info", data_dir=data)
    assert info.returncode == 0 and "客户\t300" in info.stdout
    kept = list((data / "backups").glob("demo.siyu.before-restore.*.db"))
    assert len(kept) == 1  # the damaged file, kept as it was
