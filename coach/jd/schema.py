"""The parsed job description stored as `jd_parsed` on each job target.

Plans, risks and analysis read this JSON back, so fields only ever get added (bump `version` when a
field changes meaning).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Seniority = Literal[
    "intern", "junior", "mid", "senior", "staff", "principal", "lead", "manager", "director", "executive"
]
RoleFamily = Literal[
    "backend",
    "frontend",
    "fullstack",
    "data",
    "ml",
    "devops",
    "mobile",
    "product",
    "design",
    "sales",
    "customer_support",
    "marketing",
    "nursing",
    "healthcare",
    "finance",
    "operations",
    "other",
]
RequirementCategory = Literal["hard", "soft", "education", "experience", "certification", "other"]
WorkMode = Literal["remote", "hybrid", "onsite"]
PayPeriod = Literal["year", "month", "hour"]


class Requirement(BaseModel):
    id: str = Field(description='Stable within the posting: "req-1", "req-2", ... in document order')
    text: str
    skills: list[str] = Field(default_factory=list)
    years: int | None = None
    category: RequirementCategory = "other"


class Requirements(BaseModel):
    must_have: list[Requirement] = Field(default_factory=list)
    nice_to_have: list[Requirement] = Field(default_factory=list)


class Salary(BaseModel):
    min: float
    max: float
    currency: str = Field(description="ISO 4217 code, e.g. USD, GBP, INR")
    period: PayPeriod


class Risk(BaseModel):
    requirement_id: str
    requirement: str
    reason: str


class JDParsed(BaseModel):
    version: Literal[1] = 1
    title: str | None = None
    seniority: Seniority | None = None
    role_family: RoleFamily = "other"
    responsibilities: list[str] = Field(default_factory=list)
    requirements: Requirements = Field(default_factory=Requirements)
    hard_skills: list[str] = Field(default_factory=list)
    tools: list[str] = Field(default_factory=list)
    soft_skills: list[str] = Field(default_factory=list)
    domain: list[str] = Field(default_factory=list)
    company_signals: list[str] = Field(default_factory=list)
    years_experience: int | None = None
    education: list[str] = Field(default_factory=list)
    salary: Salary | None = None
    remote: WorkMode | None = None
    risks: list[Risk] = Field(default_factory=list)
    enriched_by: Literal["offline", "llm"] = "offline"
