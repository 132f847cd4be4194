"""Durable analysis jobs: PENDING -> PROCESSING -> COMPLETED | FAILED, up to 3 attempts with backoff."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.models import AnalysisJob
from storage.types import utcnow

MAX_ATTEMPTS = 3
ACTIVE = ("PENDING", "PROCESSING")
# A PROCESSING job not touched for this long belongs to a worker that died; another may take it.
LEASE = timedelta(seconds=90)


def backoff_s(attempt: int) -> float:
    return 2.0 ** attempt  # 2 s, 4 s, 8 s


def create_job(engine: Engine, *, session_id: uuid.UUID, user_id: uuid.UUID) -> tuple[AnalysisJob, bool]:
    """A new PENDING job, or the active one already queued for this session (created=False)."""
    with Session(engine) as db:
        stmt = select(AnalysisJob).where(AnalysisJob.session_id == session_id, AnalysisJob.status.in_(ACTIVE))
        existing = db.exec(stmt).first()
        if existing is not None:
            return existing, False
        job = AnalysisJob(session_id=session_id, user_id=user_id)
        db.add(job)
        db.commit()
        db.refresh(job)
        return job, True


def claim(engine: Engine, job_id: uuid.UUID) -> AnalysisJob | None:
    """Mark a due job PROCESSING and count the attempt; None when it is not runnable now."""
    with Session(engine) as db:
        job = db.get(AnalysisJob, job_id)
        if job is None or not _runnable(job):
            return None
        job.status, job.attempts, job.progress = "PROCESSING", job.attempts + 1, 5
        job.started_at = job.updated_at = utcnow()
        db.add(job)
        db.commit()
        db.refresh(job)
        return job


def _runnable(job: AnalysisJob) -> bool:
    now = utcnow()
    if job.status == "PROCESSING":
        return job.updated_at < now - LEASE
    return job.status == "PENDING" and (job.next_attempt_at is None or job.next_attempt_at <= now)


def progress(engine: Engine, job_id: uuid.UUID, value: int) -> None:
    with Session(engine) as db:
        job = db.get(AnalysisJob, job_id)
        if job is not None:
            job.progress, job.updated_at = value, utcnow()
            db.add(job)
            db.commit()


def finish(engine: Engine, job_id: uuid.UUID) -> None:
    with Session(engine) as db:
        job = db.get(AnalysisJob, job_id)
        if job is not None:
            job.status, job.progress, job.error = "COMPLETED", 100, None
            job.finished_at = job.updated_at = utcnow()
            db.add(job)
            db.commit()


def fail(engine: Engine, job_id: uuid.UUID, error: str) -> float | None:
    """Record a failed attempt. Returns the retry delay in seconds, or None when attempts are used up."""
    with Session(engine) as db:
        job = db.get(AnalysisJob, job_id)
        if job is None:
            return None
        job.error, job.updated_at = error[:2000], utcnow()
        delay = backoff_s(job.attempts) if job.attempts < MAX_ATTEMPTS else None
        if delay is None:
            job.status, job.finished_at = "FAILED", utcnow()
        else:
            job.status, job.next_attempt_at = "PENDING", utcnow() + timedelta(seconds=delay)
        db.add(job)
        db.commit()
        return delay


def recover_interrupted(engine: Engine) -> list[uuid.UUID]:
    """Jobs left PROCESSING by a process that died go back to PENDING; returns every runnable job id."""
    with Session(engine) as db:
        for job in db.exec(select(AnalysisJob).where(AnalysisJob.status == "PROCESSING")):
            job.status, job.updated_at = "PENDING", utcnow()
            db.add(job)
        db.commit()
        pending = db.exec(select(AnalysisJob.id).where(AnalysisJob.status == "PENDING"))
        return list(pending)


def active_job_ids(engine: Engine) -> list[uuid.UUID]:
    """Every job not yet finished; claim() decides which of them may run now."""
    with Session(engine) as db:
        return list(db.exec(select(AnalysisJob.id).where(AnalysisJob.status.in_(ACTIVE))))
