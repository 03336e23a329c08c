"""Plans page (AppTest): save, find, open, rename, duplicate, delete with undo, the trash,
revision history and the Save control's conflict handling, against a temporary SQLite file."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from mlplanner.model.assumptions import PREVIOUS_QUALITY_NOTE
from mlplanner.model.plan import evaluate
from mlplanner.storage import plans
from mlplanner.storage.database import DATABASE_URL_ENV
from mlplanner.ui.state import LOADED_PLAN, OVERRIDE, SCENARIO, LoadedPlan, Override
from tests.app.apptest import (
    PLANS_PAGE,
    button,
    current_scenario,
    go_to,
    open_app,
    open_plan_tab,
    run,
    texts,
)
from tests.storage.support import (
    PREVIOUS_QUALITY,
    fashion,
    recommended,
    renamed,
    save_new,
    save_previous_definition,
    save_second_revision,
    seed_startup,
)

NOTE = "mlp.plans_save.note"
MARKDOWN_NOTE = "**bold** [x](http://evil.example) $x^2$"


def plans_page() -> AppTest:
    return go_to(open_app(), PLANS_PAGE)


def click(at: AppTest, label: str) -> AppTest:
    button(at, label).click()
    return run(at)


def edited(at: AppTest, budget: float = 3_100_000) -> AppTest:
    """The session's scenario with another budget: something to save a revision of."""
    scenario = current_scenario(at)
    company = scenario.company.model_copy(update={"annual_budget_usd": budget})
    at.session_state[SCENARIO] = scenario.model_copy(update={"company": company})
    return run(at)


def listed(engine: Engine, **kwargs: Any) -> list[str]:
    with Session(engine) as session:
        return [plan.name for plan in plans.list_plans(session=session, **kwargs)]


def table_names(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value["Name"])


def loaded(at: AppTest) -> LoadedPlan:
    value: LoadedPlan = at.session_state[LOADED_PLAN]
    return value


def test_an_empty_database_says_what_to_do_and_every_input_is_explained(engine: Engine) -> None:
    at = plans_page()
    assert any("No saved plans yet" in info for info in texts(at.info))
    assert not any("python -m" in info for info in texts(at.info))  # the app's own way
    assert [t.value for t in at.title] == ["Plans"]
    widgets = [*at.text_input, *at.selectbox, *at.button, *at.radio]
    assert all(widget.help for widget in widgets), [w.label for w in widgets if not w.help]


def test_saving_the_current_plan_lists_it_and_remembers_it(engine: Engine) -> None:
    at = plans_page()
    click(at, "Save as a new plan")
    assert texts(at.success) == ["Saved **Fashion retailer: size recommendation** as a new plan."]
    assert listed(engine) == [fashion().name]
    assert table_names(at) == [fashion().name]
    assert loaded(at).base_revision == 1
    # Nothing changed yet: a revision of the same inputs would only clutter the history.
    unchanged = button(at, "Save as revision 2")
    assert unchanged.disabled and unchanged.help == "Nothing changed since revision 1."
    edited(at)
    assert not button(at, "Save as revision 2").disabled
    click(at, "Save as revision 2")
    assert "as revision 2" in texts(at.success)[0]
    assert loaded(at).base_revision == 2
    assert button(at, "Save as revision 3").disabled  # saved: nothing to save again


def test_a_note_is_saved_with_the_revision_and_shown_as_typed_in_the_history(
    engine: Engine,
) -> None:
    at = plans_page()
    note = at.text_input(key=NOTE)
    assert note.label == "Note (optional)" and note.help
    note.set_value("  First cut  ")
    click(at, "Save as a new plan")
    assert at.text_input(key=NOTE).value == ""  # emptied for the next save
    edited(at).text_input(key=NOTE).set_value(MARKDOWN_NOTE)
    click(at, "Save as revision 2")
    history = open_plan_tab(at).dataframe[1].value
    assert list(history["Revision"]) == [2, 1]
    assert list(history["Note"]) == [MARKDOWN_NOTE, "First cut"]
    assert list(history["Details"]) == ["", ""]
    assert "budget" in history["Changed"][0]
    with Session(engine) as session:
        [plan] = plans.list_plans(session=session)
        saved = plans.list_revisions(session=session, plan_id=plan.id)
    assert [revision.note for revision in saved] == [MARKDOWN_NOTE, "First cut"]


def test_a_bad_note_is_refused_with_a_message_and_nothing_is_saved(engine: Engine) -> None:
    at = plans_page()
    assert at.text_input(key=NOTE).max_chars == 500  # the field itself stops a longer one
    at.text_input(key=NOTE).set_value("two\tcolumns")
    click(at, "Save as a new plan")
    assert texts(at.error) == ["Note: must not contain control characters (tabs, newlines, …)"]
    assert listed(engine) == []
    assert at.text_input(key=NOTE).value == "two\tcolumns"  # kept, to correct


def test_searching_and_sorting_the_list(engine: Engine) -> None:
    for name in ("Beta plan", "Alpha plan", "Gamma"):
        save_new(engine, name)
    at = plans_page()
    assert table_names(at) == ["Gamma", "Alpha plan", "Beta plan"]
    at.selectbox(key="mlp.plans.sort").set_value("name")
    run(at)
    assert table_names(at) == ["Alpha plan", "Beta plan", "Gamma"]
    at.text_input(key="mlp.plans.search").set_value("PLAN")
    run(at)
    assert table_names(at) == ["Alpha plan", "Beta plan"]
    assert "Plans 1–2 of 2." in texts(at.caption)
    at.text_input(key="mlp.plans.search").set_value("nothing")
    run(at)
    assert any("No plan's name contains" in info for info in texts(at.info))


def test_opening_a_plan_loads_it_into_the_scenario_and_plan_pages(engine: Engine) -> None:
    seed = renamed(seed_startup(), "Seeded")
    plan = save_new(engine, "Seeded", evaluation=recommended(seed))
    at = plans_page()
    click(at, "Open")
    assert [t.value for t in at.title] == ["Plan"]
    assert current_scenario(at) == seed
    assert loaded(at) == LoadedPlan(plan.id, "Seeded", 1, 1)


def test_opening_over_unsaved_changes_warns_first(engine: Engine) -> None:
    """Open replaced the changes on screen at once, without a word."""
    save_new(engine, "Seeded", evaluation=recommended(renamed(seed_startup(), "Seeded")))
    at = plans_page()
    click(at, "Open")
    at = go_to(edited(at), PLANS_PAGE)
    assert texts(at.warning) == [
        "Seeded has unsaved changes on screen: opening a plan replaces them. Save them first "
        "(sidebar) if you need them."
    ]
    assert button(at, "Open").help.endswith("save it first if you need it.")
    click(at, "Open")  # opening it again drops the change
    assert not go_to(at, PLANS_PAGE).warning


def test_opening_an_older_revision_and_an_adopted_allocation(engine: Engine) -> None:
    plan = save_new(engine, "History")
    adopted = evaluate(seed_startup(), {"full_stack_data_scientist": 1})
    with Session(engine) as session:
        plans.save_revision(
            session=session,
            plan_id=plan.id,
            evaluation=adopted,
            base_revision=1,
            allocation_label="Lean",
        )
    at = open_plan_tab(plans_page())
    history = at.dataframe[1].value
    assert list(history["Revision"]) == [2, 1]
    assert list(history["People"]) == [1, plan.total_headcount]
    assert history["Details"][0] == "adopted: Lean"
    assert history["Changed"][1] == "first save"
    assert history["Changed"][0].startswith("budget $2.50M → $300k; employees 800 → 12;")
    click(open_plan_tab(at, "Open and manage"), "Open")
    assert at.session_state[OVERRIDE] == Override(adopted.allocation, "Lean")
    at = open_plan_tab(plans_page())
    at.selectbox(key=f"mlp.plans.revision.{plan.id}").set_value(1)
    run(at)
    click(at, "Open this revision")
    assert current_scenario(at) == fashion()
    assert loaded(at) == LoadedPlan(plan.id, "History", 1, 2)
    assert OVERRIDE not in at.session_state


def test_restoring_a_revision_makes_it_the_newest(engine: Engine) -> None:
    plan = save_new(engine, "Restore me")
    save_second_revision(engine, plan)
    at = open_plan_tab(plans_page())
    assert button(at, "Restore as newest").disabled  # revision 2 is already the newest
    at.selectbox(key=f"mlp.plans.revision.{plan.id}").set_value(1)
    run(at)
    click(at, "Restore as newest")
    assert "now its newest revision (3)" in texts(at.success)[0]
    assert list(at.dataframe[1].value["Details"]) == ["restored from revision 1", "", ""]


def test_renaming_shows_the_new_name_and_refuses_a_bad_one(engine: Engine) -> None:
    plan = save_new(engine, "Old name")
    at = plans_page()
    at.text_input(key=f"mlp.plans.rename.{plan.id}").set_value("New name")
    run(at)
    click(at, "Rename")
    assert texts(at.success) == ["Renamed to **New name**."]
    assert listed(engine) == ["New name"]
    at.text_input(key=f"mlp.plans.rename.{plan.id}").set_value("two\nlines")
    run(at)
    click(at, "Rename")
    assert texts(at.error) == ["Name: must not contain control characters (tabs, newlines, …)"]
    assert listed(engine) == ["New name"]


def test_duplicate_then_delete_with_undo(engine: Engine) -> None:
    save_new(engine, "Original")
    at = plans_page()
    click(at, "Duplicate")
    assert texts(at.success) == ["Copied to **Copy of Original**."]
    assert table_names(at) == ["Copy of Original", "Original"]
    click(at, "Delete")
    assert texts(at.success) == ["Moved **Copy of Original** to the trash."]
    assert listed(engine) == ["Original"]
    click(at, "Undo delete")
    assert listed(engine) == ["Copy of Original", "Original"]
    assert not [b for b in at.button if b.label == "Undo delete"]


def test_the_trash_restores_and_purges_only_when_confirmed(engine: Engine) -> None:
    save_new(engine, "Keep")
    plan = save_new(engine, "Bin")
    with Session(engine) as session:
        plans.delete(session=session, plan_id=plan.id)
    at = plans_page()
    at.radio(key="mlp.plans.view").set_value("Trash")
    run(at)
    assert table_names(at) == ["Bin"]
    assert button(at, "Delete for good").disabled
    click(at, "Restore")
    assert listed(engine) == ["Bin", "Keep"]
    assert any("trash is empty" in info for info in texts(at.info))
    with Session(engine) as session:
        plans.delete(session=session, plan_id=plan.id)
    run(at)
    at.checkbox(key=f"mlp.plans.confirm_purge.{plan.id}").check()
    run(at)
    click(at, "Delete for good")
    assert texts(at.success) == ["Deleted **Bin** and its revisions for good."]
    assert listed(engine, trash=True) == [] and listed(engine) == ["Keep"]


def test_a_conflicting_save_offers_to_save_a_copy(engine: Engine) -> None:
    plan = save_new(engine, "Shared")
    at = plans_page()
    click(at, "Open")
    go_to(at, PLANS_PAGE)
    save_second_revision(engine, plan)  # a colleague saves in between
    edited(at).text_input(key=NOTE).set_value("My version")
    click(at, "Save as revision 2")
    [conflict] = [w for w in texts(at.warning) if "saved elsewhere since you opened it" in w]
    assert conflict.startswith(f"Plan {plan.id} ('Shared') was saved elsewhere")
    assert at.text_input(key=NOTE).value == "My version"  # nothing saved: the note stays
    click(at, "Save as a copy")
    assert texts(at.success) == ["Saved **Copy of Shared** as a new plan."]
    assert listed(engine) == ["Copy of Shared", "Shared"]
    with Session(engine) as session:
        colleague = plans.open_revision(session=session, plan_id=plan.id)
        copy = plans.open_revision(session=session, plan_id=loaded(at).plan_id)
    assert colleague.revision.number == 2 and colleague.scenario == seed_startup()
    assert colleague.revision.note is None
    assert loaded(at).name == "Copy of Shared"
    assert copy.revision.note == "My version"


def test_markup_in_a_name_is_shown_as_text(engine: Engine) -> None:
    name = "<b>Bold?</b> **no** $x$"
    save_new(engine, name)
    at = plans_page()
    assert table_names(at) == [name]
    assert at.subheader[0].value == r"\<b\>Bold?\</b\> \*\*no\*\* \$x\$"


def test_an_unusable_database_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "not a database url")
    at = plans_page()
    assert any("is not a database URL" in error for error in texts(at.error))


def test_a_plan_saved_under_the_previous_quality_definition_says_so(engine: Engine) -> None:
    plan = save_previous_definition(engine, "Old score")
    at = plans_page()
    assert any(
        c.endswith(f"quality {PREVIOUS_QUALITY:.1f} / 100 ({PREVIOUS_QUALITY_NOTE})")
        for c in texts(at.caption)
    )
    history = open_plan_tab(at).dataframe[1].value
    assert list(history["Quality"]) == [round(PREVIOUS_QUALITY, 1)]  # as saved
    assert history["Details"][0] == PREVIOUS_QUALITY_NOTE
    click(open_plan_tab(at, "Open and manage"), "Open")
    assert [t.value for t in at.title] == ["Plan"]
    assert loaded(at) == LoadedPlan(plan.id, "Old score", 1, 1, PREVIOUS_QUALITY)
    now = recommended().quality
    assert texts(at.info)[0] == (
        f"Old score, revision 1, was saved with quality {PREVIOUS_QUALITY:.1f}, "
        f"{PREVIOUS_QUALITY_NOTE}; today's definition scores it {now:.1f}."
    )


def test_a_plan_saved_under_this_definition_says_nothing_of_the_previous_one(
    engine: Engine,
) -> None:
    save_new(engine, "New score")
    at = plans_page()
    assert not any(PREVIOUS_QUALITY_NOTE in c for c in texts(at.caption))
    assert open_plan_tab(at).dataframe[1].value["Details"][0] == ""
    click(open_plan_tab(at, "Open and manage"), "Open")
    assert not any(PREVIOUS_QUALITY_NOTE in i for i in texts(at.info))


def test_only_the_selected_plans_open_tab_is_drawn(engine: Engine) -> None:
    plan = save_new(engine, "Tabs")
    at = plans_page()
    assert [tab.label for tab in at.tabs] == ["Open and manage", "History and export"]
    assert button(at, "Open") and button(at, "Rename")
    assert len(at.dataframe) == 1  # the list of plans; no history
    assert not at.get("download_button")
    at = open_plan_tab(at)
    assert len(at.dataframe) == 2 and len(at.get("download_button")) == 3
    assert at.selectbox(key=f"mlp.plans.revision.{plan.id}").value == 1
    assert "Open" not in [b.label for b in at.button]
    # The tab stays open when another plan is chosen.
    other = save_new(engine, "Another")
    at = run(at)  # lists it
    at.selectbox(key="mlp.plans.selected").set_value(other.id)
    at = run(at)
    assert at.selectbox(key=f"mlp.plans.revision.{other.id}").value == 1
