"""Scenario page: the company and its ML projects.

Every change is validated as a whole scenario; a valid one becomes the scenario every page
uses, an invalid one is reported by row and field and changes nothing (the last valid scenario
stays in force). Edits are applied in one place, at the end of the script.

The project editor's input is a snapshot of the stored projects taken when the editor starts
(first view, back from another page, after loading a scenario), never its own output: the
editor's edits are relative to its input, so feeding edited data back would lose edits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from mlplanner.errors import ScenarioError
from mlplanner.examples import blank_scenario, example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.hiring import derived_capacity
from mlplanner.model.project_table import PROJECT_COLUMNS, project_rows, projects_frame
from mlplanner.model.rates import known_regions
from mlplanner.model.roles import ROLES, role_label
from mlplanner.model.scenario import (
    ANNOTATIONS,
    DATA_READINESS,
    DEFAULT_PRIORITY,
    DEPLOYMENTS,
    DOMAINS,
    LIFECYCLES,
    MAX_HORIZON_QUARTERS,
    SCALES,
    SETUP_CHOICES,
    STAGES,
    Company,
    Project,
    Scenario,
    parse_scenario,
)
from mlplanner.model.wording import count, format_usd, joined, people
from mlplanner.problems import FormProblem, form_problem
from mlplanner.reports.scenario_help import (
    employees_help,
    project_column_help,
    setup_help,
    setup_label,
)
from mlplanner.ui import widgets
from mlplanner.ui.downloads import download_button, scenario_csv_file
from mlplanner.ui.labels import choice_label, region_label
from mlplanner.ui.on_demand import opened
from mlplanner.ui.state import (
    Slot,
    get_assumptions,
    get_override,
    get_scenario,
    set_loaded_plan,
    set_scenario,
)
from mlplanner.ui.table_height import table_height
from mlplanner.ui.text import plain
from mlplanner.ui.timeline_views import (
    HORIZON_HELP,
    PLAN_START_HELP,
    capacity_help,
    capacity_placeholder,
    plan_start_label,
    plan_start_option,
    plan_start_options,
    plan_start_value,
)
from mlplanner.ui.uploads import UPLOAD_TYPES, Refused, read_upload

T = TypeVar("T")

SCOPE = "scenario_page"
CHOOSE = "choose…"
# A choice column's value before one is chosen. Not empty: the browser turns an empty default
# into a missing value, which a required column holds back, without a word, until it is filled.
UNCHOSEN = CHOOSE
EDITOR_BASE: Slot[pd.DataFrame] = Slot("mlp.scenario_page.editor_base")
REFUSED: Slot[Refused] = Slot("mlp.scenario_page.refused")
# The expanders (open or closed) drawn only while open.
FILES_KEY = "mlp.scenario_page.files"
TEAM_KEY = "mlp.scenario_page.team"
TIMELINE_KEY = "mlp.scenario_page.timeline"


def _key(name: str) -> str:
    """Widget key in this page's scope: loading a scenario starts fresh widgets."""
    return widgets.scoped_key(SCOPE, name)


def _replace_scenario(scenario: Scenario) -> None:
    """Make ``scenario`` current and restart every widget from it."""
    set_scenario(scenario)
    widgets.reset(SCOPE)
    EDITOR_BASE.clear()
    REFUSED.clear()


def _load_preset(key: str) -> None:
    chosen = widgets.value(key)
    if chosen is not None:
        _replace_scenario(example_scenarios()[chosen])
        set_loaded_plan(None)


def _new_scenario() -> None:
    _replace_scenario(blank_scenario())
    set_loaded_plan(None)


def _shown_example(scenario: Scenario, examples: dict[str, Scenario]) -> int | None:
    """Position of the example the scenario shown comes from (by its name), if any."""
    names = [example.name for example in examples.values()]
    return names.index(scenario.name) if scenario.name in names else None


def _open_file(key: str) -> None:
    """Replace the scenario with an uploaded CSV or JSON file's, or keep the file's problems."""
    uploaded = widgets.value(key)
    if uploaded is None:
        REFUSED.clear()
        return
    upload = read_upload(uploaded.getvalue(), uploaded.name)
    if upload.scenario is not None:
        _replace_scenario(upload.scenario)
        return
    REFUSED.set(Refused(uploaded.name, upload.problems))


def _file_name(scenario: Scenario) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", scenario.name.lower()).strip("-")
    return f"{slug or 'scenario'}.json"


def render_presets_and_files(scenario: Scenario) -> None:
    examples = example_scenarios()
    key = _key("preset")
    pick, load, new = st.columns([4, 1, 1], vertical_alignment="bottom")
    pick.selectbox(
        "Example scenario",
        options=list(examples),
        index=_shown_example(scenario, examples),
        format_func=lambda name: examples[name].name,
        placeholder="Choose an example…",
        key=key,
        help="A ready-made company and project mix to start from. Nothing changes until you "
        "press Load preset. Shows the example the scenario on screen comes from, if any.",
    )
    load.button(
        "Load preset",
        on_click=_load_preset,
        args=(key,),
        width="stretch",
        help="Replaces the whole current scenario (name, company and projects) with the "
        "chosen example. The current scenario is not kept: save it first if you need it.",
    )
    new.button(
        "New scenario",
        on_click=_new_scenario,
        width="stretch",
        help="Starts from a blank scenario: no projects, no team, no budget. The current "
        "scenario is not kept: save it first if you need it.",
    )
    render_scenario_files(scenario)


def render_scenario_files(scenario: Scenario) -> None:
    """The scenario file's downloads and upload, in an expander drawn only while it is open
    (opening it reruns the page): nothing of it is sent on a first visit. A refused file's
    problems are forgotten when it closes (the uploader, not drawn, forgets its file too)."""
    files = opened("Scenario file (CSV or JSON)", FILES_KEY)
    if files is None:
        REFUSED.clear()
        return
    refused = REFUSED.get()
    with files:
        json_col, csv_col = st.columns(2)
        json_col.download_button(
            "Download scenario (JSON)",
            data=scenario.to_json(),
            file_name=_file_name(scenario),
            mime="application/json",
            on_click="ignore",
            help="Saves the scenario in force (the last valid one) as a JSON file that you can "
            "open here again or plan with the command line (python -m mlplanner recommend).",
        )
        with csv_col:
            download_button(scenario_csv_file(scenario), key="mlp.scenario_page.csv")
        key = _key("file")
        st.file_uploader(
            "Open a scenario file",
            type=UPLOAD_TYPES,
            key=key,
            on_change=_open_file,
            args=(key,),
            help="Replaces the whole current scenario with the file's: a scenario CSV (one row "
            "per project, as downloaded here; UTF-8, commas or semicolons) or JSON (format "
            "mlplanner.scenario/1). A file with any problem changes nothing; every problem "
            "is listed here, by row and column for a CSV.",
        )
        if refused is not None:
            st.error(refused.markdown("was not opened"))


def name_input(scenario: Scenario) -> str:
    return st.text_input(
        "Scenario name",
        value=scenario.name,
        max_chars=120,
        key=_key("name"),
        help="Names this scenario in the sidebar, the plan and downloaded files.",
    )


def company_form(scenario: Scenario) -> dict[str, Any]:
    """The company widgets; returns their values as the scenario's company data."""
    company = scenario.company
    assumptions = get_assumptions()
    employees_col, setup_col, region_col, budget_col = st.columns(4)
    employees = employees_col.number_input(
        "Employees",
        min_value=1,
        max_value=10_000_000,
        value=company.employees,
        step=1,
        key=_key("employees"),
        help=employees_help(assumptions),
    )
    setup = setup_col.selectbox(
        "Setup",
        options=SETUP_CHOICES,
        index=SETUP_CHOICES.index(company.setup),
        format_func=lambda setup: setup_label(setup, assumptions),
        key=_key("setup"),
        help=setup_help(assumptions),
    )
    regions = known_regions()
    region = region_col.selectbox(
        "Region",
        options=regions,
        index=regions.index(company.region),
        format_func=region_label,
        key=_key("region"),
        help="Sets salaries: the median pay of each role in this region, from the shipped "
        "rate card. Changes cost only, not headcount.",
    )
    budget_key = _key("budget")
    # Seeded with no default, so that clearing the field means "no budget" (a number input
    # falls back to its default when cleared).
    stored = company.annual_budget_usd
    widgets.seed(budget_key, None if stored is None else int(stored))
    budget = budget_col.number_input(
        "Annual budget (USD)",
        min_value=1,
        max_value=10_000_000_000,
        value=None,
        step=50_000,
        placeholder="No budget",
        key=budget_key,
        help="What the team may cost a year. The plan makes changes beyond the staffing "
        "rules' cost (a person more worth their cost) only within it; where even the rules' "
        "team costs more, the plan stays that team. The Plan page compares the plan's cost "
        "with it and, when the plan is over, warns and shows what the budget buys (whole "
        "projects, or everyone on every project where that scores higher); "
        "leave empty for no budget.",
    )
    employees_col.caption(f"{count(employees)} employees")
    budget_col.caption("No budget" if budget is None else f"{format_usd(budget)} a year")
    return {
        "employees": employees,
        "setup": setup,
        "region": region,
        "annual_budget_usd": budget,
        "existing_team": existing_team_form(scenario),
        **timeline_form(scenario, employees),
    }


def team_summary(team: dict[str, int]) -> str:
    """The existing team in a sentence, shown under its expander (open or closed)."""
    if not team:
        return "Nobody employed yet: everyone in the plan is a hire."
    employed = [people(team[role], role) for role in ROLES if team.get(role)]
    return f"Already employed: {joined(employed)}."


def existing_team_form(scenario: Scenario) -> dict[str, int]:
    """The existing team's inputs, one per role, as the company's existing team. They are in
    an expander drawn only while it is open (opening it reruns the page), with the team in a
    sentence under it; closed, the team stays as the scenario has it."""
    company = scenario.company
    return _summarised(
        "Existing team",
        TEAM_KEY,
        lambda: _team_inputs(company),
        dict(company.existing_team),
        team_summary,
    )


def _summarised(
    label: str, key: str, inputs: Callable[[], T], kept: T, summary: Callable[[T], str]
) -> T:
    """An expander drawn only while it is open (opening it reruns the page) and a sentence
    under it, open or closed: the ``inputs``' values while open, else the ``kept`` ones, and
    the sentence ``summary`` makes of them as this run leaves them."""
    box = opened(label, key)
    line = st.empty()  # filled last: the values as this run leaves them
    if box is not None:
        with box:
            values = inputs()
    else:
        values = kept
    line.caption(summary(values))
    return values


def _team_inputs(company: Company) -> dict[str, int]:
    st.caption(
        "People already employed, by role. They are kept in the plan and cover demand first; "
        "only the difference becomes the hiring list."
    )
    team: dict[str, int] = {}
    columns = st.columns(3)
    for i, role in enumerate(ROLES):
        team[role] = columns[i % 3].number_input(
            role_label(role),
            min_value=0,
            max_value=100_000,
            value=company.existing_team.get(role, 0),
            step=1,
            key=_key(f"existing.{role}"),
            help=f"{role_label(role)}s already employed: kept in the plan, not hired.",
        )
    return {role: n for role, n in team.items() if n}


def timeline_summary(timeline: dict[str, Any], employees: int) -> str:
    """The timeline fields (company data) in a sentence, shown under their expander (open or
    closed); a derived hiring capacity is derived from ``employees``."""
    start = plan_start_label(plan_start_option(timeline["plan_start"]))
    capacity = timeline["hiring_capacity_per_quarter"]
    hiring = (
        f"{count(capacity)} a quarter"
        if capacity is not None
        else f"{count(derived_capacity(employees, get_assumptions()))} a quarter, "
        f"derived from {count(employees)} employees"
    )
    return (
        f"Starts {start[:1].lower()}{start[1:]}, over {count(timeline['horizon_quarters'])} "
        f"quarters; hiring capacity {hiring}."
    )


def timeline_form(scenario: Scenario, employees: int) -> dict[str, Any]:
    """The timeline widgets (plan start, horizon, hiring capacity) as company data, in an
    expander drawn only while it is open, with the fields in a sentence under it; closed,
    they stay as the scenario has them (the Timeline page edits them too)."""
    company = scenario.company
    kept = {
        "plan_start": company.plan_start,
        "horizon_quarters": company.horizon_quarters,
        "hiring_capacity_per_quarter": company.hiring_capacity_per_quarter,
    }
    return _summarised(
        "Timeline",
        TIMELINE_KEY,
        lambda: _timeline_inputs(scenario),
        kept,
        lambda timeline: timeline_summary(timeline, employees),
    )


def _timeline_inputs(scenario: Scenario) -> dict[str, Any]:
    company = scenario.company
    st.caption(
        "When the plan starts and how fast the company can hire: the Timeline page dates every "
        "hire from these."
    )
    start_col, horizon_col, capacity_col = st.columns(3)
    options = plan_start_options(company.plan_start)
    plan_start = start_col.selectbox(
        "Plan start",
        options=options,
        index=options.index(plan_start_option(company.plan_start)),
        format_func=plan_start_label,
        key=_key("plan_start"),
        help=PLAN_START_HELP,
    )
    horizon = horizon_col.number_input(
        "Horizon (quarters)",
        min_value=1,
        max_value=MAX_HORIZON_QUARTERS,
        value=company.horizon_quarters,
        step=1,
        key=_key("horizon"),
        help=HORIZON_HELP,
    )
    capacity_key = _key("capacity")
    # As the budget: seeded with no default, so that clearing it means "derived".
    widgets.seed(capacity_key, company.hiring_capacity_per_quarter)
    capacity = capacity_col.number_input(
        "Hiring capacity (hires a quarter)",
        min_value=1,
        max_value=100_000,
        value=None,
        step=1,
        placeholder=capacity_placeholder(scenario, get_assumptions()),
        key=capacity_key,
        help=capacity_help(scenario, get_assumptions()),
    )
    return {
        "plan_start": plan_start_value(plan_start),
        "horizon_quarters": horizon,
        "hiring_capacity_per_quarter": capacity,
    }


def _choices(
    label: str, options: tuple[str, ...], help: str, default: str | None, width: int
) -> Any:
    """A choice column; one without a default starts new rows on "choose…" (a value the
    editor reads as missing, :func:`project_editor`, and the scenario reports at its row),
    never on an empty cell that reads "None" and that the table would hold back, without a
    word, until it is filled."""
    return st.column_config.SelectboxColumn(
        label,
        width=width,
        options=options if default is not None else (UNCHOSEN, *options),
        format_func=lambda value: CHOOSE if value == UNCHOSEN else choice_label(str(value)),
        required=True,
        default=UNCHOSEN if default is None else default,
        help=help,
    )


def _whole_number(label: str, help: str, field: str, width: int = 70) -> Any:
    """A whole-number column of a project field, within the field's own bounds and starting
    new rows on its default."""
    bounds = {type(m).__name__: m for m in Project.model_fields[field].metadata}
    return st.column_config.NumberColumn(
        label,
        width=width,
        min_value=getattr(bounds.get("Ge"), "ge", None),
        max_value=getattr(bounds.get("Le"), "le", None),
        step=1,
        default=Project.model_fields[field].default,
        required=True,
        format="%d",
        help=help,
    )


# The editor shows "On hold" and "Work %" beside the name, seen without scrolling sideways.
_UP_FRONT = ("name", "on_hold", "work_percent")
EDITOR_COLUMNS = (*_UP_FRONT, *(c for c in PROJECT_COLUMNS if c not in _UP_FRONT))


def project_column_config(assumptions: Assumptions, region: str) -> dict[str, Any]:
    """The project table's columns; the help of those the effort numbers decide is built from
    the assumptions in force."""
    helps = project_column_help(assumptions, choice_label, region)
    return {
        "name": st.column_config.TextColumn(
            "Name",
            width=140,
            required=False,  # a row without a name is reported at its row, not held back
            max_chars=120,
            default="",  # a new row's name is empty, not "None"
            help="Names the project in the plan's chart and explanations.",
        ),
        "domain": _choices(
            "Domain",
            DOMAINS,
            helps["domain"],
            None,
            160,
        ),
        "scale": _choices(
            "Scale",
            SCALES,
            helps["scale"],
            Project.model_fields["scale"].default,
            80,
        ),
        "stage": _choices(
            "Stage",
            STAGES,
            helps["stage"],
            Project.model_fields["stage"].default,
            95,
        ),
        "data_readiness": _choices(
            "Readiness",
            DATA_READINESS,
            helps["data_readiness"],
            Project.model_fields["data_readiness"].default,
            100,
        ),
        "annotation": _choices(
            "Annotation",
            ANNOTATIONS,
            helps["annotation"],
            Project.model_fields["annotation"].default,
            105,
        ),
        "deployment": _choices(
            "Deployment",
            DEPLOYMENTS,
            helps["deployment"],
            Project.model_fields["deployment"].default,
            110,
        ),
        "lifecycle": _choices(
            "Lifecycle",
            LIFECYCLES,
            "Build: the model is being built this year (full effort). Run: it is already live and "
            "needs only monitoring, retraining, incidents and data fixes (a share of the build "
            "effort per phase, on the Assumptions page).",
            Project.model_fields["lifecycle"].default,
            80,
        ),
        "count": _whole_number(
            "Count",
            "Number of similar projects this row stands for: multiplies its demand.",
            "count",
        ),
        "priority": _whole_number(
            "Priority",
            f"How much the project matters, 1 to 5 ({DEFAULT_PRIORITY} by default): quality "
            "weighs each project by its size times its priority, and budget advice leaves out "
            "the lowest priority first.",
            "priority",
        ),
        "work_percent": _whole_number(
            "Work %",
            "The share of the project's work planned, 1 to 100 (100 by default: all of it). "
            "Its people, outsourced labelling and weight in the quality score are that share "
            "of the project's. Adopting budget advice that staffs a project in part sets it.",
            "work_percent",
            width=85,  # "Work %" beside the column's edit icon
        ),
        "start": st.column_config.TextColumn(
            "Start",
            width=85,
            max_chars=7,
            help="Quarter the project's work starts, written like 2027-Q1. Empty: the plan start.",
        ),
        "live_from": st.column_config.TextColumn(
            "Live from",
            width=85,
            max_chars=7,
            help="Quarter a project being built goes live, written like 2027-Q3; from then on it "
            "needs only its smaller run effort (the timeline). Live by its start or the plan "
            "start (a set quarter, not 'Next quarter'), the plan sizes it as a live model. Not "
            "before its start; empty: built throughout.",
        ),
        "on_hold": st.column_config.CheckboxColumn(
            "On hold",
            width=85,
            default=False,
            help="Kept in the scenario but not planned: no people, no outsourced labelling, no "
            "weight in the quality score. Adopting budget advice that leaves a project "
            "unstaffed puts it on hold; untick to plan it again.",
        ),
    }


def _editor_input(key: str) -> pd.DataFrame:
    """The projects table the editor starts from (see the module docstring)."""
    base = EDITOR_BASE.get()
    if base is None or widgets.value(key) is None:
        base = projects_frame(get_scenario().projects)
        EDITOR_BASE.set(base)
    return base


def project_editor() -> list[dict[str, Any]]:
    """The project table editor; returns the edited rows as project data."""
    st.caption(
        "One row per project, or per group of similar projects (set Count). Add a row at the "
        "bottom of the table; select rows to delete them. Tick On hold to keep a project "
        "without planning it. Every valid change updates the plan."
    )
    key = _key("projects")
    table = _editor_input(key)
    edited = st.data_editor(
        table,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=table_height(len(table) + 1),  # and the row for adding one
        column_order=EDITOR_COLUMNS,
        column_config=project_column_config(get_assumptions(), get_scenario().company.region),
    )
    chosen = edited.copy()
    chosen["domain"] = chosen["domain"].where(chosen["domain"] != UNCHOSEN, None)
    return project_rows(chosen)


def show_problems(problems: list[FormProblem]) -> None:
    for problem in problems:
        st.error(plain(problem.text))


scenario = get_scenario()
st.title("Scenario")
st.caption("Describe the company and its ML projects; the Plan page staffs them.")
status = st.container()
render_presets_and_files(scenario)

st.subheader("Company")
data: dict[str, Any] = {"name": name_input(scenario)}
name_problems = st.container()
data["company"] = company_form(scenario)
company_problems = st.container()

st.subheader("Projects")
on_hold = st.container()  # filled once this run's edits are in force
data["projects"] = project_editor()
project_problems = st.container()
st.page_link("pages/plan.py", label="See the plan", icon=":material/bar_chart:")

names = [str(row.get("name", "")) for row in data["projects"]]
adopted = get_override()
try:
    set_scenario(parse_scenario(data))
    problems: list[FormProblem] = []
except ScenarioError as exc:
    problems = [form_problem(problem, names) for problem in exc.problems]

if adopted is not None and get_override() is None:
    # An edit drops the adopted allocation (it was chosen for the scenario before): said, not
    # silent (the sidebar's "Adopted allocation" line had just gone)
    named = plain(adopted.named)
    status.info(
        f"{named[0].upper()}{named[1:]} was chosen for the scenario before this edit, so the "
        "pages show the recommended plan again: adopt a plan again on the Plan or Trade-offs "
        "page."
    )
in_force = get_scenario()
held = [project.name for project in in_force.projects if project.on_hold]
part = [
    f"{p.name} ({p.work_percent}% of its work)" for p in in_force.planned if p.work_percent < 100
]
notes = [f"On hold, so not planned: {joined(held)}. Untick On hold to plan one."] if held else []
if part:
    notes.append(f"Planned in part: {joined(part)}. Set Work % to 100 to plan all of one.")
if notes:
    on_hold.info(plain(" ".join(notes)))
if problems:
    status.warning(
        "Some input needs fixing (see below). Until it is fixed, the plan uses the last "
        "valid scenario."
    )
with name_problems:
    show_problems([p for p in problems if p.section == "scenario"])
with company_problems:
    show_problems([p for p in problems if p.section == "company"])
with project_problems:
    show_problems([p for p in problems if p.section == "projects"])
