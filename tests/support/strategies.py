"""Hypothesis strategies for valid scenarios and allocations, reusable by every test suite.

Sizes are kept small (a few projects, counts up to 5, a few people per role) so properties
stay fast; pass larger bounds where a test needs them. ``ENGINE_SETTINGS`` is the settings
profile for properties that call the engine: no deadline, because the first call in a
worker reads ``data/*.csv``.
"""

from __future__ import annotations

from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

from mlplanner.model.rates import known_regions
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import (
    ANNOTATIONS,
    DATA_READINESS,
    DEPLOYMENTS,
    DOMAINS,
    LIFECYCLES,
    SCALES,
    SETUP_CHOICES,
    SETUPS,
    STAGES,
    Project,
    Scenario,
    parse_scenario,
)

ENGINE_SETTINGS = settings(max_examples=100, deadline=None)

# Printable text, some of it non-ASCII; never blank (names are stripped, then must be non-empty).
names = st.text(alphabet="abcxyz ABC019-&'\"éßø—日本", min_size=1, max_size=30).filter(str.strip)
setups = st.sampled_from(SETUPS)
setup_choices = st.sampled_from(SETUP_CHOICES)
regions = st.sampled_from(known_regions())


def project_data(max_count: int = 5) -> st.SearchStrategy[dict[str, Any]]:
    """A project as scenario JSON; optional attributes are sometimes left to their defaults."""
    return st.fixed_dictionaries(
        {"name": names, "domain": st.sampled_from(DOMAINS)},
        optional={
            "scale": st.sampled_from(SCALES),
            "stage": st.sampled_from(STAGES),
            "data_readiness": st.sampled_from(DATA_READINESS),
            "annotation": st.sampled_from(ANNOTATIONS),
            "deployment": st.sampled_from(DEPLOYMENTS),
            "lifecycle": st.sampled_from(LIFECYCLES),
            "count": st.integers(1, max_count),
        },
    )


def projects(max_count: int = 5) -> st.SearchStrategy[Project]:
    return project_data(max_count).map(Project.model_validate)


def existing_teams(max_per_role: int = 4) -> st.SearchStrategy[dict[str, int]]:
    return st.dictionaries(st.sampled_from(ROLES), st.integers(0, max_per_role), max_size=4)


def company_data(max_existing: int = 4) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "employees": st.integers(1, 10_000_000),
            "setup": setup_choices,
            "region": regions,
        },
        optional={
            "annual_budget_usd": st.integers(1, 30_000_000),
            "existing_team": existing_teams(max_existing),
        },
    )


def scenario_data(
    min_projects: int = 0, max_projects: int = 4, max_count: int = 5
) -> st.SearchStrategy[dict[str, Any]]:
    """A valid scenario as decoded JSON."""
    return st.fixed_dictionaries(
        {
            "name": names,
            "company": company_data(),
            "projects": st.lists(
                project_data(max_count), min_size=min_projects, max_size=max_projects
            ),
        }
    )


def scenarios(
    min_projects: int = 0, max_projects: int = 4, max_count: int = 5
) -> st.SearchStrategy[Scenario]:
    """A validated :class:`~mlplanner.model.scenario.Scenario`."""
    return scenario_data(min_projects, max_projects, max_count).map(parse_scenario)


def allocations(max_per_role: int = 6) -> st.SearchStrategy[dict[str, int]]:
    """Headcount for every role."""
    return st.fixed_dictionaries({role: st.integers(0, max_per_role) for role in ROLES})
