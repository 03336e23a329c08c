"""Team use: plan owners and status, who saved each revision, plan_share, plan_comment.

Every existing plan is given to a first owner, the local single user (subject and e-mail
``local``, the user of an installation without sign-in), as a draft; every existing revision
is recorded as saved by that user. No plan or revision is removed or changed otherwise. Once
sign-in is configured, the local user (the CLI without ``--as``) hands plans over with
``python -m mlplanner plans hand-over ID EMAIL``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)
FIRST_OWNER = "local"


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, never a batch rebuild: on SQLite a rebuild drops the old
    # plan table, and that deletes every revision through the ON DELETE CASCADE foreign key.
    # So the new NOT NULL columns keep their server defaults, and the status is checked by
    # the data layer (a CHECK constraint would need the rebuild).
    op.add_column("plan", sa.Column("owner_subject", sa.Text(), nullable=True))
    op.add_column(
        "plan", sa.Column("owner_email", sa.Text(), nullable=False, server_default=FIRST_OWNER)
    )
    op.add_column(
        "plan", sa.Column("status", sa.String(length=16), nullable=False, server_default="draft")
    )
    op.add_column("plan", sa.Column("approved_revision", sa.Integer(), nullable=True))
    op.add_column("plan", sa.Column("approved_by", sa.Text(), nullable=True))
    op.add_column("plan", sa.Column("approved_at", UTC_TIMESTAMP, nullable=True))
    op.execute(sa.text("UPDATE plan SET owner_subject = :owner").bindparams(owner=FIRST_OWNER))
    op.create_index("ix_plan_owner_email", "plan", ["owner_email"])
    op.add_column(
        "plan_revision",
        sa.Column("saved_by", sa.Text(), nullable=False, server_default=FIRST_OWNER),
    )
    op.create_table(
        "plan_share",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("grantee", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.CheckConstraint("role IN ('viewer', 'editor')", name=op.f("ck_plan_share_role_known")),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_plan_share_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_share")),
        sa.UniqueConstraint("plan_id", "grantee", name=op.f("uq_plan_share_plan_id_grantee")),
    )
    op.create_table(
        "plan_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.CheckConstraint(
            "length(body) BETWEEN 1 AND 2000", name=op.f("ck_plan_comment_body_length")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plan.id"],
            name=op.f("fk_plan_comment_plan_id_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_comment")),
    )
    op.create_index("ix_plan_comment_plan_id", "plan_comment", ["plan_id"])


def downgrade() -> None:
    op.drop_index("ix_plan_comment_plan_id", table_name="plan_comment")
    op.drop_table("plan_comment")
    op.drop_table("plan_share")
    op.drop_column("plan_revision", "saved_by")
    op.drop_index("ix_plan_owner_email", table_name="plan")
    for column in (
        "approved_at",
        "approved_by",
        "approved_revision",
        "status",
        "owner_email",
        "owner_subject",
    ):
        op.drop_column("plan", column)
