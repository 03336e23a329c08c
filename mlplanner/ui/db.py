"""The app's database: one engine per server process, one session per action.

The engine is cached with ``st.cache_resource`` (keyed by the database URL, so a test that
points ``MLPLANNER_DATABASE_URL`` elsewhere gets its own); sessions and ORM objects are never
cached: the data layer returns plain read models. Each session acts as the signed-in user
(or the local user without sign-in), whose rights the data layer checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from mlplanner.storage.access import Actor, session_for
from mlplanner.storage.database import database_url, open_database, unavailable
from mlplanner.ui.auth import current_actor


@st.cache_resource(show_spinner="Opening the plans database…")
def _engine(url: str) -> Engine:
    # A failure raises and is not cached: the next run tries again.
    return open_database(url)


def engine() -> Engine:
    """The engine for ``MLPLANNER_DATABASE_URL`` (or the default file), schema up to date."""
    return _engine(database_url())


@contextmanager
def db_session() -> Iterator[Session]:
    """A session for one action; database failures become a one-line StorageError."""
    with session_on(engine(), current_actor()) as session:
        yield session


@contextmanager
def session_on(current: Engine, actor: Actor) -> Iterator[Session]:
    """A session on ``current`` acting as ``actor``: what :func:`db_session` opens, for a
    thread outside the script run (it reads no session state); database failures become a
    one-line StorageError."""
    try:
        with session_for(Session(current), actor) as session:
            yield session
    except SQLAlchemyError as exc:
        raise unavailable(current, exc) from None
