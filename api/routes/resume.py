from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, UploadFile, status
from pydantic import BaseModel
from sqlmodel import Session, select

from api.deps import CurrentUser, SessionDep, SettingsDep
from coach.jd.risks import refresh_risks
from coach.resume.parser import ResumeFormatError, extract_text, parse_resume
from storage.models import JobTarget, Resume, User
from storage.types import utcnow

router = APIRouter(prefix="/api/resume", tags=["resume"])
NOT_FOUND = "No resume uploaded yet."


class ResumePublic(BaseModel):
    filename: str | None
    content_type: str | None
    profile: dict[str, Any]
    characters: int


def _public(resume: Resume) -> ResumePublic:
    return ResumePublic(
        filename=resume.filename, content_type=resume.content_type, profile=resume.profile,
        characters=len(resume.text),
    )


def _current(session: Session, user: User) -> Resume | None:
    return session.exec(select(Resume).where(Resume.user_id == user.id)).first()


def _refresh_job_risks(session: Session, user: User, profile: dict[str, Any] | None) -> None:
    """Risks are the must-haves the resume does not evidence, so they change with the resume."""
    for job in session.exec(select(JobTarget).where(JobTarget.user_id == user.id)):
        if job.jd_parsed:
            job.jd_parsed = refresh_risks(job.jd_parsed, profile)
            session.add(job)


async def _read_upload(file: UploadFile | None, text: str | None, limit: int) -> tuple[str, str | None, str | None]:
    if file is None:
        if not (text or "").strip():
            raise HTTPException(422, "file or text: upload a PDF or text file, or send the resume as text.")
        return text.strip(), None, "text/plain"
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, f"file: the limit is {limit} bytes.")
    try:
        return extract_text(data, file.content_type, file.filename), file.filename, file.content_type
    except ResumeFormatError as exc:
        raise HTTPException(422, f"file: {exc}") from exc


@router.post("", status_code=status.HTTP_201_CREATED)
async def upload_resume(
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    file: Annotated[UploadFile | None, File()] = None,
    text: Annotated[str | None, Form()] = None,
) -> ResumePublic:
    body, filename, content_type = await _read_upload(file, text, settings.MAX_RESUME_BYTES)
    profile = parse_resume(body).model_dump(mode="json")
    resume = _current(session, user) or Resume(user_id=user.id, text="")
    resume.text, resume.filename, resume.content_type = body, filename, content_type
    resume.profile, resume.created_at = profile, utcnow()
    session.add(resume)
    _refresh_job_risks(session, user, profile)
    session.commit()
    session.refresh(resume)
    return _public(resume)


@router.get("")
def get_resume(user: CurrentUser, session: SessionDep) -> ResumePublic:
    resume = _current(session, user)
    if resume is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    return _public(resume)


@router.delete("", status_code=status.HTTP_204_NO_CONTENT)
def delete_resume(user: CurrentUser, session: SessionDep) -> None:
    resume = _current(session, user)
    if resume is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    session.delete(resume)
    _refresh_job_risks(session, user, None)
    session.commit()
