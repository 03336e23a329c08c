"""Plans against a baseline: what changes per role, in cost and in quality.

Any evaluations can be compared (setups of one scenario, saved plans, revisions of a plan):
every figure is ``evaluation - baseline``, so a positive cost delta costs more than the baseline
and a positive quality delta is better. An evaluation computed under other assumptions than the
baseline's says so (its figures are then not like for like).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mlplanner.model.plan import Evaluation
from mlplanner.model.quality import COMPONENTS, SHOWN_POINTS, shown_difference
from mlplanner.model.roles import ROLES


def quality_change(quality: float, baseline: float) -> str | None:
    """A quality against its baseline as a metric's change shows it (``+1.3``: the difference
    of the two as shown); None when they read the same."""
    change = shown_difference(quality, baseline)
    return f"{change:+.1f}" if abs(change) >= SHOWN_POINTS else None


@dataclass(frozen=True)
class RoleDelta:
    """One role: headcount and yearly cost in the baseline and in the evaluation."""

    role: str
    baseline_headcount: int
    headcount: int
    baseline_cost_usd: int
    cost_usd: int

    @property
    def headcount_delta(self) -> int:
        return self.headcount - self.baseline_headcount

    @property
    def cost_delta_usd(self) -> int:
        return self.cost_usd - self.baseline_cost_usd

    @property
    def changed(self) -> bool:
        return self.headcount_delta != 0 or self.cost_delta_usd != 0


@dataclass(frozen=True)
class EvaluationDelta:
    """One evaluation against the baseline."""

    label: str
    baseline: Evaluation
    evaluation: Evaluation
    roles: tuple[RoleDelta, ...]

    @property
    def headcount_delta(self) -> int:
        return self.evaluation.total_headcount - self.baseline.total_headcount

    @property
    def hires_delta(self) -> int:
        return self.evaluation.total_hires - self.baseline.total_hires

    @property
    def cost_delta_usd(self) -> int:
        return self.evaluation.annual_cost_usd - self.baseline.annual_cost_usd

    @property
    def vendor_cost_delta_usd(self) -> int:
        return self.evaluation.vendor_cost_usd - self.baseline.vendor_cost_usd

    @property
    def cost_delta_pct(self) -> float | None:
        """Cost change in percent of the baseline's cost (None when the baseline costs nothing)."""
        base = self.baseline.annual_cost_usd
        return None if base == 0 else 100 * self.cost_delta_usd / base

    @property
    def quality_delta(self) -> float:
        """The change of quality as the two figures read, to one decimal."""
        return shown_difference(self.evaluation.quality, self.baseline.quality)

    @property
    def component_deltas(self) -> dict[str, float]:
        now = self.evaluation.quality_components
        before = self.baseline.quality_components
        return {name: now[name] - before[name] for name in COMPONENTS}

    @property
    def same_assumptions(self) -> bool:
        """Whether both were computed with the same numbers (else not like for like)."""
        return self.evaluation.assumptions == self.baseline.assumptions

    @property
    def same_scenario(self) -> bool:
        return self.evaluation.scenario == self.baseline.scenario

    @property
    def changed_roles(self) -> tuple[RoleDelta, ...]:
        """Roles whose headcount or cost differ, lifecycle order."""
        return tuple(line for line in self.roles if line.changed)


def delta(baseline: Evaluation, evaluation: Evaluation, label: str) -> EvaluationDelta:
    """``evaluation`` against ``baseline``, every role in lifecycle order."""
    before = {line.role: line for line in baseline.roles}
    after = {line.role: line for line in evaluation.roles}
    roles = tuple(
        RoleDelta(
            role=role,
            baseline_headcount=before[role].headcount,
            headcount=after[role].headcount,
            baseline_cost_usd=before[role].annual_cost_usd,
            cost_usd=after[role].annual_cost_usd,
        )
        for role in ROLES
    )
    return EvaluationDelta(label=label, baseline=baseline, evaluation=evaluation, roles=roles)


def deltas(baseline: Evaluation, evaluations: Mapping[str, Evaluation]) -> list[EvaluationDelta]:
    """Each labelled evaluation against the baseline, in the mapping's order."""
    return [delta(baseline, evaluation, label) for label, evaluation in evaluations.items()]
