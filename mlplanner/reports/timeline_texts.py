"""Sentences about a hiring timeline: when the plan is staffed, what the first year costs, and
where the hiring capacity comes from."""

from __future__ import annotations

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.hiring import absorbable_hires
from mlplanner.model.quarters import quarter_index, shift
from mlplanner.model.wording import format_usd, joined, people
from mlplanner.timeline.simulation import QUARTERS_PER_YEAR, ProjectDates, Timeline

NOT_IN_HORIZON = "Not in the horizon"
NOT_ON_BUDGET = "Over budget"
# A plan of nobody (a mature company's one live model below the rules' cut) staffs nothing:
# it had read "Fully staffed from the plan start".
NOBODY_TO_STAFF = "Nobody to staff"
LEFT_OUT = "Left out by the budget"
NOT_STAFFED = "Not staffed in the horizon"
# Beside an adopted allocation (the Plan page, the workbook): an allocation is not dated.
ADOPTED_TIMELINE = (
    "Timeline of the recommended staffing, not of the adopted allocation: the timeline hires "
    "towards the recommendation quarter by quarter (or, where the budget does not pay for it, "
    "towards the team the budget advice buys)."
)


def staffed_quarter(timeline: Timeline) -> str:
    """The "Fully staffed" figure: the quarter, or why there is none (the budget leaves
    projects out, or the horizon ends first)."""
    if not any(timeline.target.values()):
        return NOBODY_TO_STAFF
    if timeline.fully_staffed is not None:
        return timeline.fully_staffed
    return NOT_IN_HORIZON if timeline.budget_advice is None else NOT_ON_BUDGET


def project_staffed(project: ProjectDates) -> str:
    """When a project is staffed (``2027-Q2, 40% of its work`` where the budget staffs it in
    part), or why it is not."""
    if project.staffed is None:
        return LEFT_OUT if project.left_out else NOT_STAFFED
    if project.part_percent is not None:
        return f"{project.staffed}, {project.part_percent}% of its work"
    return project.staffed


def built_before_live(project: ProjectDates) -> str:
    """``56%``: of a project's work in the quarters before it goes live, the share the team's
    capacity covered (new hires as they ramp up); ``—`` where it does not go live within the
    horizon after quarters of building."""
    return "—" if project.build_percent is None else f"{project.build_percent}%"


BUILT_HELP = (
    "Of a project's work in the quarters before it goes live, the share the team's capacity "
    "covered: new hires count as they ramp up, and a role's capacity is shared over all the "
    "work that lands on it. Below 100%, the project goes live with part of its build undone "
    "unless its go-live moves or the build gets help."
)


def full_team(timeline: Timeline) -> str:
    """What the timeline hires towards: the plan's full team, or the team the budget buys
    where the budget does not pay for the recommended plan."""
    return "the full team" if timeline.budget_advice is None else "the team the budget buys"


def staffed_headline(timeline: Timeline) -> str:
    """``Fully staffed in 2027-Q2, a quarter after the plan starts (2027-Q1)``, or why not;
    under a budget that does not pay for the plan, first when the team it buys is in place."""
    if not any(timeline.target.values()):
        return f"{NOBODY_TO_STAFF}: the plan has no one"
    if timeline.fully_staffed is None:
        why = timeline.why_not_staffed or "Not fully staffed within the horizon"
        if timeline.budget_team_from is None or not any(timeline.target.values()):
            return why  # a team of nobody is not "in place"
        when = timeline.budget_team_from
        return f"The team the budget buys is in place from {when}{_as_then(timeline, when)}. {why}"
    when = timeline.fully_staffed
    if when == timeline.start:
        return f"Fully staffed from the plan start ({when}){_as_then(timeline, when)}"
    return f"Fully staffed in {when} (the plan starts {timeline.start}){_as_then(timeline, when)}"


def _as_then(timeline: Timeline, quarter: str) -> str:
    """``, for the work as it then stands (14 people; the plan's team is for the projects as
    the scenario gives them)``, where by ``quarter`` the work is not what the plan sizes: a
    project has gone live since its start (it then needs fewer people) or has not started.
    "Fully staffed" had read beside a plan of four people and a team of one. (Staff employed
    beyond the work do not change it: the timeline does not replace their leavers.)"""
    now = quarter_index(quarter)
    changed = any(
        quarter_index(p.start) > now
        or (p.live_from is not None and quarter_index(p.start) < quarter_index(p.live_from) <= now)
        for p in timeline.projects
    )
    if not changed:
        return ""
    then = next(q for q in timeline.quarters if q.quarter == quarter)
    needed = sum(line.target for line in then.roles)
    whose = "the plan's team" if timeline.budget_advice is None else "the budget's team"
    return (
        f", for the work as it then stands ({people(needed)}; {whose} is for the projects as "
        "the scenario gives them)"
    )


def first_year_text(timeline: Timeline) -> str:
    """What the first year really costs against the plan's steady-state yearly cost; where
    the timeline's last quarter needs another team than the plan (projects gone live, or
    starting later, change the work), that team's size too, so that the plan's cost is not
    read as what the timeline ends at."""
    n = timeline.first_year_quarters
    span = f"{timeline.start} to {shift(timeline.start, n - 1)}"
    cost = format_usd(timeline.first_year_cost_usd)
    steady = format_usd(timeline.plan_cost_usd)
    what = "The first year" if n == 4 else f"The first {n} quarters"
    text = f"{what} ({span}) costs {cost}, hiring costs included; "
    last = timeline.quarters[-1]
    needed = sum(line.target for line in last.roles)
    planned = sum(timeline.target.values())
    advice = timeline.budget_advice
    if advice is not None and advice.plan is None:  # not even the team staffing no project
        return text + (
            f"the budget does not cover even the cheapest team it can advise "
            f"({format_usd(advice.smallest_cost_usd)} a year), so the timeline hires nobody."
        )
    team = full_team(timeline)
    if needed == planned:
        return text + f"{team} costs {steady} a year once everyone is in place."
    has = "" if last.headcount == needed else f" (the team then has {last.headcount})"
    if timeline.budget_advice is None:
        team = "the plan's full team"
    return text + (
        f"{team} ({people(planned)}, the projects as the scenario gives them) "
        f"costs {steady} a year; by {last.quarter} the work needs {people(needed)}{has}."
    )


def first_year_hires(timeline: Timeline, assumptions: Assumptions) -> tuple[int, int, int]:
    """The hires the timeline's first year allows (the fewer of what the team at its start
    absorbs and four quarters of hiring capacity), what that team absorbs, and its size."""
    team = sum(timeline.scenario.company.existing_team.values())
    absorbed = absorbable_hires(team, assumptions)
    return min(absorbed, QUARTERS_PER_YEAR * timeline.capacity), absorbed, team


def first_year_limit_text(timeline: Timeline, assumptions: Assumptions) -> str:
    """``at most 6 hires in the first year (what the 4-person team at the start absorbs)``:
    the limit that binds, beside the company's hiring capacity (a bank's header read "80 hires
    a quarter" where its team absorbed 6 a year)."""
    limit, absorbed, team = first_year_hires(timeline, assumptions)
    why = (
        f"what the {team}-person team at the start absorbs"
        if limit == absorbed
        else "four quarters of hiring capacity"
    )
    return f"at most {limit} hire{'s' if limit != 1 else ''} in the first year ({why})"


def held_text(timeline: Timeline) -> str | None:
    """``On hold, so not in the timeline: Podcast search.``; ``None`` when no project is."""
    held = [p.name for p in timeline.scenario.projects if p.on_hold]
    return f"On hold, so not in the timeline: {joined(held)}." if held else None


def capacity_text(timeline: Timeline, assumptions: Assumptions) -> str:
    """``8 hires a quarter, derived from 800 employees`` or ``… set in the scenario``."""
    hires = f"{timeline.capacity} hire{'s' if timeline.capacity != 1 else ''} a quarter"
    if not timeline.capacity_derived:
        return f"{hires}, set in the scenario"
    employees = timeline.scenario.company.employees
    per = assumptions.hiring.employees_per_hire
    rule = f"one per {per:,.0f} employees, at least {assumptions.hiring.min_capacity_per_quarter}"
    return f"{hires}, derived from {employees:,} employees ({rule})"


def absorption_text(assumptions: Assumptions) -> str:
    """The yearly limit on hires the team's size sets, as the plan's warning counts it."""
    growth = assumptions.warn_hire_growth
    per = "one" if growth == 1 else f"{growth:g}"
    return (
        f"no more hires in a year than the team absorbs: {per} per person in it at the "
        f"year's start, at least {assumptions.warn_min_hires}"
    )
