"""Drafts keep the assumptions in force: scenario_draft.assumptions_json and
assumption_set_name, so that edited assumptions (or a loaded set) survive a reload as the
scenario does.

Existing drafts get none (NULL): they open on the shipped defaults, as before.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("scenario_draft", sa.Column("assumptions_json", sa.Text(), nullable=True))
    op.add_column("scenario_draft", sa.Column("assumption_set_name", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("scenario_draft", "assumption_set_name")
    op.drop_column("scenario_draft", "assumptions_json")
