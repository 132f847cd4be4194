"""Resume date ranges ("Mar 2017 – Dec 2019", "2019-2022", "01/2020 - Present") and the years they cover."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:{_MONTH}\s*'?\d{{4}}|(?:0?[1-9]|1[0-2])/\d{{4}}"
    rf"|\d{{4}}[-/.](?:0[1-9]|1[0-2]|[1-9])(?!\d)|(?:19|20)\d{{2}})"
)
_CURRENT = r"(?:present|current|now|today|to date|ongoing)"
DATE_RANGE = re.compile(
    rf"(?P<start>{_DATE})\s*(?:-|–|—|to|until|through|till)\s*(?P<end>{_DATE}|{_CURRENT})", re.IGNORECASE
)
# Unknown months count from mid-year so "2016 – 2019" adds up to three years, not four.
_UNKNOWN_MONTH = 6


@dataclass(frozen=True)
class YearMonth:
    year: int
    month: int | None

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def index(self) -> int:
        return self.year * 12 + (self.month or _UNKNOWN_MONTH) - 1


@dataclass(frozen=True)
class DateRange:
    start: YearMonth
    end: YearMonth | None  # None: still in this role

    def months(self, today: date) -> int:
        end = self.end or YearMonth(today.year, today.month)
        inclusive = 1 if self.start.month and end.month else 0
        return max(0, end.index() - self.start.index() + inclusive)


def range_of(start: str | None, end: str | None) -> DateRange | None:
    """The range a stored role covers ("2019-03" to "present"), or None without a start."""
    if not start or not re.fullmatch(r"\d{4}(?:-\d{2})?", start):
        return None
    end_date = None if end in (None, "present") else parse_date(end)
    return DateRange(parse_date(start), end_date)


def find_range(text: str) -> tuple[DateRange, re.Match[str]] | None:
    m = DATE_RANGE.search(text)
    if not m:
        return None
    end = None if re.fullmatch(_CURRENT, m["end"], re.IGNORECASE) else parse_date(m["end"])
    return DateRange(parse_date(m["start"]), end), m


def parse_date(token: str) -> YearMonth:
    token = token.strip().lower().replace("'", "")
    if token[:3] in _MONTHS:
        return YearMonth(int(re.search(r"\d{4}", token).group()), _MONTHS[token[:3]])
    numbers = [int(n) for n in re.findall(r"\d+", token)]
    if len(numbers) == 1:
        return YearMonth(numbers[0], None)
    year = max(numbers)
    return YearMonth(year, min(numbers))


def total_years(ranges: list[DateRange], today: date) -> float | None:
    """Years covered by the ranges, counting overlapping roles once."""
    if not ranges:
        return None
    spans = sorted((r.start.index(), r.start.index() + r.months(today)) for r in ranges)
    months, current_start, current_end = 0, *spans[0]
    for start, end in spans[1:]:
        if start > current_end:
            months += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    months += current_end - current_start
    return round(months / 12, 1)
