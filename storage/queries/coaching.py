"""Coach grants and transcript comments.

A grant covers a session when it is active, belongs to the session's candidate, and is either for
all of the candidate's sessions or for the session's job. Every coach-side read goes through that rule.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import Session, select

from coach.security import new_opaque_token, token_digest
from storage.models import CoachGrant, InterviewSession, TranscriptComment, User
from storage.types import utcnow

INVITE_PREFIX = "icc_"


def create_invite(
    session: Session,
    *,
    candidate_id: uuid.UUID,
    coach_email: str,
    scope: str,
    job_target_id: uuid.UUID | None,
    valid_days: int,
) -> tuple[str, CoachGrant]:
    """A pending grant and the raw one-time token; only the token's digest is stored."""
    raw = new_opaque_token(INVITE_PREFIX)
    grant = CoachGrant(
        candidate_id=candidate_id,
        coach_email=coach_email.lower(),
        scope=scope,
        job_target_id=job_target_id,
        invite_hash=token_digest(raw),
        invite_expires_at=utcnow() + timedelta(days=valid_days),
    )
    session.add(grant)
    session.commit()
    session.refresh(grant)
    return raw, grant


def candidate_grants(session: Session, *, candidate_id: uuid.UUID) -> list[CoachGrant]:
    stmt = select(CoachGrant).where(CoachGrant.candidate_id == candidate_id)
    return list(session.exec(stmt.order_by(CoachGrant.created_at.desc())))


def get_candidate_grant(
    session: Session, *, candidate_id: uuid.UUID, grant_id: uuid.UUID
) -> CoachGrant | None:
    grant = session.get(CoachGrant, grant_id)
    return grant if grant is not None and grant.candidate_id == candidate_id else None


def pending_invite(session: Session, *, raw: str) -> CoachGrant | None:
    """The grant a still-usable invite token opens: unused, unrevoked and unexpired."""
    grant = session.exec(select(CoachGrant).where(CoachGrant.invite_hash == token_digest(raw))).first()
    if grant is None or grant.status != "pending" or grant.invite_expires_at <= utcnow():
        return None
    return grant


def accept(session: Session, *, grant: CoachGrant, coach_id: uuid.UUID) -> CoachGrant:
    return _save(grant, session, status="active", coach_id=coach_id, accepted_at=utcnow())


def revoke(session: Session, *, grant: CoachGrant) -> CoachGrant:
    return _save(grant, session, status="revoked", revoked_at=grant.revoked_at or utcnow())


def _save(grant: CoachGrant, session: Session, **changes: object) -> CoachGrant:
    for key, value in changes.items():
        setattr(grant, key, value)
    grant.updated_at = utcnow()
    session.add(grant)
    session.commit()
    session.refresh(grant)
    return grant


def _covers(coach_id: uuid.UUID) -> sa.ColumnElement[bool]:
    """True for a session row that one of the coach's active grants covers."""
    return sa.exists().where(
        CoachGrant.coach_id == coach_id,
        CoachGrant.status == "active",
        CoachGrant.candidate_id == InterviewSession.user_id,
        sa.or_(CoachGrant.scope == "all", CoachGrant.job_target_id == InterviewSession.job_target_id),
    )


def coached_session(
    session: Session, *, coach_id: uuid.UUID, session_id: uuid.UUID
) -> InterviewSession | None:
    stmt = select(InterviewSession).where(InterviewSession.id == session_id, _covers(coach_id))
    return session.exec(stmt).first()


def coached_sessions(
    session: Session, *, coach_id: uuid.UUID, limit: int = 50, offset: int = 0
) -> list[InterviewSession]:
    stmt = select(InterviewSession).where(_covers(coach_id))
    stmt = stmt.order_by(InterviewSession.created_at.desc()).limit(limit).offset(offset)
    return list(session.exec(stmt))


def add_comment(
    session: Session, *, session_id: uuid.UUID, turn_seq: int, author_id: uuid.UUID, text: str
) -> TranscriptComment:
    comment = TranscriptComment(session_id=session_id, turn_seq=turn_seq, author_id=author_id, text=text)
    session.add(comment)
    session.commit()
    session.refresh(comment)
    return comment


def comments(session: Session, *, session_id: uuid.UUID) -> list[tuple[TranscriptComment, User]]:
    """The session's comments in transcript order, each with its author."""
    stmt = (
        select(TranscriptComment, User)
        .join(User, User.id == TranscriptComment.author_id)
        .where(TranscriptComment.session_id == session_id)
        .order_by(TranscriptComment.turn_seq, TranscriptComment.created_at)
    )
    return [(comment, author) for comment, author in session.exec(stmt)]
