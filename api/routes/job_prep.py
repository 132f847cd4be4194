"""Interview stages, contacts and question generation for one job."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from api.deps import CurrentUser, SessionDep, SettingsDep
from api.llm import llm_client
from api.routes.jobs import owned_job
from api.schemas.jobs import (
    ContactIn,
    ContactPublic,
    GeneratedQuestions,
    JobInterviews,
    StageIn,
    StagePublic,
)
from coach.interview import questions as question_gen
from storage.models import InterviewContact, InterviewStage
from storage.queries import jobs as q

router = APIRouter(prefix="/api/jobs/{job_id}/interviews", tags=["interview prep"])


@router.get("")
def list_interviews(job_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> JobInterviews:
    owned_job(session, user, job_id)
    stages = q.list_stages(session, user_id=user.id, job_id=job_id)
    contacts = q.list_contacts(session, user_id=user.id, job_id=job_id)
    return JobInterviews(
        stages=[StagePublic(**s.model_dump()) for s in stages],
        contacts=[ContactPublic(**c.model_dump()) for c in contacts],
    )


@router.post("", status_code=status.HTTP_201_CREATED)
def add_stage(job_id: uuid.UUID, body: StageIn, user: CurrentUser, session: SessionDep) -> StagePublic:
    owned_job(session, user, job_id)
    stage = q.add(session, InterviewStage(job_id=job_id, user_id=user.id, **body.model_dump()))
    return StagePublic(**stage.model_dump())


@router.post("/contacts", status_code=status.HTTP_201_CREATED)
def add_contact(job_id: uuid.UUID, body: ContactIn, user: CurrentUser, session: SessionDep) -> ContactPublic:
    owned_job(session, user, job_id)
    fields = body.model_dump(mode="json")
    contact = q.add(session, InterviewContact(job_id=job_id, user_id=user.id, **fields))
    return ContactPublic(**contact.model_dump())


@router.post("/generate-questions")
async def generate_questions(
    job_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> GeneratedQuestions:
    job = owned_job(session, user, job_id)
    client = llm_client(settings)
    if client is None:
        return GeneratedQuestions(**question_gen.generate_questions(job.jd_parsed))
    result = await question_gen.generate_questions_llm(job.jd_parsed, client=client, model=settings.LLM_MODEL)
    return GeneratedQuestions(**result)
