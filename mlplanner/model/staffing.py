"""Staffing: demand becomes whole people under a setup's rules, never fewer for more work.

Per specialist role (lifecycle order):
1. Existing staff in a role are kept and cover its demand first, one FTE each.
2. Under setups with generalists, full-stack data scientists carry the first
   ``absorb_below_fte`` of the rest of every role's demand (for startups, all the rest of the
   data-science work); annotation is never absorbed. Specialists are planned for what is
   left, the existing staff among them. (Until December 2026 a role with existing staff was
   never absorbed: a startup that already employed four data scientists was planned five
   more, against its own rule that full-stack data scientists do all data science.)
3. A role's specialist work becomes ``floor(fte)`` people, plus one when the remainder reaches
   the setup's ``round_up_from``; a remainder below it is *uncovered* (reported, never
   dropped silently).
The absorbed FTE, divided by a generalist's capacity, is rounded the same way into full-stack
data scientists, with at least one as soon as ``generalist_min_absorbed_fte`` is absorbed.

In-house annotation needs someone to label: annotation is nobody else's work (generalists
never carry it), so any annotation demand gets at least one annotator, even below the round-up
cut. The quality score agrees: a project's annotation phase is a weakest link (strength 1 for
production models and prototypes), so annotation nobody does holds the whole project back.

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

The rules are written once (:func:`staff_counts`, with the element-wise helpers of
:mod:`mlplanner.model.elementwise`), for one plan's demand as numbers or for arrays of it
with one element per plan: the ranges staff their thousand draws in one call
(:mod:`mlplanner.ranges.engine`), and both give the same numbers. :func:`staff` adds the rule
behind each number in words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.elementwise import Values, floor, maximum, minimum, where
from mlplanner.model.roles import (
    GENERALIST,
    HEAD,
    LEAD,
    MANAGERS,
    ROLES,
    SPECIALIST_ROLES,
    RoleId,
    role_label,
)
from mlplanner.model.scenario import SETUP_CHOICES, SETUPS, Company, Setup
from mlplanner.model.wording import SHOWN_FTE, count, people

_EPS = 1e-9
ANNOTATOR: RoleId = "annotator"
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
    that role someone, or no production model needs it); ``annotator_added``: whether the
    annotators got their one person only so that in-house annotation is done (rounding gave
    none and none is employed); ``carried``: the FTE of each specialist role full-stack data
    scientists carry.
    """

    allocation: dict[str, int]
    rules: dict[str, str]
    absorbed_fte: float
    uncovered_fte: dict[str, float]
    needed: dict[str, int]
    deployer: str | None = None
    annotator_added: bool = False
    carried: dict[str, float] = field(default_factory=dict)  # by generalists, per role

    @property
    def must_have(self) -> tuple[str, ...]:
        """The roles the work cannot be done without one person of: the deployer the rules
        added, and the annotators wherever there is annotation work (nobody else labels),
        however the rules gave them. The shaping keeps them (the setup's space starts them at
        one)."""
        annotator = ANNOTATOR if self.needed[ANNOTATOR] > 0 else None
        return tuple(role for role in (self.deployer, annotator) if role is not None)


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


def round_people(fte: Values, round_up_from: float) -> Values:
    """Whole people for an FTE demand: the floor, plus one if the remainder reaches the cut.

    On a number or on an array of them (:mod:`mlplanner.model.elementwise`).
    """
    whole = floor(fte + _EPS)
    return whole + where(fte - whole >= round_up_from - _EPS, 1, 0)


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


def leads_called(allocation: Mapping[str, Values], assumptions: Assumptions) -> Values:
    """The leads the individual contributors of ``allocation`` call for: :func:`managers` of
    them, from ``lead_from_contributors`` on, one per ``lead_span``."""
    contributors = individual_contributors(allocation)
    return managers(contributors, assumptions.lead_from_contributors, assumptions.lead_span)


def individual_contributors(allocation: Mapping[str, Values]) -> Values:
    """People who count towards span of control: everyone but managers and annotators (per
    role a whole number, or an array of them with one element per plan)."""
    return sum(n for role, n in allocation.items() if role not in (*MANAGERS, "annotator"))


def deployer(setup: Setup, assumptions: Assumptions) -> RoleId:
    """The role a setup staffs to deploy a production model nobody else can: a full-stack data
    scientist where the setup uses them, else an ML engineer."""
    return GENERALIST if assumptions.setups[setup].absorb_below_fte > 0 else "ml_engineer"


def must_deploy(deploys: bool, existing: Mapping[str, int]) -> bool:
    """Whether a plan must have someone of the setup's deployer role: a production project has
    deployment work and nobody already employed can deploy it."""
    return deploys and not any(existing.get(role, 0) for role in DEPLOYERS)


@dataclass(frozen=True)
class Counts:
    """The staffing rules' numbers for one demand, or per row for arrays of demand.

    ``allocation`` and ``needed``: people per role (every role); ``carried``: FTE of each
    specialist role the full-stack data scientists carry (0 where they carry none of it);
    ``absorbed``: their FTE in all; ``uncovered``: FTE per specialist role left to nobody;
    ``contributors``: the individual contributors the demand needs (span of control);
    ``deployer_added``: whether the setup's deployer role got its one person only so that a
    production model can be deployed (:func:`deployer`); ``annotator_added``: whether the
    annotators did, only so that in-house annotation is done.
    """

    allocation: dict[str, Values]
    needed: dict[str, Values]
    carried: dict[str, Values]
    absorbed: Values
    uncovered: dict[str, Values]
    contributors: Values
    deployer_added: Values
    annotator_added: Values


def staff_counts(
    demand: Mapping[str, Values],
    existing: dict[str, int],
    setup: Setup,
    assumptions: Assumptions,
    *,
    deploys: bool,
) -> Counts:
    """People per role for this demand under ``setup`` (module docstring), without the
    wording: on each role's FTE as a number, or as an array with one element per plan (as the
    ranges staff a thousand draws at once); both give the same numbers. ``deploys``: whether
    a production project has deployment work (:attr:`Demand.deploys
    <mlplanner.model.demand.Demand.deploys>`)."""
    rule = assumptions.setups[setup]
    allocation: dict[str, Values] = {}
    needed: dict[str, Values] = {}
    carried: dict[str, Values] = {}
    uncovered: dict[str, Values] = {}
    absorbed: Values = 0.0
    annotator_added: Values = False
    for role in SPECIALIST_ROLES:
        fte = demand[role]
        have = existing.get(role, 0)
        carried[role] = _carried_by_generalists(role, fte, have, setup, assumptions)
        absorbed = absorbed + carried[role]
        rest = maximum(0.0, fte - carried[role])
        needed[role] = round_people(rest, rule.round_up_from)
        if role == ANNOTATOR:  # nobody else labels: any annotation work gets an annotator
            labeller = where(fte > _EPS, needed[role] == 0, False)
            needed[role] = where(labeller, 1, needed[role])
            annotator_added = where(have > 0, False, labeller)
        allocation[role] = maximum(needed[role], have)
        uncovered[role] = maximum(0.0, rest - allocation[role])
    capacity = assumptions.generalist_capacity_fte
    generalists = round_people(absorbed / capacity, rule.round_up_from)
    enough = absorbed >= assumptions.generalist_min_absorbed_fte - _EPS
    needed[GENERALIST] = where(enough, maximum(generalists, 1), generalists)
    allocation[GENERALIST] = maximum(needed[GENERALIST], existing.get(GENERALIST, 0))
    deploying = deployer(setup, assumptions)
    added = where(must_deploy(deploys, existing), allocation[deploying] == 0, False)
    needed[deploying] = where(added, 1, needed[deploying])
    allocation[deploying] = where(added, 1, allocation[deploying])
    if deploying != GENERALIST:
        uncovered[deploying] = where(added, 0.0, uncovered[deploying])
    short = maximum(0.0, absorbed - allocation[GENERALIST] * capacity)
    for role in SPECIALIST_ROLES:
        some = carried[role] > _EPS
        part = short * carried[role] / where(some, absorbed, 1.0)
        uncovered[role] = uncovered[role] + where(some, part, 0.0)
    contributors = individual_contributors(needed)
    needed[LEAD] = leads_called(needed, assumptions)
    needed[HEAD] = managers(needed[LEAD], assumptions.head_from_leads, assumptions.lead_span)
    for manager in MANAGERS:
        allocation[manager] = maximum(needed[manager], existing.get(manager, 0))
    return Counts(
        allocation={role: allocation[role] for role in ROLES},
        needed={role: needed[role] for role in ROLES},
        carried=carried,
        absorbed=absorbed,
        uncovered=uncovered,
        contributors=contributors,
        deployer_added=added,
        annotator_added=annotator_added,
    )


def staff(
    demand: dict[str, float],
    existing: dict[str, int],
    setup: Setup,
    assumptions: Assumptions,
    *,
    deploys: bool,
) -> Staffing:
    """Whole people per role for this demand under ``setup`` (module docstring), and the rule
    behind each number in words."""
    counts = staff_counts(demand, existing, setup, assumptions, deploys=deploys)
    cut = assumptions.setups[setup].round_up_from
    needed = counts.needed
    rules = {
        role: _specialist_rule(
            setup,
            role,
            demand[role],
            counts.carried[role],
            needed[role],
            existing.get(role, 0),
            cut,
        )
        for role in SPECIALIST_ROLES
    }
    by_role = {role: fte for role, fte in counts.carried.items() if fte > _EPS}
    rules[GENERALIST] = _generalist_rule(
        counts.absorbed,
        by_role,
        needed[GENERALIST],
        existing.get(GENERALIST, 0),
        assumptions.generalist_capacity_fte,
    )
    added = deployer(setup, assumptions) if counts.deployer_added else None
    if added is not None:
        rules[added] = _deployer_rule(setup, None if added == GENERALIST else demand[added])
    first, span = assumptions.lead_from_contributors, assumptions.lead_span
    rules[LEAD] = _lead_rule(counts.contributors, needed[LEAD], existing.get(LEAD, 0), first, span)
    rules[HEAD] = _head_rule(
        needed[LEAD], needed[HEAD], existing.get(HEAD, 0), assumptions.head_from_leads, span
    )
    return Staffing(
        allocation=counts.allocation,
        rules={role: rules[role] for role in ROLES},
        absorbed_fte=counts.absorbed,
        uncovered_fte={role: fte for role, fte in counts.uncovered.items() if fte > _EPS},
        needed=counts.needed,
        deployer=added,
        annotator_added=bool(counts.annotator_added),
        carried={role: float(fte) for role, fte in counts.carried.items()},
    )


def _carried_by_generalists(
    role: str, fte: Values, have: int, setup: Setup, assumptions: Assumptions
) -> Values:
    """The part of a role's demand full-stack data scientists carry under ``setup``: of the
    work beyond what the ``have`` people already employed in it cover (one FTE each), the
    first ``absorb_below_fte`` (a startup's data science: all of it); never annotation, and
    none of a demand of at most ``_EPS``."""
    rule = assumptions.setups[setup]
    if role == ANNOTATOR:
        return 0.0
    beyond = maximum(0.0, fte - have)
    if role == "data_scientist" and rule.generalists_absorb_data_science:
        carried = beyond
    else:
        carried = minimum(beyond, rule.absorb_below_fte)
    return where(fte <= _EPS, 0.0, carried)


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
    setup: str, role: str, fte: float, carried: float, needed: int, have: int, cut: float
) -> str:
    if fte <= _EPS:
        return "no project demands this role" + _kept(have, 0)
    rest = fte - carried
    if carried > _EPS and rest <= _EPS:
        return f"{setup}: full-stack data scientists carry all {fte:.1f} FTE" + _kept(have, 0)
    if role == ANNOTATOR and needed == 1 and rest < cut - _EPS:
        return (
            f"{setup}: in-house annotation needs someone to label it, and nobody else does; its "
            f"{rest:.1f} FTE is below the cut a specialist starts from, so 1" + _kept(have, 1)
        )
    text = f"{setup}: "
    if carried > _EPS:
        text += f"full-stack data scientists carry {carried:.1f} of {fte:.1f} FTE"
        if have:
            text += f" (the work beyond the {have} already employed)"
        text += "; the other "
    text += (
        f"{_beside_cut(rest, cut)} FTE becomes {needed} "
        f"(rounded up when the part beyond a whole person reaches {cut:.2f}"
    )
    left = rest - max(needed, have)
    if left >= SHOWN_FTE:
        text += f"; {_beside_cut(left, cut)} FTE below that gets no specialist of its own"
    return text + ")" + _kept(have, needed)


def _beside_cut(fte: float, cut: float) -> str:
    """``fte`` to one decimal, or to as many (up to three) as show its part beyond a whole
    person on the same side of ``cut`` as it is: "0.5 FTE below that gets no specialist"
    read as contradicting a cut of 0.50 (it was 0.49), and "0.1 FTE becomes 1 (rounded up
    when the part beyond a whole person reaches 0.15)" likewise (it was 0.15)."""
    above = fte - math.floor(fte + _EPS) >= cut - _EPS
    for digits in (1, 2, 3):
        shown = f"{fte:.{digits}f}"
        value = float(shown)
        if (value - math.floor(value) >= cut - _EPS) == above:
            break
    return shown


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
