"""Helpers for storage tests: throwaway databases on SQLite and PostgreSQL, sample plans."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Engine, make_url
from sqlmodel import Session

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import Plan, recommend
from mlplanner.model.scenario import Scenario
from mlplanner.storage import plans
from mlplanner.storage.models import PlanSummary

_numbers = itertools.count()


def fashion() -> Scenario:
    return example_scenarios()["fashion_retailer.json"]


def seed_startup() -> Scenario:
    return example_scenarios()["seed_startup.json"]


def recommended(scenario: Scenario | None = None) -> Plan:
    return recommend(scenario or fashion())


def renamed(scenario: Scenario, name: str) -> Scenario:
    return scenario.model_copy(update={"name": name})


def save_new(engine: Engine, name: str | None = None, **kwargs: Any) -> PlanSummary:
    """A new plan of the fashion example (or ``evaluation=``) in its own session."""
    evaluation = kwargs.pop("evaluation", None) or recommended()
    with Session(engine) as session:
        return plans.create_plan(session=session, evaluation=evaluation, name=name, **kwargs)


def save_second_revision(engine: Engine, plan: PlanSummary, **kwargs: Any) -> None:
    """Revision 2 of a new plan: the seed startup's plan (or ``evaluation=``), in its own
    session."""
    evaluation = kwargs.pop("evaluation", None) or recommended(seed_startup())
    with Session(engine) as session:
        plans.save_revision(
            session=session, plan_id=plan.id, evaluation=evaluation, base_revision=1, **kwargs
        )


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the test server (dropped afterwards); yields its URL."""
    url = make_url(server_url)
    name = f"mlplanner_{os.getpid()}_{next(_numbers)}"
    admin = {"host": url.host, "port": url.port, "user": url.username, "dbname": "postgres"}
    with psycopg.connect(**admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**admin, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
