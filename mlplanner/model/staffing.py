"""Staffing: demand becomes whole people under a setup's rules.

Order of the rules, per specialist role (lifecycle order):
1. Existing staff in a role are kept and cover its demand first; such a role is never absorbed.
2. Under setups that say so, full-stack data scientists absorb a role whose demand is below
   ``absorb_below_fte`` (and, for startups, all data-science work). Annotation is never absorbed.
3. Otherwise the role gets ``floor(demand)`` people, plus one when the remainder reaches the
   setup's ``round_up_from``.
The absorbed FTE, divided by a generalist's capacity, is rounded the same way into full-stack
data scientists, with at least one as soon as ``generalist_min_absorbed_fte`` is absorbed (small
work still needs somebody). Leads follow from span of control over the individual contributors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.roles import GENERALIST, LEAD, ROLES, SPECIALIST_ROLES, role_label
from mlplanner.model.scenario import SETUP_CHOICES, SETUPS, Company, Setup
from mlplanner.model.wording import count, people

_EPS = 1e-9


@dataclass(frozen=True)
class SetupChoice:
    """The setup used and why."""

    setup: Setup
    reason: str


@dataclass(frozen=True)
class Staffing:
    """Whole people per role (every role, lifecycle order) and the rule behind each number."""

    allocation: dict[str, int]
    rules: dict[str, str]
    absorbed_fte: float


def choose_setup(company: Company, assumptions: Assumptions, setup: str | None) -> SetupChoice:
    """The setup to plan with: an explicit one wins, else the company's, else by size.

    Raises ``ValueError`` for a setup that is none of ``SETUP_CHOICES``.
    """
    chosen = setup if setup not in (None, "auto") else company.setup
    if chosen in SETUPS:
        return SetupChoice(chosen, f"{chosen} setup chosen by the user")
    if chosen not in (None, "auto"):
        raise ValueError(f"setup: {chosen!r} is not one of {', '.join(SETUP_CHOICES)}")
    employees = company.employees
    size = f"auto: {count(employees)} employees"
    startup_max = assumptions.auto_startup_max_employees
    scaleup_max = assumptions.auto_scaleup_max_employees
    if employees <= startup_max:
        return SetupChoice("startup", f"{size} is at most {count(startup_max)}")
    if employees <= scaleup_max:
        return SetupChoice("scaleup", f"{size} is at most {count(scaleup_max)}")
    return SetupChoice("mature", f"{size} is more than {count(scaleup_max)}")


def round_people(fte: float, round_up_from: float) -> int:
    """Whole people for an FTE demand: the floor, plus one if the remainder reaches the cut."""
    whole = math.floor(fte + _EPS)
    return whole + (1 if fte - whole >= round_up_from - _EPS else 0)


def required_leads(contributors: Any, span: int) -> Any:
    """Leads needed: none for a single team, one per team of ``span`` once past one team.

    On a whole number or on a numpy array of them (one team size per plan): ``-(-n // span)``
    is ``ceil(n / span)`` in whole numbers, and ``x (n > span)`` keeps it only past one team.
    """
    return -(-contributors // span) * (contributors > span)


def individual_contributors(allocation: dict[str, int]) -> int:
    """People who count towards span of control: everyone but leads and annotators."""
    return sum(n for role, n in allocation.items() if role not in (LEAD, "annotator"))


def staff(
    demand: dict[str, float],
    existing: dict[str, int],
    setup: Setup,
    assumptions: Assumptions,
) -> Staffing:
    """Whole people per role for this demand under ``setup``."""
    rule = assumptions.setups[setup]
    allocation: dict[str, int] = dict.fromkeys(ROLES, 0)
    rules: dict[str, str] = {}
    absorbed = 0.0
    absorbed_roles: list[str] = []
    for role in SPECIALIST_ROLES:
        fte = demand[role]
        have = existing.get(role, 0)
        absorbs_all = role == "data_scientist" and rule.generalists_absorb_data_science
        small = fte < rule.absorb_below_fte - _EPS
        if fte > _EPS and have == 0 and role != "annotator" and (absorbs_all or small):
            absorbed += fte
            absorbed_roles.append(role_label(role))
            rules[role] = (
                f"{setup}: full-stack data scientists do all data-science work"
                if absorbs_all
                else f"{setup}: {fte:.1f} FTE is below {rule.absorb_below_fte:.1f} FTE, so "
                "full-stack data scientists absorb it"
            )
            continue
        needed = round_people(fte, rule.round_up_from)
        allocation[role] = max(needed, have)
        rules[role] = _specialist_rule(setup, fte, needed, have, rule.round_up_from)
    generalists = round_people(absorbed / assumptions.generalist_capacity_fte, rule.round_up_from)
    if absorbed >= assumptions.generalist_min_absorbed_fte - _EPS:
        generalists = max(generalists, 1)
    have = existing.get(GENERALIST, 0)
    allocation[GENERALIST] = max(generalists, have)
    rules[GENERALIST] = _generalist_rule(
        absorbed, absorbed_roles, generalists, have, assumptions.generalist_capacity_fte
    )
    contributors = individual_contributors(allocation)
    leads = required_leads(contributors, assumptions.lead_span)
    have = existing.get(LEAD, 0)
    allocation[LEAD] = max(leads, have)
    rules[LEAD] = _lead_rule(contributors, leads, have, assumptions.lead_span)
    return Staffing(allocation=allocation, rules=rules, absorbed_fte=absorbed)


def _kept(have: int, needed: int) -> str:
    if have > needed:
        return f"; {have} already employed are kept ({have - needed} more than demand needs)"
    if have:
        return f"; {have} already employed"
    return ""


def _specialist_rule(setup: str, fte: float, needed: int, have: int, cut: float) -> str:
    if fte <= _EPS:
        return "no project demands this role" + _kept(have, 0)
    return (
        f"{setup}: {fte:.1f} FTE becomes {needed} "
        f"(rounded up when the part beyond a whole person reaches {cut:.2f})" + _kept(have, needed)
    )


def _generalist_rule(
    absorbed: float, roles: list[str], needed: int, have: int, capacity: float
) -> str:
    if absorbed <= _EPS:
        return "no small demand to absorb" + _kept(have, 0)
    return (
        f"absorb {absorbed:.1f} FTE of {', '.join(roles)}; at {capacity:.2f} FTE of "
        f"specialist work each, that is {needed}" + _kept(have, needed)
    )


def _lead_rule(contributors: int, needed: int, have: int, span: int) -> str:
    if needed == 0:
        return f"{people(contributors)} fit in one team (up to {span}), so no lead" + _kept(have, 0)
    return f"{people(contributors)} make {needed} teams of up to {span}, one lead each" + _kept(
        have, needed
    )
