"""Who carries each lifecycle phase in a plan: the phase x role responsibility matrix.

The work a role does in a phase is the demand it covers there. A specialist role covers the
same share of its demand in every phase (specialists first, as in :mod:`mlplanner.model.quality`,
whose coverage by phase makes the same assumption); full-stack data scientists cover, in each
phase, their share of every role they absorb (``Quality.generalist_fte``). In each phase the
role doing the largest share of the covered work is **responsible** (ties: lifecycle order);
every other role doing some of it **contributes**. Demand nobody is staffed for is the phase's
gap. Leads coordinate and carry no phase work of their own; outsourced annotation is a
vendor's work, not the team's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd

from mlplanner.model.plan import Evaluation
from mlplanner.model.roles import GENERALIST, PHASE_LABELS, PHASES, SPECIALIST_ROLES, role_label
from mlplanner.model.wording import joined

WORKING_ROLES: Final[tuple[str, ...]] = (*SPECIALIST_ROLES, GENERALIST)
Status = Literal["responsible", "contributes"]
STATUS_LABELS: Final[dict[str, str]] = {"responsible": "Responsible", "contributes": "Contributes"}
MATRIX_COLUMNS: Final = (
    "phase",
    "phase_label",
    "role",
    "role_label",
    "fte",
    "share_pct",
    "status",
)
_EPS = 1e-9
# A gap smaller than this (under two hours a week) is rounding, not a missing person.
_GAP_FTE = 0.05


@dataclass(frozen=True)
class PhaseWork:
    """One phase of a plan: its demand and the work each working role does in it (FTE)."""

    phase: str
    demand_fte: float
    work_fte: dict[str, float]

    @property
    def covered_fte(self) -> float:
        return sum(self.work_fte.values())

    @property
    def gap_fte(self) -> float:
        """Demand of this phase nobody is staffed for."""
        return max(0.0, self.demand_fte - self.covered_fte)

    def share(self, role: str) -> float:
        """Share (0-1) of the phase's covered work this role does."""
        covered = self.covered_fte
        return self.work_fte[role] / covered if covered > _EPS else 0.0

    @property
    def responsible(self) -> str | None:
        """The role doing the largest share of the covered work (None when nobody works)."""
        if self.covered_fte <= _EPS:
            return None
        return max(
            WORKING_ROLES, key=lambda role: (self.work_fte[role], -WORKING_ROLES.index(role))
        )

    @property
    def contributors(self) -> tuple[str, ...]:
        """Every other role doing some of the work, lifecycle order."""
        lead = self.responsible
        return tuple(r for r in WORKING_ROLES if r != lead and self.work_fte[r] > _EPS)

    def status(self, role: str) -> Status | None:
        if role == self.responsible:
            return "responsible"
        return "contributes" if role in self.contributors else None


def phase_work(evaluation: Evaluation) -> tuple[PhaseWork, ...]:
    """Per lifecycle phase (in order): demand and the work each role covers, by the rules above."""
    detail = evaluation.quality_detail
    demand = evaluation.demand
    by_phase_role = demand.by_phase_role
    specialist_share: dict[str, float] = {}
    generalist_share: dict[str, float] = {}
    for role in SPECIALIST_ROLES:
        total = demand.by_role[role]
        if total <= _EPS:
            specialist_share[role] = generalist_share[role] = 0.0
            continue
        generalist = detail.generalist_fte[role]
        specialist_share[role] = max(0.0, detail.covered_fte[role] - generalist) / total
        generalist_share[role] = generalist / total
    result = []
    for p, phase in enumerate(PHASES):
        row = {role: float(by_phase_role[p, r]) for r, role in enumerate(SPECIALIST_ROLES)}
        work: dict[str, float] = {r: row[r] * specialist_share[r] for r in SPECIALIST_ROLES}
        work[GENERALIST] = sum(row[role] * generalist_share[role] for role in SPECIALIST_ROLES)
        result.append(PhaseWork(phase=phase, demand_fte=sum(row.values()), work_fte=work))
    return tuple(result)


def working_roles(phases: tuple[PhaseWork, ...]) -> tuple[str, ...]:
    """Roles that do some phase work in the plan, lifecycle order."""
    return tuple(r for r in WORKING_ROLES if any(p.work_fte[r] > _EPS for p in phases))


def matrix_frame(phases: tuple[PhaseWork, ...]) -> pd.DataFrame:
    """Long table for the heatmap: one row per phase x working role (roles with no work in
    the plan left out), with FTE, share of the phase's covered work in percent and status."""
    rows = [
        {
            "phase": p.phase,
            "phase_label": PHASE_LABELS[p.phase],
            "role": role,
            "role_label": role_label(role),
            "fte": round(p.work_fte[role], 2),
            "share_pct": round(100 * p.share(role), 1),
            "status": STATUS_LABELS.get(p.status(role) or "", ""),
        }
        for p in phases
        for role in working_roles(phases)
    ]
    return pd.DataFrame(rows, columns=list(MATRIX_COLUMNS))


def gaps(phases: tuple[PhaseWork, ...]) -> list[PhaseWork]:
    """Phases with demand nobody is staffed for (at least 0.05 FTE), largest gap first."""
    found = [p for p in phases if p.gap_fte >= _GAP_FTE]
    return sorted(found, key=lambda p: -p.gap_fte)


def matrix_headline(phases: tuple[PhaseWork, ...]) -> str:
    """Title of the matrix: who carries most phases, and the largest gap if any."""
    active = [p for p in phases if p.demand_fte > _EPS]
    carried: dict[str, int] = {}
    for p in active:
        if p.responsible is not None:
            carried[p.responsible] = carried.get(p.responsible, 0) + 1
    if not carried:
        return "Nobody in this plan carries any phase yet"
    most = max(carried.values())
    top = [role_label(r) for r in WORKING_ROLES if carried.get(r) == most]
    if len(top) == 1:
        title = f"{top[0]} is responsible for {most} of {len(active)} phases"
    else:
        title = f"{joined(top)} are responsible for {most} of {len(active)} phases each"
    missing = gaps(phases)
    if missing:
        worst = missing[0]
        title += (
            f"; nobody is staffed for {worst.gap_fte:.1f} FTE of "
            f"{PHASE_LABELS[worst.phase].lower()}"
        )
    return title
