"""market stats

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types
from sqlalchemy.dialects import postgresql

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('market_stats',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('avg_salary_min', sa.Integer(), nullable=True),
    sa.Column('avg_salary_max', sa.Integer(), nullable=True),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True),
    sa.Column('salary_samples', sa.Integer(), nullable=False),
    sa.Column('top_skills', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('job_count', sa.Integer(), nullable=False),
    sa.Column('user_count', sa.Integer(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('date', 'role', 'location', name='uq_market_stats_date_role_location')
    )
    with op.batch_alter_table('market_stats', schema=None) as batch_op:
        batch_op.create_index('ix_market_stats_role_location_date', ['role', 'location', 'date'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('market_stats', schema=None) as batch_op:
        batch_op.drop_index('ix_market_stats_role_location_date')

    op.drop_table('market_stats')
