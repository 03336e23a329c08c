"""The saved-plans schema: SQLModel tables and the read models the data layer returns.

A plan is a name plus a chain of immutable revisions numbered 1, 2, 3, … Each revision holds
a snapshot of the scenario (JSON), the allocation it was scored with, a reference to the
assumption values in force, the resulting headline figures and an optional note (what the
person saving said about it). ``plan.latest_revision`` is
the number of the newest revision; saving compares and bumps it in one conditional UPDATE,
which is what detects a concurrent save (see :mod:`mlplanner.storage.plans`).

Each plan has an owner (the OIDC subject and e-mail of who created it; the local single user
``local`` without sign-in), a status (draft, proposed, approved), the people it is shared with
(``plan_share``: an e-mail or ``*`` for everyone signed in, as viewer or editor) and comments
(``plan_comment``). Every revision records who saved it. Who may do what is decided in
:mod:`mlplanner.storage.access`.

Assumption values are stored once per distinct content (``assumption_snapshot``, keyed by the
SHA-256 of their canonical JSON): a revision refers to the exact values it was computed with,
and a named assumption set (``assumption_set``) points at one too: overwriting a set points
it at another snapshot, so a revision's values never change.

The scenario being edited is autosaved as a draft per browser or signed-in user
(``scenario_draft``), so a reload or a browser restart loses nothing.

The tables use their own SQLAlchemy registry (not ``SQLModel.metadata``) with a naming
convention, so constraint names are stable across SQLite and PostgreSQL and Alembic can
alter them later. Schema changes need a migration in ``migrations/versions``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import BigInteger, CheckConstraint, Dialect, Index, MetaData, Text, UniqueConstraint
from sqlalchemy.orm import registry
from sqlalchemy.types import DateTime, TypeDecorator
from sqlmodel import Field, SQLModel

NAME_MAX: Final = 120
COMMENT_MAX: Final = 2_000
NOTE_MAX: Final = 500
STATUSES: Final = ("draft", "proposed", "approved")
SHARE_ROLES: Final = ("viewer", "editor")
NAMING_CONVENTION: Final = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
storage_registry = registry(metadata=MetaData(naming_convention=NAMING_CONVENTION))


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stamp: datetime = value
        return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


class StorageModel(SQLModel, registry=storage_registry):
    """Base of every model here; tables land in ``storage_registry.metadata``."""


class Figures(StorageModel):
    """Headline figures of one saved revision (shared by the table and the read models)."""

    setup: str = Field(max_length=16)
    total_headcount: int
    total_hires: int
    annual_cost_usd: int = Field(sa_type=BigInteger)
    quality: float


class Plan(StorageModel, table=True):
    __tablename__ = "plan"
    __table_args__ = (
        CheckConstraint(f"length(name) BETWEEN 1 AND {NAME_MAX}", name="name_length"),
        CheckConstraint("latest_revision >= 1", name="latest_revision_positive"),
        Index("ix_plan_deleted_at_updated_at", "deleted_at", "updated_at"),
        Index("ix_plan_owner_email", "owner_email"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=NAME_MAX)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    latest_revision: int
    # The owner: matched by subject; after a hand-over (to an e-mail) the subject is unknown
    # (NULL) and the e-mail decides.
    owner_subject: str | None = Field(default=None, sa_type=Text)
    owner_email: str = Field(sa_type=Text, sa_column_kwargs={"server_default": "local"})
    # One of STATUSES (checked by the data layer; see migration 0003 for why not by SQL).
    status: str = Field(
        default="draft", max_length=16, sa_column_kwargs={"server_default": "draft"}
    )
    approved_revision: int | None = None
    approved_by: str | None = Field(default=None, sa_type=Text)
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PlanShare(StorageModel, table=True):
    """One grant: the plan shared with ``grantee`` (an e-mail, or ``*`` for everyone signed
    in) as viewer or editor."""

    __tablename__ = "plan_share"
    __table_args__ = (
        UniqueConstraint("plan_id", "grantee"),
        CheckConstraint("role IN ('viewer', 'editor')", name="role_known"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE")
    grantee: str = Field(sa_type=Text)
    role: str = Field(max_length=16)
    created_at: datetime = Field(sa_type=UTCDateTime)


class PlanComment(StorageModel, table=True):
    """A comment on a plan: plain text, its author's e-mail and when it was written."""

    __tablename__ = "plan_comment"
    __table_args__ = (
        CheckConstraint(f"length(body) BETWEEN 1 AND {COMMENT_MAX}", name="body_length"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    author: str = Field(sa_type=Text)
    body: str = Field(sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)


class AssumptionSnapshot(StorageModel, table=True):
    __tablename__ = "assumption_snapshot"

    id: int | None = Field(default=None, primary_key=True)
    digest: str = Field(max_length=64, unique=True)
    values_json: str = Field(sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)


class AssumptionSet(StorageModel, table=True):
    """A named assumption set: a unique name pointing at the snapshot of its values."""

    __tablename__ = "assumption_set"
    __table_args__ = (
        CheckConstraint(f"length(name) BETWEEN 1 AND {NAME_MAX}", name="name_length"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=NAME_MAX, unique=True)
    snapshot_id: int = Field(foreign_key="assumption_snapshot.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ScenarioDraft(StorageModel, table=True):
    """The scenario someone is working on, autosaved: one row per owner (a browser, or a
    signed-in user), overwritten on every change (see :mod:`mlplanner.storage.drafts`)."""

    __tablename__ = "scenario_draft"

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(sa_type=Text, unique=True)
    scenario_json: str = Field(sa_type=Text)
    allocation_json: str | None = Field(default=None, sa_type=Text)
    allocation_label: str | None = Field(default=None, sa_type=Text)
    # The assumptions in force when they are not the shipped defaults (their canonical JSON)
    # and the name shown for them ("Shipped defaults (edited)", a named set's name).
    assumptions_json: str | None = Field(default=None, sa_type=Text)
    assumption_set_name: str | None = Field(default=None, sa_type=Text)
    # The saved plan the scenario was opened from or saved as (no foreign key: a draft
    # outlives a deleted plan, whose next save then says the plan is gone).
    plan_id: int | None = None
    plan_name: str | None = Field(default=None, sa_type=Text)
    opened_revision: int | None = None
    base_revision: int | None = None
    updated_at: datetime = Field(sa_type=UTCDateTime)


class AssumptionSetSummary(StorageModel):
    """A named assumption set as listed."""

    id: int
    name: str
    created_at: datetime
    updated_at: datetime


class Revision(Figures, table=True):
    __tablename__ = "plan_revision"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE")
    number: int
    created_at: datetime = Field(sa_type=UTCDateTime)
    restored_from: int | None = None
    scenario_json: str = Field(sa_type=Text)
    allocation_json: str = Field(sa_type=Text)
    allocation_label: str | None = Field(default=None, sa_type=Text)
    assumptions_id: int = Field(foreign_key="assumption_snapshot.id")
    assumption_set_name: str = Field(sa_type=Text)
    saved_by: str = Field(sa_type=Text, sa_column_kwargs={"server_default": "local"})
    # What the person saving said about the revision: plain text, stripped, at most NOTE_MAX
    # characters (checked by the data layer; see migration 0005), NULL for none.
    note: str | None = Field(default=None, sa_type=Text)


class PlanSummary(Figures):
    """A plan as listed: its name, timestamps and the figures of its newest revision, its
    owner, status and comment count, and ``access``: what the reader may do with it
    (``owner``, ``editor``, ``viewer``, or ``administrator`` for the local user)."""

    id: int
    name: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    latest_revision: int
    owner_email: str
    status: str
    approved_revision: int | None
    approved_by: str | None
    comments: int
    access: str
    previous_quality: bool = False  # its newest revision: PREVIOUS_QUALITY_NOTE

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None


class RevisionSummary(Figures):
    """One revision in a plan's history."""

    plan_id: int
    number: int
    created_at: datetime
    restored_from: int | None
    assumption_set_name: str
    allocation_label: str | None
    saved_by: str
    note: str | None
    previous_quality: bool = False  # scored by the previous quality definition


class ShareSummary(StorageModel):
    """Who a plan is shared with: an e-mail (or ``*``, everyone signed in) and the role."""

    grantee: str
    role: str


class CommentSummary(StorageModel):
    id: int
    author: str
    body: str
    created_at: datetime


metadata: Final = storage_registry.metadata
