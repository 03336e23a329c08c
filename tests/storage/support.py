"""Helpers for storage tests: throwaway databases on SQLite and PostgreSQL, sample plans."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypedDict

import psycopg
from psycopg import sql
from sqlalchemy import Engine, make_url
from sqlmodel import Session, select

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import Plan, recommend
from mlplanner.model.scenario import Scenario
from mlplanner.storage import plans
from mlplanner.storage.models import AssumptionSnapshot, PlanSummary, Revision

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


PREVIOUS_QUALITY = 91.3  # what the previous definition gave the fashion plan, as saved
PREVIOUS_VALUES = {  # the previous definition's fields, as such a set stored them
    "quality_weights": {"coverage": 0.45, "depth": 0.3, "resilience": 0.1, "coordination": 0.15},
    "handoff_penalty": 0.25,
}


def save_previous_definition(engine: Engine, name: str | None = None) -> PlanSummary:
    """A new plan whose only revision was saved before this quality definition: its
    assumption snapshot holds the previous fields and its figures the previous score."""
    plan = save_new(engine, name)
    with Session(engine) as session:
        revision = session.exec(select(Revision).where(Revision.plan_id == plan.id)).one()
        snapshot = session.get(AssumptionSnapshot, revision.assumptions_id)
        assert snapshot is not None
        values = json.loads(snapshot.values_json) | PREVIOUS_VALUES
        values_json = json.dumps(values, sort_keys=True, separators=(",", ":"))
        old = AssumptionSnapshot(
            digest=hashlib.sha256(values_json.encode()).hexdigest(),
            values_json=values_json,
            created_at=snapshot.created_at,
        )
        session.add(old)
        session.flush()
        assert old.id is not None
        revision.assumptions_id = old.id
        revision.quality = PREVIOUS_QUALITY
        session.add(revision)
        session.commit()
    return plan


class _ServerLogin(TypedDict):
    """psycopg.connect's keywords for the server's own database, as postgres_database uses them."""

    host: str | None
    port: int | None
    user: str | None
    dbname: str


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the test server (dropped afterwards); yields its URL."""
    url = make_url(server_url)
    name = f"mlplanner_{os.getpid()}_{next(_numbers)}"
    admin: _ServerLogin = {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "dbname": "postgres",
    }
    with psycopg.connect(**admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**admin, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
