"""What changed in a plan's inputs from one saved revision to the next, in a few words:
``budget $2.50M → $3.00M; setup auto → mature; projects: + Churn, − Search``."""

from __future__ import annotations

from typing import Final

from mlplanner.model.scenario import Scenario
from mlplanner.model.wording import count, format_usd, joined

# Company fields named one by one above; any other change is to the timeline settings.
_NAMED: Final = {"annual_budget_usd", "employees", "setup", "region", "existing_team"}


def _budget(amount: float | None) -> str:
    return "none" if amount is None else format_usd(amount)


def input_changes(before: Scenario, after: Scenario) -> str:
    """The changes from ``before`` to ``after`` (empty when the inputs are the same)."""
    parts: list[str] = []
    old, new = before.company, after.company
    if old.annual_budget_usd != new.annual_budget_usd:
        parts.append(f"budget {_budget(old.annual_budget_usd)} → {_budget(new.annual_budget_usd)}")
    if old.employees != new.employees:
        parts.append(f"employees {count(old.employees)} → {count(new.employees)}")
    if old.setup != new.setup:
        parts.append(f"setup {old.setup} → {new.setup}")
    if old.region != new.region:
        parts.append(f"region {old.region} → {new.region}")
    if old.existing_team != new.existing_team:
        parts.append("existing team")
    if old.model_dump(exclude=_NAMED) != new.model_dump(exclude=_NAMED):
        parts.append("timeline settings")
    parts.extend(_project_changes(before, after))
    if before.name != after.name:
        parts.append("scenario name")
    return "; ".join(parts)


def _project_changes(before: Scenario, after: Scenario) -> list[str]:
    old = {p.name: p for p in before.projects}
    new = {p.name: p for p in after.projects}
    added = [name for name in new if name not in old]
    removed = [name for name in old if name not in new]
    edited = [name for name in new if name in old and new[name] != old[name]]
    parts = []
    if added:
        parts.append(f"projects added: {joined(added)}")
    if removed:
        parts.append(f"projects removed: {joined(removed)}")
    if edited:
        parts.append(f"projects edited: {joined(edited)}")
    return parts
