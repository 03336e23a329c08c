"""Saved plans: plan, plan_revision, assumption_snapshot.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "assumption_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assumption_snapshot")),
        sa.UniqueConstraint("digest", name=op.f("uq_assumption_snapshot_digest")),
    )
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("updated_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("deleted_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("latest_revision", sa.Integer(), nullable=False),
        sa.CheckConstraint("latest_revision >= 1", name=op.f("ck_plan_latest_revision_positive")),
        sa.CheckConstraint("length(name) BETWEEN 1 AND 120", name=op.f("ck_plan_name_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
    )
    op.create_index("ix_plan_deleted_at_updated_at", "plan", ["deleted_at", "updated_at"])
    op.create_table(
        "plan_revision",
        sa.Column("setup", sa.String(length=16), nullable=False),
        sa.Column("total_headcount", sa.Integer(), nullable=False),
        sa.Column("total_hires", sa.Integer(), nullable=False),
        sa.Column("annual_cost_usd", sa.BigInteger(), nullable=False),
        sa.Column("quality", sa.Float(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        sa.Column("scenario_json", sa.Text(), nullable=False),
        sa.Column("allocation_json", sa.Text(), nullable=False),
        sa.Column("allocation_label", sa.Text(), nullable=True),
        sa.Column("assumptions_id", sa.Integer(), nullable=False),
        sa.Column("assumption_set_name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assumptions_id"],
            ["assumption_snapshot.id"],
            name=op.f("fk_plan_revision_assumptions_id_assumption_snapshot"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_plan_revision_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_revision")),
        sa.UniqueConstraint("plan_id", "number", name=op.f("uq_plan_revision_plan_id_number")),
    )


def downgrade() -> None:
    op.drop_table("plan_revision")
    op.drop_index("ix_plan_deleted_at_updated_at", table_name="plan")
    op.drop_table("plan")
    op.drop_table("assumption_snapshot")
