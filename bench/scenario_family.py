"""A generated family of scenarios for the search benchmarks (issue 13): every shape of team.

:func:`family` draws, with a fixed seed, scenarios of 1 to 12 projects (every domain, scale,
stage, data readiness, annotation, deployment, lifecycle and priority), every setup and
region, company sizes from 10 to 20,000 employees and existing teams from none to a dozen
people, and keeps those whose coverable demand (the six roles generalists can cover) lies
between 1 and 60 FTE, until it has ``count`` of them spread evenly over that range (one per
demand band of ``60 / count`` FTE; a band no draw has filled after ``50 x count`` draws is
filled by the next scenario within range).
"""

from __future__ import annotations

import random

from engine import random_project

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.quality import COVERABLE
from mlplanner.model.rates import known_regions
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import LIFECYCLES, SETUP_CHOICES, Scenario, parse_scenario

SEED = 20261203
MAX_FTE = 60.0


def family(count: int = 100, seed: int = SEED) -> list[tuple[float, Scenario]]:
    """``count`` scenarios with their coverable demand (FTE), by increasing demand."""
    rng = random.Random(seed)
    assumptions = Assumptions.defaults()
    band = MAX_FTE / count
    found: dict[int, tuple[float, Scenario]] = {}
    tries = 0
    while len(found) < count:
        tries += 1
        scenario = _draw(rng, tries)
        demand = compute_demand(scenario, assumptions).by_role
        fte = sum(demand[role] for role in COVERABLE)
        if 1.0 <= fte <= MAX_FTE:
            key = min(count - 1, int(fte // band)) if tries <= 50 * count else count + tries
            found.setdefault(key, (fte, scenario))
    return sorted(found.values(), key=lambda pair: pair[0])


def _draw(rng: random.Random, number: int) -> Scenario:
    projects = [
        {
            **random_project(rng, i),
            "lifecycle": rng.choice(LIFECYCLES),
            "priority": rng.randint(1, 5),
            "count": rng.choice((1, 1, 1, 2, 3)),
        }
        for i in range(rng.randint(1, 12))
    ]
    existing = {
        role: rng.randint(0, 4)
        for role in rng.sample(ROLES, rng.randint(0, 3))
        if role != "head_of_data"
    }
    return parse_scenario(
        {
            "name": f"Generated scenario {number}",
            "company": {
                "employees": rng.choice((10, 40, 150, 800, 3_000, 20_000)),
                "setup": rng.choice(SETUP_CHOICES),
                "region": rng.choice(known_regions()),
                "existing_team": existing,
            },
            "projects": projects,
        }
    )
