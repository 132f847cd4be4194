"""The parsed resume stored as `resume_profile`; JD risks and interview plans read it."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Role(BaseModel):
    title: str | None = None
    company: str | None = None
    start: str | None = Field(default=None, description='"YYYY-MM", or "YYYY" when the month is not given')
    end: str | None = Field(default=None, description='"YYYY-MM", "YYYY", or "present" for a current role')
    bullets: list[str] = Field(default_factory=list)


class Achievement(BaseModel):
    text: str
    numbers: list[str] = Field(default_factory=list, description='As written, e.g. "40%", "$1.2M", "3x"')


class ResumeProfile(BaseModel):
    name: str | None = None
    email: str | None = None
    headline: str | None = None
    skills: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    achievements: list[Achievement] = Field(default_factory=list)
    education: list[str] = Field(default_factory=list)
    years_experience: float | None = None
