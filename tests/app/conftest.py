"""Every AppTest gets a database of its own (a new SQLite file), never the default one:
pages that list saved plans or assumption sets read it on every run."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlplanner.storage.database import DATABASE_URL_ENV


@pytest.fixture(autouse=True)
def own_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{tmp_path / 'app.db'}")
