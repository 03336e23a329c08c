"""ML Team Planner: which ML roles to hire, how many, what it costs and what quality it buys.

Pure domain code (no Streamlit): ``recommend`` and ``evaluate`` are the Python API; the CLI is
``python -m mlplanner``.
"""

from mlplanner.errors import PlannerInputError, Problem, ScenarioError
from mlplanner.model.assumptions import AssumptionError, Assumptions
from mlplanner.model.plan import Evaluation, Explanation, Plan, RoleLine, evaluate, recommend
from mlplanner.model.roles import PHASES, ROLES
from mlplanner.model.scenario import Company, Project, Scenario, load_scenario, parse_scenario
from mlplanner.search.frontier import FrontierPoint, best_under_budget, frontier

__all__ = [
    "PHASES",
    "ROLES",
    "AssumptionError",
    "Assumptions",
    "Company",
    "Evaluation",
    "Explanation",
    "FrontierPoint",
    "Plan",
    "PlannerInputError",
    "Problem",
    "Project",
    "RoleLine",
    "Scenario",
    "ScenarioError",
    "best_under_budget",
    "evaluate",
    "frontier",
    "load_scenario",
    "parse_scenario",
    "recommend",
]
