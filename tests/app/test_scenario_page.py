"""Scenario page (AppTest): presets, the company form, the project editor, validation."""

import json

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import parse_scenario
from mlplanner.ui.state import OVERRIDE, Override
from tests.app.apptest import (
    ASSUMPTIONS_PAGE,
    PLAN_PAGE,
    SCENARIO_FILES,
    SCENARIO_PAGE,
    SCENARIO_TEAM,
    button,
    current_scenario,
    edit_assumption,
    edit_projects,
    go_to,
    key_of,
    load_preset,
    metric,
    open_app,
    open_expanders,
    open_scenario_files,
    run,
    texts,
)


def company_input(at: AppTest, name: str) -> Widget:
    """A company widget by its field name (keys end in the field name)."""
    for kind in (at.text_input, at.number_input, at.selectbox):
        for widget in kind:
            if widget.key and widget.key.endswith(f".{name}"):
                return widget
    raise LookupError(name)


def test_opens_on_the_fashion_retailer_with_every_input_explained() -> None:
    at = open_app()
    assert current_scenario(at) == example_scenarios()["fashion_retailer.json"]
    assert company_input(at, "name").value == "Fashion retailer: size recommendation"
    assert list(at.data_editor[0].value["name"]) == ["Size recommendation"]
    assert not at.error
    widgets = [*at.text_input, *at.number_input, *at.selectbox, *at.button]
    assert all(widget.help for widget in widgets), [w.label for w in widgets if not w.help]
    assert "Replaces the whole current scenario" in button(at, "Load preset").help


@pytest.mark.parametrize("file_name", sorted(example_scenarios()))
def test_each_preset_loads_into_the_form_and_editor(file_name: str) -> None:
    at = open_app()
    edit_projects(at, edited={0: {"count": 5}})  # pending edits are dropped by the load
    load_preset(at, file_name)
    example = example_scenarios()[file_name]
    assert current_scenario(at) == example
    assert company_input(at, "name").value == example.name
    assert company_input(at, "employees").value == example.company.employees
    assert list(at.data_editor[0].value["name"]) == [p.name for p in example.projects]
    assert not at.error


def test_editing_a_project_changes_the_plan() -> None:
    at = open_app()
    go_to(at, PLAN_PAGE)
    people, cost = metric(at, "People"), metric(at, "Annual cost")
    go_to(at, SCENARIO_PAGE)
    edit_projects(at, edited={0: {"scale": "large", "count": 2}})
    assert current_scenario(at).projects[0].scale == "large"
    assert current_scenario(at).projects[0].count == 2
    go_to(at, PLAN_PAGE)
    assert int(metric(at, "People")) > int(people)
    assert metric(at, "Annual cost") != cost


def test_adding_and_deleting_projects() -> None:
    at = open_app()
    churn = {"name": "Churn", "domain": "tabular", "count": 1}
    edit_projects(at, added=[churn])
    assert [p.name for p in current_scenario(at).projects] == ["Size recommendation", "Churn"]
    edit_projects(at, added=[churn], deleted=[0])  # the edit state holds every edit so far
    assert [p.name for p in current_scenario(at).projects] == ["Churn"]


def test_an_invalid_project_is_reported_by_row_and_field_and_changes_nothing() -> None:
    at = open_app()
    before = current_scenario(at)
    edit_projects(at, edited={0: {"name": ""}}, added=[{"name": "Vision", "count": 0}])
    errors = texts(at.error)
    assert any(e.startswith("Project 1, name: ") for e in errors), errors
    assert "Project 2 (Vision), domain: is required" in errors
    assert any(e.startswith("Project 2 (Vision), count: ") for e in errors), errors
    assert any("last valid scenario" in w for w in texts(at.warning))
    assert current_scenario(at) == before


def test_a_new_row_starts_on_choose_and_a_missing_value_is_reported_at_its_row() -> None:
    at = open_app()
    domain = json.loads(at.data_editor[0].proto.columns)["domain"]
    # Not an empty value: the browser turns an empty default into a missing one, which the
    # required column holds back (tests/browser/test_project_editor.py).
    assert domain["default"] == "choose…"
    assert domain["type_config"]["options"][0] == {"value": "choose…", "label": "choose…"}
    name = json.loads(at.data_editor[0].proto.columns)["name"]
    assert name["default"] == ""  # a new row's name reads empty, not "None"
    # A new row as the browser sends it: the domain left on "choose…", then one without a name.
    edit_projects(
        at,
        added=[{"name": "Churn", "domain": "choose…", "count": 1}, {"name": "", "domain": "nlp"}],
    )
    errors = texts(at.error)
    assert "Project 2 (Churn), domain: is required" in errors
    assert "Project 3, name: is required" in errors
    assert len(current_scenario(at).projects) == 1  # the last valid scenario stays


def test_fixing_the_input_applies_it() -> None:
    at = open_app()
    edit_projects(at, added=[{"name": "Vision"}])
    assert len(current_scenario(at).projects) == 1
    edit_projects(at, added=[{"name": "Vision", "domain": "computer_vision"}])
    assert not at.error
    assert [p.domain for p in current_scenario(at).projects] == ["recommender", "computer_vision"]


def test_an_empty_scenario_name_is_reported_and_changes_nothing() -> None:
    at = open_app()
    before = current_scenario(at)
    company_input(at, "name").set_value("   ")
    run(at)
    assert any(e.startswith("Scenario name: ") for e in texts(at.error)), texts(at.error)
    assert current_scenario(at) == before


def test_company_edits_change_setup_region_budget_and_existing_team() -> None:
    at = open_app()
    assert "Already employed: 3 Data Analysts and 2 Data Scientists." in texts(at.caption)
    assert not [w for w in at.number_input if ".existing." in str(w.key)]  # drawn when open
    open_expanders(at, SCENARIO_TEAM)
    company_input(at, "employees").set_value(20)
    company_input(at, "region").set_value("gb")
    at.session_state[key_of(company_input(at, "budget"))] = None  # the field cleared
    company_input(at, "existing.data_scientist").set_value(0)
    run(at)
    company = current_scenario(at).company
    assert (company.employees, company.region, company.annual_budget_usd) == (20, "gb", None)
    assert company.existing_team == {"data_analyst": 3}
    assert "No budget" in texts(at.caption)
    assert "Already employed: 3 Data Analysts." in texts(at.caption)
    at.session_state[SCENARIO_TEAM] = False  # closed: the team stays as it is
    run(at)
    assert current_scenario(at).company.existing_team == {"data_analyst": 3}
    company_input(at, "setup").set_value("mature")
    run(at)
    assert current_scenario(at).company.setup == "mature"


def test_the_scenario_survives_moving_between_pages_and_later_edits_apply_once() -> None:
    at = open_app()
    company_input(at, "employees").set_value(1500)
    run(at)
    edit_projects(at, edited={0: {"scale": "small"}})
    go_to(at, PLAN_PAGE)
    go_to(at, SCENARIO_PAGE)
    assert company_input(at, "employees").value == 1500
    assert at.data_editor[0].value["scale"].tolist() == ["small"]
    # The editor restarted from the stored scenario: a new edit applies on top of it once.
    edit_projects(at, added=[{"name": "Churn", "domain": "tabular"}])
    edit_projects(at, added=[{"name": "Churn", "domain": "tabular"}], edited={0: {"count": 3}})
    projects = current_scenario(at).projects
    assert [(p.name, p.scale, p.count) for p in projects] == [
        ("Size recommendation", "small", 3),
        ("Churn", "medium", 1),
    ]
    assert current_scenario(at).company.employees == 1500


def test_visiting_the_page_keeps_an_adopted_allocation() -> None:
    at = open_app()
    at.session_state[OVERRIDE] = Override({"data_scientist": 4}, "Lean")
    run(at)
    assert at.session_state[OVERRIDE].label == "Lean"


def test_an_edit_that_drops_an_adopted_allocation_says_so() -> None:
    """The sidebar's "Adopted allocation" line had gone without a word."""
    at = open_app()
    at.session_state[OVERRIDE] = Override({"data_scientist": 4}, "Lean")
    run(at)
    company_input(at, "employees").set_value(1500)
    run(at)
    assert OVERRIDE not in at.session_state or at.session_state[OVERRIDE] is None
    assert texts(at.info)[0] == (
        "The allocation you adopted (Lean) was chosen for the scenario before this edit, so "
        "the pages show the recommended plan again: adopt a plan again on the Plan or "
        "Trade-offs page."
    )
    run(at)  # said once
    assert not any("was chosen for the scenario before" in t for t in texts(at.info))


def test_the_scenario_file_controls_are_drawn_only_when_opened() -> None:
    at = open_app()
    assert not at.file_uploader and not at.download_button  # nothing of it on a first visit
    open_scenario_files(at)
    assert len(at.file_uploader) == 1
    assert [b.label for b in at.download_button] == [
        "Download scenario (JSON)",
        "Download scenario (CSV)",
    ]


def test_a_scenario_file_can_be_downloaded_and_opened() -> None:
    at = open_scenario_files(open_app())
    download = at.download_button[0]
    assert download.proto.ignore_rerun  # on_click="ignore": downloading does not rerun
    assert download.proto.url.endswith(".json")
    startup = example_scenarios()["seed_startup.json"]
    at.file_uploader[0].set_value(("startup.json", startup.to_json().encode(), "application/json"))
    run(at)
    assert current_scenario(at) == startup
    assert company_input(at, "name").value == startup.name


def test_a_bad_scenario_file_is_rejected_with_its_problems() -> None:
    at = open_scenario_files(open_app())
    before = current_scenario(at)
    bad = before.to_dict()
    bad["company"]["employees"] = 0
    bad["projects"][0]["domain"] = "vision"
    upload = json.dumps(bad).encode()
    at.file_uploader[0].set_value(("bad.json", upload, "application/json"))
    run(at)
    message = texts(at.error)[0]
    assert message.startswith("bad.json was not opened")
    assert "Company, employees: " in message
    assert "Project 1, domain: 'vision' is not one of" in message
    assert current_scenario(at) == before
    at.file_uploader[0].set_value(("latin1.json", "é".encode("latin-1"), "application/json"))
    run(at)
    assert "not UTF-8 text" in texts(at.error)[0]
    assert parse_scenario(current_scenario(at).to_dict()) == before
    at.session_state[SCENARIO_FILES] = False  # closed: the refused file is forgotten
    run(at)
    assert not at.error
    open_scenario_files(at)
    assert not at.error and at.file_uploader[0].value is None


def test_the_sidebar_summarises_scenario_setup_plan_and_assumptions() -> None:
    # AppTest shows sidebar elements of an app with st.navigation on its first run only, so
    # the state is set up before that run; the browser test checks the sidebar after edits.
    enterprise = example_scenarios()["enterprise_portfolio.json"]
    at = open_app(enterprise)
    quality = f"{recommend(enterprise).quality:.1f}"
    assert texts(at.sidebar.markdown) == [
        "**Enterprise: a dozen mixed ML projects, six of them live**",
        f"37 people · $7.48M of $12.00M budget  \nQuality {quality} / 100",
    ]
    assert texts(at.sidebar.caption) == [
        "13 projects · 25,000 employees  \nSetup: mature (auto)",
        "Assumptions: Shipped defaults",
        "Not saved as a plan yet.",
    ]


def column_help(at: AppTest, column: str) -> str:
    """The help of a project table column as the page configured it."""
    config = json.loads(at.data_editor[0].proto.columns)
    return str(config[column]["help"])


def test_help_texts_state_the_numbers_in_force_and_follow_an_edit() -> None:
    """Help that quotes model numbers is built from the assumptions in force: edited on the
    Assumptions page, the Scenario page's help says the new numbers."""
    at = open_app()
    assert "one analyst per 1,000 employees" in company_input(at, "employees").help
    setup = company_input(at, "setup")
    assert "each team of up to 8 gets a lead" in setup.help
    assert "Scaleup: specialists from 1 FTE" in setup.options
    assert "Small: every phase ×0.5" in column_help(at, "scale")
    assert "Raw: data pipelines ×2," in column_help(at, "data_readiness")

    go_to(at, ASSUMPTIONS_PAGE)
    edit_assumption(at, "baseline", 0, "Value", 750)
    edit_assumption(at, "span", 0, "Value", 6)
    edit_assumption(at, "setups", 1, "Absorb below (FTE)", 2.5)
    edit_assumption(at, "adjustments", 0, "Multiplier", 0.4)
    go_to(at, SCENARIO_PAGE)

    assert "one analyst per 750 employees" in company_input(at, "employees").help
    setup = company_input(at, "setup")
    assert "each team of up to 6 gets a lead" in setup.help
    assert "the first 2.5 FTE of every role" in setup.help
    assert "Scaleup: specialists from 2.5 FTE" in setup.options
    assert "Small: every phase ×0.4" in column_help(at, "scale")
    assert not at.error


def test_a_project_s_priority_is_shown_edited_and_kept_through_other_edits() -> None:
    # Until the editor had a Priority column, any edit of the table reset every project's
    # priority (set in a JSON file) to 3.
    base = example_scenarios()["fashion_retailer.json"]
    [project] = base.projects
    prioritised = base.model_copy(update={"projects": [project.model_copy(update={"priority": 5})]})
    at = open_app(prioritised)
    column = json.loads(at.data_editor[0].proto.columns)["priority"]
    assert column["default"] == 3 and column["help"]
    assert (column["type_config"]["min_value"], column["type_config"]["max_value"]) == (1, 5)
    count = json.loads(at.data_editor[0].proto.columns)["count"]
    assert (count["type_config"]["min_value"], count["type_config"]["max_value"]) == (1, 100)
    edit_projects(at, edited={0: {"count": 2}})
    assert [(p.count, p.priority) for p in current_scenario(at).projects] == [(2, 5)]
    edit_projects(at, edited={0: {"priority": 1}})
    assert current_scenario(at).projects[0].priority == 1


def test_ticking_on_hold_keeps_a_project_out_of_the_plan_and_says_so() -> None:
    """ "On hold" sits beside the name; ticked, the project stays in the scenario but the plan
    is that of the scenario without it, and the page names the projects on hold."""
    base = example_scenarios()["enterprise_portfolio.json"]
    at = open_app(base)
    editor = at.data_editor[0]
    assert json.loads(editor.proto.columns)["on_hold"]["default"] is False
    assert list(editor.proto.column_order)[:2] == ["name", "on_hold"]
    edit_projects(at, edited={4: {"on_hold": True}})
    held = current_scenario(at)
    assert [p.name for p in held.projects if p.on_hold] == [base.projects[4].name]
    assert len(held.projects) == len(base.projects)
    without = base.model_copy(update={"projects": [*base.projects[:4], *base.projects[5:]]})
    assert recommend(held).allocation == recommend(without).allocation
    assert f"On hold, so not planned: {base.projects[4].name}. Untick On hold to plan one." in (
        texts(at.info)
    )
    edit_projects(at, edited={4: {"on_hold": False}})
    assert not any(p.on_hold for p in current_scenario(at).projects)
    # "Work %" plans a share of a project's work, beside it too
    assert list(editor.proto.column_order)[2] == "work_percent"
    edit_projects(at, edited={3: {"work_percent": 50}})
    assert current_scenario(at).projects[3].work_percent == 50
    name = base.projects[3].name
    assert f"Planned in part: {name} (50% of its work)." in " ".join(texts(at.info))
    assert recommend(current_scenario(at)).annual_cost_usd < recommend(base).annual_cost_usd
