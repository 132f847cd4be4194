from __future__ import annotations

import pytest

from coach.jd.experience import degree_level, degrees_in, experience_years, years_in


@pytest.mark.parametrize(
    "text, years",
    [
        ("5+ years of Python experience", [5]),
        ("3-5 years experience", [3]),
        ("Minimum of three (3) years", [3]),
        ("a couple of years of experience with SQL", [2]),
        ("at least two yrs in sales", [2]),
        ("We are 20 years old", []),
    ],
)
def test_years_asked(text: str, years: list[int]):
    assert years_in(text) == years


def test_company_age_is_not_experience():
    assert experience_years("Founded 20 years ago. You bring 4+ years of experience in B2B sales.") == [4]


@pytest.mark.parametrize(
    "text, degrees, level",
    [
        (
            "Bachelor's degree in Computer Science or related field",
            ["Bachelor's degree in Computer Science"],
            3,
        ),
        ("BSN required; MSN preferred", ["BSN", "MSN"], 4),
        ("PhD in Machine Learning", ["PhD in Machine Learning"], 5),
        ("High school diploma or GED", ["High school diploma"], 1),
        ("Advanced MS Excel", [], None),
    ],
)
def test_degrees(text: str, degrees: list[str], level: int | None):
    assert degrees_in(text) == degrees
    assert degree_level(text) == level
