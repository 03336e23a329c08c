"""Driving the app with Streamlit's AppTest: open it, switch pages, load presets, edit projects."""

import json
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Element

from mlplanner.model.assumption_catalog import catalog
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.ui.assumption_editor import TAB_KEY as ASSUMPTION_TAB
from mlplanner.ui.plan_views import WHY_KEY
from mlplanner.ui.saved_plans import DETAIL_TAB, HISTORY_TAB
from mlplanner.ui.state import SCENARIO
from tests.support.markdown import shown

APP = Path(__file__).resolve().parents[2] / "app.py"
SCENARIO_PAGE = "pages/scenario.py"
PLAN_PAGE = "pages/plan.py"
PLANS_PAGE = "pages/plans.py"
COMPARE_PAGE = "pages/compare.py"
TRADEOFFS_PAGE = "pages/tradeoffs.py"
ROLE_GUIDE_PAGE = "pages/role_guide.py"
ASSUMPTIONS_PAGE = "pages/assumptions.py"
TIMELINE_PAGE = "pages/timeline.py"
TIMEOUT_S = 30
# The Scenario page's expanders drawn only when open: "Scenario file", "Existing team", "Timeline".
SCENARIO_FILES = "mlp.scenario_page.files"
SCENARIO_TEAM = "mlp.scenario_page.team"
SCENARIO_TIMELINE = "mlp.scenario_page.timeline"


def key_of(element: Element) -> str:
    """The user key of a widget the tests look up by key (Streamlit types every key optional)."""
    assert element.key is not None, element
    return element.key


def run(at: AppTest) -> AppTest:
    """Run the script and fail on any exception it showed."""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_app(scenario: Scenario | None = None) -> AppTest:
    """The app on its first page, optionally with a scenario already in session state."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    if scenario is not None:
        at.session_state[SCENARIO] = scenario
    return run(at)


def go_to(at: AppTest, page: str) -> AppTest:
    at.switch_page(page)
    return run(at)


def open_why_each_head(at: AppTest) -> AppTest:
    """Open every "Why each head" expander on the Plan page (each is drawn only when open)."""
    for role in ROLES:
        at.session_state[f"{WHY_KEY}.{role}"] = True
    return run(at)


def open_scenario_files(at: AppTest) -> AppTest:
    """Open the Scenario page's "Scenario file" expander (drawn only when open)."""
    at.session_state[SCENARIO_FILES] = True
    return run(at)


def open_expanders(at: AppTest, *keys: str) -> AppTest:
    """Open the expanders ``keys`` of the page shown (each drawn only when open)."""
    for key in keys:
        at.session_state[key] = True
    return run(at)


def current_scenario(at: AppTest) -> Scenario:
    scenario: Scenario = at.session_state[SCENARIO]
    return scenario


def button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def load_preset(at: AppTest, file_name: str) -> AppTest:
    next(box for box in at.selectbox if box.label == "Example scenario").set_value(file_name)
    run(at)
    button(at, "Load preset").click()
    return run(at)


def edit_projects(
    at: AppTest,
    edited: dict[int, dict[str, Any]] | None = None,
    added: list[dict[str, Any]] | None = None,
    deleted: list[int] | None = None,
) -> AppTest:
    """Edit the project table as the browser would: through the editor's edit state."""
    key = key_of(at.data_editor[0])
    at.session_state[key] = {
        "edited_rows": edited or {},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }
    return run(at)


def open_assumption_tab(at: AppTest, label: str) -> AppTest:
    """On the Assumptions page, open the tab ``label`` as a click would (it reruns the page;
    only the open tab's tables are drawn)."""
    at.session_state[ASSUMPTION_TAB] = label
    return run(at)


def open_plan_tab(at: AppTest, label: str = HISTORY_TAB) -> AppTest:
    """On the Plans page, open the selected plan's tab ``label`` as a click would (it reruns
    the page; only the open tab is drawn)."""
    at.session_state[DETAIL_TAB] = label
    return run(at)


def assumption_editor_key(at: AppTest, group_id: str) -> str:
    """The key of the Assumptions page's editor of a catalogue group (drawn: its tab open)."""
    [key] = [key_of(e) for e in at.data_editor if key_of(e).endswith(f".{group_id}")]
    return key


def edit_assumption(at: AppTest, group_id: str, row: int, column: str, value: Any) -> AppTest:
    """On the Assumptions page, edit one cell as the browser would: through the editor's edit
    state, opening the table's tab first if another is open."""
    if not any(key_of(e).endswith(f".{group_id}") for e in at.data_editor):
        [tab] = [g.tab for g in catalog(Assumptions.defaults()) if g.id == group_id]
        open_assumption_tab(at, tab)
    at.session_state[assumption_editor_key(at, group_id)] = {
        "edited_rows": {row: {column: value}},
        "added_rows": [],
        "deleted_rows": [],
    }
    return run(at)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def chart_specs(at: AppTest) -> list[dict[str, Any]]:
    """The Vega-Lite specs of the page's charts."""
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def chart_titles(at: AppTest) -> list[str]:
    return [title(spec) for spec in chart_specs(at)]


def title(spec: dict[str, Any]) -> str:
    """A chart's title as one line (it is drawn wrapped, in lines; "" without a title)."""
    text = spec.get("title", {}).get("text", "")
    return text if isinstance(text, str) else " ".join(text)


def subtitle(spec: dict[str, Any]) -> str:
    """A chart's subtitle as one line (it is drawn wrapped, in lines)."""
    lines: list[str] = spec["title"]["subtitle"]
    return " ".join(lines)


def texts(elements: Any) -> list[str]:
    """The elements' Markdown as a reader sees it: user text escaped by ``plain`` reads as
    typed (intended Markdown such as ``**Rule:**`` stays)."""
    return [shown(element.value) for element in elements]
