"""Where plans are stored and how connections behave.

``MLPLANNER_DATABASE_URL`` (any SQLAlchemy URL, e.g. ``postgresql+psycopg://user@host/db``)
selects the database; without it plans go to a SQLite file created on first use (see
:func:`default_database_path`): ``var/mlplanner.db`` under the repository root in a checkout
(``/var/`` is ignored by git), the user's data directory for an installed package.

Create one engine per process (the CLI per command, the app through ``st.cache_resource``)
and one session per action. On SQLite every connection gets WAL journaling (readers never
block the writer), enforced foreign keys and a busy timeout, and SQLAlchemy rather than the
``sqlite3`` module issues ``BEGIN``, so a writing action can start with ``BEGIN IMMEDIATE``:
it takes the write lock up front and waits its turn instead of failing half-way with
"database is locked" when another process writes at the same moment.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlmodel import Session

from mlplanner.paths import REPO_ROOT
from mlplanner.storage.errors import DatabaseUnavailableError

DATABASE_URL_ENV: Final = "MLPLANNER_DATABASE_URL"
BUSY_TIMEOUT_MS: Final = 15_000
WRITE_OPTION: Final = "mlplanner_write"
MIGRATIONS_DIR: Final = Path(__file__).resolve().parent / "migrations"
_LOCK_KEY: Final = 0x6D6C706C616E  # PostgreSQL advisory lock serialising schema upgrades


def database_url() -> str:
    """``MLPLANNER_DATABASE_URL`` if set, else the default SQLite file."""
    return os.environ.get(DATABASE_URL_ENV, "").strip() or f"sqlite:///{default_database_path()}"


def default_database_path(root: Path = REPO_ROOT) -> Path:
    """Where plans go without ``MLPLANNER_DATABASE_URL``.

    In a checkout (``app.py`` in ``root``, the folder holding the package): ``var/mlplanner.db``
    there. An installed package has no checkout, and its folder (site-packages) is no place for
    data: ``$XDG_DATA_HOME/mlplanner/mlplanner.db``, with ``~/.local/share`` when the variable
    is unset or not an absolute path (as the XDG Base Directory specification says).
    """
    if (root / "app.py").is_file():
        return root / "var" / "mlplanner.db"
    data_home = Path(os.environ.get("XDG_DATA_HOME", ""))
    if not data_home.is_absolute():
        data_home = Path.home() / ".local" / "share"
    return data_home / "mlplanner" / "mlplanner.db"


def display_url(url: str | URL) -> str:
    """The URL with any password masked, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a database URL)"


def create_database_engine(url: str) -> Engine:
    """An engine for ``url``; for a SQLite file, its directory is created if missing.

    Raises :class:`DatabaseUnavailableError` for a URL SQLAlchemy cannot use.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnavailableError(
            f"{DATABASE_URL_ENV}: {url!r} is not a database URL "
            "(examples: sqlite:///path/to/plans.db, postgresql+psycopg://user@host/dbname)"
        ) from None
    try:
        if parsed.get_backend_name() == "sqlite":
            _make_parent_directory(parsed)
            engine = create_engine(parsed)
            event.listen(engine, "connect", _configure_sqlite_connection)
            event.listen(engine, "begin", _begin_sqlite_transaction)
            return engine
        return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise DatabaseUnavailableError(f"{display_url(parsed)}: {exc}") from None


def open_database(url: str | None = None) -> Engine:
    """The engine for ``url`` (default :func:`database_url`), its schema brought up to date."""
    engine = create_database_engine(url or database_url())
    try:
        upgrade_to_head(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise unavailable(engine, exc) from None
    return engine


def upgrade_to_head(engine: Engine) -> None:
    """Bring the schema up to the newest migration (creating it in an empty database).

    Cheap when already up to date (one read). Otherwise the upgrade runs in one transaction
    holding the write lock (SQLite) or an advisory lock (PostgreSQL), so processes starting
    together on the same database upgrade it once, one after the other.
    """
    script = ScriptDirectory.from_config(alembic_config())
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    if set(current) == set(script.get_heads()):
        return
    known = {revision.revision for revision in script.walk_revisions()}
    unknown = sorted(set(current) - known)
    if unknown:
        raise DatabaseUnavailableError(
            f"database {display_url(engine.url)}: its schema (revision {unknown[0]}) is newer "
            "than this version of ML Team Planner knows; update the app to use it"
        )
    with engine.connect() as connection:
        connection = connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            command.upgrade(alembic_config(connection), "head")


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code: the app needs no alembic.ini in the cwd (the
    repository's alembic.ini is for developers' ``alembic`` commands)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def unavailable(engine: Engine, exc: SQLAlchemyError) -> DatabaseUnavailableError:
    """A database failure (cannot connect, disk full, …) as a one-line user message."""
    detail = getattr(exc, "orig", None) or exc
    reason = " ".join(str(detail).split()) or type(detail).__name__
    return DatabaseUnavailableError(f"database {display_url(engine.url)}: {reason}")


def begin_write(session: Session) -> None:
    """Start the session's transaction as a writer (``BEGIN IMMEDIATE`` on SQLite).

    Must be the session's first statement: a transaction already in progress cannot be
    upgraded safely, so that is a programming error.
    """
    if session.in_transaction():
        raise RuntimeError("a writing action needs a session with no transaction in progress")
    session.connection(execution_options={WRITE_OPTION: True})


@contextmanager
def writing(session: Session) -> Iterator[None]:
    """One write transaction: begun as a writer, committed at the end, rolled back on error."""
    begin_write(session)
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise


@contextmanager
def reading(session: Session) -> Iterator[None]:
    """Run reads, then end the transaction they started (a later write needs a fresh one)."""
    started = not session.in_transaction()
    try:
        yield
    finally:
        if started:
            session.rollback()


def _make_parent_directory(url: URL) -> None:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnavailableError(
                f"{display_url(url)}: cannot create {Path(database).parent} ({exc.strerror})"
            ) from None


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # sqlite3 must not issue BEGIN itself: _begin_sqlite_transaction does.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    writing = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
