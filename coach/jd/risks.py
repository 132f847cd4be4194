"""The must-haves a resume does not evidence: what an interviewer for this job will probe first."""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from pydantic import ValidationError

from coach.jd.experience import degree_level
from coach.jd.role_family import family_from_title
from coach.jd.schema import JDParsed, Requirement, Risk
from coach.jd.skills import checkable, find_skill_mentions, with_implied
from coach.resume.dates import range_of, total_years
from coach.resume.schema import ResumeProfile, Role

log = logging.getLogger(__name__)

# "Python, Go or Java", "a language such as Go": any one of the named skills satisfies the requirement.
_ANY_OF = re.compile(r"\bor\b|/|\beither\b|\bone of\b|\bsuch as\b|\be\.g\.|\bfor example\b", re.IGNORECASE)
_EQUIVALENT = re.compile(r"\bor equivalent\b|\bequivalent (?:practical |work )?experience\b", re.IGNORECASE)
_DEGREE_NAMES = {
    1: "a high school diploma",
    2: "an associate degree",
    3: "a bachelor's degree",
    4: "a master's degree",
    5: "a doctorate",
}


def compute_risks(jd: JDParsed, profile: ResumeProfile, *, today: date | None = None) -> list[Risk]:
    evidence = resume_evidence(profile)
    years = relevant_years(jd, profile, today or date.today())
    risks = []
    for requirement in jd.requirements.must_have:
        reasons = [
            r
            for r in (
                _skill_gap(requirement, evidence),
                _years_gap(requirement, years),
                _education_gap(requirement, profile),
            )
            if r
        ]
        if reasons:
            risks.append(
                Risk(requirement_id=requirement.id, requirement=requirement.text, reason=" ".join(reasons))
            )
    return risks


def refresh_risks(
    jd_parsed: dict[str, Any], profile: dict[str, Any] | ResumeProfile | None
) -> dict[str, Any]:
    """Recompute the risks of a stored `jd_parsed` for a new or removed resume; the rest stays as stored."""
    try:
        jd = JDParsed.model_validate(jd_parsed)
        resume = ResumeProfile.model_validate(profile) if profile is not None else None
    except ValidationError as exc:
        log.warning("risks not refreshed: stored data does not validate (%s)", exc.error_count())
        return jd_parsed
    risks = compute_risks(jd, resume) if resume else []
    return {**jd_parsed, "risks": [r.model_dump(mode="json") for r in risks]}


def resume_evidence(profile: ResumeProfile) -> set[str]:
    """Casefolded skill names the resume shows (skills, roles, achievements), plus what they imply."""
    texts = [
        profile.headline or "",
        *profile.skills,
        *profile.education,
        *(a.text for a in profile.achievements),
    ]
    found = {m.canonical for text in texts for m in find_skill_mentions(text)}
    found |= {name for role in profile.roles for name in _role_skills(role)}
    return with_implied([*found, *profile.skills])


def relevant_years(jd: JDParsed, profile: ResumeProfile, today: date) -> float | None:
    """Years in roles that look like this job (same family, or using its skills); a store manager's
    years do not count towards "5+ years of backend experience"."""
    dated = [(role, span) for role in profile.roles if (span := range_of(role.start, role.end))]
    if not dated:
        return profile.years_experience
    asked = {s.casefold() for s in (*jd.hard_skills, *jd.tools)}
    spans = [span for role, span in dated if _relevant(role, asked, jd.role_family)]
    return total_years(spans, today) or 0.0


def _relevant(role: Role, asked: set[str], family: str) -> bool:
    if role.title and family_from_title(role.title) == family:
        return True
    return not asked.isdisjoint(with_implied(_role_skills(role)))


def _role_skills(role: Role) -> list[str]:
    return [m.canonical for text in (role.title or "", *role.bullets) for m in find_skill_mentions(text)]


def _skill_gap(requirement: Requirement, evidence: set[str]) -> str | None:
    if requirement.category == "education":
        return None  # "a degree in Computer Science" is checked as a degree, not as a skill
    named = [s for s in requirement.skills if checkable(s)]
    missing = [s for s in named if s.casefold() not in evidence]
    if not missing:
        return None
    if _ANY_OF.search(requirement.text):
        if len(missing) < len(named):
            return None
        return f"It asks for {_join(named, 'or')}; your resume mentions none of them."
    return f"It asks for {_join(named, 'and')}; your resume does not mention {_join(missing, 'or')}."


def _years_gap(requirement: Requirement, shown: float | None) -> str | None:
    if requirement.years is None or shown is None or shown >= requirement.years:
        return None
    return f"It asks for {requirement.years}+ years; your resume shows about {shown:g} in related roles."


def _education_gap(requirement: Requirement, profile: ResumeProfile) -> str | None:
    needed = degree_level(requirement.text) if requirement.category == "education" else None
    if needed is None or _EQUIVALENT.search(requirement.text):
        return None
    held = degree_level(" \n".join(profile.education))
    if held is not None and held >= needed:
        return None
    return f"It asks for {_DEGREE_NAMES[needed]}; your resume lists none at that level."


def _join(names: list[str], word: str) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"
