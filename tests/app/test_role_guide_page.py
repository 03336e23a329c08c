"""Role guide page (AppTest): every role's entry, and the responsibility heatmap of the plan."""

from typing import Any

import pytest

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import evaluate, recommend
from mlplanner.model.roles import PHASE_LABELS, PHASES, ROLE_COLORS, role_label
from mlplanner.model.scenario import Scenario
from mlplanner.reports.responsibility import matrix_headline, phase_work, working_roles
from mlplanner.reports.role_guide import profiles
from mlplanner.ui.responsibility_chart import GAP_COLOR
from mlplanner.ui.state import OVERRIDE, Override
from tests.app.apptest import (
    ROLE_GUIDE_PAGE,
    chart_specs,
    chart_titles,
    go_to,
    open_app,
    run,
    texts,
)


def role_guide(scenario: Scenario, override: Override | None = None) -> Any:
    at = open_app(scenario)
    if override is not None:
        at.session_state[OVERRIDE] = override
    return go_to(at, ROLE_GUIDE_PAGE)


def open_tab(at: Any, label: str) -> Any:
    """The role tab ``label``, chosen as a click would (it reruns the page)."""
    at.session_state["mlp.role_guide.role"] = label
    run(at)
    [tab] = [tab for tab in at.tabs if tab.label == label]
    return tab


def test_a_role_the_generalists_absorb_says_so() -> None:
    fashion = example_scenarios()["fashion_retailer.json"]
    company = fashion.company.model_copy(update={"setup": "startup"})  # generalists deploy
    scenario = fashion.model_copy(update={"company": company})
    plan = recommend(scenario)
    assert plan.allocation["ml_engineer"] == 0
    tab = open_tab(role_guide(scenario), "ML Engineer")
    fte = plan.quality_detail.generalist_fte["ml_engineer"]
    assert f"nobody; full-stack data scientists cover its {fte:.1f} FTE of work" in " ".join(
        texts(tab.markdown)
    )


def test_every_role_has_its_tab_with_its_entry() -> None:
    at = role_guide(example_scenarios()["fashion_retailer.json"])
    labels = [role_label(p.role) for p in profiles()]
    assert [tab.label for tab in at.tabs if tab.label in set(labels)] == labels
    for label, entry in zip(labels, profiles(), strict=True):
        tab = open_tab(at, label)
        # Only the open tab is drawn.
        assert all(not other.markdown for other in at.tabs if other.label != label)
        markdown = " ".join(texts(tab.markdown))
        assert entry.does in markdown
        assert entry.startup in markdown and entry.mature in markdown
        assert all(skill in markdown for skill in entry.skills)
        for phase in entry.carries:
            assert PHASE_LABELS[phase] in markdown


@pytest.mark.parametrize("file_name", sorted(example_scenarios()))
def test_heatmap_shows_who_carries_each_phase_of_the_plan(file_name: str) -> None:
    scenario = example_scenarios()[file_name]
    phases = phase_work(recommend(scenario))
    at = role_guide(scenario)
    assert chart_titles(at) == [matrix_headline(phases)]
    [spec] = chart_specs(at)
    cells = spec["layer"][0]["encoding"]
    roles = working_roles(phases)
    assert cells["color"]["scale"]["domain"][: len(roles)] == [role_label(r) for r in roles]
    assert cells["color"]["scale"]["range"][: len(roles)] == [ROLE_COLORS[r] for r in roles]
    assert cells["tooltip"]
    table = at.dataframe[0].value
    assert list(table["Phase"]) == [PHASE_LABELS[p] for p in PHASES]
    expected = [
        role_label(p.responsible) if p.responsible else "nobody" if p.demand_fte else "no demand"
        for p in phases
    ]
    assert list(table["Responsible"]) == expected


def test_gaps_show_as_a_grey_row_and_a_warning() -> None:
    seed = example_scenarios()["seed_startup.json"]
    # As a mature team, nobody is staffed for the seed startup's small deployment work.
    scenario = seed.model_copy(
        update={"company": seed.company.model_copy(update={"setup": "mature"})}
    )
    at = role_guide(scenario)
    [spec] = chart_specs(at)
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale["domain"][-1] == "Not covered" and scale["range"][-1] == GAP_COLOR
    assert "Work nobody is staffed for" in at.warning[0].value


def test_an_adopted_allocation_is_what_the_matrix_shows() -> None:
    scenario = example_scenarios()["fashion_retailer.json"]
    allocation = {"data_engineer": 1, "data_scientist": 2}
    at = role_guide(scenario, Override(allocation, "lean"))
    phases = phase_work(evaluate(scenario, allocation))
    assert chart_titles(at) == [matrix_headline(phases)]
    table = at.dataframe[0].value
    deployment = table[table["Phase"] == "Deployment"].iloc[0]
    assert deployment["Responsible"] == "nobody"


def test_an_empty_team_says_what_to_do() -> None:
    scenario = example_scenarios()["fashion_retailer.json"]
    at = role_guide(scenario, Override({}, "nobody"))
    assert "Nobody in the current plan does phase work yet" in at.info[0].value
    assert not at.get("vega_lite_chart")
