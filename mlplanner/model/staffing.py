"""Staffing: demand becomes whole people under a setup's rules, never fewer for more work.

Per specialist role (lifecycle order):
1. Existing staff in a role are kept and cover its demand first; such a role is never absorbed.
2. Under setups with generalists, full-stack data scientists carry the first
   ``absorb_below_fte`` of every role's demand (for startups, all data-science work);
   annotation is never absorbed. Specialists are planned for the rest.
3. A role's specialist work becomes ``floor(fte)`` people, plus one when the remainder reaches
   the setup's ``round_up_from``; a remainder below it is *uncovered* (reported, never
   dropped silently).
The absorbed FTE, divided by a generalist's capacity, is rounded the same way into full-stack
data scientists, with at least one as soon as ``generalist_min_absorbed_fte`` is absorbed.

A production model needs someone able to deploy it: when a production project has deployment
work (``deploys``) and no one already employed can deploy (:data:`DEPLOYERS`), the setup's
deployer role (:func:`deployer`: full-stack data scientists where the setup uses them, else
ML engineers) gets at least one person, even for work below the round-up cut. The quality
score agrees: a production project whose deployment nobody covers delivers nothing (its
weakest link), however small it is beside the rest of the portfolio. The rule looks at the
deployer role alone, not at who else rounding gave, so more work still never means fewer
people in any role.

Why generalists carry the *first* part of a role rather than a role below a threshold: every
count above is then a non-decreasing function of every role's demand, so more work never
means fewer people or a lower cost (when a role reached the threshold under the old rule, its
work left the generalists at once and a generalist could disappear as a cheaper specialist
arrived). ``tests/model/test_monotonicity.py`` checks it over generated scenarios.

Management (:func:`managers`): no lead while the individual contributors the demand needs are
fewer than ``lead_from_contributors`` (a senior contributor leads them), then one lead per
team of up to ``lead_span``; a Head of Data & ML likewise once there are ``head_from_leads``
leads, one per ``lead_span`` leads. A threshold above ``lead_span`` counts as ``lead_span``,
so one person more never adds two managers (the old rule jumped from no lead for 8 people to
2 for 9). Leads and heads count only the people the demand needs, not kept existing staff
beyond it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.roles import (
    GENERALIST,
    HEAD,
    LEAD,
    MANAGERS,
    ROLES,
    SPECIALIST_ROLES,
    role_label,
)
from mlplanner.model.scenario import SETUP_CHOICES, SETUPS, Company, Setup
from mlplanner.model.wording import count, people

_EPS = 1e-9
# People able to deploy a model: ML engineers, backend developers and full-stack data scientists.
DEPLOYERS = ("ml_engineer", "developer", GENERALIST)


@dataclass(frozen=True)
class SetupChoice:
    """The setup used and why."""

    setup: Setup
    reason: str


@dataclass(frozen=True)
class Staffing:
    """Whole people per role (every role, lifecycle order) and the rule behind each number.

    ``uncovered_fte``: demand per role left to nobody by rounding (the generalists' own
    remainder is counted in the roles they absorb, in proportion); ``needed``: people per role
    the demand needs, before existing staff beyond it are kept; ``deployer``: the role given
    one person so that a production model can be deployed (``None`` when rounding already gave
    that role someone, or no production model needs it).
    """

    allocation: dict[str, int]
    rules: dict[str, str]
    absorbed_fte: float
    uncovered_fte: dict[str, float]
    needed: dict[str, int]
    deployer: str | None = None


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


def managers(people: Any, first: int, span: int) -> Any:
    """Managers for ``people`` reports: none below ``first``, then one per ``span`` people or
    part of ``span``. A ``first`` above ``span`` counts as ``span``: one person more never adds
    two managers. The quality score's coordination rule counts the teams needing a lead the
    same way (:mod:`mlplanner.model.quality`).

    On a whole number or on a numpy array of them (one team size per plan): ``-(-n // span)``
    is ``ceil(n / span)`` in whole numbers, and ``x (n >= first)`` keeps it only from
    ``first`` on.
    """
    return -(-people // span) * (people >= min(first, span))


def individual_contributors(allocation: dict[str, int]) -> int:
    """People who count towards span of control: everyone but managers and annotators."""
    return sum(n for role, n in allocation.items() if role not in (*MANAGERS, "annotator"))


def deployer(setup: Setup, assumptions: Assumptions) -> str:
    """The role a setup staffs to deploy a production model nobody else can: a full-stack data
    scientist where the setup uses them, else an ML engineer."""
    return GENERALIST if assumptions.setups[setup].absorb_below_fte > 0 else "ml_engineer"


def must_deploy(deploys: bool, existing: Mapping[str, int]) -> bool:
    """Whether a plan must have someone of the setup's deployer role: a production project has
    deployment work and nobody already employed can deploy it."""
    return deploys and not any(existing.get(role, 0) for role in DEPLOYERS)


def staff(
    demand: dict[str, float],
    existing: dict[str, int],
    setup: Setup,
    assumptions: Assumptions,
    *,
    deploys: bool,
) -> Staffing:
    """Whole people per role for this demand under ``setup`` (module docstring); ``deploys``:
    whether a production project has deployment work (:attr:`Demand.deploys
    <mlplanner.model.demand.Demand.deploys>`)."""
    rule = assumptions.setups[setup]
    allocation: dict[str, int] = dict.fromkeys(ROLES, 0)
    needed: dict[str, int] = dict.fromkeys(ROLES, 0)
    rules: dict[str, str] = {}
    uncovered: dict[str, float] = {}
    absorbed = 0.0
    absorbed_by_role: dict[str, float] = {}
    for role in SPECIALIST_ROLES:
        fte = demand[role]
        have = existing.get(role, 0)
        carried = _carried_by_generalists(role, fte, have, setup, assumptions)
        if carried > _EPS:
            absorbed += carried
            absorbed_by_role[role] = carried
        rest = max(0.0, fte - carried)
        needed[role] = round_people(rest, rule.round_up_from)
        allocation[role] = max(needed[role], have)
        uncovered[role] = max(0.0, rest - allocation[role])
        rules[role] = _specialist_rule(setup, fte, carried, needed[role], have, rule.round_up_from)
    capacity = assumptions.generalist_capacity_fte
    generalists = round_people(absorbed / capacity, rule.round_up_from)
    if absorbed >= assumptions.generalist_min_absorbed_fte - _EPS:
        generalists = max(generalists, 1)
    have = existing.get(GENERALIST, 0)
    needed[GENERALIST] = generalists
    allocation[GENERALIST] = max(generalists, have)
    rules[GENERALIST] = _generalist_rule(absorbed, absorbed_by_role, generalists, have, capacity)
    deploying: str | None = deployer(setup, assumptions)
    if deploying is not None and must_deploy(deploys, existing) and not allocation[deploying]:
        needed[deploying] = allocation[deploying] = 1
        if deploying != GENERALIST:
            uncovered[deploying] = max(0.0, uncovered[deploying] - 1)
        rules[deploying] = _deployer_rule(
            setup, None if deploying == GENERALIST else demand[deploying]
        )
    else:
        deploying = None
    short = max(0.0, absorbed - allocation[GENERALIST] * capacity)
    for absorbed_role, carried in absorbed_by_role.items():
        uncovered[absorbed_role] += short * carried / absorbed
    contributors = individual_contributors(needed)
    first, span = assumptions.lead_from_contributors, assumptions.lead_span
    needed[LEAD] = managers(contributors, first, span)
    have = existing.get(LEAD, 0)
    allocation[LEAD] = max(needed[LEAD], have)
    rules[LEAD] = _lead_rule(contributors, needed[LEAD], have, first, span)
    needed[HEAD] = managers(needed[LEAD], assumptions.head_from_leads, span)
    have = existing.get(HEAD, 0)
    allocation[HEAD] = max(needed[HEAD], have)
    rules[HEAD] = _head_rule(needed[LEAD], needed[HEAD], have, assumptions.head_from_leads, span)
    return Staffing(
        allocation=allocation,
        rules=rules,
        absorbed_fte=absorbed,
        uncovered_fte={role: fte for role, fte in uncovered.items() if fte > _EPS},
        needed=needed,
        deployer=deploying,
    )


def _carried_by_generalists(
    role: str, fte: float, have: int, setup: Setup, assumptions: Assumptions
) -> float:
    """The part of a role's demand full-stack data scientists carry under ``setup``."""
    rule = assumptions.setups[setup]
    if fte <= _EPS or have > 0 or role == "annotator":
        return 0.0
    if role == "data_scientist" and rule.generalists_absorb_data_science:
        return fte
    return min(fte, rule.absorb_below_fte)


def _deployer_rule(setup: str, fte: float | None) -> str:
    work = (
        "the generalists' share of the work rounds to nobody"
        if fte is None
        else f"its {fte:.1f} FTE is below the cut a specialist starts from"
    )
    return f"{setup}: a production model needs someone to deploy it, and {work}; so 1"


def _kept(have: int, needed: int) -> str:
    if have > needed:
        return f"; {have} already employed are kept ({have - needed} more than demand needs)"
    if have:
        return f"; {have} already employed"
    return ""


def _specialist_rule(
    setup: str, fte: float, carried: float, needed: int, have: int, cut: float
) -> str:
    if fte <= _EPS:
        return "no project demands this role" + _kept(have, 0)
    rest = fte - carried
    if carried > _EPS and rest <= _EPS:
        return f"{setup}: full-stack data scientists carry all {fte:.1f} FTE" + _kept(have, 0)
    text = f"{setup}: "
    if carried > _EPS:
        text += f"full-stack data scientists carry {carried:.1f} of {fte:.1f} FTE; the other "
    text += (
        f"{rest:.1f} FTE becomes {needed} "
        f"(rounded up when the part beyond a whole person reaches {cut:.2f}"
    )
    left = rest - max(needed, have)
    if left > _EPS:
        text += f"; {left:.1f} FTE below that gets no specialist of its own"
    return text + ")" + _kept(have, needed)


def _generalist_rule(
    absorbed: float, by_role: dict[str, float], needed: int, have: int, capacity: float
) -> str:
    if absorbed <= _EPS:
        return "no work for generalists" + _kept(have, 0)
    roles = ", ".join(f"{fte:.1f} {role_label(role)}" for role, fte in by_role.items())
    return (
        f"carry {absorbed:.1f} FTE ({roles}); at {capacity:.2f} FTE of specialist work each, "
        f"that is {needed}" + _kept(have, needed)
    )


def _lead_rule(contributors: int, needed: int, have: int, first: int, span: int) -> str:
    if needed == 0:
        return (
            f"{people(contributors)} are fewer than {first}: a senior contributor leads them, "
            "no lead" + _kept(have, 0)
        )
    return (
        f"{people(contributors)} the work needs make {needed} teams of up to {span}, one lead "
        f"each (a lead from {first} people on)" + _kept(have, needed)
    )


def _head_rule(leads: int, needed: int, have: int, first: int, span: int) -> str:
    if needed == 0:
        return f"{leads} team leads are fewer than {first}: no head of data & ML" + _kept(have, 0)
    return (
        f"{leads} team leads need someone above them: one head per {span} leads (from "
        f"{first} leads on), so {needed}" + _kept(have, needed)
    )
