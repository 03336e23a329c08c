"""Revision notes: plan_revision.note, what the person saving said about a revision.

Existing revisions get no note (NULL). The length limit (500 characters) is checked by the
data layer, not by a CHECK constraint: on SQLite that would need a batch rebuild of
plan_revision (see 0003 for why the migrations avoid rebuilds).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("plan_revision", sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("plan_revision", "note")
