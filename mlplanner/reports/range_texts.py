"""Ranges in words: how firm a plan's figures are ("8–10 people, 80% of the time")."""

from __future__ import annotations

from mlplanner.model.wording import count, format_usd, people
from mlplanner.ranges.bands import CONFIDENCE_WORDS, Band
from mlplanner.ranges.plan_ranges import PlanRanges


def people_range(b: Band) -> str:
    """``8–10 people`` (``8 people`` when P10 and P90 agree)."""
    if b.firm:
        return people(int(b.p10))
    return f"{count(int(b.p10))}–{people(int(b.p90))}"


def usd_range(b: Band) -> str:
    """``$1.33M–$2.17M`` (one figure when P10 and P90 agree)."""
    if b.firm:
        return format_usd(b.p10)
    return f"{format_usd(b.p10)}–{format_usd(b.p90)}"


def quality_range(b: Band) -> str:
    """``91–94/100``."""
    if round(b.p10) == round(b.p90):
        return f"{b.p10:.0f}/100"
    return f"{b.p10:.0f}–{b.p90:.0f}/100"


def headcount_words(r: PlanRanges) -> str:
    """``8–10 people, 80% of the time``."""
    return f"{people_range(r.total_headcount)}, {CONFIDENCE_WORDS}"


def cost_words(r: PlanRanges) -> str:
    """``$1.33M–$2.17M a year, 80% of the time``."""
    return f"{usd_range(r.annual_cost_usd)} a year, {CONFIDENCE_WORDS}"


def ranges_sentence(r: PlanRanges) -> str:
    """The whole range in one sentence, with what it rests on."""
    return (
        f"With the assumptions as uncertain as the Assumptions page says, the plan needs "
        f"{people_range(r.total_headcount)} and costs {usd_range(r.annual_cost_usd)} a year, "
        f"{CONFIDENCE_WORDS} (P10–P90 of {count(r.draws)} draws, seed {r.seed}); quality "
        f"{quality_range(r.quality)}."
    )
