"""What one assumption group's multiplier ``m`` does to an assumption set: the meaning every
range and the tornado rest on (``data/SOURCES.md``, "Uncertainty").

- ``effort.<domain>``: that domain's effort in every phase and role times ``m``;
- ``adjustments``: every adjustment's ``add_fte`` times ``m``, its ``multiplier`` to the power
  ``m`` (so ``m = 0`` would remove every adjustment, ``m = 2`` double its effect);
- ``shared_work``, ``run_effort``: each phase's shared share and run share times ``m``, at most 1;
- ``salaries``: every salary times ``m``;
- ``time_to_hire``, ``ramp_up``, ``attrition``: every role's figure times ``m``, at most the
  field's maximum.

:mod:`.engine` computes the same on arrays for the yearly plan; a test checks it against
:func:`perturbed` and ``recommend``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mlplanner.model.assumptions import UNCERTAINTY_GROUPS, Assumptions

# Upper limits of the hiring fields (see RoleHiring): attrition must stay below 1.
_HIRING_FIELDS = {
    "time_to_hire": ("time_to_hire_days", 730.0),
    "ramp_up": ("ramp_up_months", 36.0),
    "attrition": ("attrition_per_year", 0.99),
}


def perturbed(assumptions: Assumptions, multipliers: Mapping[str, float]) -> Assumptions:
    """``assumptions`` with each named group's numbers moved by its multiplier.

    Raises ``ValueError`` for a group that is not one of ``UNCERTAINTY_GROUPS``.
    """
    data = assumptions.model_dump()
    for group, m in multipliers.items():
        if group not in UNCERTAINTY_GROUPS:
            raise ValueError(f"{group!r} is not an assumption group")
        _apply(data, group, float(m))
    return Assumptions.from_dict(data)


def _apply(data: dict[str, Any], group: str, m: float) -> None:
    if group.startswith("effort."):
        by_phase = data["effort"].get(group.removeprefix("effort."), {})
        for by_role in by_phase.values():
            for role in by_role:
                by_role[role] *= m
    elif group == "adjustments":
        for adjustment in data["adjustments"]:
            adjustment["add_fte"] *= m
            adjustment["multiplier"] **= m
    elif group == "shared_work":
        for curve in data["shared_work"].values():
            curve["share"] = min(1.0, curve["share"] * m)
    elif group == "run_effort":
        data["run_share"] = {p: min(1.0, share * m) for p, share in data["run_share"].items()}
    elif group == "salaries":
        for by_role in data["rates"].values():
            for role in by_role:
                by_role[role] *= m
    else:
        name, most = _HIRING_FIELDS[group]
        for figures in data["hiring"]["roles"].values():
            figures[name] = min(most, figures[name] * m)
