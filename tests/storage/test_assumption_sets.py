"""Named assumption sets on SQLite and PostgreSQL: save, overwrite, list, load, delete, bad
names refused, and plans keeping the values they were saved with."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import recommend
from mlplanner.storage import assumption_sets, plans
from mlplanner.storage.errors import AssumptionSetNameError, AssumptionSetNotFoundError
from mlplanner.storage.models import AssumptionSet, AssumptionSnapshot, Revision
from tests.storage.support import fashion
from tests.support.builders import assumptions_with, project_data, scenario

SHIPPED = Assumptions.defaults()


def dearer() -> Assumptions:
    return assumptions_with(loaded_cost_multiplier=SHIPPED.loaded_cost_multiplier + 0.2)


def names(session: Session) -> list[str]:
    return [found.name for found in assumption_sets.list_assumption_sets(session=session)]


def count(session: Session, model: type[AssumptionSet] | type[AssumptionSnapshot]) -> int:
    total = session.exec(select(func.count()).select_from(model)).one()
    session.rollback()
    return int(total)


def test_a_saved_set_loads_back_with_exactly_its_values(session: Session) -> None:
    saved = assumption_sets.save_assumption_set(
        session=session, name="  Dear hires  ", assumptions=dearer()
    )
    assert saved.name == "Dear hires"
    assert saved.created_at == saved.updated_at
    loaded = assumption_sets.load_assumption_set(session=session, name="Dear hires")
    assert loaded == dearer()
    assert loaded != SHIPPED


def test_sets_are_listed_by_name_ignoring_case(session: Session) -> None:
    for name in ("beta", "Alpha", "gamma"):
        assumption_sets.save_assumption_set(session=session, name=name, assumptions=SHIPPED)
    assert names(session) == ["Alpha", "beta", "gamma"]


def test_saving_under_an_existing_name_overwrites_it_with_a_new_snapshot(
    session: Session,
) -> None:
    first = assumption_sets.save_assumption_set(session=session, name="Mine", assumptions=SHIPPED)
    second = assumption_sets.save_assumption_set(session=session, name="Mine", assumptions=dearer())
    assert second.id == first.id
    assert second.created_at == first.created_at
    assert second.updated_at >= first.updated_at
    assert assumption_sets.load_assumption_set(session=session, name="Mine") == dearer()
    assert names(session) == ["Mine"]
    # The first values' snapshot is still there, unchanged: plans may point at it.
    assert count(session, AssumptionSnapshot) == 2


def test_a_plan_keeps_its_values_when_its_set_is_overwritten_or_deleted(
    session: Session,
) -> None:
    assumption_sets.save_assumption_set(session=session, name="Mine", assumptions=dearer())
    evaluation = recommend(fashion(), assumptions=dearer())
    plan = plans.create_plan(session=session, evaluation=evaluation, assumption_set_name="Mine")
    assumption_sets.save_assumption_set(session=session, name="Mine", assumptions=SHIPPED)
    assumption_sets.delete_assumption_set(session=session, name="Mine")
    opened = plans.open_revision(session=session, plan_id=plan.id)
    assert opened.assumptions == dearer()
    assert opened.revision.assumption_set_name == "Mine"
    assert opened.evaluate().annual_cost_usd == evaluation.annual_cost_usd


def test_a_set_and_a_plan_with_the_same_values_share_one_snapshot(session: Session) -> None:
    plans.create_plan(session=session, evaluation=recommend(fashion()))
    assumption_sets.save_assumption_set(session=session, name="Same", assumptions=SHIPPED)
    assert count(session, AssumptionSnapshot) == 1


def test_deleting_a_set_forgets_its_name(session: Session) -> None:
    assumption_sets.save_assumption_set(session=session, name="Gone", assumptions=SHIPPED)
    assumption_sets.delete_assumption_set(session=session, name="Gone")
    assert names(session) == []
    with pytest.raises(AssumptionSetNotFoundError, match="'Gone' does not exist"):
        assumption_sets.load_assumption_set(session=session, name="Gone")
    with pytest.raises(AssumptionSetNotFoundError, match="'Gone' does not exist"):
        assumption_sets.delete_assumption_set(session=session, name="Gone")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("x" * 121, "at most 120 characters"),
        ("two\nlines", "control characters"),
        ("shipped DEFAULTS", "reserved for the shipped defaults"),
        ("Lean (edited)", "must not end in '(edited)'"),
        ("Lean (from plan)", "must not end in '(from plan)'"),
    ],
)
def test_a_bad_name_is_refused_and_nothing_is_stored(
    engine: Engine, name: str, message: str
) -> None:
    with Session(engine) as session:
        pattern = rf"assumption set name: .*{re.escape(message)}"
        with pytest.raises(AssumptionSetNameError, match=pattern):
            assumption_sets.save_assumption_set(session=session, name=name, assumptions=dearer())
        assert count(session, AssumptionSet) == 0
        assert count(session, AssumptionSnapshot) == 0


def test_markup_in_a_name_is_stored_as_typed(session: Session) -> None:
    name = "**bold** <b>x</b> $1 :red[x] 日本"
    assumption_sets.save_assumption_set(session=session, name=name, assumptions=SHIPPED)
    assert names(session) == [name]


OLD_FLAT_VENDOR_PRICE = 45_000.0
"""The single vendor price every set held before vendor prices were per region."""


def store_in_the_old_format(session: Session, snapshot: int) -> None:
    """Rewrite a stored snapshot as an older version wrote it: one flat vendor price."""
    row = session.get(AssumptionSnapshot, snapshot)
    assert row is not None
    values = json.loads(row.values_json)
    values["vendor_annotation_usd_per_fte"] = OLD_FLAT_VENDOR_PRICE
    row.values_json = json.dumps(values, sort_keys=True, separators=(",", ":"))
    session.add(row)
    session.commit()


def test_a_set_saved_with_one_flat_vendor_price_opens_with_it_in_every_region(
    session: Session,
) -> None:
    assumption_sets.save_assumption_set(session=session, name="Old", assumptions=SHIPPED)
    snapshot = session.exec(
        select(AssumptionSet.snapshot_id).where(AssumptionSet.name == "Old")
    ).one()
    store_in_the_old_format(session, snapshot)
    loaded = assumption_sets.load_assumption_set(session=session, name="Old")
    assert loaded.vendor_annotation_usd_per_fte == dict.fromkeys(
        SHIPPED.rates, OLD_FLAT_VENDOR_PRICE
    )
    per_region = {"vendor_annotation_usd_per_fte": SHIPPED.vendor_annotation_usd_per_fte}
    assert loaded.model_copy(update=per_region) == SHIPPED


def test_a_plan_saved_with_one_flat_vendor_price_recomputes_to_the_same_cost(
    session: Session,
) -> None:
    """Outsourced labelling in India: the old flat price, not the new Indian one, is what the
    plan was made with, and what it still costs when opened."""
    labelled = scenario(
        project_data(name="Vision", domain="computer_vision", annotation="outsourced"),
        region="in",
    )
    flat = assumptions_with(vendor_annotation_usd_per_fte=OLD_FLAT_VENDOR_PRICE)
    evaluation = recommend(labelled, assumptions=flat)
    [vendor] = evaluation.vendor_lines
    assert vendor.annual_cost_usd == round(vendor.fte_equivalent * OLD_FLAT_VENDOR_PRICE)
    plan = plans.create_plan(session=session, evaluation=evaluation)
    snapshot = session.exec(
        select(Revision.assumptions_id).where(Revision.plan_id == plan.id)
    ).one()
    store_in_the_old_format(session, snapshot)

    opened = plans.open_revision(session=session, plan_id=plan.id)
    assert opened.assumptions == flat
    again = opened.evaluate()
    assert again.vendor_lines == evaluation.vendor_lines
    assert again.annual_cost_usd == evaluation.annual_cost_usd
    assert recommend(labelled).vendor_cost_usd < evaluation.vendor_cost_usd
