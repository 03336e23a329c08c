"""Storage fixtures: every data-layer test runs on SQLite and on a real PostgreSQL server.

SQLite gets a new file per test. PostgreSQL gets one database per test worker, migrated
once and emptied (TRUNCATE … RESTART IDENTITY) before each test: creating a database takes
the server about 0.4 s, emptying one a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from mlplanner.storage.database import create_database_engine, open_database
from mlplanner.storage.models import metadata
from tests.storage.support import postgres_database

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def postgres_plans_url(postgres_url: str) -> Iterator[str]:
    """A database of this worker's own on the test server, schema at the newest migration."""
    with postgres_database(postgres_url) as url:
        open_database(url).dispose()
        yield url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a database without plans: a new SQLite file, or the emptied PostgreSQL one."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'plans.db'}"
    url: str = request.getfixturevalue("postgres_plans_url")
    engine = create_database_engine(url)
    tables = ", ".join(table.name for table in metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the database, its schema brought to the newest migration."""
    engine = open_database(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session
