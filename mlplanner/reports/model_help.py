"""'How the model works': the rules behind a plan, with the numbers in force.

The text follows :mod:`mlplanner.model.demand`, :mod:`mlplanner.model.staffing`,
:mod:`mlplanner.model.shaping` with :mod:`mlplanner.model.setup_space` (how the recommended
plan is chosen), :mod:`mlplanner.model.cost` and :mod:`mlplanner.model.quality` (its module
docstring holds the formula); the figures come from the assumption set in force, so the
explanation always matches the plan on screen.
"""

from __future__ import annotations

from typing import Final

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.quality import DEFINITION, felt_depth
from mlplanner.model.rates import region_name
from mlplanner.model.roles import PHASE_LABELS, ROLE_LABELS
from mlplanner.model.scenario import BATCH_SCORED, DEPTH_WORK_NAMES, SMALL_ONLINE
from mlplanner.model.shaping import EXACT_SPACE
from mlplanner.model.wording import count, format_usd

COMPONENT_MEANINGS: Final[dict[str, str]] = {
    "delivery": "share of the portfolio's planned work the team delivers, project by project",
    "depth": "share of the covered work done at specialist depth",
    "resilience": "share of the demand carried by at least two people who can do it",
    "coordination": "share of the work kept with a lead for every team the work needs",
}


def _lighter_work(a: Assumptions) -> str:
    """`` Some kinds of work feel only part of …``: the kinds of work that feel less than the
    whole of the generalists' depth gap (``depth_need``), with a worked example."""
    lighter = {kind: need for kind, need in a.depth_need.items() if need < 1}
    if not lighter:
        return ""
    kind, need = next(iter(lighter.items()))
    depth = a.generalist_depth.get("data_engineer", 0.0)
    kinds = ", ".join(f"{DEPTH_WORK_NAMES[name]} {share:g}" for name, share in lighter.items())
    meanings = {"batch_production": BATCH_SCORED, "small_online_production": SMALL_ONLINE}
    kinds += "".join(
        f"; {DEPTH_WORK_NAMES[name]} is {meaning}"
        for name, meaning in meanings.items()
        if name in lighter
    )
    return (
        f" Some kinds of work feel only part of the gap to a specialist's depth ({kinds}): "
        f"in {DEPTH_WORK_NAMES[kind]} work, data engineering at {depth:.2f} counts "
        f"1 − {need:g} × {1 - depth:.2f} = {felt_depth(depth, need):.2f}. Shared platform "
        "work feels what the portfolio's most demanding project feels."
    )


def model_explanation(assumptions: Assumptions, region: str) -> str:
    """Markdown describing demand, staffing, cost and quality with these assumptions' numbers
    (prices of the company's ``region``)."""
    a = assumptions
    links = ", ".join(
        f"{key.replace('.', ' ').replace('_', ' ')} {k:g}" for key, k in a.weakest_link.items() if k
    )
    depth = ", ".join(
        f"{ROLE_LABELS[role]} {share:.2f}" for role, share in a.generalist_depth.items()
    )
    lighter = _lighter_work(a)
    run = ", ".join(f"{PHASE_LABELS[p].lower()} {share:.2f}" for p, share in a.run_share.items())
    shared = ", ".join(
        f"{PHASE_LABELS[p].lower()} {c.share:.0%} at exponent {c.exponent:g}"
        for p, c in a.shared_work.items()
        if c.share > 0
    )
    setups = "\n".join(
        f"  - **{name}**: {rule.description}" for name, rule in a.setups.items() if rule.description
    )
    startup = a.setups["startup"]
    past = f"past {startup.absorb_below_fte:g} FTE of a role; annotators as the work needs"
    startup_way = (
        f"full-stack data scientists do the data science and specialists come only for the "
        f"work they leave ({past})"
        if startup.generalists_absorb_data_science
        else f"specialists come only for the work full-stack data scientists leave ({past})"
    )
    return f"""
**Demand.** Each project adds full-time equivalents (FTE) per lifecycle phase and role: its
domain's base effort, adjusted for scale, stage, data readiness, annotation and deployment. A
project being **built** needs all of it; a **live** model (lifecycle *run*, or one being built
that is live by its start or the set plan start) needs only a share per phase (monitoring,
retraining, incidents, data fixes: {run}). Part of every phase's work is
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
remainder below the setup's round-up cut gets no specialist of its own; work nobody in the
plan covers (generalists may have capacity to spare) is said so in the plan's notes. A
production model always gets someone to deploy it: when rounding left nobody who can (and
nobody already employed can), one full-stack data scientist where the setup uses them, else
one ML engineer. In-house annotation always gets an annotator: nobody else labels, so any
annotation work gets at least one, even below the cut.
Leads count the people the work needs (annotators not counted): none below
{a.lead_from_contributors}, then one per team of up to {a.lead_span}. From
{a.head_from_leads} leads a Head of Data & ML leads the leads (one per {a.lead_span} leads).

**Shaping: how the recommended plan is chosen.** These rules size the team: how many people it
needs and what they cost a year. Rounding role by role does not give the team that delivers most
for that money, so the recommended plan is the best plan staffed the setup's way that costs no
more than the rules' plan. Where the setup's space holds up to {count(EXACT_SPACE)} plans (most
teams), every one is scored and the best within that cost is taken (ties: the cheaper). In
larger spaces the rules' plan is reshaped one move at a time: one person more in a role, one
fewer, or one moved from one role to another; where none of those helps, any two of them at
once (a senior hire for two juniors, say); very large teams move several people at a time. Each
time the move raising quality most is taken (ties: the cheaper plan); when none raises it, the
cheapest move that keeps quality and costs less; it stops when no move does either. Either way
the reshaped plan never costs more or scores lower than the rules' plan.

**Changes worth their cost.** The rules' cost can stop just short of a change that would lift
quality far more than it costs (a production model deployed by a generalist, an ML engineer
away from delivering in full). So, within the scenario's budget (without one, with no
limit), the recommended plan then makes the change of one person that raises its cost and
buys the most quality points per dollar (a person more, or one moved to a dearer role; of
two people where none of one will do), if it buys at least as many points per dollar as the
team shaped for the rules' cost does on average (its quality over its cost), and is reshaped
as above for its new cost; and again, until no change is worth its cost or fits the budget
(where the budget alone stops one, the plan says which).
The setup's own way of staffing: **startup**, {startup_way}; **scaleup**, any mix of generalists
and specialists; **mature**, no new full-stack data scientists. No role goes past its demand
rounded up, or two people (a backup) once it has a full person's work; a role with less work
than the setup's round-up cut gets no specialist (under the mature setup, which has no
full-stack data scientists to carry it, one at most); more only where existing staff or the
rules' plan have more.
Existing staff are kept, and heads of data & ML stay as the rules set them. The Plan page says
what changed from the rules' plan and who was added ("How the plan is shaped"), and each role
it changed says so in its rule under "Why each head".

**Cost.** People × median salary for the role and region × {a.loaded_cost_multiplier:.2f}
(employer costs on top of salary), plus vendor costs.

**Quality.** {DEFINITION}
- **Delivery**: {COMPONENT_MEANINGS["delivery"]}. Each role's capacity (specialists, plus
  full-stack data scientists' share of the uncovered work at their depth: {depth}) is set
  against its demand.{lighter}
  Staffed exactly to demand a role delivers {1 - a.delivery_headroom:.0%} of its work; people
  past demand add less and less towards 100%. Every project gets each role's capacity in
  proportion to its demand, and delivers the smaller of its phases' average and its **weakest
  link**: a phase with strength k caps the project at 1 − k × (1 − that phase's coverage)
  ({links}). A production project nobody can deploy delivers nothing. The analytics baseline
  and each phase's shared platform work count as projects of their own. Projects weigh by
  FTE × priority / 3 (priority 1–5, default 3).
- **Depth**: {COMPONENT_MEANINGS["depth"]} (it acts through the generalists' capacity).
- **Resilience**: {COMPONENT_MEANINGS["resilience"]} (the role's specialists, plus full-stack
  data scientists for every role but annotation). The score keeps
  1 − {a.resilience_weight:.2f} × (1 − resilience) of the delivery.
- **Coordination**: 1 − {a.lead_gap_penalty:.2f} × the share of the teams the work needs
  (counted like the leads, on the FTE of individual contributors' work: none below
  {min(a.lead_from_contributors, a.lead_span)}, then one per {a.lead_span}) that have no lead.

Quality = delivery × resilience factor × coordination, 0–100: adding a person never lowers it.
Under the quality headline, the Plan page names the project (or shared work) that loses the
most delivery, the phase and role behind it and why (work short of plan, done by full-stack
data scientists at their depth, or staffed exactly to plan), and the work that has no second
person, or nobody, able to do it.

Every number here is a **rule of thumb, not a measurement**, and all of them are editable: they
live in the `data/` folder with their sources (`data/SOURCES.md`).
"""
