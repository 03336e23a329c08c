"""Calibration: for a scenario matching each public rule of thumb, the plan the setup's rules
size and the recommended plan (that plan reshaped) both stay inside the rule
(tests/support/calibration.py), and data/SOURCES.md shows the true answers."""

from __future__ import annotations

import pytest

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import SHARED_SOURCES
from mlplanner.model.plan import evaluate, recommend
from mlplanner.model.roles import SPECIALIST_ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.paths import DATA_DIR
from tests.support.builders import assumptions_with, project_data, scenario
from tests.support.calibration import RULES, Rule, calibration_table


@pytest.mark.parametrize("rule", RULES, ids=[rule.rule for rule in RULES])
def test_the_planner_stays_inside_the_rule_of_thumb(rule: Rule) -> None:
    for plan in (rule.rules_plan(), rule.plan()):
        assert rule.holds(plan), f"{rule.rule}: {rule.answer(plan)}, outside {rule.figure}"


def test_sources_md_shows_the_planners_current_answers() -> None:
    """Regenerate with ``python -m tests.support.calibration`` and paste into SOURCES.md."""
    sources = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert calibration_table() in sources


def test_the_scale_up_shapes_match_the_issue_targets() -> None:
    """The plans a sceptical head of ML reviewed: sizes within the public ranges."""
    by_name = {rule.rule: rule.plan() for rule in RULES}
    assert by_name["Prototype team"].total_headcount == 2
    first = by_name["First production model"]
    assert 2 <= first.total_headcount <= 4
    bank = by_name["Span of control"]
    assert bank.allocation["head_of_data"] >= 1
    # Research work comes from the research project (and its share of the shared platform),
    # not from the production NLP and generative-AI projects.
    sources = {source for source, _, _ in bank.demand.lines("research_scientist")}
    assert sources <= {"LLM risk research", *SHARED_SOURCES.values()}


def test_a_batch_scored_model_needs_no_ml_engineer_where_an_online_one_gets_one() -> None:
    """``depth_need.batch_production`` against its public rule: batch prediction needs no
    serving latency, streaming features or online monitoring (Chip Huyen, Designing Machine
    Learning Systems, ch. 7), and full-stack data scientists own such models end to end (Eric
    Colson, Beware the Data Science Pin Factory, 2019). A 30-person company's medium-scale
    tabular model, under the scaleup setup (free to hire any specialist): scored in batch,
    full-stack data scientists do all of its deployment and integration; served online, the
    plan has an ML engineer. With batch-scored work feeling the whole depth gap, the batch
    model got an ML engineer and a backend developer too."""

    def plan(deployment: str, assumptions: Assumptions | None = None) -> dict[str, int]:
        s = scenario(project_data("Churn", deployment=deployment), employees=30)
        return recommend(s, "scaleup", assumptions=assumptions).allocation

    batch, online = plan("batch"), plan("online")
    assert batch["ml_engineer"] == batch["developer"] == 0
    assert batch["full_stack_data_scientist"] >= 2
    assert online["ml_engineer"] == 1
    whole_gap = assumptions_with(depth_need={"prototype": 0.5, "batch_production": 1.0})
    before = plan("batch", whole_gap)
    assert before["ml_engineer"] == before["developer"] == 1


def test_a_prototype_needs_no_data_engineer_beside_two_generalists() -> None:
    """``depth_need.prototype`` against its public rule: ML R&D groups usually have no data
    engineers (Full Stack Deep Learning 2022, lecture 8), and the generalists' loss lies
    "where specialist depth matters (deployment, research, large data pipelines)" (DESIGN.md,
    setups). On the seed startup's triage prototype the scaleup setup, free to hire a data
    engineer, keeps the startup's two full-stack data scientists; with a prototype feeling
    the whole depth gap (``depth_need`` 1) it swapped one for a data engineer. The same
    project in production loses more of its delivery to the generalists' depth."""
    seed = example_scenarios()["seed_startup.json"]
    startup, scaleup = recommend(seed, "startup"), recommend(seed, "scaleup")
    assert scaleup.allocation == startup.allocation
    assert scaleup.allocation["full_stack_data_scientist"] == 2
    assert scaleup.allocation["data_engineer"] == 0
    whole_gap = assumptions_with(depth_need={"prototype": 1.0})
    assert recommend(seed, "scaleup", assumptions=whole_gap).allocation["data_engineer"] == 1

    def lost_to_depth(scenario: Scenario) -> float:
        deep = assumptions_with(generalist_depth=dict.fromkeys(SPECIALIST_ROLES, 1.0))
        plan = startup.allocation
        return evaluate(scenario, plan, assumptions=deep).quality - evaluate(scenario, plan).quality

    production = seed.model_copy(
        update={"projects": [seed.projects[0].model_copy(update={"stage": "production"})]}
    )
    assert 0 < lost_to_depth(seed) < lost_to_depth(production)


def test_the_guides_prototype_team_beats_a_lone_generalist_though_nobody_serves_its_demo() -> None:
    """``weakest_link.prototype.deployment`` against its public rule: the practitioner guides'
    prototype team is one data scientist and one data engineer (DESIGN.md), with nobody to
    serve a demo, and a prototype proves itself in offline evaluation first (Chip Huyen,
    Designing Machine Learning Systems, ch. 6). That team scores above one full-stack data
    scientist on a small NLP prototype; capped at half its delivery when nobody serves the
    demo (0.5), it scored below. A production model nobody deploys still delivers nothing."""
    s = scenario(project_data("Triage", "nlp", scale="small", stage="prototype"), employees=200)
    pair = {"data_scientist": 1, "data_engineer": 1}
    lone = {"full_stack_data_scientist": 1}
    guides = evaluate(s, pair, "mature")
    assert guides.quality_detail.coverage_by_phase["deployment"] == 0
    assert guides.quality > evaluate(s, lone, "mature").quality
    half = assumptions_with(
        weakest_link={**Assumptions.defaults().weakest_link, "prototype.deployment": 0.5}
    )
    assert evaluate(s, pair, "mature", half).quality < evaluate(s, lone, "mature", half).quality
    live = s.model_copy(
        update={"projects": [s.projects[0].model_copy(update={"stage": "production"})]}
    )
    assert evaluate(live, pair, "mature").quality_detail.delivery_by_unit["Triage"] == 0


def test_a_small_online_model_feels_more_of_the_depth_gap_than_batch_and_less_than_scale() -> None:
    """``depth_need.small_online_production`` against its public rule: full-stack data
    scientists own online models end to end on a platform's good tooling (Colson, 2019;
    Huyen, ch. 11), but online prediction needs what batch prediction does not, serving
    latency and online monitoring (Huyen, ch. 7), and at scale it is specialist work. Two
    generalists on one small tabular model at a 30-person company (the startup setup's plan
    for it) score less served online than scored in batch, and more than where the online
    model feels the whole gap, as it did before small online models were set apart: the plan
    then scored 54.3, which a head of ML found too low for two people who can ship a small
    API."""

    def churn(**fields: str) -> Scenario:
        return scenario(project_data("Churn", scale="small", **fields), employees=30)

    need = Assumptions.defaults().depth_need
    assert need["batch_production"] < need["small_online_production"] < need["production"] == 1
    online = churn(deployment="online")
    plan = recommend(online, "startup")
    assert plan.allocation == {**dict.fromkeys(plan.allocation, 0), "full_stack_data_scientist": 2}
    whole_gap = assumptions_with(depth_need={**need, "small_online_production": 1.0})
    assert evaluate(online, plan.allocation, "startup", whole_gap).quality < 55
    generalists = {"full_stack_data_scientist": 2}
    qualities = [
        evaluate(s, generalists, "startup").quality for s in (churn(deployment="batch"), online)
    ]
    assert qualities[0] > qualities[1] > evaluate(online, generalists, "startup", whole_gap).quality
    assert plan.quality >= 60


def test_analysts_publish_their_own_dashboards() -> None:
    """An analytics project's integration (its dashboards published where their readers work)
    against its rule: BI tools are the analyst's own (``data/SOURCES.md``, domain shapes). A
    public agency's twelve analysts and two data engineers run five live dashboards: the plan
    hires no backend developer and scores above 95. With that work on backend developers, as
    until December 2026, the plan hired one ($107k) for 0.06 FTE of it."""
    dashboards = project_data(
        "Service dashboards", "analytics", lifecycle="run", count=5, priority=4
    )
    agency = scenario(
        dashboards, employees=20_000, region="fr", existing={"data_analyst": 12, "data_engineer": 2}
    )
    plan = recommend(agency)
    assert plan.demand.by_role["developer"] == 0
    assert plan.allocation["developer"] == 0 and plan.quality > 95
    effort = Assumptions.defaults().effort
    analytics = effort["analytics"]
    moved = {**analytics, "integration": {"developer": analytics["integration"]["data_analyst"]}}
    before = recommend(agency, assumptions=assumptions_with(effort={**effort, "analytics": moved}))
    assert before.allocation["developer"] == 1
