"""Where the database is and how SQLite connections are set up."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import Session

from mlplanner.paths import REPO_ROOT
from mlplanner.storage import plans
from mlplanner.storage.database import (
    BUSY_TIMEOUT_MS,
    DATABASE_URL_ENV,
    begin_write,
    database_url,
    default_database_path,
    open_database,
)
from mlplanner.storage.errors import DatabaseUnavailableError
from tests.storage.support import recommended


def test_the_default_database_is_a_sqlite_file_under_var_ignored_by_git(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", "/elsewhere")
    default = REPO_ROOT / "var" / "mlplanner.db"
    assert default_database_path() == default
    assert database_url() == f"sqlite:///{default}"
    monkeypatch.setenv(DATABASE_URL_ENV, "  ")
    assert database_url() == f"sqlite:///{default}"
    assert "/var/" in (REPO_ROOT / ".gitignore").read_text().splitlines()


def test_an_installed_package_keeps_plans_in_the_users_data_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    site_packages = tmp_path / "site-packages"  # no app.py beside the package
    site_packages.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    expected = tmp_path / "data" / "mlplanner" / "mlplanner.db"
    assert default_database_path(site_packages) == expected
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for unusable in ("", "relative/data"):
        monkeypatch.setenv("XDG_DATA_HOME", unusable)
        assert default_database_path(site_packages) == (
            tmp_path / "home" / ".local" / "share" / "mlplanner" / "mlplanner.db"
        )


def test_the_environment_variable_points_anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql+psycopg://team@db.internal/plans")
    assert database_url() == "postgresql+psycopg://team@db.internal/plans"


def test_a_sqlite_file_and_its_directories_are_created_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "new" / "nested" / "plans.db"
    engine = open_database(f"sqlite:///{path}")
    engine.dispose()
    assert path.is_file()


def test_every_sqlite_connection_gets_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'plans.db'}")
    try:
        with engine.connect() as first, engine.connect() as second:
            for connection in (first, second):
                pragma = connection.exec_driver_sql
                assert pragma("PRAGMA journal_mode").scalar() == "wal"
                assert pragma("PRAGMA foreign_keys").scalar() == 1
                assert pragma("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
    finally:
        engine.dispose()


def test_a_save_waits_for_another_writer_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "plans.db"
    engine = open_database(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock …
    release = threading.Timer(0.5, lambda: other.execute("COMMIT"))  # … for half a second
    release.start()
    try:
        start = time.monotonic()
        with Session(engine) as session:
            plan = plans.create_plan(session=session, evaluation=recommended())
        assert time.monotonic() - start >= 0.4
        assert plan.latest_revision == 1
    finally:
        release.join()
        other.close()
        engine.dispose()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "MLPLANNER_DATABASE_URL: 'not a url' is not a database URL"),
        ("nosuchdb://host/x", "nosuchdb://host/x: Can't load plugin"),
        ("postgresql+psycopg://me:secret@127.0.0.1:1/x", "database postgresql"),
    ],
)
def test_an_unusable_database_url_is_one_clear_message(url: str, message: str) -> None:
    with pytest.raises(DatabaseUnavailableError) as caught:
        open_database(url)
    assert str(caught.value).startswith(message)
    assert "secret" not in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_writing_action_takes_the_write_lock_when_it_begins(tmp_path: Path) -> None:
    path = tmp_path / "plans.db"
    engine = open_database(f"sqlite:///{path}")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with Session(engine) as reading:
            reading.connection()  # a reading transaction leaves the write lock free
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        with Session(engine) as writing:
            begin_write(writing)  # BEGIN IMMEDIATE: nobody can start writing meanwhile
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
        engine.dispose()
