"""Assumption values stored once per distinct content, shared by plan revisions and named sets.

A snapshot is never rewritten: its row is keyed by the SHA-256 of the values' canonical JSON,
so the same values always map to the same row and a revision (or a named set) pointing at a
snapshot always reads back exactly the numbers it was given.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import ColumnElement, insert, or_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlmodel import Session, col, select

from mlplanner.model.assumptions import PREVIOUS_QUALITY_FIELDS, Assumptions
from mlplanner.storage.models import AssumptionSnapshot, utc_now


@dataclass(frozen=True)
class CanonicalValues:
    """Assumption values as stored: canonical JSON and its digest."""

    values_json: str
    digest: str


def canonical(assumptions: Assumptions) -> CanonicalValues:
    values = assumptions.model_dump(mode="json")
    values_json = json.dumps(values, sort_keys=True, separators=(",", ":"))
    return CanonicalValues(values_json, hashlib.sha256(values_json.encode()).hexdigest())


def snapshot_id(session: Session, values: CanonicalValues) -> int:
    """The id of the stored values, inserting them on first use (inside a write transaction)."""
    by_digest = select(AssumptionSnapshot.id).where(AssumptionSnapshot.digest == values.digest)
    found = session.exec(by_digest).first()
    if found is not None:
        return found
    row = {"digest": values.digest, "values_json": values.values_json, "created_at": utc_now()}
    if session.get_bind().dialect.name == "postgresql":
        # Two sessions may insert the same new values at once; the loser reuses the winner's.
        session.exec(
            postgresql_insert(AssumptionSnapshot)
            .values(row)
            .on_conflict_do_nothing(index_elements=["digest"])
        )
    else:  # SQLite: the write lock taken at BEGIN IMMEDIATE already serialises writers
        session.exec(insert(AssumptionSnapshot).values(row))
    stored = session.exec(by_digest).one()
    assert stored is not None  # a primary key is never NULL (its Python type is optional)
    return stored


def scored_previously() -> ColumnElement[bool]:
    """In SQL, :meth:`Assumptions.scored_previously` of a snapshot's stored values: whether
    its canonical JSON holds a field of the previous quality definition."""
    values = col(AssumptionSnapshot.values_json)
    return or_(
        *(values.contains(f'"{name}":', autoescape=True) for name in PREVIOUS_QUALITY_FIELDS)
    )


def read_snapshot(session: Session, snapshot: int) -> Assumptions | None:
    """The values of a stored snapshot, validated (None if there is no such snapshot)."""
    row = session.get(AssumptionSnapshot, snapshot)
    return None if row is None else Assumptions.from_dict(json.loads(row.values_json))
