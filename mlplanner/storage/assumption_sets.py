"""Named assumption sets: save, list, load and delete sets of assumption values by name.

Saving under a name that exists **overwrites** that set: the name is pointed at the snapshot
of the new values (one upsert, so two saves of the same new name at once cannot both create
it). Snapshots themselves are never rewritten or deleted here, so plans saved with a set's
old values keep them; deleting a set removes only its name.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import delete as delete_rows
from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.set_names import MARKS, SHIPPED_DEFAULTS, is_shipped_defaults
from mlplanner.storage.database import begin_write, reading, writing
from mlplanner.storage.errors import AssumptionSetNameError, AssumptionSetNotFoundError
from mlplanner.storage.models import AssumptionSet, AssumptionSetSummary, utc_now
from mlplanner.storage.plans import checked_name
from mlplanner.storage.snapshots import canonical, read_snapshot, snapshot_id

_SUMMARY_COLUMNS: Final = (
    AssumptionSet.id,
    AssumptionSet.name,
    AssumptionSet.created_at,
    AssumptionSet.updated_at,
)


def validate_set_name(name: str) -> str:
    """The name stripped of surrounding space; :class:`AssumptionSetNameError` if unusable."""
    stripped = checked_name(name, "assumption set name", AssumptionSetNameError)
    if is_shipped_defaults(stripped):
        raise AssumptionSetNameError(
            f"assumption set name: {SHIPPED_DEFAULTS!r} is reserved for the shipped defaults; "
            "choose another name"
        )
    for suffix in MARKS:
        if stripped.endswith(suffix):
            raise AssumptionSetNameError(
                f"assumption set name: must not end in {suffix.strip()!r} (the app adds that "
                "to the name in force); choose another name"
            )
    return stripped


def save_assumption_set(
    *, session: Session, name: str, assumptions: Assumptions
) -> AssumptionSetSummary:
    """Store ``assumptions`` under ``name``, creating the set or overwriting its values."""
    set_name = validate_set_name(name)
    values = canonical(assumptions)
    begin_write(session)
    try:
        now = utc_now()
        snapshot = snapshot_id(session, values)
        row = {"name": set_name, "snapshot_id": snapshot, "created_at": now, "updated_at": now}
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        session.exec(
            dialect.insert(AssumptionSet)
            .values(row)
            .on_conflict_do_update(
                index_elements=["name"], set_={"snapshot_id": snapshot, "updated_at": now}
            )
        )
        summary = _summary(session, set_name)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    assert summary is not None  # just written in this transaction
    return summary


def list_assumption_sets(*, session: Session) -> list[AssumptionSetSummary]:
    """Every saved set, by name (case ignored)."""
    statement = select(AssumptionSet).order_by(func.lower(AssumptionSet.name), AssumptionSet.name)
    with reading(session):
        rows = session.exec(statement).all()
        return [AssumptionSetSummary.model_validate(row, from_attributes=True) for row in rows]


def load_assumption_set(*, session: Session, name: str) -> Assumptions:
    """The values saved under ``name``; :class:`AssumptionSetNotFoundError` if none."""
    with reading(session):
        found = session.exec(
            select(AssumptionSet.snapshot_id).where(AssumptionSet.name == name)
        ).first()
        values = None if found is None else read_snapshot(session, found)
    if values is None:
        raise AssumptionSetNotFoundError(f"assumption set {name!r} does not exist")
    return values


def delete_assumption_set(*, session: Session, name: str) -> None:
    """Forget the name (plans saved with its values keep them)."""
    with writing(session):
        deleted = session.exec(delete_rows(AssumptionSet).where(col(AssumptionSet.name) == name))
        if deleted.rowcount != 1:
            raise AssumptionSetNotFoundError(f"assumption set {name!r} does not exist")


def _summary(session: Session, name: str) -> AssumptionSetSummary | None:
    row = session.exec(select(AssumptionSet).where(AssumptionSet.name == name)).first()
    return None if row is None else AssumptionSetSummary.model_validate(row, from_attributes=True)
