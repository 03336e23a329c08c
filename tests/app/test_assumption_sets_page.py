"""Named assumption sets in the app (AppTest): save the set in force, load and delete saved
sets, bad names and database errors as messages, and a saved plan opening with the values it
was saved with even after the shipped defaults change."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import recommend
from mlplanner.model.wording import format_usd
from mlplanner.storage import assumption_sets
from mlplanner.storage.database import DATABASE_URL_ENV
from mlplanner.ui.model_help import MODEL_HELP_KEY
from mlplanner.ui.state import IN_FORCE, InForce
from tests.app.apptest import (
    ASSUMPTIONS_PAGE,
    PLAN_PAGE,
    PLANS_PAGE,
    button,
    go_to,
    key_of,
    metric,
    open_app,
    run,
    texts,
)
from tests.support.builders import assumptions_with

COST = "Current plan: annual cost"
FASHION = example_scenarios()["fashion_retailer.json"]
NAME = "mlp.assumption_sets.name"
CHOICE = "mlp.assumption_sets.choice"


def dear() -> Assumptions:
    return assumptions_with(loaded_cost_multiplier=1.6)


def assumptions_page(in_force: Assumptions | None = None, name: str = "") -> AppTest:
    at = open_app(FASHION)
    if in_force is not None:
        at.session_state[IN_FORCE] = InForce(in_force, name)
    return go_to(at, ASSUMPTIONS_PAGE)


def click(at: AppTest, label: str) -> AppTest:
    button(at, label).click()
    return run(at)


def saved(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return [s.name for s in assumption_sets.list_assumption_sets(session=session)]


def test_the_set_in_force_is_saved_under_the_name_typed(engine: Engine) -> None:
    at = assumptions_page(dear(), "Shipped defaults (edited)")
    assert at.text_input(key=NAME).value == ""
    assert any("No saved sets yet" in caption for caption in texts(at.caption))
    at.text_input(key=NAME).set_value("Dear hires")
    click(at, "Save set")
    assert texts(at.success) == [r"Saved the assumptions in force as **Dear hires**."]
    assert saved(engine) == ["Dear hires"]
    with Session(engine) as session:
        assert assumption_sets.load_assumption_set(session=session, name="Dear hires") == dear()
    assert at.session_state[IN_FORCE].name == "Dear hires"
    assert at.selectbox(key=CHOICE).value == "Dear hires"
    widgets = [*at.text_input, *at.selectbox, *at.button]
    assert all(widget.help for widget in widgets), [w.label for w in widgets if not w.help]


@pytest.mark.parametrize(
    ("name", "message"),
    [("  ", "must not be empty"), ("Shipped defaults", "reserved for the shipped defaults")],
)
def test_an_invalid_set_name_is_refused_with_a_message(
    engine: Engine, name: str, message: str
) -> None:
    at = assumptions_page(dear(), "Mine (edited)")
    assert at.text_input(key=NAME).value == "Mine"
    at.text_input(key=NAME).set_value(name)
    click(at, "Save set")
    assert any(message in error for error in texts(at.error)), texts(at.error)
    assert saved(engine) == []
    assert at.session_state[IN_FORCE].name == "Mine (edited)"


def test_a_set_cannot_be_saved_while_edits_are_invalid(engine: Engine) -> None:
    at = assumptions_page()
    [key] = [key_of(e) for e in at.data_editor if key_of(e).endswith(".rates")]
    at.session_state[key] = {
        "edited_rows": {0: {"Salary (USD a year)": -1}},
        "added_rows": [],
        "deleted_rows": [],
    }
    run(at)
    assert button(at, "Save set").disabled


def test_loading_a_set_applies_it_to_the_plan_at_once(engine: Engine) -> None:
    with Session(engine) as session:
        assumption_sets.save_assumption_set(session=session, name="Dear hires", assumptions=dear())
    at = assumptions_page()
    assert metric(at, COST) == format_usd(recommend(FASHION).annual_cost_usd)
    click(at, "Load set")
    assert at.session_state[IN_FORCE] == InForce(dear(), "Dear hires")
    dear_cost = format_usd(recommend(FASHION, assumptions=dear()).annual_cost_usd)
    assert metric(at, COST) == dear_cost
    assert "Dear hires" in " ".join(texts(at.markdown))
    go_to(at, PLAN_PAGE)
    assert metric(at, "Annual cost").startswith(dear_cost)


def test_deleting_a_set_forgets_it(engine: Engine) -> None:
    with Session(engine) as session:
        assumption_sets.save_assumption_set(session=session, name="Old", assumptions=dear())
    at = assumptions_page()
    click(at, "Delete set")
    assert texts(at.success) == [r"Deleted the assumption set **Old**."]
    assert saved(engine) == []


def test_an_unreachable_database_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{blocker / 'plans.db'}")
    at = assumptions_page()
    assert any("cannot create" in error for error in texts(at.error)), texts(at.error)
    at.text_input(key=NAME).set_value("Anything")
    click(at, "Save set")
    assert any("cannot create" in error for error in texts(at.error)), texts(at.error)


def test_a_saved_plan_gives_the_same_figures_after_the_defaults_change(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved under a named set; then the shipped defaults change (a new release, say); the
    plan opens with the values it was saved with, not today's."""
    at = open_app(FASHION)
    at.session_state[IN_FORCE] = InForce(dear(), "Dear hires")
    go_to(at, PLANS_PAGE)
    click(at, "Save as a new plan")
    saved_plan = recommend(FASHION, assumptions=dear())
    headline = [metric(go_to(at, PLAN_PAGE), label) for label in ("People", "Annual cost")]
    assert headline == [str(saved_plan.total_headcount), format_usd(saved_plan.annual_cost_usd)]

    new_defaults = assumptions_with(loaded_cost_multiplier=1.1)
    monkeypatch.setattr(Assumptions, "defaults", classmethod(lambda cls: new_defaults))
    today = recommend(FASHION, assumptions=new_defaults)
    assert format_usd(today.annual_cost_usd) != format_usd(saved_plan.annual_cost_usd)

    at = go_to(open_app(FASHION), PLAN_PAGE)
    assert metric(at, "Annual cost").startswith(format_usd(today.annual_cost_usd))
    go_to(at, PLANS_PAGE)
    click(at, "Open")
    assert at.session_state[IN_FORCE] == InForce(dear(), "Dear hires (from plan)")
    assert [metric(at, label) for label in ("People", "Annual cost")] == headline
    at.session_state[MODEL_HELP_KEY] = True  # "How the model works" names the set in force
    go_to(at, PLAN_PAGE)
    assert any("Dear hires (from plan)" in caption for caption in texts(at.caption))
