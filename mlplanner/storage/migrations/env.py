"""Alembic environment, for the app and for developers' ``alembic`` commands.

The app: :func:`mlplanner.storage.database.upgrade_to_head` builds the configuration in code
and passes an open connection (already in a transaction, holding the upgrade lock) in
``config.attributes["connection"]``.

The ``alembic`` command (``alembic.ini`` at the repository root): no connection is passed, so
this opens the app's database, ``MLPLANNER_DATABASE_URL`` or else the default SQLite file, with
the app's connection settings. To write a migration after changing ``models.py``, see the
comment at the top of ``alembic.ini``.
"""

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from mlplanner.storage.database import create_database_engine, database_url
from mlplanner.storage.models import metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    if context.config.config_file_name is not None:
        fileConfig(context.config.config_file_name)
    engine = create_database_engine(database_url())
    try:
        with engine.connect() as own_connection:
            run_migrations(own_connection)
    finally:
        engine.dispose()
