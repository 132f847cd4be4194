"""Job targets, interview stages and contacts; every query is scoped to its owner."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from storage.models import InterviewContact, InterviewStage, JobTarget
from storage.types import utcnow


def get_job(session: Session, *, user_id: uuid.UUID, job_id: uuid.UUID) -> JobTarget | None:
    job = session.get(JobTarget, job_id)
    return job if job is not None and job.user_id == user_id else None


def find_job_by_url(session: Session, *, user_id: uuid.UUID, job_url: str) -> JobTarget | None:
    stmt = select(JobTarget).where(JobTarget.user_id == user_id, JobTarget.job_url == job_url)
    return session.exec(stmt).first()


def save_job(session: Session, *, job: JobTarget, changes: dict[str, Any]) -> JobTarget:
    for key, value in changes.items():
        setattr(job, key, value)
    job.updated_at = utcnow()
    session.add(job)
    session.commit()
    session.refresh(job)
    return job


def list_jobs(
    session: Session,
    *,
    user_id: uuid.UUID,
    status: str | None = None,
    source: str | None = None,
    company: str | None = None,
    q: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[JobTarget], int]:
    conds = [JobTarget.user_id == user_id]
    if status:
        conds.append(JobTarget.status == status)
    if source:
        conds.append(JobTarget.source == source)
    if company:
        conds.append(sa.func.lower(JobTarget.company_name) == company.lower())
    if q:
        conds.append(_text_match(q))
    total = session.exec(select(sa.func.count()).select_from(JobTarget).where(*conds)).one()
    stmt = select(JobTarget).where(*conds).order_by(JobTarget.updated_at.desc()).limit(limit).offset(offset)
    return list(session.exec(stmt)), int(total)


def _text_match(q: str) -> sa.ColumnElement[bool]:
    like = f"%{q.lower()}%"
    cols = (JobTarget.role_title, JobTarget.company_name, JobTarget.jd_text, JobTarget.location)
    return sa.or_(*(sa.func.lower(sa.func.coalesce(c, "")).like(like) for c in cols))


def delete_job(session: Session, *, job: JobTarget) -> None:
    session.delete(job)
    session.commit()


def list_stages(session: Session, *, user_id: uuid.UUID, job_id: uuid.UUID) -> list[InterviewStage]:
    stmt = (
        select(InterviewStage)
        .where(InterviewStage.user_id == user_id, InterviewStage.job_id == job_id)
        .order_by(InterviewStage.date)
    )
    return list(session.exec(stmt))


def list_contacts(session: Session, *, user_id: uuid.UUID, job_id: uuid.UUID) -> list[InterviewContact]:
    stmt = (
        select(InterviewContact)
        .where(InterviewContact.user_id == user_id, InterviewContact.job_id == job_id)
        .order_by(InterviewContact.created_at)
    )
    return list(session.exec(stmt))


def add(session: Session, row: Any) -> Any:
    session.add(row)
    session.commit()
    session.refresh(row)
    return row
