"""Help texts of the Scenario page's fields, built from the assumptions in force.

They quote model numbers (the analytics baseline, the setups' thresholds, span of control, how
each project attribute changes effort) that the Assumptions page can change; built here from
the ``Assumptions`` in force, the help always states the numbers the plan is computed with.
"""

from __future__ import annotations

from collections.abc import Callable

from mlplanner.model.assumptions import Adjustment, Assumptions, SetupRule
from mlplanner.model.rates import region_name
from mlplanner.model.roles import PHASE_LABELS, role_label
from mlplanner.model.scenario import BATCH_SCORED, DOMAINS, SMALL_ONLINE, SetupChoice
from mlplanner.model.wording import count, format_usd, joined

# What each project attribute is, before the numbers of how it changes effort.
_ATTRIBUTE_INTROS = {
    "scale": "Data volume and traffic.",
    "stage": "How far the project is.",
    "data_readiness": "Data readiness.",
    "annotation": "Labelling.",
    "deployment": "How predictions are served.",
}


def employees_help(a: Assumptions) -> str:
    """The Employees field: the analytics baseline and the Auto setup's thresholds."""
    return (
        "Size of the whole company. Adds an analytics baseline (one analyst per "
        f"{a.baseline_employees_per_analyst:,.0f} employees, at most "
        f"{a.baseline_max_analysts:g}) and, with setup Auto, picks the setup: startup up to "
        f"{count(a.auto_startup_max_employees)}, scaleup up to "
        f"{count(a.auto_scaleup_max_employees)}, mature above."
    )


def setup_label(setup: SetupChoice, a: Assumptions) -> str:
    """A setup choice, short enough for the select box: ``Scaleup: specialists from 1 FTE``
    (the whole rule is in :func:`setup_help`)."""
    if setup == "auto":
        return "Auto (from company size)"
    rule = a.setups[setup]
    if rule.generalists_absorb_data_science:
        short = "generalist data science"
    elif rule.absorb_below_fte > 0:
        short = f"specialists from {rule.absorb_below_fte:g} FTE"
    else:
        short = "a specialist for every role"
    return f"{setup.capitalize()}: {short}"


def setup_help(a: Assumptions) -> str:
    """The Setup field: each setup's rule with its thresholds, and span of control."""
    rules = " ".join(
        f"{setup.capitalize()}: {_setup_rule(rule)}; a role's demand rounds up to one more "
        f"person from {rule.round_up_from:g} of a person."
        for setup, rule in a.setups.items()
    )
    first = min(a.lead_from_contributors, a.lead_span)
    return (
        f"How demand becomes people. {rules} In every setup, from {first} people "
        f"(annotators and leads aside), each team of up to {a.lead_span} gets a lead. The "
        "recommended plan then moves people between roles where that scores higher for no "
        "more than the rules' cost, and beyond it makes any change of a person (one more, or "
        "one moved to a dearer role) that buys quality at least as cheaply as the team shaped "
        "for the rules' cost does, within the budget. Auto picks the setup from the number of "
        "employees."
    )


def project_column_help(a: Assumptions, label: Callable[[str], str], region: str) -> dict[str, str]:
    """Help of the project table's columns that the effort numbers decide, by column
    (``domain`` and the five attributes); ``label`` names a choice as the page shows it, and
    vendor prices are the company ``region``'s."""
    research = [
        label(domain)
        for domain in DOMAINS
        if any(by_role.get("research_scientist", 0) > 0 for by_role in a.effort[domain].values())
    ]
    texts = {
        "domain": "Kind of ML work: sets the base effort per lifecycle phase and role."
        + (f" {joined(research)} need research scientists." if research else "")
    }
    for attribute, intro in _ATTRIBUTE_INTROS.items():
        texts[attribute] = f"{intro} {_effects(a, attribute, label)}"
    texts["annotation"] += (
        f" Outsourced labelling is bought from a vendor at "
        f"{format_usd(a.vendor_price(region))} per FTE-year in {region_name(region)} instead of "
        "staffed."
    )
    gap = "of the gap between a full-stack data scientist's depth and a specialist's"
    texts["stage"] += (
        f" A prototype's work feels {a.depth_need['prototype']:.0%} {gap} (production and "
        f"research: {a.depth_need['production']:.0%} and {a.depth_need['research']:.0%})."
    )
    texts["deployment"] += (
        f" {BATCH_SCORED.capitalize()} feels "
        f"{a.depth_need['batch_production']:.0%} {gap}, {SMALL_ONLINE} "
        f"{a.depth_need['small_online_production']:.0%} (served at the edge, or online at "
        f"medium or large scale, or in batch at large scale: {a.depth_need['production']:.0%})."
    )
    return texts


def _setup_rule(rule: SetupRule) -> str:
    """How a setup splits the work beyond the staff already employed (``mlplanner/model/
    staffing.py``): the first part of every role to generalists, then specialists. It read
    "every role with less than 1 FTE of demand", a threshold the rules no longer use."""
    data_science = rule.generalists_absorb_data_science
    absorbed = ["all data science"] if data_science else []
    if rule.absorb_below_fte > 0:
        other = "other " if data_science else ""
        absorbed.append(
            f"the first {rule.absorb_below_fte:g} FTE of every {other}role but annotation"
        )
    if not absorbed:
        return "a specialist for every role with demand"
    return (
        f"full-stack data scientists carry {joined(absorbed)} (beyond the staff already "
        "employed), specialists the rest"
    )


def _effects(a: Assumptions, attribute: str, label: Callable[[str], str]) -> str:
    """``Small: every phase ×0.5; Large: every phase ×2.2; other choices keep …``."""
    by_value: dict[str, list[Adjustment]] = {}
    for adjustment in a.adjustments:
        if adjustment.attribute == attribute:
            by_value.setdefault(adjustment.value, []).append(adjustment)
    if not by_value:
        return "Every choice keeps the domain's base effort."
    parts = [f"{label(value)}: {_changes(found)}" for value, found in by_value.items()]
    return "; ".join(parts) + "; other choices keep the domain's base effort."


def _changes(adjustments: list[Adjustment]) -> str:
    """What one attribute value does: ``+0.5–2.5 FTE Data Annotator in annotation (by
    domain), deployment ×0.35``; added FTE first, then multipliers, in the data's order."""
    adds: dict[tuple[str, str], list[float]] = {}
    factors: list[str] = []
    for adj in adjustments:
        if adj.add_fte:
            adds.setdefault((adj.phase, adj.role), []).append(adj.add_fte)
        if adj.multiplier != 1:
            factors.append(f"{_where(adj.phase, adj.role)} ×{adj.multiplier:g}")
    texts = []
    for (phase, role), amounts in adds.items():
        low, high = min(amounts), max(amounts)
        by_domain = "" if low == high else " (by domain)"
        amount = f"{low:g}" if low == high else f"{low:g}–{high:g}"
        texts.append(f"+{amount} FTE {_who(role)} in {_where(phase, '*')}{by_domain}")
    return ", ".join(texts + factors) if texts or factors else "no change"


def _where(phase: str, role: str) -> str:
    place = "every phase" if phase == "*" else PHASE_LABELS[phase].lower()
    return place if role == "*" else f"{place} for {_who(role)}"


def _who(role: str) -> str:
    return "every role" if role == "*" else role_label(role)
