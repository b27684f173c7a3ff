"""Schema versions, step by step. ``PRAGMA user_version`` holds the version of a file.

A migration is a function over an open connection inside one transaction. The workspace copies
the file (online backup API) before running any of them, and refuses files from a newer version.
Never edit a released step: add a new one.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from .channels import adopt_member_values
from .jobs import SCHEMA_V8
from .levels import create_tables as create_level_tables
from .points import opening_balances
from .points_rules import create_tables as create_rule_tables
from .rewards import create_tables as create_reward_tables

SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    userid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER
);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    external_userid TEXT UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    name_pinyin TEXT NOT NULL DEFAULT '',
    name_initials TEXT NOT NULL DEFAULT '',
    phone TEXT,
    unionid TEXT,
    gender INTEGER NOT NULL DEFAULT 0,
    level INTEGER NOT NULL DEFAULT 0,
    channel TEXT NOT NULL DEFAULT '',
    birthday TEXT,
    birth_md INTEGER,
    remark TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    joined_at INTEGER,
    last_active_at INTEGER,
    points INTEGER NOT NULL DEFAULT 0,
    extra TEXT,
    created_at INTEGER,
    updated_at INTEGER
);
CREATE INDEX members_name ON members(name);
CREATE INDEX members_initials ON members(name_initials);
CREATE INDEX members_pinyin ON members(name_pinyin);
CREATE INDEX members_phone ON members(phone);
CREATE INDEX members_unionid ON members(unionid);

-- Phone, remark and note substrings: trigram FTS (3+ characters); shorter patterns are served
-- by a scan because trigram MATCH/LIKE needs at least three characters.
CREATE VIRTUAL TABLE members_fts USING fts5(
    phone, remark, note, content='members', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER members_fts_ai AFTER INSERT ON members BEGIN
    INSERT INTO members_fts(rowid, phone, remark, note)
    VALUES (new.id, coalesce(new.phone, ''), new.remark, new.note);
END;
CREATE TRIGGER members_fts_ad AFTER DELETE ON members BEGIN
    INSERT INTO members_fts(members_fts, rowid, phone, remark, note)
    VALUES ('delete', old.id, coalesce(old.phone, ''), old.remark, old.note);
END;
CREATE TRIGGER members_fts_au AFTER UPDATE OF phone, remark, note ON members BEGIN
    INSERT INTO members_fts(members_fts, rowid, phone, remark, note)
    VALUES ('delete', old.id, coalesce(old.phone, ''), old.remark, old.note);
    INSERT INTO members_fts(rowid, phone, remark, note)
    VALUES (new.id, coalesce(new.phone, ''), new.remark, new.note);
END;

CREATE TABLE follows (
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    remark TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    add_time INTEGER,
    add_way INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT '',
    remark_mobiles TEXT,
    PRIMARY KEY (member_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX follows_staff ON follows(staff_id, member_id);

CREATE TABLE tag_groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    dimension TEXT NOT NULL DEFAULT 'basic'
        CHECK (dimension IN ('basic', 'behaviour', 'preference', 'channel', 'interest')),
    wecom_group_id TEXT UNIQUE,
    source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'app', 'admin')),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER
);
CREATE UNIQUE INDEX tag_groups_name ON tag_groups(name);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES tag_groups(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    wecom_tag_id TEXT UNIQUE,
    source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'app', 'admin')),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER,
    UNIQUE (group_id, name)
);

CREATE TABLE member_tags (
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX member_tags_tag ON member_tags(tag_id, member_id);

-- WeCom keeps tags per (staff, member) relationship; the console shows their union per member.
CREATE TABLE follow_tags (
    member_id INTEGER NOT NULL,
    staff_id INTEGER NOT NULL,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, staff_id, tag_id),
    FOREIGN KEY (member_id, staff_id) REFERENCES follows(member_id, staff_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    chat_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    owner_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT '',
    notice TEXT NOT NULL DEFAULT '',
    status INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER,
    member_count INTEGER NOT NULL DEFAULT 0,
    member_version TEXT,
    updated_at INTEGER
);
CREATE INDEX groups_kind ON groups(kind);
CREATE INDEX groups_owner ON groups(owner_staff_id);

CREATE TABLE group_tags (
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    PRIMARY KEY (group_id, name)
) WITHOUT ROWID;

CREATE TABLE roster (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,
    staff_id INTEGER REFERENCES staff(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    join_time INTEGER,
    join_scene INTEGER NOT NULL DEFAULT 0,
    inviter TEXT NOT NULL DEFAULT '',
    group_nickname TEXT NOT NULL DEFAULT '',
    CHECK ((member_id IS NULL) != (staff_id IS NULL))
);
CREATE UNIQUE INDEX roster_group_member ON roster(group_id, member_id) WHERE member_id IS NOT NULL;
CREATE UNIQUE INDEX roster_group_staff ON roster(group_id, staff_id) WHERE staff_id IS NOT NULL;
CREATE INDEX roster_member ON roster(member_id, group_id) WHERE member_id IS NOT NULL;

CREATE TABLE roster_events (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    member_id INTEGER,
    staff_id INTEGER,
    name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('join', 'leave')),
    at INTEGER NOT NULL,
    scene INTEGER
);
CREATE INDEX roster_events_at ON roster_events(at);
CREATE INDEX roster_events_group ON roster_events(group_id, at);

CREATE TABLE segments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    definition TEXT NOT NULL,
    created_at INTEGER,
    updated_at INTEGER
);

CREATE TABLE audit_batches (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    changes INTEGER NOT NULL DEFAULT 0,
    undoable INTEGER NOT NULL DEFAULT 1,
    undone_at INTEGER,
    undo_of INTEGER
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES audit_batches(id) ON DELETE CASCADE,
    tbl TEXT NOT NULL,
    pk TEXT NOT NULL,
    member_id INTEGER,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_batch ON audit(batch_id);
CREATE INDEX audit_member ON audit(member_id) WHERE member_id IS NOT NULL;
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _split(SCHEMA_V1):
        conn.execute(statement)


def _split(script: str) -> list[str]:
    """Split a schema script on top-level semicolons (trigger bodies keep theirs)."""
    statements, current, depth = [], [], 0
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        current.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            depth = 1
        if depth and upper == "END;":
            depth = 0
        if not depth and stripped.endswith(";"):
            statements.append("\n".join(current))
            current = []
    return statements


# v2: WeCom sync and the outbox. Sync marks every row it has seen with the run's start time
# (``wecom_synced_at``): rows a previous sync established but the current full run did not see
# are gone from WeCom, while rows no sync ever touched (imported, demo, local) are left alone.
SCHEMA_V2 = """
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'discarded')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    member_id INTEGER,
    staff_id INTEGER,
    tag_id INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX outbox_status ON outbox(status, id);
CREATE INDEX outbox_member ON outbox(member_id, tag_id) WHERE member_id IS NOT NULL;

CREATE TABLE sync_state (
    phase TEXT PRIMARY KEY,
    run_started_at INTEGER,
    checkpoint TEXT,
    done INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    finished_at INTEGER,
    updated_at INTEGER
);
CREATE TABLE sync_runs (
    id INTEGER PRIMARY KEY,
    mode TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    status TEXT NOT NULL DEFAULT 'running'
        CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
    error TEXT NOT NULL DEFAULT '',
    counts TEXT
);

CREATE TABLE group_daily_stats (
    owner TEXT NOT NULL,
    day INTEGER NOT NULL,
    new_chat_cnt INTEGER NOT NULL DEFAULT 0,
    chat_total INTEGER NOT NULL DEFAULT 0,
    chat_has_msg INTEGER NOT NULL DEFAULT 0,
    new_member_cnt INTEGER NOT NULL DEFAULT 0,
    member_total INTEGER NOT NULL DEFAULT 0,
    member_has_msg INTEGER NOT NULL DEFAULT 0,
    msg_total INTEGER NOT NULL DEFAULT 0,
    migrate_trainee_chat_cnt INTEGER NOT NULL DEFAULT 0,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (owner, day)
) WITHOUT ROWID;
CREATE INDEX group_daily_stats_day ON group_daily_stats(day);

ALTER TABLE staff ADD COLUMN wecom_synced_at INTEGER;
ALTER TABLE members ADD COLUMN wecom_synced_at INTEGER;
ALTER TABLE follows ADD COLUMN wecom_synced_at INTEGER;
ALTER TABLE groups ADD COLUMN wecom_synced_at INTEGER;
ALTER TABLE tag_groups ADD COLUMN wecom_synced_at INTEGER;
ALTER TABLE tags ADD COLUMN wecom_synced_at INTEGER;
"""


def _v2(conn: sqlite3.Connection) -> None:
    for statement in _split(SCHEMA_V2):
        conn.execute(statement)


# v3: bulk audit entries. One ``audit`` row may hold a chunk of rows of one table (an import's
# hundreds of thousands of new rows): ``cols`` names the columns, ``before``/``after`` hold JSON
# lists of value lists, and ``member_id``..``member_hi`` is the range of member ids inside, so
# a member's history still finds them. Single-row entries keep ``cols`` NULL.
SCHEMA_V3 = """
ALTER TABLE audit ADD COLUMN cols TEXT;
ALTER TABLE audit ADD COLUMN member_hi INTEGER;
CREATE INDEX audit_chunk_member ON audit(member_hi, member_id) WHERE cols IS NOT NULL;
"""


def _v3(conn: sqlite3.Connection) -> None:
    for statement in _split(SCHEMA_V3):
        conn.execute(statement)


# v4: one channel list (渠道, ``store.channels``). Members whose channel is free text an import
# brought (包裹卡, 直播间) get the code the list resolves it to; other texts join the list.
def _v4(conn: sqlite3.Connection) -> None:
    adopt_member_values(conn)


# v5: the file says whose it is. ``PRAGMA application_id`` marks it as a Siyu workspace (any other
# SQLite file is refused untouched, see ``store.db``), and ``meta.workspace_id`` is a random id
# the member index cache records, so a cache is never used for a different file put in its place.
APPLICATION_ID = 0x53495955  # "SIYU" in ASCII; registered nowhere, chosen not to collide


def _v5(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("INSERT INTO meta(key, value) VALUES ('workspace_id', lower(hex(randomblob(16)))) "
                 "ON CONFLICT(key) DO NOTHING")


# v6: staff who left. ``staff.departed_at`` is when a sync first found a staff member gone from
# WeCom's follow-user list (``active`` 0 too); they are kept, since history refers to them, and
# a sync that finds them listed again clears it. Staff made inactive by a sync before this
# version count as departed from the migration on. Safe to run twice.
def _v6(conn: sqlite3.Connection) -> None:
    if "departed_at" not in {r[1] for r in conn.execute("PRAGMA table_info(staff)")}:
        conn.execute("ALTER TABLE staff ADD COLUMN departed_at INTEGER")
    conn.execute("UPDATE staff SET departed_at = CAST(strftime('%s', 'now') AS INTEGER) "
                 "WHERE active = 0 AND wecom_synced_at IS NOT NULL AND departed_at IS NULL")


# v7: outbox back-off. An item a transient error stopped (WeCom busy, a rate or concurrency
# limit, the network) waits in ``pending`` until ``next_try_at`` (unix seconds); ``retries``
# counts those waits in a row, so each doubles the next one. Safe to run twice.
def _v7(conn: sqlite3.Connection) -> None:
    columns = {r[1] for r in conn.execute("PRAGMA table_info(outbox)")}
    if "next_try_at" not in columns:
        conn.execute("ALTER TABLE outbox ADD COLUMN next_try_at INTEGER")
    if "retries" not in columns:
        conn.execute("ALTER TABLE outbox ADD COLUMN retries INTEGER NOT NULL DEFAULT 0")


# v8: scheduled jobs (``store/jobs.py``): the daily backup, auto-sync and, later, the calendar's
# occurrences, each with its rule, next due time, last run and a lease, so two processes never
# run one job at once. Safe to run twice.
def _v8(conn: sqlite3.Connection) -> None:
    for statement in _split(SCHEMA_V8):
        conn.execute(statement)


# v9: one outbox for every kind of send (statuses: ``domain/outbox.py``). ``waiting_confirm``
# joins the statuses (the table is rebuilt with its columns, whatever earlier versions added):
# a mass-send task WeCom created that a staff member still has to confirm. ``remote_id`` is
# WeCom's id for what the item created (a mass send's msgid); ``not_before`` holds an item back
# until then, ``expires_at`` gives up on it after; ``checked_at`` is the last look at WeCom's
# state. ``outbox_targets`` holds per-target results (receipts): one row per customer or group.
def _v9(conn: sqlite3.Connection) -> None:
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND "
                       "name = 'outbox'").fetchone()
    if row is not None and "waiting_confirm" not in row[0]:
        old = "'sent', 'failed', 'discarded')"
        if old not in row[0]:
            raise RuntimeError("unexpected outbox schema")
        indexes = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type = "
                                              "'index' AND tbl_name = 'outbox' AND sql IS NOT NULL")]
        create = row[0].replace(old, "'sent', 'failed', 'discarded', 'waiting_confirm')", 1)
        create = create.replace("CREATE TABLE outbox", "CREATE TABLE outbox_v9", 1)
        names = ", ".join(r[1] for r in conn.execute("PRAGMA table_info(outbox)"))
        conn.execute(create)
        conn.execute(f"INSERT INTO outbox_v9({names}) SELECT {names} FROM outbox")
        conn.execute("DROP TABLE outbox")
        conn.execute("ALTER TABLE outbox_v9 RENAME TO outbox")
        for sql in indexes:
            conn.execute(sql)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(outbox)")}
    for name in ("remote_id TEXT", "not_before INTEGER", "expires_at INTEGER",
                 "checked_at INTEGER"):
        if name.split()[0] not in columns:
            conn.execute(f"ALTER TABLE outbox ADD COLUMN {name}")
    conn.execute("""CREATE TABLE IF NOT EXISTS outbox_targets (
    item_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    target_id TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'waiting'
        CHECK (status IN ('waiting', 'sent', 'not_friend', 'over_cap', 'failed')),
    userid TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    at INTEGER,
    PRIMARY KEY (item_id, target_id)
) WITHOUT ROWID""")
    conn.execute("CREATE INDEX IF NOT EXISTS outbox_remote ON outbox(remote_id) "
                 "WHERE remote_id IS NOT NULL")


# v10: the points ledger (``store/points.py``): append-only, hash-chained entries, their lots and
# draws. Every member's ``points`` becomes one opening-balance entry (kind adjust, 期初余额) that
# never expires; ``members.points`` stays as the cached balance, rebuilt from entries.
def _v10(conn: sqlite3.Connection) -> None:
    opening_balances(conn, int(time.time()))


# v11: the rewards catalog (``store/rewards.py``): items (coupon / goods / points + cash), coupon
# codes (each issued once), and redemptions (pending → issued, or cancelled by a reversal of
# their spend entry). Only new tables: safe to run twice.
def _v11(conn: sqlite3.Connection) -> None:
    create_reward_tables(conn)


# v12: the points earning rules (``store/points_rules.py``): one row per rule (its fields as
# JSON, on or off), and an index on members' birth month-day for the birthday rule's daily run.
# Only new things: safe to run twice.
def _v12(conn: sqlite3.Connection) -> None:
    create_rule_tables(conn)


# v13: member levels (``store/levels.py``): each member's level since when and for what value,
# and every level change with its reason, plus a partial covering index of the ledger's earnings
# (``points_entries_earned``) for the grouped basis pass. Levels are computed once a policy is
# saved (the setting ``points_levels``). Only new things: safe to run twice.
def _v13(conn: sqlite3.Connection) -> None:
    create_level_tables(conn)


MIGRATIONS: list[tuple[int, Callable[[sqlite3.Connection], None]]] = [
    (1, _v1),
    (2, _v2),
    (3, _v3),
    (4, _v4),
    (5, _v5),
    (6, _v6),
    (7, _v7),
    (8, _v8),
    (9, _v9),
    (10, _v10),
    (11, _v11),
    (12, _v12),
    (13, _v13),
]

CURRENT_VERSION = MIGRATIONS[-1][0]


def pending(version: int) -> list[tuple[int, Callable[[sqlite3.Connection], None]]]:
    return [(v, step) for v, step in MIGRATIONS if v > version]
