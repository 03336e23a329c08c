"""Alembic migrations: the schema they build is the models' schema, and an older database
with plans in it comes up to date with every plan intact (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlmodel import Session

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import recommend
from mlplanner.storage import assumption_sets, plans
from mlplanner.storage.database import (
    alembic_config,
    create_database_engine,
    open_database,
    upgrade_to_head,
)
from mlplanner.storage.drafts import Draft, load_draft, save_draft
from mlplanner.storage.errors import DatabaseUnavailableError
from mlplanner.storage.models import metadata
from tests.storage.conftest import BACKENDS
from tests.storage.support import postgres_database

FIRST = "0001"
TABLES = {"plan", "plan_revision", "assumption_snapshot"}
LATER_TABLES = {"assumption_set", "plan_share", "plan_comment", "scenario_draft"}


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a database with no tables at all (not even Alembic's)."""
    if request.param == "sqlite":
        engine = create_database_engine(f"sqlite:///{tmp_path / 'plans.db'}")
        yield engine
        engine.dispose()
        return
    with postgres_database(request.getfixturevalue("postgres_url")) as url:
        engine = create_database_engine(url)
        yield engine
        engine.dispose()


def migrate(engine: Engine, action: str, revision: str) -> None:
    with engine.begin() as connection:
        getattr(command, action)(alembic_config(connection), revision)


def current(engine: Engine) -> tuple[str, ...]:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_heads()


def head() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"migrations must form one line, found heads {heads}"
    return heads[0]


def insert_first_schema_plan(
    connection: Connection, name: str, scenarios: list[str], *, deleted: bool = False
) -> int:
    """A plan with one revision per scenario, written as the first migration's schema has it
    (plain SQL: the models may have moved on since)."""
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    connection.execute(
        text(
            "INSERT INTO plan (name, created_at, updated_at, deleted_at, latest_revision) "
            "VALUES (:name, :now, :now, :deleted, :latest)"
        ),
        {
            "name": name,
            "now": now,
            "deleted": now if deleted else None,
            "latest": len(scenarios),
        },
    )
    plan_id: int = connection.execute(
        text("SELECT id FROM plan WHERE name = :name"), {"name": name}
    ).scalar_one()
    snapshot_id = connection.execute(text("SELECT id FROM assumption_snapshot")).scalar_one()
    for number, file_name in enumerate(scenarios, start=1):
        evaluation = recommend(example_scenarios()[file_name])
        connection.execute(
            text(
                "INSERT INTO plan_revision (plan_id, number, created_at, restored_from, "
                "scenario_json, allocation_json, allocation_label, assumptions_id, "
                "assumption_set_name, setup, total_headcount, total_hires, annual_cost_usd, "
                "quality) VALUES (:plan_id, :number, :now, NULL, :scenario, :allocation, NULL, "
                ":snapshot, 'Shipped defaults', :setup, :people, :hires, :cost, :quality)"
            ),
            {
                "plan_id": plan_id,
                "number": number,
                "now": now,
                "snapshot": snapshot_id,
                "scenario": evaluation.scenario.model_dump_json(),
                "allocation": json.dumps(evaluation.allocation),
                "setup": evaluation.setup,
                "people": evaluation.total_headcount,
                "hires": evaluation.total_hires,
                "cost": evaluation.annual_cost_usd,
                "quality": evaluation.quality,
            },
        )
    return plan_id


def test_the_models_schema_is_exactly_what_the_migrations_build(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    assert current(engine) == (head(),)


def test_the_first_migration_builds_the_schema_from_nothing_and_back(
    empty_engine: Engine,
) -> None:
    migrate(empty_engine, "upgrade", FIRST)
    assert current(empty_engine) == (FIRST,)
    assert set(inspect(empty_engine).get_table_names()) >= TABLES
    migrate(empty_engine, "downgrade", "base")
    assert current(empty_engine) == ()
    assert not TABLES & set(inspect(empty_engine).get_table_names())


def test_plans_saved_at_the_first_migration_are_intact_after_upgrading(
    empty_engine: Engine,
) -> None:
    migrate(empty_engine, "upgrade", FIRST)
    with empty_engine.begin() as connection:
        insert_defaults_snapshot(connection)
        two = insert_first_schema_plan(
            connection, "Two revisions", ["fashion_retailer.json", "seed_startup.json"]
        )
        big_id = insert_first_schema_plan(connection, "Big one", ["enterprise_portfolio.json"])
        insert_first_schema_plan(connection, "Binned", ["seed_startup.json"], deleted=True)

    upgrade_to_head(empty_engine)

    assert current(empty_engine) == (head(),)
    assert set(inspect(empty_engine).get_table_names()) >= TABLES | LATER_TABLES
    with empty_engine.connect() as connection:
        # 0003: every plan and revision kept, all under the first owner, the local user.
        owners = connection.execute(
            text("SELECT owner_subject, owner_email, status, count(*) FROM plan GROUP BY 1, 2, 3")
        ).all()
        assert [tuple(row) for row in owners] == [("local", "local", "draft", 3)]
        savers = connection.execute(
            text("SELECT saved_by, count(*) FROM plan_revision GROUP BY saved_by")
        ).all()
        assert [tuple(row) for row in savers] == [("local", 4)]
    scenarios = example_scenarios()
    with Session(empty_engine) as session:
        listed = plans.list_plans(session=session, sort="name")
        assert [(p.id, p.name, p.latest_revision, p.access) for p in listed] == [
            (big_id, "Big one", 1, "owner"),
            (two, "Two revisions", 2, "owner"),
        ]
        assert [p.name for p in plans.list_plans(session=session, trash=True)] == ["Binned"]
        first = plans.open_revision(session=session, plan_id=two, number=1)
        assert first.scenario == scenarios["fashion_retailer.json"]
        assert first.assumptions == Assumptions.defaults()
        assert first.plan.created_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        newest = plans.open_revision(session=session, plan_id=two)
        assert newest.scenario == scenarios["seed_startup.json"]
        assert newest.evaluate().annual_cost_usd == newest.revision.annual_cost_usd
        big = plans.open_revision(session=session, plan_id=big_id)
        assert big.evaluate().to_dict() == recommend(big.scenario).to_dict()
        # The upgraded database takes new saves as usual.
        saved = plans.save_revision(
            session=session, plan_id=big_id, evaluation=big.evaluate(), base_revision=1
        )
        assert saved.latest_revision == 2
        assert plans.create_plan(session=session, evaluation=big.evaluate()).id > big_id
        # ... and named assumption sets (0002), sharing the plans' snapshot of the defaults.
        assumption_sets.save_assumption_set(
            session=session, name="Kept", assumptions=Assumptions.defaults()
        )
        assert assumption_sets.load_assumption_set(session=session, name="Kept") == (
            Assumptions.defaults()
        )


def insert_defaults_snapshot(connection: Connection) -> None:
    values = json.dumps(Assumptions.defaults().model_dump(mode="json"), sort_keys=True)
    connection.execute(
        text(
            "INSERT INTO assumption_snapshot (digest, values_json, created_at) "
            "VALUES (:digest, :values, :now)"
        ),
        {"digest": "0" * 64, "values": values, "now": datetime.now(UTC)},
    )


def test_revisions_saved_before_notes_existed_open_with_no_note_and_take_notes_after(
    empty_engine: Engine,
) -> None:
    migrate(empty_engine, "upgrade", "0004")
    with empty_engine.begin() as connection:
        insert_defaults_snapshot(connection)
        plan_id = insert_first_schema_plan(
            connection, "Old", ["fashion_retailer.json", "seed_startup.json"]
        )

    migrate(empty_engine, "upgrade", "0005")

    with Session(empty_engine) as session:
        history = plans.list_revisions(session=session, plan_id=plan_id)
        assert [(r.number, r.note) for r in history] == [(2, None), (1, None)]
        opened = plans.open_revision(session=session, plan_id=plan_id, number=1)
        assert opened.scenario == example_scenarios()["fashion_retailer.json"]
        plans.save_revision(
            session=session,
            plan_id=plan_id,
            evaluation=opened.evaluate(),
            base_revision=2,
            note="After the upgrade",
        )
        assert [r.note for r in plans.list_revisions(session=session, plan_id=plan_id)] == [
            "After the upgrade",
            None,
            None,
        ]
    migrate(empty_engine, "downgrade", "0004")
    with empty_engine.connect() as connection:
        kept = connection.execute(text("SELECT count(*) FROM plan_revision")).scalar_one()
    assert kept == 3


def test_drafts_stored_before_they_kept_assumptions_open_on_the_shipped_defaults(
    empty_engine: Engine,
) -> None:
    migrate(empty_engine, "upgrade", "0005")
    scenario = example_scenarios()["fashion_retailer.json"]
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO scenario_draft (owner, scenario_json, updated_at) "
                "VALUES (:owner, :scenario, :now)"
            ),
            {
                "owner": "browser:old",
                "scenario": scenario.model_dump_json(),
                "now": datetime.now(UTC),
            },
        )

    migrate(empty_engine, "upgrade", "0006")

    edited = Assumptions.defaults().model_copy(update={"loaded_cost_multiplier": 1.6})
    with Session(empty_engine) as session:
        assert load_draft(session=session, owner="browser:old") == Draft(scenario)
        draft = Draft(scenario, assumptions=edited, assumption_set_name="Mine (edited)")
        save_draft(session=session, owner="browser:old", draft=draft)
        assert load_draft(session=session, owner="browser:old") == draft
    migrate(empty_engine, "downgrade", "0005")
    with empty_engine.connect() as connection:
        kept = connection.execute(text("SELECT count(*) FROM scenario_draft")).scalar_one()
    assert kept == 1


def test_every_later_migration_goes_down_to_the_first_and_up_again(empty_engine: Engine) -> None:
    upgrade_to_head(empty_engine)
    migrate(empty_engine, "downgrade", FIRST)
    assert current(empty_engine) == (FIRST,)
    assert not LATER_TABLES & set(inspect(empty_engine).get_table_names())
    upgrade_to_head(empty_engine)
    assert set(inspect(empty_engine).get_table_names()) >= TABLES | LATER_TABLES


def test_bringing_an_up_to_date_database_up_to_date_changes_nothing(engine: Engine) -> None:
    upgrade_to_head(engine)
    upgrade_to_head(engine)
    assert current(engine) == (head(),)


def test_a_database_from_a_newer_app_version_is_refused_with_a_message(
    database_url: str,
) -> None:
    engine = open_database(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    try:
        with pytest.raises(DatabaseUnavailableError, match=r"revision 9999_future\) is newer"):
            open_database(database_url)
    finally:
        engine = create_database_engine(database_url)
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head()})
        engine.dispose()
