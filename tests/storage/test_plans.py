"""The saved-plans data layer, on SQLite and PostgreSQL: save, open, list, history, trash."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import evaluate, recommend
from mlplanner.model.set_names import SHIPPED_DEFAULTS
from mlplanner.storage import plans
from mlplanner.storage.errors import ConflictError, PlanNotFoundError
from mlplanner.storage.models import AssumptionSnapshot, Revision
from mlplanner.storage.revisions import revision_choices
from tests.storage.support import (
    PREVIOUS_QUALITY,
    PREVIOUS_VALUES,
    fashion,
    recommended,
    renamed,
    save_new,
    save_previous_definition,
    seed_startup,
)
from tests.support.builders import assumptions_with


def test_a_new_plan_is_revision_1_with_the_scenario_name_and_its_figures(
    session: Session,
) -> None:
    before = datetime.now(UTC)
    evaluation = recommended()
    plan = plans.create_plan(session=session, evaluation=evaluation)
    assert plan.name == fashion().name
    assert plan.latest_revision == 1
    assert not plan.in_trash
    assert (plan.setup, plan.total_headcount, plan.total_hires) == (
        evaluation.setup,
        evaluation.total_headcount,
        evaluation.total_hires,
    )
    assert plan.annual_cost_usd == evaluation.annual_cost_usd
    assert plan.quality == pytest.approx(evaluation.quality)
    for stamp in (plan.created_at, plan.updated_at):
        assert stamp.utcoffset() == timedelta(0)
        assert before - timedelta(seconds=1) <= stamp <= datetime.now(UTC)


def test_opening_gives_back_the_scenario_assumptions_and_plan_exactly(session: Session) -> None:
    evaluation = recommended(seed_startup())
    plan = plans.create_plan(session=session, evaluation=evaluation, name="Seed")
    opened = plans.open_revision(session=session, plan_id=plan.id)
    assert opened.scenario == seed_startup()
    assert opened.assumptions == Assumptions.defaults()
    assert opened.allocation == evaluation.allocation
    assert opened.revision.number == 1 and opened.is_latest
    assert opened.revision.allocation_label is None
    assert opened.revision.assumption_set_name == SHIPPED_DEFAULTS
    assert opened.evaluate().to_dict() == evaluation.to_dict()


def test_each_save_adds_a_revision_and_keeps_the_earlier_ones(session: Session) -> None:
    first = recommended()
    plan = plans.create_plan(session=session, evaluation=first)
    second = recommended(renamed(seed_startup(), plan.name))
    saved = plans.save_revision(
        session=session, plan_id=plan.id, evaluation=second, base_revision=1
    )
    assert saved.latest_revision == 2
    assert saved.total_headcount == second.total_headcount
    assert saved.updated_at >= plan.updated_at
    assert plans.open_revision(session=session, plan_id=plan.id).scenario == second.scenario
    old = plans.open_revision(session=session, plan_id=plan.id, number=1)
    assert old.scenario == fashion() and not old.is_latest
    history = plans.list_revisions(session=session, plan_id=plan.id)
    assert [r.number for r in history] == [2, 1]
    assert [r.total_headcount for r in history] == [
        second.total_headcount,
        first.total_headcount,
    ]


def test_saving_on_a_stale_revision_is_a_conflict_that_stores_nothing(session: Session) -> None:
    plan = plans.create_plan(session=session, evaluation=recommended())
    theirs = recommended(renamed(seed_startup(), "Theirs"))
    plans.save_revision(session=session, plan_id=plan.id, evaluation=theirs, base_revision=1)
    with pytest.raises(ConflictError) as caught:
        plans.save_revision(
            session=session, plan_id=plan.id, evaluation=recommended(), base_revision=1
        )
    conflict = caught.value
    assert (conflict.plan_id, conflict.base_revision, conflict.latest_revision) == (plan.id, 1, 2)
    assert "revision 2" in str(conflict) and "as a copy" in str(conflict)
    assert plans.get_plan(session=session, plan_id=plan.id).latest_revision == 2
    assert plans.open_revision(session=session, plan_id=plan.id).scenario.name == "Theirs"
    copy = plans.create_plan(
        session=session, evaluation=recommended(), name=plans.copy_name(plan.name)
    )
    assert copy.name == f"Copy of {plan.name}" and copy.id != plan.id


@pytest.mark.parametrize("base", [0, 2, -1])
def test_a_base_revision_the_plan_never_had_is_refused(session: Session, base: int) -> None:
    plan = plans.create_plan(session=session, evaluation=recommended())
    with pytest.raises(ValueError, match="has revisions 1 to 1"):
        plans.save_revision(
            session=session, plan_id=plan.id, evaluation=recommended(), base_revision=base
        )


def test_the_database_refuses_a_second_revision_with_the_same_number(engine: Engine) -> None:
    plan = save_new(engine)
    with Session(engine) as session:
        stored = session.exec(select(Revision).where(Revision.plan_id == plan.id)).one()
        duplicate = Revision.model_validate(stored.model_dump(exclude={"id"}))
        session.add(duplicate)
        with pytest.raises(IntegrityError):
            session.commit()


def test_restoring_a_revision_copies_it_as_the_newest(session: Session) -> None:
    plan = plans.create_plan(session=session, evaluation=recommended())
    plans.save_revision(
        session=session,
        plan_id=plan.id,
        evaluation=recommended(renamed(seed_startup(), plan.name)),
        base_revision=1,
    )
    restored = plans.restore_revision(session=session, plan_id=plan.id, number=1, base_revision=2)
    assert restored.latest_revision == 3
    assert restored.total_headcount == plan.total_headcount
    newest = plans.open_revision(session=session, plan_id=plan.id)
    assert newest.scenario == fashion()
    assert newest.revision.restored_from == 1
    assert plans.open_revision(session=session, plan_id=plan.id, number=2).scenario.projects == (
        seed_startup().projects
    )
    with pytest.raises(ConflictError):
        plans.restore_revision(session=session, plan_id=plan.id, number=2, base_revision=2)
    with pytest.raises(PlanNotFoundError, match="has no revision 7"):
        plans.restore_revision(session=session, plan_id=plan.id, number=7, base_revision=3)


def test_an_adopted_allocation_is_saved_and_reopened_as_adopted(session: Session) -> None:
    adopted = evaluate(fashion(), {"data_scientist": 2, "ml_engineer": 1})
    plan = plans.create_plan(
        session=session, evaluation=adopted, allocation_label="Cheapest above 60"
    )
    assert plan.total_headcount == 3
    opened = plans.open_revision(session=session, plan_id=plan.id)
    assert opened.revision.allocation_label == "Cheapest above 60"
    assert opened.evaluate().allocation == adopted.allocation
    unlabelled = plans.create_plan(session=session, evaluation=adopted)
    assert plans.list_revisions(session=session, plan_id=unlabelled.id)[0].allocation_label == (
        "Adopted allocation"
    )
    with pytest.raises(ValueError, match="allocation_label"):
        plans.create_plan(session=session, evaluation=recommended(), allocation_label="x")


def test_a_plan_keeps_the_assumption_values_it_was_saved_with(
    session: Session, engine: Engine
) -> None:
    pricier = assumptions_with(loaded_cost_multiplier=1.6)
    evaluation = recommend(fashion(), assumptions=pricier)
    plan = plans.create_plan(
        session=session, evaluation=evaluation, assumption_set_name="Pricey market"
    )
    plans.create_plan(session=session, evaluation=recommend(fashion(), assumptions=pricier))
    plans.create_plan(session=session, evaluation=recommended())
    opened = plans.open_revision(session=session, plan_id=plan.id)
    assert opened.assumptions == pricier
    assert opened.revision.assumption_set_name == "Pricey market"
    assert opened.evaluate().annual_cost_usd == plan.annual_cost_usd
    assert plan.annual_cost_usd > recommended().annual_cost_usd
    with Session(engine) as other:
        # Identical values are stored once, whichever plan uses them.
        assert other.exec(select(func.count()).select_from(AssumptionSnapshot)).one() == 2


def test_listing_searches_sorts_and_pages(engine: Engine) -> None:
    cheap = recommended(seed_startup())
    names = ["Beta team", "alpha TEAM", "Gamma", "100% sure", "under_score", "Épée"]
    saved = {name: save_new(engine, name, evaluation=cheap) for name in names}
    dear = save_new(engine, "Zeta (dear)")
    with Session(engine) as session:

        def listed(**kwargs: object) -> list[str]:
            return [p.name for p in plans.list_plans(session=session, **kwargs)]  # type: ignore[arg-type]

        assert listed() == ["Zeta (dear)", *reversed(names)]
        assert listed(search="team") == ["alpha TEAM", "Beta team"]
        assert listed(search="  TEAM ") == ["alpha TEAM", "Beta team"]
        assert listed(search="%") == ["100% sure"]
        assert listed(search="_") == ["under_score"]
        assert listed(search="Ép") == ["Épée"]
        assert listed(search="nothing like it") == []
        assert listed(sort="name")[:3] == ["100% sure", "alpha TEAM", "Beta team"]
        assert listed(sort="created")[0] == "Zeta (dear)"
        assert listed(sort="cost")[0] == "Zeta (dear)"
        assert (
            listed(sort="quality")[0]
            == max([*saved.values(), dear], key=lambda p: (p.quality, p.id)).name
        )
        pages = [listed(limit=3, offset=offset) for offset in (0, 3, 6)]
        assert [name for page in pages for name in page] == listed()
        assert plans.count_plans(session=session) == 7
        assert plans.count_plans(session=session, search="team") == 2
        assert plans.count_plans(session=session, trash=True) == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sort": "size"}, "sort: 'size' is not one of updated, name"),
        ({"limit": 0}, "limit: must be from 1 to 500"),
        ({"limit": 501}, "limit: must be from 1 to 500"),
        ({"offset": -1}, "offset: must be 0 or more"),
    ],
)
def test_listing_arguments_are_checked(
    session: Session, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        plans.list_plans(session=session, **kwargs)  # type: ignore[arg-type]


def test_a_read_leaves_no_transaction_so_a_write_can_follow(session: Session) -> None:
    plans.list_plans(session=session)
    assert not session.in_transaction()
    plans.create_plan(session=session, evaluation=recommended())
    assert plans.count_plans(session=session) == 1
    session.connection()  # a transaction in progress
    with pytest.raises(RuntimeError, match="no transaction in progress"):
        plans.create_plan(session=session, evaluation=recommended())


def test_renaming_changes_the_name_only(session: Session) -> None:
    plan = plans.create_plan(session=session, evaluation=recommended())
    renamed_plan = plans.rename(session=session, plan_id=plan.id, name="  Q3 budget plan  ")
    assert renamed_plan.name == "Q3 budget plan"
    assert renamed_plan.latest_revision == 1
    assert plans.open_revision(session=session, plan_id=plan.id).scenario == fashion()


def test_duplicating_copies_the_newest_revision_into_an_independent_plan(
    session: Session,
) -> None:
    long_name = "L" * 120
    plan = plans.create_plan(session=session, evaluation=recommended(), name=long_name)
    plans.save_revision(
        session=session,
        plan_id=plan.id,
        evaluation=recommended(renamed(seed_startup(), "Second")),
        base_revision=1,
    )
    copy = plans.duplicate(session=session, plan_id=plan.id)
    assert copy.name == ("Copy of " + long_name)[:120]
    assert copy.latest_revision == 1
    assert plans.open_revision(session=session, plan_id=copy.id).scenario.name == "Second"
    plans.save_revision(session=session, plan_id=copy.id, evaluation=recommended(), base_revision=1)
    assert plans.get_plan(session=session, plan_id=plan.id).latest_revision == 2
    named = plans.duplicate(session=session, plan_id=plan.id, name="Variant")
    assert named.name == "Variant"


def test_delete_moves_to_the_trash_and_restore_brings_it_back(session: Session) -> None:
    keep = plans.create_plan(session=session, evaluation=recommended(), name="Keep")
    plan = plans.create_plan(session=session, evaluation=recommended(), name="Bin me")
    deleted = plans.delete(session=session, plan_id=plan.id)
    assert deleted.in_trash
    assert [p.name for p in plans.list_plans(session=session)] == ["Keep"]
    assert [p.name for p in plans.list_plans(session=session, trash=True)] == ["Bin me"]
    with pytest.raises(PlanNotFoundError, match="is in the trash; restore it first"):
        plans.open_revision(session=session, plan_id=plan.id)
    with pytest.raises(PlanNotFoundError, match="is in the trash"):
        plans.save_revision(
            session=session, plan_id=plan.id, evaluation=recommended(), base_revision=1
        )
    with pytest.raises(PlanNotFoundError, match="is in the trash"):
        plans.rename(session=session, plan_id=plan.id, name="x")
    with pytest.raises(PlanNotFoundError, match="is in the trash"):
        plans.delete(session=session, plan_id=plan.id)
    restored = plans.restore(session=session, plan_id=plan.id)
    assert not restored.in_trash
    assert plans.open_revision(session=session, plan_id=plan.id).scenario == fashion()
    with pytest.raises(PlanNotFoundError, match="is not in the trash"):
        plans.restore(session=session, plan_id=keep.id)


def test_purge_deletes_only_a_plan_in_the_trash_with_its_revisions(
    session: Session, engine: Engine
) -> None:
    keep = plans.create_plan(session=session, evaluation=recommended(), name="Keep")
    plan = plans.create_plan(session=session, evaluation=recommended(), name="Purge me")
    plans.save_revision(session=session, plan_id=plan.id, evaluation=recommended(), base_revision=1)
    with pytest.raises(PlanNotFoundError, match="is not in the trash"):
        plans.purge(session=session, plan_id=plan.id)
    plans.delete(session=session, plan_id=plan.id)
    purged = plans.purge(session=session, plan_id=plan.id)
    assert purged.name == "Purge me"
    with pytest.raises(PlanNotFoundError, match=f"plan {plan.id} does not exist"):
        plans.get_plan(session=session, plan_id=plan.id, include_trash=True)
    with Session(engine) as other:
        owners = other.exec(select(Revision.plan_id)).all()
    assert owners == [keep.id]
    assert plans.open_revision(session=session, plan_id=keep.id).scenario == fashion()


@pytest.mark.parametrize(
    "action",
    [
        lambda s: plans.get_plan(session=s, plan_id=999),
        lambda s: plans.open_revision(session=s, plan_id=999),
        lambda s: plans.list_revisions(session=s, plan_id=999),
        lambda s: plans.rename(session=s, plan_id=999, name="x"),
        lambda s: plans.duplicate(session=s, plan_id=999),
        lambda s: plans.delete(session=s, plan_id=999),
        lambda s: plans.restore(session=s, plan_id=999),
        lambda s: plans.purge(session=s, plan_id=999),
        lambda s: plans.restore_revision(session=s, plan_id=999, number=1, base_revision=1),
        lambda s: plans.save_revision(
            session=s, plan_id=999, evaluation=recommended(), base_revision=1
        ),
    ],
)
def test_a_missing_plan_is_reported_by_id(
    session: Session, action: Callable[[Session], object]
) -> None:
    with pytest.raises(PlanNotFoundError, match="plan 999 does not exist"):
        action(session)


def test_a_missing_revision_is_reported_with_the_range_there_is(session: Session) -> None:
    plan = plans.create_plan(session=session, evaluation=recommended())
    with pytest.raises(PlanNotFoundError, match=r"has no revision 4 \(it has 1 to 1\)"):
        plans.open_revision(session=session, plan_id=plan.id, number=4)


def test_a_plan_saved_before_this_quality_definition_says_so_and_keeps_its_figures(
    engine: Engine,
) -> None:
    old = save_previous_definition(engine, "Old")
    new = save_new(engine, "New")
    with Session(engine) as session:
        listed = {p.name: p for p in plans.list_plans(session=session)}
        assert listed["Old"].previous_quality and not listed["New"].previous_quality
        assert listed["Old"].quality == PREVIOUS_QUALITY  # the figure it was saved with
        assert plans.get_plan(session=session, plan_id=old.id).previous_quality
        [revision] = plans.list_revisions(session=session, plan_id=old.id)
        assert revision.previous_quality and revision.quality == PREVIOUS_QUALITY
        assert not plans.list_revisions(session=session, plan_id=new.id)[0].previous_quality
        opened = plans.open_revision(session=session, plan_id=old.id)
        assert opened.revision.previous_quality
        assert not plans.open_revision(session=session, plan_id=new.id).revision.previous_quality
        # Its numbers load without the previous fields, which today's model no longer has.
        assert opened.assumptions == Assumptions.defaults()
        assert Assumptions.scored_previously(PREVIOUS_VALUES)
        assert not Assumptions.scored_previously(Assumptions.defaults().model_dump())
        choices = {c.plan_name: c for c in revision_choices(session=session)}
        assert choices["Old"].previous_quality and not choices["New"].previous_quality
        assert choices["Old"].quality == PREVIOUS_QUALITY
