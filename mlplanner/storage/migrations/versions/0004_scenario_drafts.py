"""Autosaved drafts: scenario_draft, the scenario each browser or signed-in user is editing.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "scenario_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("scenario_json", sa.Text(), nullable=False),
        sa.Column("allocation_json", sa.Text(), nullable=True),
        sa.Column("allocation_label", sa.Text(), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("plan_name", sa.Text(), nullable=True),
        sa.Column("opened_revision", sa.Integer(), nullable=True),
        sa.Column("base_revision", sa.Integer(), nullable=True),
        sa.Column("updated_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenario_draft")),
        sa.UniqueConstraint("owner", name=op.f("uq_scenario_draft_owner")),
    )


def downgrade() -> None:
    op.drop_table("scenario_draft")
