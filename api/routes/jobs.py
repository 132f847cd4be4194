from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, HTTPException, Query, Request, Response, status
from sqlmodel import Session

from api.deps import CurrentUser, JobSaver, SessionDep, SettingsDep
from api.llm import llm_client
from api.schemas.jobs import JobIn, JobList, JobPublic, JobStatusIn
from coach.jd.parser import parse_jd
from coach.jobs import InvalidTransition, JobSource, JobStatus, check_transition
from coach.settings import Settings
from coach.urls import normalize_job_url
from storage.models import JobTarget, Resume, User
from storage.queries import jobs as q

router = APIRouter(prefix="/api/jobs", tags=["jobs"])
JOB_NOT_FOUND = "Job not found."


def _check_size(body: JobIn, settings: Settings) -> None:
    size = len(body.jd_text or "")
    if size > settings.MAX_JD_CHARS:
        raise HTTPException(
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            f"jd_text is {size} characters; the limit is {settings.MAX_JD_CHARS}.",
        )


def _resume_profile(session: Session, user: User) -> dict[str, Any] | None:
    from sqlmodel import select

    resume = session.exec(select(Resume).where(Resume.user_id == user.id)).first()
    return resume.profile if resume else None


def parsed_for(session: Session, user: User, fields: dict[str, Any]) -> dict[str, Any]:
    parsed = parse_jd(
        fields.get("jd_text") or "",
        title=fields.get("role_title"),
        company=fields.get("company_name"),
        resume_profile=_resume_profile(session, user),
    )
    return parsed.model_dump(mode="json")


def _fields(body: JobIn) -> dict[str, Any]:
    fields = body.model_dump(exclude_unset=True)
    if body.job_url is not None:
        fields["job_url"] = normalize_job_url(str(body.job_url))
    if "jd_text" in fields and fields["jd_text"] is not None:
        fields["jd_text"] = fields["jd_text"].strip()
    return fields


def _upsert(session: Session, user: User, body: JobIn, response: Response) -> JobPublic:
    fields = _fields(body)
    existing = None
    if fields.get("job_url"):
        existing = q.find_job_by_url(session, user_id=user.id, job_url=fields["job_url"])
    if existing is not None:
        # Re-saving fills in what the page gave this time and never blanks what was saved before.
        changes = {k: v for k, v in fields.items() if v is not None}
        merged = {**existing.model_dump(), **changes}
        changes["jd_parsed"] = parsed_for(session, user, merged)
        job = q.save_job(session, job=existing, changes=changes)
        return JobPublic(**job.model_dump(), outcome="updated")
    job = JobTarget(user_id=user.id, **fields, jd_parsed=parsed_for(session, user, fields))
    job = q.add(session, job)
    response.status_code = status.HTTP_201_CREATED
    return JobPublic(**job.model_dump(), outcome="created")


async def enrich_job(request: Request, job_id: uuid.UUID) -> None:
    """With an LLM configured, add to the offline parse after the response; never replace it."""
    from sqlmodel import Session as DbSession

    from coach.jd.enrich import enrich_with_llm
    from coach.jd.schema import JDParsed

    settings = request.app.state.settings
    client = llm_client(settings)
    with DbSession(request.app.state.engine) as db:
        job = db.get(JobTarget, job_id)
        if client is None or job is None or not job.jd_text:
            return
        parsed = JDParsed.model_validate(job.jd_parsed)
        enriched = await enrich_with_llm(parsed, job.jd_text, client=client, model=settings.LLM_MODEL or "")
        if enriched.enriched_by == "llm":
            q.save_job(db, job=job, changes={"jd_parsed": enriched.model_dump(mode="json")})


@router.post("/save", response_model=JobPublic)
def save_job(body: JobIn, user: JobSaver, session: SessionDep, settings: SettingsDep, response: Response,
             request: Request, tasks: BackgroundTasks):
    """The extension's route: saving the same job_url again updates that job, never duplicates it."""
    _check_size(body, settings)
    job = _upsert(session, user, body, response)
    tasks.add_task(enrich_job, request, job.id)
    return job


@router.post("", response_model=JobPublic)
def create_job(body: JobIn, user: CurrentUser, session: SessionDep, settings: SettingsDep, response: Response,
               request: Request, tasks: BackgroundTasks):
    """A pasted JD or link; stored as given (no scraping)."""
    _check_size(body, settings)
    job = _upsert(session, user, body, response)
    tasks.add_task(enrich_job, request, job.id)
    return job


@router.get("")
def list_jobs(
    user: CurrentUser,
    session: SessionDep,
    status_: Annotated[JobStatus | None, Query(alias="status")] = None,
    source: JobSource | None = None,
    company: Annotated[str | None, Query(max_length=200)] = None,
    q_: Annotated[str | None, Query(alias="q", max_length=200, description="Text search")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> JobList:
    rows, total = q.list_jobs(
        session, user_id=user.id, status=status_, source=source, company=company, q=q_, limit=limit, offset=offset
    )
    return JobList(items=[JobPublic(**r.model_dump()) for r in rows], total=total, limit=limit, offset=offset)


def owned_job(session: Session, user: User, job_id: uuid.UUID) -> JobTarget:
    job = q.get_job(session, user_id=user.id, job_id=job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, JOB_NOT_FOUND)
    return job


@router.get("/{job_id}")
def get_job(job_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> JobPublic:
    return JobPublic(**owned_job(session, user, job_id).model_dump())


@router.patch("/{job_id}/status")
def update_status(job_id: uuid.UUID, body: JobStatusIn, user: CurrentUser, session: SessionDep) -> JobPublic:
    job = owned_job(session, user, job_id)
    try:
        check_transition(job.status, body.status)
    except InvalidTransition as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    job = q.save_job(session, job=job, changes={"status": body.status})
    return JobPublic(**job.model_dump())


@router.delete("/{job_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_job(job_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> None:
    q.delete_job(session, job=owned_job(session, user, job_id))
