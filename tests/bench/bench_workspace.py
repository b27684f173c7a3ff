"""Workspace benchmark (issue: workspace core). Builds — once, cached — a 1,000,000-member demo
workspace (≈5.5M member-tag links, 400 tags with a realistic skew, 40,000 groups) and prints
medians on this machine, each next to the plain-SQL way of doing the same thing:

  python tests/bench/bench_workspace.py [--members N] [--rebuild]

Segment count + first 200 rows, the 400-tag facet counts, search (first 50 hits), the roster's
first rows and a jump to the last row, and peak RSS with the roster model open.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from siyu_desktop.domain.segments import Segment, resolve_times  # noqa: E402
from siyu_desktop.ops import Progress  # noqa: E402
from siyu_desktop.services import workspaces  # noqa: E402
from siyu_desktop.services.workspace import WorkspaceService  # noqa: E402
from siyu_desktop.store import members as member_store  # noqa: E402
from siyu_desktop.store.db import Workspace  # noqa: E402
from siyu_desktop.store.demo import DemoSize  # noqa: E402
from tests.bench.common import CACHE, median_ms, peak_rss_mb, row, rss_mb  # noqa: E402


def build(path: Path, n: int, rebuild: bool) -> None:
    if path.exists() and not rebuild:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    size = DemoSize(members=n, groups=max(300, n // 25), tags=400, roster_mean=60,
                    points_history=False)  # one opening entry each; bench_points adds more
    start = time.perf_counter()
    last = [0.0]

    def progress(p: Progress) -> None:
        if time.perf_counter() - last[0] > 10:
            last[0] = time.perf_counter()
            print(f"    building: {p.step} {p.done:,}/{p.total:,} "
                  f"({time.perf_counter() - start:.0f}s)", flush=True)
    workspaces.create_demo(path, size, seed=1, progress=progress).close()
    print(f"  built {path.name} in {time.perf_counter() - start:.0f}s")


def pick_tags(ws: Workspace, want: int) -> tuple[list[int], int]:
    """Three popular tags whose AND is closest to ``want`` members, and a fourth to exclude."""
    index = ws.index
    popular = sorted(index.tags, key=lambda t: -index.count(t))[:40]
    best: tuple[int, list[int]] = (10**9, popular[:3])
    for i, a in enumerate(popular[:12]):
        for j, b in enumerate(popular[i + 1:20], start=i + 1):
            ab = index.tag(a) & index.tag(b)
            for c in popular[j + 1:30]:
                n = ab.intersection_cardinality(index.tag(c))
                if abs(n - want) < best[0]:
                    best = (abs(n - want), [a, b, c])
    chosen = best[1]
    exclude = next(t for t in popular[3:] if t not in chosen)
    return chosen, exclude


def exists(tag: int) -> str:
    return f"EXISTS (SELECT 1 FROM member_tags t WHERE t.member_id = m.id AND t.tag_id = {tag})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--rss-probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    path = CACHE / f"workspace-{args.members}.siyu.db"
    if args.rss_probe:
        rss_probe(path)
        return
    build(path, args.members, args.rebuild)

    index_cache = path.with_name(path.name + ".index")
    if index_cache.exists():
        index_cache.unlink()
    rss_before = rss_mb()
    start = time.perf_counter()
    Workspace.open(path).close()  # cold: builds the member index from SQL, saves it on close
    cold_s = time.perf_counter() - start
    start = time.perf_counter()
    ws = Workspace.open(path)
    open_s = time.perf_counter() - start
    service = WorkspaceService(ws)
    conn = ws.reader()
    links = conn.execute("SELECT count(*) FROM member_tags").fetchone()[0]
    groups = conn.execute("SELECT count(*) FROM groups").fetchone()[0]
    top = max(ws.index.count(t) for t in ws.index.tags)
    print(f"\nworkspace: {len(ws.index.all):,} members, {links:,} tag links, {len(ws.index.tags)} tags "
          f"(top tag on {top / len(ws.index.all):.0%}), {groups:,} groups")
    print(f"open: {cold_s * 1000:.0f} ms building the member index from SQL, "
          f"{open_s * 1000:.0f} ms from its cache file; index memory ≈ "
          f"{rss_mb() - rss_before:.0f} MB\n")

    tags3, excluded = pick_tags(ws, 70_000 * args.members // 1_000_000)
    today = service.today()
    seg_a = Segment(all_tags=tuple(tags3), none_tags=(excluded,), levels=(0, 1),
                    joined_within_days=180)
    seg_b = Segment(all_tags=tuple(tags3), none_tags=(excluded,))
    joined_min = resolve_times(seg_a, today, service.tz).joined_min
    tag_sql = " AND ".join(exists(t) for t in tags3) + f" AND NOT {exists(excluded)}"
    intersect_sql = (" INTERSECT ".join(f"SELECT member_id FROM member_tags WHERE tag_id = {t}"
                                        for t in tags3)
                     + f" EXCEPT SELECT member_id FROM member_tags WHERE tag_id = {excluded}")

    print("segments (median of 7)")
    for label, seg, where in (
            ("(a) 3 tags AND, 1 NOT, level, joined ≤180 d", seg_a,
             f"{tag_sql} AND m.level IN (0, 1) AND m.joined_at >= {joined_min}"),
            ("(b) the same tags alone", seg_b, tag_sql)):
        ms, result = median_ms(lambda s=seg: service.evaluate_now(s))
        plain_ms, plain_count = median_ms(
            lambda w=where: conn.execute(f"SELECT count(*) FROM members m WHERE {w}").fetchone()[0],
            repeat=3)
        assert plain_count == len(result), (plain_count, len(result))
        row(f"{label}: count = {len(result):,}", ms, plain_ms, "< 50 ms")

        def first_rows(s: Segment = seg) -> int:
            ids = service.ordered_now(service.evaluate_now(s))
            return len(service.rows_now([int(i) for i in ids[:200]]))
        ms, _ = median_ms(first_rows)
        plain_ms, _ = median_ms(lambda w=where: conn.execute(
            f"SELECT m.* FROM members m WHERE {w} ORDER BY m.id LIMIT 200").fetchall(), repeat=3)
        row(f"{label}: first 200 rows", ms, plain_ms, "< 150 ms")
    plain_ms, n = median_ms(lambda: len(conn.execute(intersect_sql).fetchall()), repeat=3)
    print(f"  {'(b) plain SQL with INTERSECT/EXCEPT instead of EXISTS':<52} {plain_ms:9.1f} ms ({n:,} rows)")

    print("\nfacets: member count of each of the 400 tags inside the segment")
    seg_result = service.evaluate_now(seg_a)
    ms, counts = median_ms(lambda: ws.index.facet_counts(seg_result))
    ms_all, _ = median_ms(lambda: ws.index.facet_counts(service.evaluate_now(Segment(levels=(0,)))))
    plain_ms, _ = median_ms(lambda: conn.execute(
        "SELECT tag_id, count(*) FROM member_tags WHERE member_id IN "
        f"(SELECT id FROM members m WHERE {tag_sql} AND m.level IN (0, 1) AND m.joined_at >= {joined_min}) "
        "GROUP BY tag_id").fetchall(), repeat=3)
    row(f"400 facets in segment (a) ({len(counts)} tags)", ms, plain_ms, "< 200 ms")
    plain_ms, _ = median_ms(lambda: conn.execute(
        "SELECT tag_id, count(*) FROM member_tags WHERE member_id IN "
        "(SELECT id FROM members WHERE level = 0) GROUP BY tag_id").fetchall(), repeat=3)
    row("400 facets in a broad segment (level 普通, ~60%)", ms_all, plain_ms, "< 200 ms",
        "(includes evaluating it)")

    print("\nsearch: first 50 hits")
    name2 = conn.execute("SELECT substr(name, 1, 2) FROM members WHERE length(name) >= 2 "
                         "LIMIT 1 OFFSET 12345").fetchone()[0]
    initials = conn.execute("SELECT substr(name_initials, 1, 2) FROM members LIMIT 1 OFFSET 777"
                            ).fetchone()[0]
    phone = conn.execute("SELECT substr(phone, 4, 5) FROM members WHERE phone IS NOT NULL "
                         "LIMIT 1 OFFSET 4242").fetchone()[0]
    for label, text, plain in (
            (f"name prefix “{name2}”", name2, "name LIKE ?", ),
            (f"pinyin initials “{initials}”", initials, "name_initials LIKE ?"),
            (f"phone substring “{phone}”", phone, "phone LIKE ?"),
            ("remark substring “双11大客户”", "双11大客户", "remark LIKE ?"),
            ("remark substring, 2 chars “宝妈”", "宝妈", "remark LIKE ?")):
        ms, hits = median_ms(lambda t=text: member_store.search(conn, t, limit=50))
        pattern = f"{text}%" if "prefix" in label or "initials" in label else f"%{text}%"
        conn.execute("PRAGMA case_sensitive_like = OFF")
        plain_ms, _ = median_ms(lambda p=plain, pat=pattern: conn.execute(
            f"SELECT id FROM members WHERE {p} LIMIT 50", (pat,)).fetchall(), repeat=3)
        plain_miss, _ = median_ms(lambda p=plain: conn.execute(
            f"SELECT id FROM members WHERE {p} LIMIT 50", ("%没有这个人%",)).fetchall(), repeat=3)
        row(f"{label}: {len(hits)} hits", ms, plain_ms, "< 50 ms",
            f"(plain LIKE with no match, full scan: {plain_miss:.0f} ms)")

    print("\nroster table (Qt model, offscreen)")
    from PySide6.QtWidgets import QApplication, QTableView

    from siyu_desktop.ui.models.roster_model import RosterModel
    app = QApplication.instance() or QApplication([])
    view = QTableView()
    view.resize(1200, 800)
    model = RosterModel(service.rows_now)
    view.setModel(model)
    view.show()

    def open_roster() -> None:
        model.set_ids(service.ordered_now(service.evaluate_now(Segment())))
        for r in range(30):
            for c in range(model.columnCount()):
                model.index(r, c).data()
        app.processEvents()
    ms, _ = median_ms(open_roster, repeat=5)
    plain_ms, _ = median_ms(lambda: conn.execute("SELECT * FROM members ORDER BY id LIMIT 200"
                                                 ).fetchall(), repeat=3)
    row(f"first rows on screen ({model.rowCount():,} members)", ms, plain_ms, "< 300 ms")

    def sorted_by_name() -> None:
        ws.index._name_rank = None  # count the first (uncached) sort by name too
        model.set_ids(service.ordered_now(service.evaluate_now(Segment()), "name"))
        model.index(0, 0).data()
    ms, _ = median_ms(sorted_by_name, repeat=3)
    row("sort the whole roster by name (pinyin), uncached", ms, None, "")

    def jump_to_last() -> None:
        model._pages.clear()
        view.scrollToBottom()
        for r in range(model.rowCount() - 30, model.rowCount()):
            model.index(r, 0).data()
        app.processEvents()
    ms, _ = median_ms(jump_to_last)
    plain_ms, _ = median_ms(lambda: conn.execute(
        "SELECT * FROM members ORDER BY id LIMIT 200 OFFSET ?", (len(ws.index.all) - 200,)
    ).fetchall(), repeat=3)
    row("jump to the last row", ms, plain_ms, "< 150 ms", "(plain: LIMIT/OFFSET paging)")

    view.close()
    ws.close()
    # Peak RSS of the app's own work, in a fresh process: this one also ran plain-SQL baselines.
    import subprocess
    probe = subprocess.run([sys.executable, __file__, "--members", str(args.members), "--rss-probe"],
                           capture_output=True, text=True, check=True)
    print(f"\npeak RSS with the roster open (fresh process: open, roster, segments, facets, "
          f"search, sort by name, jump to the end): {probe.stdout.strip()} MB (target < 400 MB)")
    print(f"peak RSS of this benchmark process, baselines included: {peak_rss_mb():.0f} MB")


def rss_probe(path: Path) -> None:
    from PySide6.QtWidgets import QApplication, QTableView

    from siyu_desktop.ui.models.roster_model import RosterModel
    app = QApplication.instance() or QApplication([])
    ws = Workspace.open(path)
    service = WorkspaceService(ws)
    view = QTableView()
    view.resize(1200, 800)
    model = RosterModel(service.rows_now)
    view.setModel(model)
    view.show()
    model.set_ids(service.ordered_now(service.evaluate_now(Segment())))
    app.processEvents()
    popular = sorted(ws.index.tags, key=lambda t: -ws.index.count(t))[:4]
    seg = Segment(all_tags=tuple(popular[:3]), none_tags=(popular[3],), levels=(0, 1),
                  joined_within_days=180)
    result = service.evaluate_now(seg)
    ws.index.facet_counts(result)
    model.set_ids(service.ordered_now(result))
    member_store.search(ws.reader(), "宝妈", limit=50)
    model.set_ids(service.ordered_now(service.evaluate_now(Segment()), "name"))
    view.scrollToBottom()
    app.processEvents()
    print(f"{peak_rss_mb():.0f}")
    ws.close()


if __name__ == "__main__":
    main()
