"""Hiring figures the timeline applies: the capacity a company has, lead times and ramp-up.

The figures themselves live in :class:`~mlplanner.model.assumptions.Hiring`
(``data/hiring.csv`` and the ``hiring.*`` parameters); these functions turn them into what a
quarter-by-quarter plan needs.
"""

from __future__ import annotations

import math
from typing import Final

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.scenario import Company

DAYS_PER_QUARTER: Final = 365.25 / 4
MONTHS_PER_QUARTER: Final = 3


def derived_capacity(employees: int, assumptions: Assumptions) -> int:
    """Hires a quarter a company of this size can close: one per ``employees_per_hire``
    employees, at least ``min_capacity_per_quarter``."""
    hiring = assumptions.hiring
    return max(hiring.min_capacity_per_quarter, math.floor(employees / hiring.employees_per_hire))


def hiring_capacity(company: Company, assumptions: Assumptions) -> int:
    """The company's own capacity if it sets one, else the one derived from its size."""
    if company.hiring_capacity_per_quarter is not None:
        return company.hiring_capacity_per_quarter
    return derived_capacity(company.employees, assumptions)


def absorbable_hires(team: int, assumptions: Assumptions) -> int:
    """Hires a year a team of ``team`` people absorbs: ``warn_hire_growth`` per person in it,
    at least ``warn_min_hires`` (a new team has to start somewhere). The plan warns past it
    and the timeline hires no more in a year (:mod:`mlplanner.timeline.simulation`): new people
    take months to ramp up and take the existing team's time."""
    return max(assumptions.warn_min_hires, int(assumptions.warn_hire_growth * team))


def lead_quarters(role: str, assumptions: Assumptions) -> int:
    """Quarters between opening a position and the hire's first quarter: the time to hire
    (notice period included) rounded up to whole quarters."""
    days = assumptions.hiring.roles[role].time_to_hire_days
    return math.ceil(days / DAYS_PER_QUARTER - 1e-9)


def quarterly_attrition(role: str, assumptions: Assumptions) -> float:
    """Share of a role's people expected to leave in one quarter (yearly rate compounded)."""
    yearly = assumptions.hiring.roles[role].attrition_per_year
    return 1 - (1 - yearly) ** 0.25


def ramp_share(role: str, quarters_in: int, assumptions: Assumptions) -> float:
    """Average productivity of a hire in their ``quarters_in``-th quarter (0 = the first):
    productivity rises linearly from 0 on the first day to 1 after the ramp-up."""
    months = assumptions.hiring.roles[role].ramp_up_months
    start = quarters_in * MONTHS_PER_QUARTER
    end = start + MONTHS_PER_QUARTER
    if months <= 0 or start >= months:
        return 1.0
    if end <= months:
        return (start + end) / (2 * months)
    ramping = (months**2 - start**2) / (2 * months)
    return (ramping + end - months) / (end - start)
