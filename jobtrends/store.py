"""The DuckDB store: opening it, migrating its schema and keeping the public views current.

DuckDB allows one writing process at a time, and a read-only process cannot open a file a
writer holds. So every stage holds a write connection only for a short merge (open, write,
close), and both readers and writers wait a bounded time for the lock instead of failing at
once. See docs/architecture.md.
"""

from __future__ import annotations

import hashlib
import re
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import duckdb
import pyarrow as pa

from .errors import DatabaseBusy, StoreError
from .paths import macros_file, migrations_dir, views_dir

DEFAULT_DB = Path("data/jobtrends.duckdb")
DEFAULT_WAIT_SECONDS = 30.0
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def utcnow() -> datetime:
    """Now in UTC as a naive timestamp: every TIMESTAMP column in the store is UTC."""
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params=None):
    """The first column of the first row, or None. Fetches the whole result: DuckDB 2.0 keeps
    a partly fetched result open and refuses some later calls (register, sql) on the connection."""
    rows = con.execute(sql, params).fetchall() if params is not None else con.execute(sql).fetchall()
    return rows[0][0] if rows else None


def _is_lock_error(error: Exception) -> bool:
    text = str(error)
    return "Could not set lock" in text or "Conflicting lock" in text


def _open(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Connect, retrying while another process holds the lock, for at most `wait` seconds."""
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except (duckdb.IOException, duckdb.ConnectionException) as error:
            if not _is_lock_error(error):
                raise StoreError(f"cannot open database {path}: {error}") from error
            if time.monotonic() >= deadline:
                raise DatabaseBusy(_busy_message(path, error, wait)) from error
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _busy_message(path: Path, error: Exception, wait: float) -> str:
    holder = _LOCK_HOLDER.search(str(error))
    who = f"process {holder['pid']} ({Path(holder['program']).name})" if holder else "another process"
    return (
        f"database {path} is busy: {who} holds it for writing and did not release it "
        f"within {wait:g}s; try again when it has finished"
    )


@contextmanager
def writing(path: Path | str, wait: float = DEFAULT_WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """A write connection on a migrated database with current views; closed on exit.

    Keep the block short: readers are locked out while it is open.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only=False, wait=wait)
    try:
        key = _verified_key(path)
        if key not in _VERIFIED:
            migrate(con)
            sync_views(con)
            _VERIFIED.add(_verified_key(path))
        yield con
    finally:
        con.close()


# Databases this process already migrated and synced, by file identity and by the schema
# and views it expects, so stages that open the store once per batch skip the checks.
_VERIFIED: set[tuple] = set()


def _verified_key(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    versions = tuple(v for v, _, _ in available_migrations())
    return (str(path.resolve()), stat.st_dev, stat.st_ino, versions, _views_hash(view_definitions()))


@contextmanager
def reading(path: Path | str, wait: float = DEFAULT_WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection. Upgrades the schema first (briefly writing) if it is behind."""
    path = Path(path)
    if not path.exists():
        raise StoreError(
            f"no database at {path}: create one with `jobtrends crawl`, `jobtrends import` "
            "or `jobtrends demo` (or point --db at an existing one)"
        )
    con = _open(path, read_only=True, wait=wait)
    if _verified_key(path) not in _VERIFIED and not _is_current(con):
        con.close()
        with writing(path, wait):
            pass
        con = _open(path, read_only=True, wait=wait)
    try:
        yield con
    finally:
        con.close()


_OPEN_TRANSACTIONS: set[int] = set()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT, or ROLLBACK on any error, so a failed write leaves nothing behind.

    Nested use joins the outer transaction, so helpers that write atomically on their own
    (merge_postings, add_rejects) can also be combined into one atomic write by a caller.
    """
    if id(con) in _OPEN_TRANSACTIONS:
        yield con
        return
    con.execute("BEGIN TRANSACTION")
    _OPEN_TRANSACTIONS.add(id(con))
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    else:
        con.execute("COMMIT")
    finally:
        _OPEN_TRANSACTIONS.discard(id(con))


# --- migrations -------------------------------------------------------------------------

def select_postings(con: duckdb.DuckDBPyConnection, columns: str, ids: list[str],
                    rowids: tuple[int, int] | None = None) -> pa.Table:
    """`columns` (an SQL list of store.postings columns; never user text) of the postings with
    these ids that are still stored, in posting_id order. A lookup by id alone scans the whole
    table (0.25 CPU-s for 1,000 ids at 100,000 postings, ten times that at 1M); given `rowids`
    (lo, hi), the rowid range the ids were listed in, only that range's row groups are read, and
    the ids not found there (moved by another process's write since, or deleted) are then looked
    up in the whole table."""
    table = _select_in_range(con, columns, ids, rowids)
    if rowids is not None and table.num_rows < len(ids):
        found = set(table.column("posting_id").to_pylist())
        moved = _select_in_range(con, columns, [i for i in ids if i not in found], None)
        if moved.num_rows:
            table = pa.concat_tables([table, moved]).sort_by("posting_id")
    return table


def _select_in_range(con: duckdb.DuckDBPyConnection, columns: str, ids: list[str],
                     rowids: tuple[int, int] | None) -> pa.Table:
    return con.sql(
        f"SELECT {columns} FROM store.postings "
        "WHERE ($lo IS NULL OR rowid BETWEEN $lo AND $hi) AND posting_id IN (SELECT unnest($ids)) "
        "ORDER BY posting_id",
        params={"ids": ids, "lo": rowids[0] if rowids else None, "hi": rowids[1] if rowids else None},
    ).to_arrow_table()


def available_migrations() -> list[tuple[int, str, Path]]:
    """(version, name, file) for each `NNNN_name.sql` in jobtrends/migrations, in order."""
    found = []
    for file in sorted(migrations_dir().glob("*.sql")):
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", file.name)
        if not match:
            raise StoreError(f"migration file {file.name} is not named NNNN_name.sql")
        found.append((int(match[1]), match[2], file))
    return found


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    exists = scalar(
        con,
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_name = 'schema_migrations'",
    )
    if not exists:
        return []
    return [row[0] for row in con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply pending migrations in order, each in its own transaction; returns their names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = set(applied_migrations(con))
    applied = []
    for version, name, file in available_migrations():
        if version in done:
            continue
        with transaction(con):
            con.execute(file.read_text())
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, utcnow()])
        applied.append(f"{version:04d}_{name}")
    return applied


# --- views ------------------------------------------------------------------------------

def view_definitions() -> dict[str, str]:
    """View name -> SQL, from analysis/views/<name>.sql."""
    return {file.stem: file.read_text() for file in sorted(views_dir().glob("*.sql"))}


def _views_hash(views: dict[str, str]) -> str:
    digest = hashlib.sha256(macros_file().read_bytes())
    for name, sql in sorted(views.items()):
        digest.update(name.encode() + b"\0" + sql.encode() + b"\0")
    return digest.hexdigest()


def _stored_views_hash(con: duckdb.DuckDBPyConnection) -> str | None:
    try:
        return scalar(con, "SELECT value FROM store.meta WHERE key = 'views_hash'")
    except duckdb.CatalogException:
        return None


def _is_current(con: duckdb.DuckDBPyConnection) -> bool:
    pending = {v for v, _, _ in available_migrations()} - set(applied_migrations(con))
    return not pending and _stored_views_hash(con) == _views_hash(view_definitions())


def sync_views(con: duckdb.DuckDBPyConnection) -> bool:
    """(Re)create the public views when their SQL changed; returns whether it did."""
    views = view_definitions()
    wanted = _views_hash(views)
    if _stored_views_hash(con) == wanted:
        return False
    with transaction(con):
        existing = [r[0] for r in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal"
        ).fetchall()]
        for name in existing:
            con.execute(f'DROP VIEW IF EXISTS "{name}" CASCADE')
        con.execute(macros_file().read_text())
        _create_in_dependency_order(con, views)
        con.execute(
            "INSERT INTO store.meta VALUES ('views_hash', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [wanted],
        )
    return True


def _create_in_dependency_order(con: duckdb.DuckDBPyConnection, views: dict[str, str]) -> None:
    """Create views so that each comes after the views its SQL names (no order file to keep)."""
    created: set[str] = set()

    def create(name: str, trail: tuple[str, ...]) -> None:
        if name in created:
            return
        if name in trail:
            raise StoreError(f"views depend on each other in a cycle: {' -> '.join(trail + (name,))}")
        body = views[name].split("AS", 1)[-1]
        for other in views:
            if other != name and re.search(rf"\b{other}\b", body):
                create(other, trail + (name,))
        try:
            con.execute(views[name])
        except duckdb.Error as error:
            raise StoreError(f"view {name} (analysis/views/{name}.sql) cannot be created: {error}") from error
        created.add(name)

    for name in views:
        create(name, ())
