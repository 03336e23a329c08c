"""Demand: FTE per project x phase x role, from base effort and the project's attributes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import (
    BASELINE_SOURCE,
    SHARED_SOURCES,
    Demand,
    baseline_analysts,
    compute_demand,
    effort_parts,
)
from mlplanner.model.plan import recommend
from mlplanner.model.roles import PHASES, SPECIALIST_ROLES
from mlplanner.model.scenario import Project, Scenario, parse_scenario
from tests.support import strategies
from tests.support.builders import assumptions_with, project_data, scenario, scenario_data

DEFAULTS = Assumptions.defaults()
# Index of each phase and role in the demand array, keyed by name as the tests look them up.
P: dict[str, int] = {phase: i for i, phase in enumerate(PHASES)}
R: dict[str, int] = {role: i for i, role in enumerate(SPECIALIST_ROLES)}


def multiplier(attribute: str, value: str, phase: str) -> float:
    """Product of the shipped multipliers one attribute value applies to a phase (any role)."""
    result = 1.0
    for adj in DEFAULTS.adjustments:
        if (adj.attribute, adj.value) == (attribute, value) and adj.phase in ("*", phase):
            result *= adj.multiplier
    return result


def projects_fte(demand: Demand, projects: int) -> np.ndarray:
    """Phase x role demand of the projects: their own work plus the shared platform work."""
    return demand.fte[:projects].sum(axis=0) + demand.fte[projects + 1 :].sum(axis=0)


def project_fte(s: Scenario, role: str, phase: str, assumptions: Assumptions = DEFAULTS) -> float:
    """One project's demand in a phase and role (its own work and its platform work)."""
    return float(projects_fte(compute_demand(s, assumptions), 1)[P[phase], R[role]])


def test_a_medium_production_project_with_partial_data_is_its_base_effort() -> None:
    s = scenario(project_data(domain="recommender"), employees=1)
    unit = projects_fte(compute_demand(s, DEFAULTS), 1)
    base = DEFAULTS.effort["recommender"]
    for phase, by_role in base.items():
        for role, fte in by_role.items():
            assert unit[P[phase], R[role]] == pytest.approx(fte)
    assert unit.sum() == pytest.approx(sum(sum(r.values()) for r in base.values()))


def test_online_deployment_scales_deployment_and_integration() -> None:
    s = scenario(project_data(domain="recommender", deployment="online"))
    base = DEFAULTS.effort["recommender"]
    for phase, role in (("deployment", "ml_engineer"), ("integration", "developer")):
        expected = base[phase][role] * multiplier("deployment", "online", phase)
        assert expected > base[phase][role]
        assert project_fte(s, role, phase) == pytest.approx(expected)


def test_count_multiplies_the_unit_demand_exactly() -> None:
    one = compute_demand(scenario(project_data(domain="nlp", scale="large")), DEFAULTS)
    three = compute_demand(scenario(project_data(domain="nlp", scale="large", count=3)), DEFAULTS)
    assert np.array_equal(three.fte[0], 3 * one.fte[0])


def test_fashion_retailer_demand_by_hand() -> None:
    """Recommender, online, plus the 800-employee baseline (0.8 analyst), in shipped numbers."""
    s = scenario(project_data(domain="recommender", deployment="online"), employees=800)
    by_role = compute_demand(s, DEFAULTS).by_role
    base = DEFAULTS.effort["recommender"]
    analyst = sum(base[p].get("data_analyst", 0) for p in PHASES if p in base)
    assert by_role["data_analyst"] == pytest.approx(
        analyst + 800 / DEFAULTS.baseline_employees_per_analyst
    )
    assert by_role["data_engineer"] == pytest.approx(
        base["data_pipelines"]["data_engineer"] + base["data_quality"]["data_engineer"]
    )
    assert by_role["research_scientist"] == 0
    assert by_role["annotator"] == 0


def test_pinned_formula_on_a_custom_assumption_set() -> None:
    """(base + additions) x product of multipliers x count, all numbers chosen by hand."""
    custom = assumptions_with(
        effort={
            "tabular": {"modeling": {"data_scientist": 1.0}, "deployment": {"ml_engineer": 0.5}}
        },
        adjustments=[
            {"attribute": "scale", "value": "large", "multiplier": 2.0},
            {
                "attribute": "deployment",
                "value": "online",
                "phase": "deployment",
                "role": "ml_engineer",
                "add_fte": 0.1,
            },
            {
                "attribute": "deployment",
                "value": "online",
                "phase": "deployment",
                "multiplier": 1.5,
            },
            {"attribute": "stage", "value": "research", "role": "research_scientist", "add_fte": 9},
        ],
        baseline_employees_per_analyst=200.0,
        baseline_max_analysts=3.0,
        shared_work={},
    )
    s = scenario(
        project_data(domain="tabular", scale="large", deployment="online", count=3),
        employees=500,
    )
    demand = compute_demand(s, custom)
    assert demand.by_role["data_scientist"] == pytest.approx(1.0 * 2.0 * 3)  # 6.0
    assert demand.by_role["ml_engineer"] == pytest.approx((0.5 + 0.1) * 1.5 * 2.0 * 3)  # 5.4
    assert demand.by_role["research_scientist"] == 0  # a production project
    assert demand.by_role["data_analyst"] == pytest.approx(500 / 200)  # baseline 2.5
    assert demand.total == pytest.approx(6.0 + 5.4 + 2.5)


def test_research_stage_creates_research_scientist_demand() -> None:
    production = scenario(project_data(domain="tabular"))
    research = scenario(project_data(domain="tabular", stage="research"))
    assert compute_demand(production, DEFAULTS).by_role["research_scientist"] == 0
    assert compute_demand(research, DEFAULTS).by_role["research_scientist"] > 0


def test_research_scientists_come_from_research_and_frontier_work_not_production_nlp() -> None:
    """Production language and generative-AI products adapt existing models (data scientists
    and ML engineers); research-stage work and RL, vision and speech need research."""
    for domain in ("nlp", "generative_ai"):
        assert (
            project_fte(scenario(project_data(domain=domain)), "research_scientist", "modeling")
            == 0
        )
        research = scenario(project_data(domain=domain, stage="research"))
        assert project_fte(research, "research_scientist", "modeling") >= 1
    for domain in ("computer_vision", "speech", "reinforcement_learning"):
        s = scenario(project_data(domain=domain))
        assert project_fte(s, "research_scientist", "modeling") > 0


def test_generative_ai_leans_on_ml_and_backend_engineering() -> None:
    demand = compute_demand(scenario(project_data(domain="generative_ai")), DEFAULTS).by_role
    engineering = demand["ml_engineer"] + demand["developer"]
    assert engineering > 2 * demand["data_scientist"]


def test_a_live_model_needs_its_run_share_of_the_build_effort_per_phase() -> None:
    build = projects_fte(compute_demand(scenario(project_data(), employees=1), DEFAULTS), 1)
    run = projects_fte(
        compute_demand(scenario(project_data(lifecycle="run"), employees=1), DEFAULTS), 1
    )
    for phase, share in DEFAULTS.run_share.items():
        assert 0 < share < 1
        assert np.allclose(run[P[phase]], share * build[P[phase]])
    assert run.sum() < 0.5 * build.sum()


@pytest.mark.parametrize(
    ("start", "plan_start", "live"),
    [
        ("2027-Q1", None, True),  # live from its own start
        (None, "2027-Q2", True),  # live before the plan starts
        ("2027-Q1", "2026-Q4", True),  # its own start counts, not the plan's
        ("2026-Q3", "2027-Q2", True),  # started before the plan, live by the plan start
        (None, "2026-Q4", False),  # goes live after the plan starts: a build
        (None, None, False),  # no start, no plan start: the model does not know today
    ],
)
def test_a_project_live_when_its_work_starts_is_planned_as_a_live_model(
    start: str | None, plan_start: str | None, live: bool
) -> None:
    """A review's model, live from the plan's first quarter, was planned with a four-person
    build team while its timeline needed one person."""
    data = scenario_data(project_data("Churn", start=start, live_from="2027-Q1"), employees=1)
    data["company"]["plan_start"] = plan_start
    dated = parse_scenario(data)
    run = scenario(project_data("Churn", lifecycle="run"), employees=1)
    build = scenario(project_data("Churn"), employees=1)
    expected = compute_demand(run if live else build, DEFAULTS)
    assert np.array_equal(compute_demand(dated, DEFAULTS).fte, expected.fte)
    parts, like = effort_parts(dated, DEFAULTS), effort_parts(run if live else build, DEFAULTS)
    assert np.array_equal(parts.live, like.live)  # the ranges recompute it as planned
    notes = recommend(dated).messages
    said = [note for note in notes if note.startswith("Already live")]
    assert said == (
        [
            "Already live when the plan's work on them starts, so planned with their run "
            "effort, not a build: Churn (live from 2027-Q1)."
        ]
        if live
        else []
    )


def test_shared_platform_work_grows_as_the_curve_says() -> None:
    """Four equal projects pay 4 ** b times one project's platform work, in its own line."""
    one = compute_demand(scenario(project_data(deployment="online"), employees=1), DEFAULTS)
    four = compute_demand(
        scenario(project_data(deployment="online", count=4), employees=1), DEFAULTS
    )
    curve = DEFAULTS.shared_work["deployment"]
    row = 2 + PHASES.index("deployment")  # project, baseline, then shared lines in phase order
    assert four.sources[row] == SHARED_SOURCES["deployment"]
    assert one.fte[row].sum() > 0
    assert np.allclose(four.fte[row], 4**curve.exponent * one.fte[row])
    assert np.allclose(four.fte[0], 4 * one.fte[0])
    assert four.by_role["ml_engineer"] < 4 * one.by_role["ml_engineer"]


def test_shared_platform_work_is_shown_as_its_own_kind_of_work() -> None:
    demand = compute_demand(
        scenario(project_data(name="A"), project_data(name="B", lifecycle="run")), DEFAULTS
    )
    work = demand.work("ml_engineer")
    assert set(work) == {"build", "run", "shared"}
    assert sum(work.values()) == pytest.approx(demand.by_role["ml_engineer"])


def test_research_and_prototypes_need_less_deployment_than_production() -> None:
    fte = {
        stage: project_fte(scenario(project_data(stage=stage)), "ml_engineer", "deployment")
        for stage in ("research", "prototype", "production")
    }
    assert fte["research"] < fte["prototype"] < fte["production"]


def test_online_and_edge_need_more_ml_engineering_and_integration_than_batch() -> None:
    def fte(role: str, phase: str, mode: str) -> float:
        return project_fte(scenario(project_data(deployment=mode)), role, phase)

    assert fte("ml_engineer", "deployment", "batch") < fte("ml_engineer", "deployment", "online")
    assert fte("ml_engineer", "deployment", "online") < fte("ml_engineer", "deployment", "edge")
    for mode in ("online", "edge"):
        assert fte("developer", "integration", "batch") < fte("developer", "integration", mode)


def test_raw_data_needs_more_data_engineering_than_ready_data() -> None:
    fte = {
        readiness: compute_demand(
            scenario(project_data(data_readiness=readiness)), DEFAULTS
        ).by_role["data_engineer"]
        for readiness in ("ready", "partial", "raw")
    }
    assert fte["ready"] < fte["partial"] < fte["raw"]


def test_scale_orders_every_role() -> None:
    fte = {
        scale: compute_demand(scenario(project_data(scale=scale), employees=1), DEFAULTS).fte[0]
        for scale in ("small", "medium", "large")
    }
    assert fte["small"].sum() < fte["medium"].sum() < fte["large"].sum()
    assert np.all(fte["small"] <= fte["medium"]) and np.all(fte["medium"] <= fte["large"])


def test_in_house_annotation_creates_annotators_and_outsourced_a_vendor_cost() -> None:
    none = compute_demand(scenario(project_data(domain="computer_vision")), DEFAULTS)
    in_house = compute_demand(
        scenario(project_data(domain="computer_vision", annotation="in_house")), DEFAULTS
    )
    outsourced = compute_demand(
        scenario(project_data(domain="computer_vision", annotation="outsourced")), DEFAULTS
    )
    assert none.by_role["annotator"] == 0 and none.total_vendor_fte == 0
    assert in_house.by_role["annotator"] > 0 and in_house.total_vendor_fte == 0
    assert outsourced.by_role["annotator"] == 0
    assert outsourced.total_vendor_fte == pytest.approx(in_house.by_role["annotator"])
    # Someone in-house still writes guidelines and reviews the vendor's labels.
    assert outsourced.by_role["data_scientist"] > none.by_role["data_scientist"]


def test_baseline_grows_with_company_size_up_to_its_cap() -> None:
    per = DEFAULTS.baseline_employees_per_analyst
    assert baseline_analysts(int(per), DEFAULTS) == pytest.approx(1)
    assert baseline_analysts(10_000_000, DEFAULTS) == DEFAULTS.baseline_max_analysts


def test_baseline_is_the_last_source_and_lands_on_analysts_in_measurement() -> None:
    demand = compute_demand(scenario(project_data(name="Churn"), employees=2000), DEFAULTS)
    assert demand.sources == ("Churn", BASELINE_SOURCE, *SHARED_SOURCES.values())
    baseline = demand.fte[1]
    assert baseline[P["measurement"], R["data_analyst"]] == pytest.approx(2)
    assert baseline.sum() == pytest.approx(2)


def test_lines_explain_a_role_largest_first_and_add_up() -> None:
    s = scenario(project_data(name="A", domain="nlp"), project_data(name="B", domain="speech"))
    demand = compute_demand(s, DEFAULTS)
    lines = demand.lines("data_scientist")
    assert {"A", "B"} <= {source for source, _, _ in lines}
    assert {source for source, _, _ in lines} - {"A", "B"} <= set(SHARED_SOURCES.values())
    assert [fte for _, _, fte in lines] == sorted((fte for _, _, fte in lines), reverse=True)
    assert sum(fte for _, _, fte in lines) == pytest.approx(demand.by_role["data_scientist"])


def test_by_phase_role_sums_sources() -> None:
    s = scenario(project_data(name="A"), project_data(name="B", domain="nlp"))
    demand = compute_demand(s, DEFAULTS)
    assert np.allclose(demand.by_phase_role, demand.fte.sum(axis=0))
    assert demand.by_phase_role.shape == (len(PHASES), len(SPECIALIST_ROLES))


def test_an_edited_assumption_set_is_not_served_from_the_cache_of_another() -> None:
    s = scenario(project_data(domain="tabular"), employees=1)
    doubled = assumptions_with(
        effort={
            domain: {
                phase: {role: 2 * fte for role, fte in by_role.items()}
                for phase, by_role in by_phase.items()
            }
            for domain, by_phase in DEFAULTS.effort.items()
        }
    )
    project = compute_demand(s, DEFAULTS).fte[0].sum()
    assert compute_demand(s, doubled).fte[0].sum() == pytest.approx(2 * project)


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios())
def test_demand_is_never_negative(s: Scenario) -> None:
    demand = compute_demand(s, DEFAULTS)
    assert (demand.fte >= 0).all() and (demand.vendor_fte >= 0).all()
    sources = len(s.projects) + 1 + len(PHASES)
    assert demand.fte.shape == (sources, len(PHASES), len(SPECIALIST_ROLES))


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.projects(), st.data())
def test_adding_a_project_never_lowers_any_roles_demand(
    s: Scenario, extra: Project, data: st.DataObject
) -> None:
    position = data.draw(st.integers(0, len(s.projects)), label="position")
    projects = [*s.projects[:position], extra, *s.projects[position:]]
    bigger = s.model_copy(update={"projects": projects})
    before = compute_demand(s, DEFAULTS)
    after = compute_demand(bigger, DEFAULTS)
    for role in SPECIALIST_ROLES:
        assert after.by_role[role] >= before.by_role[role] - 1e-9
    assert after.total_vendor_fte >= before.total_vendor_fte - 1e-9


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(min_projects=1), st.data())
def test_count_2_doubles_that_projects_demand(s: Scenario, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(s.projects) - 1), label="project")
    single = [*s.projects]
    single[i] = single[i].model_copy(update={"count": 1})
    double = [*s.projects]
    double[i] = double[i].model_copy(update={"count": 2})
    one = compute_demand(s.model_copy(update={"projects": single}), DEFAULTS)
    two = compute_demand(s.model_copy(update={"projects": double}), DEFAULTS)
    assert np.array_equal(two.fte[i], 2 * one.fte[i])
    assert two.vendor_fte[i] == 2 * one.vendor_fte[i]
    others = [s_ for s_ in range(len(s.projects) + 1) if s_ != i]
    assert np.array_equal(two.fte[others], one.fte[others])
    shared = slice(len(s.projects) + 1, None)
    assert (two.fte[shared] >= one.fte[shared] - 1e-12).all()
