"""Sentences that state a plan's point, computed from its figures: the titles of its charts.

A chart's title says what the reader should see in it ("Data Scientist is the largest role:
20 of 73 people"), so it is worked out from the same numbers the chart draws.
"""

from __future__ import annotations

from mlplanner.model.plan import Evaluation
from mlplanner.model.quality import COMPONENTS
from mlplanner.model.roles import PHASE_LABELS, PHASES, ROLES, role_label
from mlplanner.model.wording import count, joined, people
from mlplanner.reports.attribution import headcount_by_source

# Coverage and components within half a point of 100 read as "full" (they are shown rounded).
_FULL = 99.5


def largest_role_headline(evaluation: Evaluation) -> str:
    """``Data Scientist is the largest role: 20 of 73 people`` (ties named together)."""
    total = evaluation.total_headcount
    if total == 0:
        return "Nobody is staffed in this plan"
    top = max(line.headcount for line in evaluation.roles)
    largest = [role_label(role) for role in ROLES if evaluation.allocation[role] == top]
    if len(largest) == 1:
        return f"{largest[0]} is the largest role: {count(top)} of {people(total)}"
    if top * len(largest) == total:
        return f"{joined(largest)} make up the team: {count(top)} each"
    return f"{joined(largest)} are the largest roles: {count(top)} each of {people(total)}"


def busiest_source_headline(evaluation: Evaluation) -> str:
    """``Product recommendations draws the most people: 12.1 of 73`` (shares of people)."""
    total = evaluation.total_headcount
    if total == 0:
        return "Nobody is staffed in this plan"
    per_source: dict[str, float] = {}
    for shares in headcount_by_source(evaluation).values():
        for source, share in shares.items():
            per_source[source] = per_source.get(source, 0.0) + share
    source, drawn = max(per_source.items(), key=lambda item: item[1])
    if len(per_source) == 1:
        return f"All {people(total)} work on {source}"
    return f"{source} draws the most people: {drawn:,.1f} of {count(total)}"


def people_sentence(evaluation: Evaluation) -> str:
    """The people chart's point in words: its title and subtitle as sentences (once when both
    say that nobody is staffed)."""
    headlines = dict.fromkeys(
        (busiest_source_headline(evaluation), largest_role_headline(evaluation))
    )
    return " ".join(f"{headline}." for headline in headlines)


def quality_headline(evaluation: Evaluation) -> str:
    """``Quality 87 of 100, weakest: depth at 74``."""
    components = evaluation.quality_components
    weakest = min(COMPONENTS, key=lambda name: components[name])
    score = f"Quality {evaluation.quality:.0f} of 100"
    if components[weakest] >= _FULL:
        return f"{score}: every component at its best"
    return f"{score}, weakest: {weakest} at {components[weakest]:.0f}"


def coverage_headline(evaluation: Evaluation) -> str:
    """``Deployment is the least covered phase: 60%`` or all phases covered."""
    coverage = evaluation.quality_detail.coverage_by_phase
    least = min(PHASES, key=lambda phase: coverage[phase])
    if coverage[least] >= _FULL:
        return "Every phase of the lifecycle is fully covered"
    return f"{PHASE_LABELS[least]} is the least covered phase: {coverage[least]:.0f}%"
