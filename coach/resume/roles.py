"""Roles from a resume's experience section: title, company, dates and the bullets under them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.jd.sections import BULLET
from coach.jd.seniority import names_a_role
from coach.resume.dates import DateRange, find_range
from coach.resume.schema import Role

_SEPARATORS = re.compile(r"\s+[|—–-]\s+|\s*[|•·]\s*|\s*,\s*|\s+at\s+|\s+@\s+|\t+|\s{3,}")
_LOCATION = re.compile(r"^(?:remote|hybrid|on-?site|[A-Z]{2,3})$", re.IGNORECASE)
_MAX_HEADER_WORDS = 14


@dataclass
class _Block:
    header: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)

    def dated(self) -> bool:
        return any(find_range(line) for line in self.header)


def parse_roles(lines: list[str]) -> tuple[list[Role], list[DateRange]]:
    roles, ranges = [], []
    for block in _blocks(lines):
        role, dates = _role(block)
        roles.append(role)
        if dates:
            ranges.append(dates)
    return roles, ranges


def _blocks(lines: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    for line in lines:
        bullet = BULLET.match(line)
        if bullet or _is_description(line):
            if not blocks:
                blocks.append(_Block())
            blocks[-1].bullets.append(line[bullet.end() :].strip() if bullet else line)
        elif not blocks or blocks[-1].bullets or (blocks[-1].dated() and find_range(line)):
            blocks.append(_Block([line]))
        else:
            blocks[-1].header.append(line)
    return [b for b in blocks if b.header]


def _is_description(line: str) -> bool:
    return line.endswith(".") or len(line.split()) > _MAX_HEADER_WORDS


def _role(block: _Block) -> tuple[Role, DateRange | None]:
    dates, fragments = None, []
    for line in block.header:
        found = find_range(line)
        if found and dates is None:
            dates, match = found
            line = line[: match.start()] + " | " + line[match.end() :]
        fragments += [f for f in (_clean(p) for p in _SEPARATORS.split(line)) if f]
    title = next((f for f in fragments if names_a_role(f)), None)
    company = next((f for f in fragments if f != title and not _LOCATION.match(f)), None)
    role = Role(
        title=title,
        company=company,
        bullets=block.bullets,
        start=dates.start.iso() if dates else None,
        end=(dates.end.iso() if dates.end else "present") if dates else None,
    )
    return role, dates


def _clean(fragment: str) -> str:
    return fragment.strip(" ()[]|–—-,:;*_\t")
