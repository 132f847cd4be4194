"""Resume sections (experience, skills, education, ...) by their usual headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from coach.jd.sections import logical_lines

ResumeSection = Literal[
    "header", "summary", "experience", "skills", "education", "certifications", "projects", "achievements"
]

_HEADINGS: dict[str, ResumeSection] = {
    **dict.fromkeys(
        [
            "summary",
            "profile",
            "professional summary",
            "about",
            "about me",
            "objective",
            "career objective",
            "overview",
            "career summary",
            "personal statement",
        ],
        "summary",
    ),
    **dict.fromkeys(
        [
            "experience",
            "work experience",
            "professional experience",
            "employment",
            "employment history",
            "work history",
            "career history",
            "relevant experience",
            "experience highlights",
            "clinical experience",
            "sales experience",
            "professional history",
        ],
        "experience",
    ),
    **dict.fromkeys(
        [
            "skills",
            "technical skills",
            "core skills",
            "key skills",
            "core competencies",
            "competencies",
            "skills & tools",
            "skills and tools",
            "technologies",
            "tech stack",
            "tools",
            "areas of expertise",
            "expertise",
            "clinical skills",
            "skills summary",
        ],
        "skills",
    ),
    **dict.fromkeys(
        [
            "education",
            "education & training",
            "education and training",
            "academic background",
            "qualifications",
            "academic qualifications",
        ],
        "education",
    ),
    **dict.fromkeys(
        [
            "certifications",
            "certificates",
            "licenses",
            "licenses & certifications",
            "licenses and certifications",
            "licensure",
            "certifications & licenses",
        ],
        "certifications",
    ),
    **dict.fromkeys(
        ["projects", "selected projects", "personal projects", "side projects", "open source"], "projects"
    ),
    **dict.fromkeys(
        [
            "achievements",
            "awards",
            "accomplishments",
            "honors",
            "honours",
            "key achievements",
            "awards & honors",
            "publications",
            "volunteering",
            "volunteer experience",
            "languages",
            "interests",
        ],
        "achievements",
    ),
}
_MARKUP = re.compile(r"^[#*_\s]+|[*_:\s]+$")


@dataclass
class Section:
    kind: ResumeSection
    lines: list[str] = field(default_factory=list)


def split_resume(text: str) -> list[Section]:
    sections = [Section("header")]
    for line in logical_lines(text):
        kind = resume_heading(line)
        if kind:
            sections.append(Section(kind))
        else:
            sections[-1].lines.append(line)
    return sections


def resume_heading(line: str) -> ResumeSection | None:
    words = _MARKUP.sub("", line).lower().replace("’", "'")
    return _HEADINGS.get(words)
