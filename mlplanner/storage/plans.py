"""The saved-plans data layer: small keyword-only functions, each one action on a session.

Reading functions leave no transaction open; writing functions start their own transaction
(on a session with none in progress), commit it, and return plain read models, never ORM
objects, so callers may keep results after the session is closed.

A save never rewrites a revision: it appends revision ``base_revision + 1`` with one
conditional ``UPDATE plan SET latest_revision = base + 1 WHERE latest_revision = base``. Of
two saves on the same base, in any number of processes, exactly one updates the row; the
other gets :class:`ConflictError` and nothing of it is stored. The unique constraint on
``(plan_id, number)`` backs this up at the database level.

Every function acts as the session's actor (:mod:`mlplanner.storage.access`) and checks that
actor's right on the plan inside its own transaction: listing shows only what the actor may
see, and a viewer's save, rename or delete is refused here, whatever the caller shows.
A new revision makes the plan a draft again (a proposal or an approval was of an earlier one).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from sqlalchemy import ColumnElement, RowMapping, Select, and_, func, not_, update
from sqlalchemy import delete as delete_rows
from sqlalchemy import select as select_columns
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Evaluation, evaluate, recommend
from mlplanner.model.plan import Plan as RecommendedPlan
from mlplanner.model.scenario import Scenario, parse_scenario
from mlplanner.model.set_names import SHIPPED_DEFAULTS
from mlplanner.storage.access import (
    actor_of,
    checked_plan,
    owned_by,
    owns,
    shared_role,
    visible_to,
)
from mlplanner.storage.database import reading, writing
from mlplanner.storage.errors import (
    ConflictError,
    PlanNameError,
    PlanNotFoundError,
    RevisionNoteError,
    StorageError,
)
from mlplanner.storage.models import (
    NAME_MAX,
    NOTE_MAX,
    AssumptionSnapshot,
    Figures,
    Plan,
    PlanComment,
    PlanShare,
    PlanSummary,
    Revision,
    RevisionSummary,
    utc_now,
)
from mlplanner.storage.snapshots import (
    CanonicalValues,
    canonical,
    scored_previously,
    snapshot_id,
)

MAX_PAGE: Final = 500
SCOPES: Final[dict[str, str]] = {
    "all": "All I can see",
    "mine": "Mine",
    "shared": "Shared with me",
}
COPY_PREFIX: Final = "Copy of "
SORTS: Final[dict[str, str]] = {
    "updated": "last saved first",
    "name": "name, A to Z",
    "created": "newest first",
    "cost": "most expensive first",
    "quality": "best quality first",
}
# Whether the revision's assumption snapshot is of the previous quality definition.
PREVIOUS_QUALITY: Final = (
    select_columns(scored_previously())
    .where(col(AssumptionSnapshot.id) == Revision.assumptions_id)
    .correlate(Revision)
    .scalar_subquery()
    .label("previous_quality")
)
_FIGURES: Final = (
    col(Revision.setup),
    col(Revision.total_headcount),
    col(Revision.total_hires),
    col(Revision.annual_cost_usd),
    col(Revision.quality),
    PREVIOUS_QUALITY,
)
_COMMENT_COUNT: Final = (
    select(func.count())
    .where(col(PlanComment.plan_id) == Plan.id)
    .correlate(Plan)
    .scalar_subquery()
    .label("comments")
)
_PLAN_COLUMNS: Final = (
    col(Plan.id),
    col(Plan.name),
    col(Plan.created_at),
    col(Plan.updated_at),
    col(Plan.deleted_at),
    col(Plan.latest_revision),
    col(Plan.owner_subject),
    col(Plan.owner_email),
    col(Plan.status),
    col(Plan.approved_revision),
    col(Plan.approved_by),
    _COMMENT_COUNT,
)
_REVISION_COLUMNS: Final = (
    col(Revision.plan_id),
    col(Revision.number),
    col(Revision.created_at),
    col(Revision.restored_from),
    col(Revision.assumption_set_name),
    col(Revision.allocation_label),
    col(Revision.saved_by),
    col(Revision.note),
)
_Statement = TypeVar("_Statement", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class OpenedPlan:
    """One revision of a plan, read back completely: everything needed to show it again."""

    plan: PlanSummary
    revision: RevisionSummary
    scenario: Scenario
    assumptions: Assumptions
    allocation: dict[str, int]

    @property
    def is_latest(self) -> bool:
        return self.revision.number == self.plan.latest_revision

    def evaluate(self) -> Evaluation:
        """The plan recomputed with the assumption values it was saved with."""
        if self.revision.allocation_label is None:
            return recommend(self.scenario, assumptions=self.assumptions)
        return evaluate(self.scenario, self.allocation, assumptions=self.assumptions)


def validate_name(name: str) -> str:
    """The name stripped of surrounding space; :class:`PlanNameError` if unusable."""
    return checked_name(name, "name", PlanNameError)


def checked_name(name: str, field: str, error: type[StorageError]) -> str:
    """A saved name (plan or assumption set) stripped of surrounding space, or ``error``
    naming ``field`` when it is empty, longer than :data:`NAME_MAX` or has control
    characters."""
    stripped = name.strip()
    if not stripped:
        raise error(f"{field}: must not be empty")
    return _checked_line(stripped, field, NAME_MAX, error)


def checked_note(note: str | None) -> str | None:
    """A revision note stripped of surrounding space, ``None`` when there is none (empty or
    only spaces), or :class:`RevisionNoteError` when it is longer than :data:`NOTE_MAX` or
    has control characters."""
    stripped = (note or "").strip()
    if not stripped:
        return None
    return _checked_line(stripped, "note", NOTE_MAX, RevisionNoteError)


def _checked_line(text: str, field: str, limit: int, error: type[StorageError]) -> str:
    """``text`` (already stripped) if it fits in ``limit`` characters on one line."""
    if len(text) > limit:
        raise error(f"{field}: must be at most {limit} characters (this one has {len(text):,})")
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text):
        raise error(f"{field}: must not contain control characters (tabs, newlines, …)")
    return text


def create_plan(
    *,
    session: Session,
    evaluation: Evaluation,
    name: str | None = None,
    assumption_set_name: str = SHIPPED_DEFAULTS,
    allocation_label: str | None = None,
    note: str | None = None,
) -> PlanSummary:
    """Save ``evaluation`` as revision 1 of a new plan (named after the scenario by default),
    owned by the session's actor and shared with nobody.

    ``allocation_label`` marks an allocation the user adopted instead of the recommendation
    (``None`` for the recommendation itself); opening the plan restores it as adopted.
    ``note`` is what the user says about the revision (see :func:`checked_note`).
    """
    plan_name = validate_name(evaluation.scenario.name if name is None else name)
    content = _content(evaluation, assumption_set_name, allocation_label, note)
    with writing(session):
        plan_id = _new_plan(session, plan_name, content)
    return get_plan(session=session, plan_id=plan_id)


def save_revision(
    *,
    session: Session,
    plan_id: int,
    evaluation: Evaluation,
    base_revision: int,
    assumption_set_name: str = SHIPPED_DEFAULTS,
    allocation_label: str | None = None,
    note: str | None = None,
) -> PlanSummary:
    """Save ``evaluation`` as the newest revision of a plan opened at ``base_revision``, with
    an optional ``note`` (see :func:`checked_note`).

    Raises :class:`ConflictError` if the plan has a revision newer than ``base_revision``
    (saved by someone else meanwhile): nothing is stored then, and the caller may save the
    evaluation as a new plan instead.
    """
    content = _content(evaluation, assumption_set_name, allocation_label, note)
    _append_revision(session, plan_id, base_revision, content)
    return get_plan(session=session, plan_id=plan_id)


def restore_revision(
    *, session: Session, plan_id: int, number: int, base_revision: int
) -> PlanSummary:
    """Make a copy of revision ``number`` the plan's newest revision (history is kept).

    ``base_revision`` is the newest revision the caller knows of, checked as in
    :func:`save_revision`.
    """
    with reading(session):
        checked_plan(session, plan_id, "editor", "restoring a revision")
        old = _revision(session, plan_id, number)
        content = _copy(old, restored_from=number)
    _append_revision(session, plan_id, base_revision, content)
    return get_plan(session=session, plan_id=plan_id)


def list_plans(
    *,
    session: Session,
    search: str = "",
    sort: str = "updated",
    limit: int = 50,
    offset: int = 0,
    trash: bool = False,
    scope: str = "all",
) -> list[PlanSummary]:
    """One page of plans (or of the trash), with the figures of each plan's newest revision.

    Only the plans the session's actor may see are listed: ``scope`` (a key of
    :data:`SCOPES`) narrows them to the actor's own or to those shared with them; the trash
    holds only the actor's own. ``search`` matches any part of the name, ignoring case;
    ``sort`` is a key of :data:`SORTS` (the trash is always listed most recently deleted
    first).
    """
    if sort not in SORTS:
        raise ValueError(f"sort: {sort!r} is not one of {', '.join(SORTS)}")
    if not 1 <= limit <= MAX_PAGE:
        raise ValueError(f"limit: must be from 1 to {MAX_PAGE} (got {limit})")
    if offset < 0:
        raise ValueError(f"offset: must be 0 or more (got {offset})")
    statement = _filtered(
        session,
        select_columns(*_PLAN_COLUMNS, *_FIGURES).join(Revision, _latest_revision_join()),
        search,
        trash,
        scope,
    )
    order = _trash_order() if trash else _order(sort)
    statement = statement.order_by(*order).limit(limit).offset(offset)
    with reading(session):
        rows = session.execute(statement).mappings().all()
        return _summaries(session, rows)


def count_plans(
    *, session: Session, search: str = "", trash: bool = False, scope: str = "all"
) -> int:
    """How many plans (or plans in the trash) :func:`list_plans` would page through."""
    statement = _filtered(session, select(func.count()).select_from(Plan), search, trash, scope)
    with reading(session):
        return int(session.exec(statement).one())


def get_plan(*, session: Session, plan_id: int, include_trash: bool = False) -> PlanSummary:
    """A plan's summary; :class:`PlanNotFoundError` if missing, not visible to the session's
    actor, or in the trash (unless ``include_trash``)."""
    statement = (
        select_columns(*_PLAN_COLUMNS, *_FIGURES)
        .join(Revision, _latest_revision_join())
        .where(col(Plan.id) == plan_id)
    )
    with reading(session):
        checked_plan(
            session, plan_id, "viewer", "seeing it", trash=None if include_trash else False
        )
        return _summaries(session, session.execute(statement).mappings().all())[0]


def open_revision(*, session: Session, plan_id: int, number: int | None = None) -> OpenedPlan:
    """Read a revision back completely (default: the newest), validating what it holds."""
    plan = get_plan(session=session, plan_id=plan_id)
    with reading(session):
        revision = _revision(session, plan_id, plan.latest_revision if number is None else number)
        snapshot = session.get(AssumptionSnapshot, revision.assumptions_id)
        if snapshot is None:  # the foreign key makes this impossible; say so if it happens
            raise PlanNotFoundError(f"plan {plan_id} revision {revision.number}: assumptions lost")
        values = json.loads(snapshot.values_json)
        summary = _revision_summary(revision).model_copy(
            update={"previous_quality": Assumptions.scored_previously(values)}
        )
        scenario = parse_scenario(json.loads(revision.scenario_json))
        allocation = {role: int(n) for role, n in json.loads(revision.allocation_json).items()}
        assumptions = Assumptions.from_dict(values)
    return OpenedPlan(plan, summary, scenario, assumptions, allocation)


def list_revisions(*, session: Session, plan_id: int) -> list[RevisionSummary]:
    """A plan's history, newest revision first."""
    get_plan(session=session, plan_id=plan_id)
    statement = (
        select_columns(*_REVISION_COLUMNS, *_FIGURES)
        .where(col(Revision.plan_id) == plan_id)
        .order_by(col(Revision.number).desc())
    )
    with reading(session):
        rows = session.execute(statement).mappings().all()
    return [RevisionSummary.model_validate(row) for row in rows]


def revision_scenarios(*, session: Session, plan_id: int) -> dict[int, Scenario]:
    """Each revision's scenario by revision number (for what changed between revisions)."""
    get_plan(session=session, plan_id=plan_id)
    statement = select_columns(col(Revision.number), col(Revision.scenario_json)).where(
        col(Revision.plan_id) == plan_id
    )
    with reading(session):
        rows = session.execute(statement).all()
    return {number: parse_scenario(json.loads(text)) for number, text in rows}


def rename(*, session: Session, plan_id: int, name: str) -> PlanSummary:
    new_name = validate_name(name)
    with writing(session):
        plan = checked_plan(session, plan_id, "editor", "renaming")
        plan.name = new_name
        plan.updated_at = utc_now()
    return get_plan(session=session, plan_id=plan_id)


def duplicate(*, session: Session, plan_id: int, name: str | None = None) -> PlanSummary:
    """A new plan, owned by the session's actor, whose revision 1 is a copy of the plan's
    newest revision (anyone who may see a plan may copy it)."""
    new_name = None if name is None else validate_name(name)
    with writing(session):
        original = checked_plan(session, plan_id, "viewer", "copying")
        content = _copy(_revision(session, plan_id, original.latest_revision), restored_from=None)
        copy_id = _new_plan(session, new_name or copy_name(original.name), content)
    return get_plan(session=session, plan_id=copy_id)


def copy_name(name: str) -> str:
    """``Copy of NAME``, shortened to fit the name limit."""
    return COPY_PREFIX + name[: NAME_MAX - len(COPY_PREFIX)]


def delete(*, session: Session, plan_id: int) -> PlanSummary:
    """Move a plan to the trash (undo with :func:`restore`)."""
    with writing(session):
        plan = checked_plan(session, plan_id, "owner", "deleting")
        plan.deleted_at = utc_now()
    return get_plan(session=session, plan_id=plan_id, include_trash=True)


def restore(*, session: Session, plan_id: int) -> PlanSummary:
    """Take a plan out of the trash."""
    with writing(session):
        plan = checked_plan(session, plan_id, "owner", "restoring from the trash", trash=True)
        plan.deleted_at = None
    return get_plan(session=session, plan_id=plan_id)


def purge(*, session: Session, plan_id: int) -> PlanSummary:
    """Delete a plan in the trash and all its revisions for good; returns what was deleted."""
    summary = get_plan(session=session, plan_id=plan_id, include_trash=True)
    with writing(session):
        plan = checked_plan(session, plan_id, "owner", "deleting for good", trash=True)
        for table in (Revision, PlanShare, PlanComment):
            session.exec(delete_rows(table).where(col(table.plan_id) == plan_id))
        session.delete(plan)
    return summary


# --- internals -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Content:
    """What a revision stores, prepared (and validated) before the write transaction."""

    scenario_json: str
    allocation_json: str
    allocation_label: str | None
    assumption_set_name: str
    assumptions_json: str | None
    assumptions_digest: str
    figures: dict[str, Any]
    note: str | None = None
    restored_from: int | None = None
    assumptions_id: int | None = None


def _content(
    evaluation: Evaluation,
    assumption_set_name: str,
    allocation_label: str | None,
    note: str | None,
) -> _Content:
    # Re-validate the scenario exactly as it will be read back, so a stored revision always
    # opens (a Scenario built without validation would otherwise be stored as it is).
    scenario_json = evaluation.scenario.model_dump_json()
    parse_scenario(json.loads(scenario_json))
    if isinstance(evaluation, RecommendedPlan) and allocation_label is not None:
        raise ValueError("allocation_label is only for an adopted allocation, not a recommendation")
    if not isinstance(evaluation, RecommendedPlan) and not allocation_label:
        allocation_label = "Adopted allocation"
    values = canonical(evaluation.assumptions)
    return _Content(
        scenario_json=scenario_json,
        allocation_json=json.dumps(evaluation.allocation),
        allocation_label=allocation_label,
        assumption_set_name=assumption_set_name.strip() or SHIPPED_DEFAULTS,
        assumptions_json=values.values_json,
        assumptions_digest=values.digest,
        figures={
            "setup": evaluation.setup,
            "total_headcount": evaluation.total_headcount,
            "total_hires": evaluation.total_hires,
            "annual_cost_usd": evaluation.annual_cost_usd,
            "quality": evaluation.quality,
        },
        note=checked_note(note),
    )


def _copy(revision: Revision, restored_from: int | None) -> _Content:
    """A revision's content for a new revision (a restore) or a new plan (a duplicate). Its
    note stays behind: it was said about the change that revision made, not about the copy."""
    return _Content(
        scenario_json=revision.scenario_json,
        allocation_json=revision.allocation_json,
        allocation_label=revision.allocation_label,
        assumption_set_name=revision.assumption_set_name,
        assumptions_json=None,
        assumptions_digest="",
        figures={name: getattr(revision, name) for name in Figures.model_fields},
        restored_from=restored_from,
        assumptions_id=revision.assumptions_id,
    )


def _figure_names() -> tuple[str, ...]:
    return tuple(Figures.model_fields)


def _new_plan(session: Session, name: str, content: _Content) -> int:
    """Insert a plan owned by the session's actor with ``content`` as revision 1."""
    actor = actor_of(session)
    now = utc_now()
    plan = Plan(
        name=name,
        created_at=now,
        updated_at=now,
        latest_revision=1,
        owner_subject=actor.subject,
        owner_email=actor.email,
    )
    session.add(plan)
    session.flush()
    plan_id = plan.id
    assert plan_id is not None  # assigned by the flush
    _add_revision(session, content, plan_id=plan_id, number=1)
    return plan_id


def _append_revision(session: Session, plan_id: int, base_revision: int, content: _Content) -> None:
    number = base_revision + 1
    try:
        with writing(session):
            checked_plan(session, plan_id, "editor", "saving a revision")
            bumped = session.exec(
                update(Plan)
                .where(
                    col(Plan.id) == plan_id,
                    col(Plan.latest_revision) == base_revision,
                    col(Plan.deleted_at).is_(None),
                )
                .values(latest_revision=number, updated_at=utc_now(), status="draft")
            )
            if bumped.rowcount != 1:
                raise _not_appended(session, plan_id, base_revision)
            _add_revision(session, content, plan_id=plan_id, number=number)
    except IntegrityError:
        # Only reachable if something bypassed the conditional update; the unique
        # (plan_id, number) constraint still refuses the second revision with that number.
        plan = get_plan(session=session, plan_id=plan_id)
        raise ConflictError(
            plan_id=plan_id,
            name=plan.name,
            base_revision=base_revision,
            latest_revision=plan.latest_revision,
        ) from None


def _not_appended(session: Session, plan_id: int, base_revision: int) -> Exception:
    plan = session.get(Plan, plan_id)
    if plan is None:
        return PlanNotFoundError(f"plan {plan_id} does not exist")
    if plan.deleted_at is not None:
        return PlanNotFoundError(_in_trash(plan_id, plan.name))
    if base_revision < 1 or base_revision > plan.latest_revision:
        return ValueError(
            f"base revision: plan {plan_id} has revisions 1 to {plan.latest_revision} "
            f"(got {base_revision})"
        )
    return ConflictError(
        plan_id=plan_id,
        name=plan.name,
        base_revision=base_revision,
        latest_revision=plan.latest_revision,
    )


def _add_revision(session: Session, content: _Content, *, plan_id: int, number: int) -> None:
    assumptions_id = content.assumptions_id or _snapshot_id(session, content)
    session.add(
        Revision(
            plan_id=plan_id,
            number=number,
            created_at=utc_now(),
            restored_from=content.restored_from,
            scenario_json=content.scenario_json,
            allocation_json=content.allocation_json,
            allocation_label=content.allocation_label,
            assumptions_id=assumptions_id,
            assumption_set_name=content.assumption_set_name,
            saved_by=actor_of(session).email,
            note=content.note,
            **content.figures,
        )
    )


def _snapshot_id(session: Session, content: _Content) -> int:
    assert content.assumptions_json is not None  # a copy carries its snapshot's id instead
    values = CanonicalValues(content.assumptions_json, content.assumptions_digest)
    return snapshot_id(session, values)


def _in_trash(plan_id: int, name: str) -> str:
    return f"plan {plan_id} ({name!r}) is in the trash; restore it first"


def _revision(session: Session, plan_id: int, number: int) -> Revision:
    statement = select(Revision).where(Revision.plan_id == plan_id, Revision.number == number)
    revision = session.exec(statement).first()
    if revision is None:
        latest = session.exec(select(func.max(Revision.number)).where(Revision.plan_id == plan_id))
        raise PlanNotFoundError(
            f"plan {plan_id} has no revision {number} (it has 1 to {latest.one()})"
        )
    return revision


def _revision_summary(revision: Revision) -> RevisionSummary:
    return RevisionSummary.model_validate(revision, from_attributes=True)


def _latest_revision_join() -> ColumnElement[bool]:
    return and_(col(Revision.plan_id) == Plan.id, col(Revision.number) == Plan.latest_revision)


def _summaries(session: Session, rows: Sequence[RowMapping]) -> list[PlanSummary]:
    """Rows of ``_PLAN_COLUMNS`` and ``_FIGURES`` as summaries with the actor's access."""
    actor = actor_of(session)
    shared = shared_role(session, actor, [row["id"] for row in rows])
    summaries = []
    for row in rows:
        if owns(actor, row["owner_subject"], row["owner_email"]):
            access = "owner"
        else:
            access = "administrator" if actor.admin else shared[row["id"]]
        summaries.append(PlanSummary.model_validate({**row, "access": access}))
    return summaries


def _filtered(
    session: Session, statement: _Statement, search: str, trash: bool, scope: str
) -> _Statement:
    if scope not in SCOPES:
        raise ValueError(f"scope: {scope!r} is not one of {', '.join(SCOPES)}")
    actor = actor_of(session)
    deleted = col(Plan.deleted_at)
    statement = statement.where(deleted.is_not(None) if trash else deleted.is_(None))
    mine = owned_by(actor)
    if trash:
        statement = statement.where(visible_to(actor) if actor.admin else mine)
    elif scope == "mine":
        statement = statement.where(mine)
    elif scope == "shared":
        statement = statement.where(visible_to(actor), not_(mine))
    else:
        statement = statement.where(visible_to(actor))
    text = search.strip()
    if text:
        statement = statement.where(col(Plan.name).icontains(text, autoescape=True))
    return statement


def _order(sort: str) -> Sequence[Any]:
    newest = col(Plan.id).desc()
    return {
        "updated": (col(Plan.updated_at).desc(), newest),
        "name": (func.lower(Plan.name), Plan.name, newest),
        "created": (col(Plan.created_at).desc(), newest),
        "cost": (col(Revision.annual_cost_usd).desc(), newest),
        "quality": (col(Revision.quality).desc(), newest),
    }[sort]


def _trash_order() -> Sequence[Any]:
    return (col(Plan.deleted_at).desc(), col(Plan.id).desc())
