"""Warnings a manager needs with a plan: surplus staff, uncovered work, a team that is a large
share of the company, and more hires in a year than a team can absorb.

Every threshold lives in ``data/parameters.csv`` (``warnings.*``) with its source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.hiring import absorbable_hires
from mlplanner.model.rates import region_in_a_sentence, region_sample, scaled_roles
from mlplanner.model.roles import HEAD, MANAGERS, SPECIALIST_ROLES, role_label
from mlplanner.model.wording import joined

# Uncovered work smaller than this is not worth a sentence (it shows as 0.0 FTE).
MIN_REPORTED_FTE = 0.05


def people(count: int, role: str) -> str:
    """``1 Data Engineer``, ``3 Data Engineers``, ``2 Heads of Data & ML``."""
    label = role_label(role)
    if count == 1:
        return f"1 {label}"
    if role == HEAD:
        return f"{count} Heads of Data & ML"
    return f"{count} {label}s"


def shared_name_messages(names: Sequence[str]) -> list[str]:
    """Projects that share a name: the budget advice and the timeline name projects, so a
    shared name leaves a reader unable to tell which one is staffed."""
    counts = Counter(names)
    return [
        f'{n} projects are named "{name}": the budget '
        "advice and the timeline say which projects are staffed by name, so rename one."
        for name, n in sorted(counts.items())
        if n > 1
    ]


def beyond_their_work(existing: Mapping[str, int], demand: Mapping[str, float]) -> list[str]:
    """The specialist roles whose people already employed exceed the role's demand by at
    least one person."""
    return [role for role in SPECIALIST_ROLES if existing.get(role, 0) - demand.get(role, 0.0) >= 1]


def surplus_messages(existing: Mapping[str, int], demand: Mapping[str, float]) -> list[str]:
    """Specialists already employed beyond their role's demand by at least one person."""
    notes = []
    for role in beyond_their_work(existing, demand):
        have, fte = existing.get(role, 0), demand.get(role, 0.0)
        work = f"{fte:.1f} FTE of {role_label(role)} work" if fte > 0 else "no work"
        notes.append(
            f"{people(have, role)} already employed for {work}: about "
            f"{round(have - fte)} more than the projects need."
        )
    return notes


def hiring_beside_surplus_message(
    existing: Mapping[str, int], demand: Mapping[str, float], hires: Mapping[str, int]
) -> list[str]:
    """Where the plan hires into some roles while at least as many specialists of other roles
    are employed beyond their roles' work (by a person or more each, as
    :func:`surplus_messages` counts them), a note that the planner keeps people in their
    roles: a review's retailer was told to hire
    three backend developers beside seven data engineers and seven data scientists beyond
    their work, with nothing to say that moving people was not considered."""
    spare = {
        role: round(existing.get(role, 0) - demand.get(role, 0.0))
        for role in beyond_their_work(existing, demand)
    }
    # annotators, leads and heads are not work a specialist beyond their role's would take
    hired = {
        role: n
        for role, n in hires.items()
        if n > 0 and role not in spare and role not in (*MANAGERS, "annotator")
    }
    if not hired or sum(spare.values()) < sum(hired.values()):
        return []  # only where those beyond their work could take every hire's place
    hiring = joined([people(n, role) for role, n in hired.items()])
    beyond = joined([people(n, role) for role, n in spare.items()])
    return [
        f"This plan hires {hiring} while about {beyond} already employed are beyond their "
        "roles' work. The planner keeps people in their roles: before opening those "
        "positions, check whether some of them can take that work on."
    ]


def staffing_surplus_messages(existing: Mapping[str, int], needed: Mapping[str, int]) -> list[str]:
    """Generalists and managers already employed beyond what the work needs."""
    notes = []
    for role, have in existing.items():
        if role in SPECIALIST_ROLES or have <= needed.get(role, 0):
            continue
        need = needed.get(role, 0)
        reason = (
            " Leads and heads are planned only for the people the work needs, not for staff "
            "kept beyond it."
            if role in MANAGERS
            else ""
        )
        notes.append(
            f"{people(have, role)} already employed where the work needs {need}: "
            f"{have - need} more than the projects need.{reason}"
        )
    return notes


def uncovered_message(
    uncovered: Mapping[str, float], setup: str, cut: float, by_rounding: bool
) -> list[str]:
    """Work the plan leaves to nobody, role by role, and why: the setup's rounding when the
    plan is the rules' own, else that the plan staffs those roles below their demand (a
    reshaped plan moved people to where they deliver more; an adopted one is smaller)."""
    parts = [
        f"{fte:.1f} FTE of {role_label(role)} work"
        for role, fte in uncovered.items()
        if fte >= MIN_REPORTED_FTE
    ]
    if not parts:
        return []
    if by_rounding:
        return [
            f"Left uncovered by rounding: {', '.join(parts)}. Under the {setup} setup a role "
            f"gets one more person only when the part beyond whole people reaches {cut:.2f} "
            "of a person; the coverage score counts what is left."
        ]
    return [
        f"Left uncovered: {', '.join(parts)}. This plan staffs these roles below their "
        "demand; the coverage score counts what is left."
    ]


def team_share_message(headcount: int, employees: int, assumptions: Assumptions) -> list[str]:
    """An ML and data team that is a large share of a company past startup size."""
    share = headcount / employees
    if employees <= assumptions.auto_startup_max_employees or share <= assumptions.warn_team_share:
        return []
    return [
        f"The ML and data team would be {headcount} people, {share:.1%} of the company's "
        f"{employees:,} employees; data teams are usually 1–5% of a scale-up's workforce "
        f"(this warning starts above {assumptions.warn_team_share:.0%}). Unless ML is what the "
        "company sells (a research lab, an AI product company), check that every project "
        "needs its own team this year."
    ]


def hiring_pace_message(
    hires: int, existing: Sequence[int] | Mapping[str, int], assumptions: Assumptions
) -> list[str]:
    """More hires in one year than a team of this size can realistically absorb."""
    team = sum(existing.values()) if isinstance(existing, Mapping) else sum(existing)
    absorbable = absorbable_hires(team, assumptions)
    if hires <= absorbable:
        return []
    into = f"into a team of {team}" if team else "from scratch"
    return [
        f"This plan hires {hires} people in one year {into}: more than a team usually absorbs "
        f"(about {absorbable} a year here; new people take months to ramp up and take the "
        "existing team's time). Consider phasing the hires over two years."
    ]


def scaled_rates_message(
    region: str, allocation: Mapping[str, int], assumptions: Assumptions
) -> list[str]:
    """Where the plan's people are priced at the shipped salaries that are US medians scaled
    by the region's ratio to the US (the survey has too few of the region's own rows), a note
    saying so, naming the roles: a review read India's data scientists at $49k as two to three
    times local offers, with nothing to say the figure was not local. Edited salaries are the
    user's own and get no note."""
    scaled = scaled_roles(region) if region != "us" else {}
    roles = [
        role
        for role, n in allocation.items()
        if n > 0 and role in scaled and assumptions.rates[region].get(role) == scaled[role]
    ]
    if not roles:
        return []
    rows, ratio = region_sample(region)
    names = joined([role_label(role) for role in roles])
    return [
        f"Salaries in {region_in_a_sentence(region)} for {names} are the US medians times the "
        f"region's salary ratio to the US ({ratio:g}, from {rows:,} survey rows), or rest on "
        "them, not local figures: check them against local offers and edit them on the "
        "Assumptions page (Salaries)."
    ]
