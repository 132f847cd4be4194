"""Post-session analysis: queued when a session ends or on demand, polled, then read."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from pydantic import BaseModel
from sqlmodel import Session, select

from api.background import queue_analysis
from api.deps import CurrentUser, SessionDep
from api.limits import limit, require_feature
from api.routes.interview import owned_session
from storage.models import AnalysisJob, InterviewAnalysis, User

router = APIRouter(
    prefix="/api/interview/sessions/{session_id}/analysis", tags=["analysis"], dependencies=[require_feature("analysis")]
)


class AnalysisStatus(BaseModel):
    job_id: uuid.UUID
    status: str
    progress: int
    attempts: int
    error: str | None
    status_url: str
    result_url: str


def _status(job: AnalysisJob, session_id: uuid.UUID) -> AnalysisStatus:
    base = f"/api/interview/sessions/{session_id}/analysis"
    return AnalysisStatus(job_id=job.id, status=job.status, progress=job.progress, attempts=job.attempts,
                          error=job.error, status_url=f"{base}/status", result_url=base)


@router.post("", status_code=status.HTTP_202_ACCEPTED, dependencies=[limit("analyses_per_hour")])
async def request_analysis(session_id: uuid.UUID, user: CurrentUser, session: SessionDep, request: Request) -> AnalysisStatus:
    row = owned_session(session, user, session_id)
    if row.state in ("created", "live"):
        raise HTTPException(409, f"The session is {row.state}; analysis runs once it has ended.")
    job, _ = await queue_analysis(request.app, row.id)
    return _status(job, row.id)


def latest_job(session: Session, user: User, session_id: uuid.UUID) -> AnalysisJob | None:
    stmt = select(AnalysisJob).where(AnalysisJob.session_id == session_id, AnalysisJob.user_id == user.id)
    return session.exec(stmt.order_by(AnalysisJob.created_at.desc())).first()


@router.get("/status")
def analysis_status(session_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> AnalysisStatus:
    owned_session(session, user, session_id)
    job = latest_job(session, user, session_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No analysis has been requested for this session.")
    return _status(job, session_id)


@router.get("")
def analysis_result(session_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    owned_session(session, user, session_id)
    record = session.exec(select(InterviewAnalysis).where(InterviewAnalysis.session_id == session_id)).first()
    if record is None:
        job = latest_job(session, user, session_id)
        detail = f"Analysis is {job.status.lower()}." if job else "No analysis has been requested for this session."
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail)
    return {
        "session_id": str(session_id), "overall_score": record.overall_score, "generated_by": record.generated_by,
        "cost_usd": record.cost_usd, "analysis": record.result, "readiness_before": record.readiness_before,
        "readiness_after": record.readiness_after, "created_at": record.created_at.isoformat(),
    }
