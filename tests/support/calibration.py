"""The public rules of thumb the shipped defaults are calibrated against, each with a scenario
that matches it and the planner's answers for it (``data/SOURCES.md``, "Calibration"): the
plan the setup's rules size (``plan.shaping.rules_plan``) and the recommended plan, that plan
reshaped for no more than its cost (``mlplanner/model/shaping.py``). Both must stay within
each rule: the rules are about team size and headcount ratios, which the sizing sets and the
reshaping may move.

``python -m tests.support.calibration`` prints the table for SOURCES.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mlplanner.model.plan import Evaluation, Plan, evaluate, recommend
from mlplanner.model.roles import HEAD, LEAD
from mlplanner.model.scenario import Scenario, parse_scenario
from mlplanner.model.staffing import individual_contributors


def _project(name: str, domain: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, "domain": domain, **fields}


def _scenario(name: str, employees: int, *projects: dict[str, Any]) -> Scenario:
    company = {"employees": employees, "region": "us"}
    return parse_scenario({"name": name, "company": company, "projects": list(projects)})


PROTOTYPE = _scenario(
    "30-person startup, one tabular prototype",
    30,
    _project("Churn prototype", "tabular", stage="prototype"),
)
FIRST_MODEL = _scenario(
    "40-person startup, first NLP model in production",
    40,
    _project("Support classifier", "nlp", deployment="online"),
)
FOUR_MODELS = _scenario(
    "200-person scale-up, 4 production models (3 live, 1 being built)",
    200,
    _project("Churn", "tabular", data_readiness="ready", lifecycle="run"),
    _project("Recommendations", "recommender", deployment="online", lifecycle="run"),
    _project("Support routing", "nlp", lifecycle="run"),
    _project("Lead scoring", "tabular"),
)
RETAILER = _scenario(
    "1,200-person retailer, 6 production models (5 live, 1 being built)",
    1200,
    _project("Demand forecasting", "tabular", scale="large", lifecycle="run"),
    _project("Recommendations", "recommender", deployment="online", lifecycle="run"),
    _project("Pricing", "tabular", lifecycle="run"),
    _project("Churn", "tabular", data_readiness="ready", lifecycle="run"),
    _project("Review classifier", "nlp", lifecycle="run"),
    _project("Search ranking", "recommender", deployment="online"),
)
PLATFORM = _scenario(
    "2,000-person company, 12 models (10 live, 2 being built)",
    2000,
    _project("Live tabular models", "tabular", lifecycle="run", count=8),
    _project("Live recommenders", "recommender", deployment="online", lifecycle="run", count=2),
    _project("New NLP model", "nlp", deployment="online"),
    _project("New tabular model", "tabular"),
)
DATA_MATURE = _scenario(
    "1,000-person data-mature company: reporting, metrics and two live models",
    1000,
    _project("Reporting and dashboards", "analytics", data_readiness="ready", count=6),
    _project("Live models", "tabular", lifecycle="run", count=2),
)
BANK = _scenario(
    "5,000-person bank, 17 live models, a generative-AI build and a research project",
    5000,
    _project("Credit risk models", "tabular", data_readiness="ready", lifecycle="run", count=12),
    _project("Fraud detection", "tabular", scale="large", deployment="online", lifecycle="run"),
    _project("AML monitoring", "tabular", scale="large", lifecycle="run"),
    _project("Document extraction", "nlp", lifecycle="run", count=2),
    _project("Next-best offer", "recommender", deployment="online", lifecycle="run"),
    _project("Customer assistant", "generative_ai", deployment="online", annotation="outsourced"),
    _project("LLM risk research", "nlp", stage="research"),
)


def _ratio(plan: Evaluation, role: str, per: str) -> float:
    return plan.allocation[role] / plan.allocation[per]


def _people(plan: Evaluation) -> str:
    return f"{plan.total_headcount} people"


@dataclass(frozen=True)
class Rule:
    """A public rule of thumb, a scenario matching it, and the band the planner must stay in."""

    rule: str
    figure: str
    source: str
    scenario: Scenario
    measure: Callable[[Evaluation], float]
    low: float
    high: float
    answer: Callable[[Evaluation], str]

    def plan(self) -> Plan:
        """The recommended plan."""
        return recommend(self.scenario)

    def rules_plan(self) -> Evaluation:
        """The plan the setup's rules size, before the reshaping."""
        plan = self.plan()
        assert plan.shaping is not None
        return evaluate(self.scenario, plan.shaping.rules_plan, plan.setup)

    def holds(self, plan: Evaluation) -> bool:
        return self.low <= self.measure(plan) <= self.high


RULES: tuple[Rule, ...] = (
    Rule(
        "Prototype team",
        "1 data scientist + 1 data engineer (2 people)",
        "practitioner staffing guides (DESIGN.md)",
        PROTOTYPE,
        lambda p: p.total_headcount,
        2,
        2,
        _people,
    ),
    Rule(
        "First production model",
        "2–4 people (guides: 3–4)",
        "practitioner staffing guides (DESIGN.md)",
        FIRST_MODEL,
        lambda p: p.total_headcount,
        2,
        4,
        _people,
    ),
    Rule(
        "3–5 models in production",
        "5–7 people",
        "practitioner staffing guides (DESIGN.md)",
        FOUR_MODELS,
        lambda p: p.total_headcount,
        5,
        7,
        _people,
    ),
    Rule(
        "10+ models",
        "a platform group with ML engineers and leads",
        "practitioner staffing guides (DESIGN.md)",
        PLATFORM,
        lambda p: min(p.allocation["ml_engineer"], p.allocation[LEAD]),
        1,
        float("inf"),
        lambda p: (
            f"{p.total_headcount} people: {p.allocation['ml_engineer']} ML engineers, "
            f"{p.allocation[LEAD]} leads"
        ),
    ),
    Rule(
        "Data team as a share of a scale-up's workforce",
        "1–5%",
        "Mikkel Dengsøe's data-team benchmarks",
        FOUR_MODELS,
        lambda p: p.total_headcount / p.scenario.company.employees,
        0.01,
        0.05,
        lambda p: f"{p.total_headcount / p.scenario.company.employees:.1%}",
    ),
    Rule(
        "Data engineers per data scientist",
        "2–3 (Eckerson); 1 per 5 data users (Nexla): 0.2–3",
        "Eckerson Group; Nexla survey 2018",
        RETAILER,
        lambda p: _ratio(p, "data_engineer", "data_scientist"),
        0.2,
        3,
        lambda p: f"{_ratio(p, 'data_engineer', 'data_scientist'):.2f}",
    ),
    Rule(
        "ML engineers per data scientist",
        "1 per 10, moving to 1 per 5 (0.1–0.2); the planner may go up to 1 per 2",
        "Gartner, quoted second-hand (around 2020)",
        RETAILER,
        lambda p: _ratio(p, "ml_engineer", "data_scientist"),
        0.1,
        0.5,
        lambda p: f"{_ratio(p, 'ml_engineer', 'data_scientist'):.2f}",
    ),
    Rule(
        "Analysts per 1,000 employees (data-mature company)",
        "4–8",
        "practitioner staffing models (DESIGN.md)",
        DATA_MATURE,
        lambda p: 1000 * p.allocation["data_analyst"] / p.scenario.company.employees,
        4,
        8,
        lambda p: f"{1000 * p.allocation['data_analyst'] / p.scenario.company.employees:.1f}",
    ),
    Rule(
        "Span of control",
        "one team of up to 7–9 people; a manager supports 6–8",
        "Team Topologies (Skelton & Pais); Will Larson, An Elegant Puzzle",
        BANK,
        lambda p: individual_contributors(p.allocation) / p.allocation[LEAD],
        6,
        9,
        lambda p: (
            f"{individual_contributors(p.allocation) / p.allocation[LEAD]:.1f} people per lead "
            f"({p.allocation[LEAD]} leads, {p.allocation[HEAD]} head)"
        ),
    ),
)


def calibration_table() -> str:
    """The Markdown table of SOURCES.md's calibration section: each rule's answer by the
    rules' sizing and by the recommended plan."""
    lines = [
        "| rule of thumb | public figure | source | scenario | rules' sizing (setup) "
        "| recommended plan | within |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule in RULES:
        sized, plan = rule.rules_plan(), rule.plan()
        within = "yes" if rule.holds(sized) and rule.holds(plan) else "**no**"
        lines.append(
            f"| {rule.rule} | {rule.figure} | {rule.source} | {rule.scenario.name} | "
            f"{rule.answer(sized)} ({sized.setup}) | {rule.answer(plan)} | {within} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(calibration_table())
