"""Bad input never reaches the database: refused with a clear message, or stored as text."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session

from mlplanner.errors import ScenarioError
from mlplanner.model.scenario import parse_scenario
from mlplanner.storage import plans
from mlplanner.storage.errors import PlanNameError
from mlplanner.storage.models import metadata
from tests.storage.support import fashion, recommended, save_new
from tests.support.builders import project_data, scenario_data

BAD_NAMES = [
    ("", "name: must not be empty"),
    ("   \u00a0 ", "name: must not be empty"),
    ("x" * 10_000, "name: must be at most 120 characters (this one has 10,000)"),
    ("x" * 121, "name: must be at most 120 characters (this one has 121)"),
    ("Q3\nplan", "name: must not contain control characters"),
    ("tab\there", "name: must not contain control characters"),
    ("nul\x00byte", "name: must not contain control characters"),
    ("\x1b[31mred", "name: must not contain control characters"),
    ("c1\x85control", "name: must not contain control characters"),
    ("line\u2028separator", "name: must not contain control characters"),
]
SAFE_NAMES = [
    "<script>alert('x')</script>",
    "<b>bold</b> & <i>more</i>",
    "**not bold** _nor italic_ $x$ :red[no colour]",
    '=HYPERLINK("http://evil")',
    "Équipe données 数据团队 🚀",
    "x" * 120,
]


def snapshot(engine: Engine) -> dict[str, list[Any]]:
    """Every row of every table, to check that nothing changed."""
    with engine.connect() as connection:
        return {
            name: sorted(map(tuple, connection.execute(table.select()).all()), key=repr)
            for name, table in metadata.tables.items()
        }


@pytest.mark.parametrize(("name", "message"), BAD_NAMES)
def test_a_bad_name_is_refused_and_nothing_changes(engine: Engine, name: str, message: str) -> None:
    existing = save_new(engine, "Existing plan")
    before = snapshot(engine)
    with Session(engine) as session:
        with pytest.raises(PlanNameError, match=message.replace("(", r"\(").replace(")", r"\)")):
            plans.create_plan(session=session, evaluation=recommended(), name=name)
        with pytest.raises(PlanNameError, match="name: must"):
            plans.rename(session=session, plan_id=existing.id, name=name)
        with pytest.raises(PlanNameError, match="name: must"):
            plans.duplicate(session=session, plan_id=existing.id, name=name)
    assert snapshot(engine) == before


@pytest.mark.parametrize("name", SAFE_NAMES)
def test_markup_and_unicode_in_a_name_are_stored_as_plain_text(engine: Engine, name: str) -> None:
    plan = save_new(engine, name)
    with Session(engine) as session:
        assert plans.get_plan(session=session, plan_id=plan.id).name == name
        assert [p.name for p in plans.list_plans(session=session, search=name[:20])] == [name]


def test_an_invalid_scenario_is_refused_before_anything_is_stored(engine: Engine) -> None:
    save_new(engine, "Existing plan")
    before = snapshot(engine)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(scenario_data(project_data(domain="vision"), employees=-5))
    assert any(p.location[:2] == ("company", "employees") for p in caught.value.problems)
    # A scenario that skipped validation (built in code) is still checked on the way in.
    unchecked = fashion().model_copy(update={"name": "bad\nname", "projects": []})
    evaluation = dataclasses.replace(recommended(), scenario=unchecked)
    with Session(engine) as session, pytest.raises(ScenarioError, match="name: must not"):
        plans.create_plan(session=session, evaluation=evaluation, name="Fine name")
    assert snapshot(engine) == before


def test_the_database_itself_refuses_an_empty_or_overlong_name(engine: Engine) -> None:
    save_new(engine, "Existing plan")
    for bad in ("", "y" * 121):
        with engine.connect() as connection, pytest.raises((IntegrityError, DataError)):
            connection.execute(text("UPDATE plan SET name = :name"), {"name": bad})
            connection.commit()
    with Session(engine) as session:
        assert [p.name for p in plans.list_plans(session=session)] == ["Existing plan"]
