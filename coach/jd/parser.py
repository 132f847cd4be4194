"""`parse_jd`: a pasted job posting to `JDParsed`, offline and deterministic."""

from __future__ import annotations

from coach.jd.experience import degrees_in, experience_years
from coach.jd.requirements import parse_items
from coach.jd.risks import compute_risks
from coach.jd.role_family import detect_role_family
from coach.jd.salary import parse_salary
from coach.jd.schema import JDParsed, Requirement, Requirements
from coach.jd.sections import Section, split_sections
from coach.jd.seniority import detect_seniority, detect_title
from coach.jd.skills import extract_skills, find_domains, find_signals
from coach.jd.work_mode import detect_work_mode
from coach.resume.schema import ResumeProfile

# Perks and legal boilerplate name things ("free Python conference tickets", "medical insurance") that are
# neither asks nor the company's industry; "about us" describes the product, not the skills a hire needs.
_NOT_ASKED = frozenset({"benefits", "apply", "about"})
_NOT_INDUSTRY = frozenset({"benefits", "apply"})


def parse_jd(
    text: str,
    *,
    title: str | None = None,
    company: str | None = None,
    resume_profile: ResumeProfile | dict | None = None,
) -> JDParsed:
    sections = split_sections(text)
    items = parse_items(sections)
    skills = extract_skills(_text_outside(sections, _NOT_ASKED), exclude=[company] if company else ())
    job_title = detect_title(text, title)
    years = _years(items.requirements.must_have, text)
    parsed = JDParsed(
        title=job_title,
        seniority=detect_seniority(job_title, text, years),
        role_family=detect_role_family(
            job_title, [*skills.hard, *skills.tools, *skills.certifications], text
        ),
        responsibilities=items.responsibilities,
        requirements=items.requirements,
        hard_skills=[*skills.hard, *skills.certifications],
        tools=skills.tools,
        soft_skills=skills.soft,
        domain=find_domains(_text_outside(sections, _NOT_INDUSTRY)),
        company_signals=find_signals(text),
        years_experience=years,
        education=_education(items.requirements, text),
        salary=parse_salary(text),
        remote=detect_work_mode(text),
    )
    if resume_profile is not None:
        parsed.risks = compute_risks(parsed, ResumeProfile.model_validate(resume_profile))
    return parsed


def _text_outside(sections: list[Section], skipped: frozenset[str]) -> str:
    return "\n".join(
        "\n".join([s.heading or "", *(item.text for item in s.items)])
        for s in sections
        if s.kind not in skipped
    )


def _years(must_have: list[Requirement], text: str) -> int | None:
    asked = [r.years for r in must_have if r.years is not None]
    if asked:
        return max(asked)
    stated = experience_years(text)
    return max(stated) if stated else None


def _education(requirements: Requirements, text: str) -> list[str]:
    asked = [
        r.text for r in (*requirements.must_have, *requirements.nice_to_have) if r.category == "education"
    ]
    found: list[str] = []
    for degree in degrees_in("\n".join(asked)) or degrees_in(text):
        if degree not in found:
            found.append(degree)
    return found
