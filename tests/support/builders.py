"""Builders for domain tests: scenarios from a few keyword arguments, edited assumption sets, a
recommended plan as it was before people worth their cost were added."""

from __future__ import annotations

from typing import Any

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Evaluation, Plan, evaluate
from mlplanner.model.scenario import (
    ANNOTATIONS,
    DOMAINS,
    SCALES,
    STAGES,
    Scenario,
    parse_scenario,
)


def project_data(name: str = "Project", domain: str = "tabular", **fields: Any) -> dict[str, Any]:
    """One project as scenario JSON; unspecified attributes take the format's defaults."""
    return {"name": name, "domain": domain, **fields}


def scenario_data(
    *projects: dict[str, Any],
    employees: int = 100,
    setup: str = "auto",
    region: str = "us",
    budget: float | None = None,
    existing: dict[str, int] | None = None,
    name: str = "Test scenario",
) -> dict[str, Any]:
    """A scenario as decoded JSON, ready for ``parse_scenario`` (or to be broken on purpose)."""
    company: dict[str, Any] = {"employees": employees, "setup": setup, "region": region}
    if budget is not None:
        company["annual_budget_usd"] = budget
    if existing:
        company["existing_team"] = existing
    return {"name": name, "company": company, "projects": list(projects)}


def scenario(*projects: dict[str, Any], **company: Any) -> Scenario:
    """A validated scenario; keyword arguments as for :func:`scenario_data`."""
    return parse_scenario(scenario_data(*projects, **company))


def agritech_seed(setup: str = "auto", budget: float | None = None) -> Scenario:
    """A review's Indian agritech seed: 8 employees, one full-stack data scientist employed, a
    small vision prototype with in-house labelling (priority 5) and a small yield forecast."""
    return scenario(
        project_data(
            "Leaf disease classifier",
            "computer_vision",
            scale="small",
            stage="prototype",
            data_readiness="raw",
            annotation="in_house",
            deployment="edge",
            priority=5,
        ),
        project_data("Yield forecast", scale="small", stage="prototype", priority=2),
        employees=8,
        setup=setup,
        region="in",
        budget=budget,
        existing={"full_stack_data_scientist": 1},
    )


def large_team_data() -> dict[str, Any]:
    """A team far past the frontier's person-by-person search (a few hundred FTE of demand):
    forty large recommender projects."""
    recommenders = project_data("Recommenders", "recommender", scale="large", count=40)
    return scenario_data(recommenders, employees=9000, name="Large team")


def assumptions_with(**changes: Any) -> Assumptions:
    """The shipped assumptions with some fields replaced, validated like a user's edit."""
    return Assumptions.from_dict({**Assumptions.defaults().model_dump(), **changes})


def portfolio_data(size: int = 200) -> dict[str, Any]:
    """A large company with ``size`` projects of varied domains, scales and stages (each
    attribute cycles through its choices), some annotation outsourced: the "200 projects"
    screen."""
    projects = [
        project_data(
            f"Project {i + 1:03d}",
            DOMAINS[i % len(DOMAINS)],
            scale=SCALES[i % len(SCALES)],
            stage=STAGES[(i // len(DOMAINS)) % len(STAGES)],
            annotation=ANNOTATIONS[i % len(ANNOTATIONS)],
            count=1 + i % 3,
        )
        for i in range(size)
    ]
    return scenario_data(
        *projects, employees=50_000, budget=600_000_000, name=f"Portfolio of {size} projects"
    )


def before_additions(plan: Plan) -> Evaluation:
    """The recommended plan as reshaped for the rules' cost, before anyone worth their cost was
    added (``mlplanner/model/shaping.py``), scored under the same setup."""
    assert plan.shaping is not None
    allocation = dict(plan.shaping.rules_plan)
    for move in plan.shaping.moves:
        allocation = move.applied_to(allocation)
    return evaluate(plan.scenario, allocation, plan.setup, plan.assumptions)


def drone_vision_startup() -> Scenario:
    """A review's 12-person vision startup (two full-stack data scientists employed, a $1.5M
    budget): a large edge model and a prototype, both labelled in house. Planned as a startup
    by its size, its plan is beaten for cost and quality by the scaleup setup's."""
    return scenario(
        project_data(
            "Crop disease detection",
            "computer_vision",
            scale="large",
            stage="production",
            data_readiness="raw",
            annotation="in_house",
            deployment="edge",
            priority=5,
        ),
        project_data(
            "Yield estimation",
            "computer_vision",
            stage="prototype",
            data_readiness="raw",
            annotation="in_house",
            deployment="batch",
        ),
        employees=12,
        budget=1_500_000,
        existing={"full_stack_data_scientist": 2},
    )


def saas_assistant() -> Scenario:
    """A review's 40-person Dutch SaaS (one backend developer employed): a small online RAG
    support assistant labelled in house (priority 5) and a small triage prototype starting
    later. As a startup its generalists leave pipelines and serving short: an ML engineer
    alone or a data engineer alone buys little, both together much."""
    return scenario(
        project_data(
            "Support assistant (RAG)",
            "generative_ai",
            scale="small",
            stage="production",
            data_readiness="partial",
            annotation="in_house",
            deployment="online",
            priority=5,
        ),
        project_data(
            "Ticket triage",
            "nlp",
            scale="small",
            stage="prototype",
            data_readiness="ready",
            deployment="batch",
            priority=2,
            start="2027-Q3",
        ),
        employees=40,
        region="nl",
        existing={"developer": 1},
    )


def frozen_analytics_team() -> Scenario:
    """A retailer whose ten people already employed (eight analysts, two data engineers) cost
    three times its $500k budget: they run its live dashboards at no more cost; its online
    churn model needs an ML engineer the budget cannot pay."""
    return scenario(
        project_data(
            "Sales dashboards",
            "analytics",
            stage="production",
            data_readiness="ready",
            deployment="batch",
            lifecycle="run",
        ),
        project_data("Churn model", stage="production", deployment="online"),
        employees=1500,
        budget=500_000,
        existing={"data_analyst": 8, "data_engineer": 2},
    )


def robotics_research_startup(setup: str = "auto", budget: float | None = None) -> Scenario:
    """A review's 25-person robotics startup (one research scientist and two developers
    employed): RL research on a grasping policy and a small vision prototype labelled in
    house. As a startup its generalists do the research."""
    return scenario(
        project_data(
            "RL grasping policy",
            "reinforcement_learning",
            stage="research",
            data_readiness="raw",
            deployment="edge",
            priority=5,
        ),
        project_data(
            "Perception for bin picking",
            "computer_vision",
            scale="small",
            stage="prototype",
            data_readiness="raw",
            annotation="in_house",
            deployment="edge",
        ),
        employees=25,
        setup=setup,
        budget=budget,
        existing={"research_scientist": 1, "developer": 2},
    )


def insurer() -> Scenario:
    """A review's Canadian insurer: two analysts and two data scientists already employed, a
    priority-5 fraud model, a photo estimate with in-house labelling and a note summarizer."""
    return scenario(
        project_data("Claims fraud", "tabular", data_readiness="partial", priority=5),
        project_data(
            "Damage photo estimate",
            "computer_vision",
            data_readiness="raw",
            annotation="in_house",
            deployment="online",
            priority=4,
        ),
        project_data(
            "Claims note summarizer",
            "generative_ai",
            scale="small",
            stage="prototype",
            data_readiness="partial",
            deployment="online",
            priority=3,
        ),
        employees=900,
        setup="mature",
        region="ca",
        existing={"data_scientist": 2, "data_analyst": 2},
    )


def agritech_edge(budget: float | None = 700_000) -> Scenario:
    """A review's 120-person Spanish agritech: a small edge vision model labelled in house
    (priority 5) and a batch yield forecast. Its recommended plan's last change beyond the
    rules' cost, alone, costs $636k; reshaped for that cost, $629,235."""
    return scenario(
        project_data(
            "Weed detection on tractor",
            "computer_vision",
            scale="small",
            stage="production",
            data_readiness="raw",
            annotation="in_house",
            deployment="edge",
            priority=5,
        ),
        project_data(
            "Yield forecasting",
            "tabular",
            scale="small",
            stage="production",
            data_readiness="partial",
            annotation="none",
            deployment="batch",
        ),
        employees=120,
        region="es",
        budget=budget,
    )


def live_bandit() -> dict[str, Any]:
    """A small live reinforcement-learning prototype: in a mature company its run work is
    below the rules' cut, so its own team is nobody."""
    return project_data(
        "Bandit",
        "reinforcement_learning",
        scale="small",
        stage="prototype",
        data_readiness="ready",
        annotation="outsourced",
        deployment="online",
        lifecycle="run",
        priority=2,
    )
