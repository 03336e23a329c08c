"""Save where you are (AppTest): the sidebar of every page names the opened plan and its
revision, marks unsaved changes, saves the next revision only when something changed, and
saves as a new plan under a name it asks for, warning when a plan has that name already.

AppTest renders the sidebar (drawn by ``app.py``) on a session's first run only, so each test
puts the state in force before that run; a click's callback still runs on the next run."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from mlplanner.model.scenario import Scenario
from mlplanner.storage import plans
from mlplanner.ui.save import save_as_new_key
from mlplanner.ui.state import LOADED_PLAN, SCENARIO, LoadedPlan
from mlplanner.ui.text import plain
from tests.app.apptest import APP, TIMEOUT_S, run, texts
from tests.storage.support import fashion, save_new

BUDGET = 3_000_000
REVISION_NOTE = "mlp.sidebar_save.note"
NEW_PLAN_NOTE = "mlp.sidebar_save.new_note"
MARKDOWN_NOTE = "**bold** [x](http://evil.example)"


def opened(
    scenario: Scenario, loaded: LoadedPlan | None = None, *, save_as_new: bool = False
) -> AppTest:
    """A session on ``scenario`` (from the saved plan ``loaded``), with the "Save as new
    plan…" popover open if ``save_as_new`` (its fields are drawn only while it is open)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.session_state[SCENARIO] = scenario
    if loaded is not None:
        at.session_state[LOADED_PLAN] = loaded
    at.session_state[save_as_new_key(0)] = save_as_new
    return run(at)


def sidebar_button(at: AppTest, label: str) -> Any:
    return next(b for b in at.sidebar.button if b.label == label)


def with_budget(scenario: Scenario, budget: float) -> Scenario:
    company = scenario.company.model_copy(update={"annual_budget_usd": budget})
    return scenario.model_copy(update={"company": company})


def revisions(engine: Engine, plan_id: int) -> int:
    with Session(engine) as session:
        return plans.get_plan(session=session, plan_id=plan_id).latest_revision


def test_an_unchanged_plan_shows_its_name_and_revision_and_has_nothing_to_save(
    engine: Engine,
) -> None:
    plan = save_new(engine, "Acme lean")
    at = opened(fashion(), LoadedPlan(plan.id, "Acme lean", 1, 1))
    assert "Plan: **Acme lean**, revision 1 · saved" in texts(at.sidebar.caption)
    save = sidebar_button(at, "Save")
    assert save.disabled
    assert save.help == "Nothing changed since revision 1."


def test_a_change_is_marked_and_save_makes_the_next_revision(engine: Engine) -> None:
    plan = save_new(engine, "Acme lean")
    at = opened(with_budget(fashion(), BUDGET), LoadedPlan(plan.id, "Acme lean", 1, 1))
    assert "Plan: **Acme lean**, revision 1 · **unsaved changes**" in texts(at.sidebar.caption)
    save = sidebar_button(at, "Save")
    assert not save.disabled
    save.click()
    run(at)
    assert revisions(engine, plan.id) == 2
    assert at.session_state[LOADED_PLAN] == LoadedPlan(plan.id, "Acme lean", 2, 2)


def test_save_as_new_plan_s_fields_are_drawn_only_when_it_is_open(engine: Engine) -> None:
    save_new(engine, fashion().name)
    at = opened(fashion())
    assert not at.sidebar.text_input and not at.sidebar.warning  # nor the name looked up
    assert not [b for b in at.sidebar.button if b.label == "Save as new plan"]


def test_save_as_new_plan_asks_the_name_and_warns_on_a_duplicate(engine: Engine) -> None:
    save_new(engine, fashion().name)
    at = opened(fashion(), save_as_new=True)
    assert "Not saved as a plan yet." in texts(at.sidebar.caption)
    assert not [b for b in at.sidebar.button if b.label == "Save"]  # nothing opened to revise
    [name] = [box for box in at.sidebar.text_input if box.label == "Name"]
    assert name.value == fashion().name
    [warning] = texts(at.sidebar.warning)
    assert warning.startswith(f"A plan named “{fashion().name}” exists already")

    name.set_value("Acme mature")
    sidebar_button(at, "Save as new plan").click()
    run(at)
    with Session(engine) as session:
        names = sorted(p.name for p in plans.list_plans(session=session))
    assert names == sorted([fashion().name, "Acme mature"])
    assert at.session_state[LOADED_PLAN].name == "Acme mature"


def notes(engine: Engine, plan_id: int) -> list[str | None]:
    with Session(engine) as session:
        return [r.note for r in plans.list_revisions(session=session, plan_id=plan_id)]


def test_save_takes_a_note_only_when_there_is_something_to_save(engine: Engine) -> None:
    plan = save_new(engine, "Acme lean")
    unchanged = opened(fashion(), LoadedPlan(plan.id, "Acme lean", 1, 1))
    assert not [box for box in unchanged.sidebar.text_input if box.key == REVISION_NOTE]
    at = opened(with_budget(fashion(), BUDGET), LoadedPlan(plan.id, "Acme lean", 1, 1))
    note = at.text_input(key=REVISION_NOTE)
    assert note.label == "Note (optional)" and note.help and note.max_chars == 500
    note.set_value("Budget to $3M")
    sidebar_button(at, "Save").click()
    run(at)
    assert notes(engine, plan.id) == ["Budget to $3M", None]


def test_save_as_new_plan_takes_a_note(engine: Engine) -> None:
    at = opened(fashion(), save_as_new=True)
    at.text_input(key=NEW_PLAN_NOTE).set_value("  Starting point  ")
    sidebar_button(at, "Save as new plan").click()
    run(at)
    loaded: LoadedPlan = at.session_state[LOADED_PLAN]
    assert notes(engine, loaded.plan_id) == ["Starting point"]
    # Saved: the popover is a new one, closed, whatever the old one's state.
    assert NEW_PLAN_NOTE not in [field.key for field in at.text_input]
    at.session_state[save_as_new_key(0)] = True
    run(at)
    assert NEW_PLAN_NOTE not in [field.key for field in at.text_input]


def test_the_opened_revision_s_note_is_shown_as_plain_text_and_shortened(
    engine: Engine,
) -> None:
    plan = save_new(engine, "Acme lean", note=MARKDOWN_NOTE)
    at = opened(fashion(), LoadedPlan(plan.id, "Acme lean", 1, 1))
    captions = [caption.value for caption in at.sidebar.caption]
    assert f"Note: {plain(MARKDOWN_NOTE)}" in captions  # escaped: shown as typed
    assert f"Note: {MARKDOWN_NOTE}" in texts(at.sidebar.caption)
    long = save_new(engine, "Long", note="word " * 60)
    at = opened(fashion(), LoadedPlan(long.id, "Long", 1, 1))
    [caption] = [c for c in texts(at.sidebar.caption) if c.startswith("Note: ")]
    assert caption == "Note: " + ("word " * 16).strip() + "…"
