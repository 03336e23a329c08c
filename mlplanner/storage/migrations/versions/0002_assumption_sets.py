"""Named assumption sets: assumption_set (unique name -> assumption_snapshot).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "assumption_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("updated_at", UTC_TIMESTAMP, nullable=False),
        sa.CheckConstraint(
            "length(name) BETWEEN 1 AND 120", name=op.f("ck_assumption_set_name_length")
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["assumption_snapshot.id"],
            name=op.f("fk_assumption_set_snapshot_id_assumption_snapshot"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assumption_set")),
        sa.UniqueConstraint("name", name=op.f("uq_assumption_set_name")),
    )


def downgrade() -> None:
    op.drop_table("assumption_set")
