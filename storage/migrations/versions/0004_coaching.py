"""coach grants and transcript comments

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('coach_grants',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('candidate_id', sa.Uuid(), nullable=False),
    sa.Column('coach_email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('coach_id', sa.Uuid(), nullable=True),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('job_target_id', sa.Uuid(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('invite_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('invite_expires_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['coach_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['job_target_id'], ['job_targets.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('coach_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coach_grants_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coach_grants_coach_email'), ['coach_email'], unique=False)
        batch_op.create_index(batch_op.f('ix_coach_grants_coach_id'), ['coach_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coach_grants_invite_hash'), ['invite_hash'], unique=True)
        batch_op.create_index(batch_op.f('ix_coach_grants_job_target_id'), ['job_target_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coach_grants_status'), ['status'], unique=False)

    op.create_table('transcript_comments',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('turn_seq', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Uuid(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['interview_sessions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('transcript_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transcript_comments_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_transcript_comments_session_seq', ['session_id', 'turn_seq'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('transcript_comments', schema=None) as batch_op:
        batch_op.drop_index('ix_transcript_comments_session_seq')
        batch_op.drop_index(batch_op.f('ix_transcript_comments_author_id'))

    op.drop_table('transcript_comments')
    with op.batch_alter_table('coach_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coach_grants_status'))
        batch_op.drop_index(batch_op.f('ix_coach_grants_job_target_id'))
        batch_op.drop_index(batch_op.f('ix_coach_grants_invite_hash'))
        batch_op.drop_index(batch_op.f('ix_coach_grants_coach_id'))
        batch_op.drop_index(batch_op.f('ix_coach_grants_coach_email'))
        batch_op.drop_index(batch_op.f('ix_coach_grants_candidate_id'))

    op.drop_table('coach_grants')
