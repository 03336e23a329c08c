"""Alembic environment: runs on the connection handed over by ``upgrade_to_head``.

There is no alembic.ini: :func:`mlplanner.storage.database.upgrade_to_head` builds the
configuration in code and passes an open connection (already in a transaction, holding the
upgrade lock) in ``config.attributes["connection"]``. To write a new migration after changing
``models.py``, autogenerate it against a database at the current head::

    from alembic import command
    from mlplanner.storage.database import alembic_config, open_database
    with open_database("sqlite:///scratch.db").begin() as connection:
        command.revision(alembic_config(connection), "what changed", autogenerate=True)

then review it (SQLite alters tables in batch mode) and add a test to tests/storage.
"""

from alembic import context

from mlplanner.storage.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run through mlplanner.storage.database.upgrade_to_head")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
