"""Every AppTest gets a database of its own (a new SQLite file), never the default one:
pages that list saved plans or assumption sets read it on every run. And no prefetching
(``mlplanner/ui/prefetch.py``): its background work would race these tests, several of which
count what a page computes; ``tests/ui/test_prefetch.py`` tests it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from mlplanner.storage.database import DATABASE_URL_ENV, open_database
from mlplanner.ui.prefetch import PREFETCH_ENV


@pytest.fixture(autouse=True)
def own_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """The database URL the app under test uses."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    return url


@pytest.fixture(autouse=True)
def no_prefetching(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PREFETCH_ENV, "off")


@pytest.fixture
def engine(own_database: str) -> Iterator[Engine]:
    """An engine on the app's database, for tests that read or seed it."""
    engine = open_database(own_database)
    yield engine
    engine.dispose()
