"""Revision choices for comparing plans: every revision of live plans, last saved first."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session

from mlplanner.storage import plans
from mlplanner.storage.revisions import revision_choices
from tests.storage.support import save_new, save_second_revision


def test_every_revision_of_live_plans_is_a_choice_newest_first(engine: Engine) -> None:
    first = save_new(engine, "First")
    second = save_new(engine, "Second")
    binned = save_new(engine, "Binned")
    save_second_revision(engine, first, assumption_set_name="Lean")
    with Session(engine) as session:
        plans.delete(session=session, plan_id=binned.id)
        choices = revision_choices(session=session)
    assert [(c.plan_name, c.number, c.is_latest) for c in choices] == [
        ("First", 2, True),
        ("First", 1, False),
        ("Second", 1, True),
    ]
    assert [c.assumption_set_name for c in choices] == [
        "Lean",
        "Shipped defaults",
        "Shipped defaults",
    ]
    assert {c.plan_id for c in choices} == {first.id, second.id}


def test_the_number_of_choices_is_capped(engine: Engine) -> None:
    for name in ("A", "B", "C"):
        save_new(engine, name)
    with Session(engine) as session:
        assert [c.plan_name for c in revision_choices(session=session, limit=2)] == ["C", "B"]
