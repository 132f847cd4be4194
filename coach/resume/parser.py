"""`parse_resume`: resume text to `ResumeProfile`, offline. `extract_text` turns an upload into that text."""

from __future__ import annotations

import re
from datetime import date

from coach.jd.experience import degrees_in
from coach.jd.sections import BULLET, split_sentences
from coach.jd.skills import canonical_skill, extract_skills, find_skill_mentions, unique
from coach.resume.dates import total_years
from coach.resume.extract import ResumeFormatError, extract_text
from coach.resume.roles import parse_roles
from coach.resume.schema import Achievement, ResumeProfile
from coach.resume.sections import Section, split_resume

__all__ = ["ResumeFormatError", "extract_text", "parse_resume"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTACT = re.compile(r"@|https?://|www\.|linkedin|github\.com|\+?\d[\d\s().-]{7,}\d|\|", re.IGNORECASE)
_NUMBER = re.compile(
    r"(?<![\w.])(?:[$€£₹]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|x|k|K|M|MM|B|bn)\b|%|\+)?(?![\w/-])"
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_SKILL_SPLIT = re.compile(r"\s*[,;|•·]\s*|\s+-\s+|\t+")
_MAX_SKILL_WORDS = 5


def parse_resume(text: str, *, today: date | None = None) -> ResumeProfile:
    sections = split_resume(text)
    by_kind = _lines_by_kind(sections)
    roles, ranges = parse_roles(by_kind.get("experience", []))
    header = by_kind.get("header", [])
    return ResumeProfile(
        name=_name(header),
        email=(m.group() if (m := _EMAIL.search(text)) else None),
        headline=_headline(header, by_kind.get("summary", [])),
        skills=_skills(by_kind.get("skills", []) + by_kind.get("certifications", []), text),
        roles=roles,
        achievements=_achievements(sections),
        education=_education(by_kind.get("education", []), text),
        years_experience=total_years(ranges, today or date.today()),
    )


def _lines_by_kind(sections: list[Section]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for section in sections:
        grouped.setdefault(section.kind, []).extend(section.lines)
    return grouped


def _name(header: list[str]) -> str | None:
    if not header:
        return None
    first = re.sub(r"\b(?:resume|curriculum vitae|cv)\b", "", header[0], flags=re.IGNORECASE).strip(" -|,")
    words = first.split()
    plausible = 1 < len(words) <= 5 and not _CONTACT.search(first) and not any(c.isdigit() for c in first)
    return first.title() if plausible and first.isupper() else first if plausible else None


def _headline(header: list[str], summary: list[str]) -> str | None:
    for line in header[1:4]:
        if not _CONTACT.search(line) and len(line.split()) <= 15:
            return line.strip(" -|")
    return split_sentences(summary[0])[0] if summary else None


def _skills(listed: list[str], text: str) -> list[str]:
    named = []
    for line in listed:
        items = line[BULLET.match(line).end() :] if BULLET.match(line) else line
        label, colon, rest = items.partition(":")
        for item in _SKILL_SPLIT.split(rest if colon and len(label.split()) <= 4 else items):
            named += _skill_names(item.strip(" .()"))
    found = extract_skills(text)
    return unique([*named, *found.hard, *found.tools, *found.certifications])


def _skill_names(item: str) -> list[str]:
    """Canonical names for a listed skill ("k8s", "Python/Django"); unknown short items stay as written."""
    if not item:
        return []
    entry = canonical_skill(item)
    if entry:
        return [entry[0]]
    mentioned = [m.canonical for m in find_skill_mentions(item)]
    return mentioned or ([item] if len(item.split()) <= _MAX_SKILL_WORDS else [])


def _achievements(sections: list[Section]) -> list[Achievement]:
    achievements = []
    for section in sections:
        if section.kind in ("header", "skills", "education"):
            continue
        for line in section.lines:
            bullet = BULLET.match(line)
            numbers = _numbers(line)
            if (bullet or section.kind == "achievements" or line.endswith(".")) and numbers:
                achievements.append(
                    Achievement(text=line[bullet.end() :] if bullet else line, numbers=numbers)
                )
    return achievements


def _numbers(line: str) -> list[str]:
    body = BULLET.sub("", line)
    return [n.strip() for n in _NUMBER.findall(body) if not _YEAR.match(n.strip())]


def _education(lines: list[str], text: str) -> list[str]:
    cleaned = [BULLET.sub("", line).strip() for line in lines]
    entries = [line for line in cleaned if any(c.isalpha() for c in line)]
    return entries or degrees_in(text)
