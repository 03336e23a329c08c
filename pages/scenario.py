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
from typing import Any

import pandas as pd
import streamlit as st

from mlplanner.errors import ScenarioError
from mlplanner.examples import example_scenarios
from mlplanner.model.plan import format_usd
from mlplanner.model.project_table import PROJECT_COLUMNS, project_rows, projects_frame
from mlplanner.model.rates import known_regions
from mlplanner.model.roles import ROLES, role_label
from mlplanner.model.scenario import (
    ANNOTATIONS,
    DATA_READINESS,
    DEPLOYMENTS,
    DOMAINS,
    SCALES,
    SETUP_CHOICES,
    STAGES,
    Project,
    Scenario,
    parse_scenario,
)
from mlplanner.problems import Problem, readable_problem
from mlplanner.ui.downloads import download_button, scenario_csv_file
from mlplanner.ui.labels import choice_label, region_label, setup_label
from mlplanner.ui.state import get_assumptions, get_scenario, set_scenario
from mlplanner.ui.table_height import table_height
from mlplanner.ui.text import plain
from mlplanner.ui.uploads import UPLOAD_TYPES, read_upload

REVISION = "mlp.scenario_page.revision"
EDITOR_BASE = "mlp.scenario_page.editor_base"
FILE_PROBLEMS = "mlp.scenario_page.file_problems"
PRESET = "mlp.scenario_page.preset"


def _key(name: str) -> str:
    """Widget key of this scenario revision: loading a scenario starts fresh widgets."""
    return f"mlp.scenario_page.{st.session_state.get(REVISION, 0)}.{name}"


def _replace_scenario(scenario: Scenario) -> None:
    """Make ``scenario`` current and restart every widget from it."""
    set_scenario(scenario)
    st.session_state[REVISION] = st.session_state.get(REVISION, 0) + 1
    st.session_state.pop(EDITOR_BASE, None)
    st.session_state.pop(FILE_PROBLEMS, None)


def _load_preset() -> None:
    _replace_scenario(example_scenarios()[st.session_state[PRESET]])


def _open_file(key: str) -> None:
    """Replace the scenario with an uploaded CSV or JSON file's, or keep the file's problems."""
    uploaded = st.session_state.get(key)
    if uploaded is None:
        st.session_state.pop(FILE_PROBLEMS, None)
        return
    upload = read_upload(uploaded.getvalue(), uploaded.name)
    if upload.scenario is not None:
        _replace_scenario(upload.scenario)
        return
    st.session_state[FILE_PROBLEMS] = (uploaded.name, list(upload.problems))


def _file_name(scenario: Scenario) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", scenario.name.lower()).strip("-")
    return f"{slug or 'scenario'}.json"


def render_presets_and_files(scenario: Scenario) -> None:
    examples = example_scenarios()
    pick, load = st.columns([4, 1], vertical_alignment="bottom")
    pick.selectbox(
        "Example scenario",
        options=list(examples),
        format_func=lambda name: examples[name].name,
        key=PRESET,
        help="A ready-made company and project mix to start from. Nothing changes until you "
        "press Load preset.",
    )
    load.button(
        "Load preset",
        on_click=_load_preset,
        width="stretch",
        help="Replaces the whole current scenario (name, company and projects) with the "
        "chosen example. The current scenario is not kept: download it first if you need it.",
    )
    file_problems = st.session_state.get(FILE_PROBLEMS)
    with st.expander("Scenario file (CSV or JSON)", expanded=file_problems is not None):
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
        if file_problems is not None:
            name, problems = file_problems
            st.error(
                f"{plain(name)} was not opened:\n\n" + "\n".join(f"- {plain(p)}" for p in problems)
            )


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
        help="Size of the whole company. Adds an analytics baseline (one analyst per "
        f"{assumptions.baseline_employees_per_analyst:,.0f} employees, at most "
        f"{assumptions.baseline_max_analysts:g}) and, with setup Auto, picks the setup: "
        f"startup up to {assumptions.auto_startup_max_employees:,}, scaleup up to "
        f"{assumptions.auto_scaleup_max_employees:,}, mature above.",
    )
    setup = setup_col.selectbox(
        "Setup",
        options=SETUP_CHOICES,
        index=SETUP_CHOICES.index(company.setup),
        format_func=setup_label,
        key=_key("setup"),
        help="How demand becomes people: startups let full-stack data scientists absorb small "
        "roles (cheaper, less depth); mature companies staff a specialist for every role and "
        "add leads (costlier, higher quality). Auto picks one from the number of employees.",
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
    if budget_key not in st.session_state:
        # Seeded through session state with no default, so that clearing the field means
        # "no budget" (a number input falls back to its default when cleared).
        stored = company.annual_budget_usd
        st.session_state[budget_key] = None if stored is None else int(stored)
    budget = budget_col.number_input(
        "Annual budget (USD)",
        min_value=1,
        max_value=10_000_000_000,
        value=None,
        step=50_000,
        placeholder="No budget",
        key=budget_key,
        help="What the team may cost a year. The Plan page compares the plan's cost with it "
        "and warns when the plan is over; leave empty for no budget.",
    )
    employees_col.caption(f"{employees:,} employees")
    budget_col.caption("No budget" if budget is None else f"{format_usd(budget)} a year")
    st.markdown("**Existing team**")
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
    return {
        "employees": employees,
        "setup": setup,
        "region": region,
        "annual_budget_usd": budget,
        "existing_team": {role: count for role, count in team.items() if count},
    }


def _choices(
    label: str, options: tuple[str, ...], help: str, default: str | None, width: int
) -> Any:
    return st.column_config.SelectboxColumn(
        label,
        width=width,
        options=options,
        format_func=choice_label,
        required=True,
        default=default,
        help=help,
    )


PROJECT_COLUMN_CONFIG = {
    "name": st.column_config.TextColumn(
        "Name",
        width=180,
        required=True,
        max_chars=120,
        help="Names the project in the plan's chart and explanations.",
    ),
    "domain": _choices(
        "Domain",
        DOMAINS,
        "Kind of ML work: sets the base effort per lifecycle phase and role. Frontier domains "
        "(NLP, vision, speech, RL, generative AI) need research scientists.",
        None,
        160,
    ),
    "scale": _choices(
        "Scale",
        SCALES,
        "Data volume and traffic: small halves every phase's effort, large multiplies it by 2.2.",
        Project.model_fields["scale"].default,
        80,
    ),
    "stage": _choices(
        "Stage",
        STAGES,
        "Research adds research scientists and little deployment; a prototype needs lighter "
        "deployment, integration and measurement; production needs all of them.",
        Project.model_fields["stage"].default,
        95,
    ),
    "data_readiness": _choices(
        "Readiness",
        DATA_READINESS,
        "Data readiness: raw data doubles pipeline work and adds data-quality work (data "
        "engineers); ready data needs far less.",
        Project.model_fields["data_readiness"].default,
        100,
    ),
    "annotation": _choices(
        "Annotation",
        ANNOTATIONS,
        "Labelling: in house adds data annotators, outsourced adds a vendor cost instead; "
        "both add data-science review.",
        Project.model_fields["annotation"].default,
        105,
    ),
    "deployment": _choices(
        "Deployment",
        DEPLOYMENTS,
        "How predictions are served: online and edge add deployment and integration work "
        "(ML engineers, backend developers); batch is the lightest.",
        Project.model_fields["deployment"].default,
        110,
    ),
    "count": st.column_config.NumberColumn(
        "Count",
        width=70,
        min_value=1,
        max_value=100,
        step=1,
        default=Project.model_fields["count"].default,
        required=True,
        format="%d",
        help="Number of similar projects this row stands for: multiplies its demand.",
    ),
}


def _editor_input(key: str) -> pd.DataFrame:
    """The projects table the editor starts from (see the module docstring)."""
    base: pd.DataFrame | None = st.session_state.get(EDITOR_BASE)
    if base is None or key not in st.session_state:
        base = projects_frame(get_scenario().projects)
        st.session_state[EDITOR_BASE] = base
    return base


def project_editor() -> list[dict[str, Any]]:
    """The project table editor; returns the edited rows as project data."""
    st.caption(
        "One row per project, or per group of similar projects (set Count). Add a row at the "
        "bottom of the table; select rows to delete them. Every valid change updates the plan."
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
        column_order=PROJECT_COLUMNS,
        column_config=PROJECT_COLUMN_CONFIG,
    )
    return project_rows(edited)


def show_problems(problems: list[Problem]) -> None:
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
data["projects"] = project_editor()
project_problems = st.container()
st.page_link("pages/plan.py", label="See the plan", icon=":material/bar_chart:")

names = [str(row.get("name", "")) for row in data["projects"]]
try:
    set_scenario(parse_scenario(data))
    problems: list[Problem] = []
except ScenarioError as exc:
    problems = [readable_problem(problem, names) for problem in exc.problems]

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
