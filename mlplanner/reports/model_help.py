"""'How the model works': the rules behind a plan, with the numbers in force.

The text follows :mod:`mlplanner.model.demand`, :mod:`mlplanner.model.staffing`,
:mod:`mlplanner.model.cost` and :mod:`mlplanner.model.quality` (its module docstring holds the
formula); the figures come from the assumption set in force, so the explanation always matches
the plan on screen.
"""

from __future__ import annotations

from typing import Final

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.quality import COMPONENTS, KINDS
from mlplanner.model.rates import region_name
from mlplanner.model.roles import PHASE_LABELS, ROLE_LABELS
from mlplanner.model.wording import count, format_usd

COMPONENT_MEANINGS: Final[dict[str, str]] = {
    "coverage": "share of the demand someone is staffed for",
    "depth": "share of the covered work done at specialist depth",
    "resilience": "share of the demand carried by at least two people who can do it",
    "coordination": "leads where the team outgrows one group, and few hand-offs between roles",
}


def model_explanation(assumptions: Assumptions, region: str) -> str:
    """Markdown describing demand, staffing, cost and quality with these assumptions' numbers
    (prices of the company's ``region``)."""
    a = assumptions
    weights = " + ".join(f"{a.quality_weights[c]:.2f} × {c}" for c in COMPONENTS)
    depth = ", ".join(
        f"{ROLE_LABELS[role]} {share:.2f}" for role, share in a.generalist_depth.items()
    )
    run = ", ".join(f"{PHASE_LABELS[p].lower()} {share:.2f}" for p, share in a.run_share.items())
    shared = ", ".join(
        f"{PHASE_LABELS[p].lower()} {c.share:.0%} at exponent {c.exponent:g}"
        for p, c in a.shared_work.items()
        if c.share > 0
    )
    setups = "\n".join(
        f"  - **{name}**: {rule.description}" for name, rule in a.setups.items() if rule.description
    )
    return f"""
**Demand.** Each project adds full-time equivalents (FTE) per lifecycle phase and role: its
domain's base effort, adjusted for scale, stage, data readiness, annotation and deployment. A
project being **built** needs all of it; a **live** model (lifecycle *run*) needs only a share
per phase (monitoring, retraining, incidents, data fixes: {run}). Part of every phase's work is
**shared platform** work (pipelines, feature store, serving, monitoring) that grows more slowly
than the number of projects: n similar projects pay n to the power of the phase's exponent
times one project's ({shared}); it is its own line, "Shared platform (…)". The rest is the
project's own, times its count. The company adds an analytics baseline of one analyst per
{a.baseline_employees_per_analyst:,.0f} employees (at most {a.baseline_max_analysts:g}).
Outsourced annotation is bought from a vendor instead of staffed, at
{format_usd(a.vendor_price(region))} per FTE-year in {region_name(region)}.

**Staffing.** Existing staff are kept and cover their role's demand first. The setup decides
how the rest becomes whole people (with setup *auto*: startup up to
{count(a.auto_startup_max_employees)} employees, scaleup up to
{count(a.auto_scaleup_max_employees)}, mature above):
{setups}

Where a setup has generalists, full-stack data scientists carry the first part of every role's
demand (up to the setup's absorb limit) and specialists the rest, so more work never means
fewer people. Each generalist does {a.generalist_capacity_fte:.2f} FTE of specialist work. A
remainder below the setup's round-up cut is left uncovered and said so in the plan's notes.
Leads count the people the work needs (annotators not counted): none below
{a.lead_from_contributors}, then one per team of up to {a.lead_span}. From
{a.head_from_leads} leads a Head of Data & ML leads the leads (one per {a.lead_span} leads).

**Cost.** People × median salary for the role and region × {a.loaded_cost_multiplier:.2f}
(employer costs on top of salary), plus vendor costs.

**Quality** = {weights}, each component 0–100:
- **Coverage**: {COMPONENT_MEANINGS["coverage"]}. Specialists cover their role's demand up to
  their headcount; full-stack data scientists spread their capacity over the uncovered demand of
  every role but annotation, in proportion to it.
- **Depth**: {COMPONENT_MEANINGS["depth"]}. A full-stack data scientist's work in a role counts
  {depth} of a specialist's.
- **Resilience**: {COMPONENT_MEANINGS["resilience"]} (the role's specialists, plus full-stack
  data scientists for every role but annotation): one-person roles are single points of failure.
- **Coordination**: 100 for one team of one kind of person. It loses
  {a.lead_gap_penalty:.2f} × the share of teams past the first that lack a lead, and
  {a.handoff_penalty:.2f} × (kinds of individual contributor in use − 1) / {KINDS - 1}, which is
  the whole penalty when all {KINDS} kinds are separate people (hand-offs). An empty team
  scores 0.

Every number here is a **rule of thumb, not a measurement**, and all of them are editable: they
live in the `data/` folder with their sources (`data/SOURCES.md`).
"""
