from __future__ import annotations

from datetime import date
from pathlib import Path

from coach.resume.parser import parse_resume

RESUMES = Path(__file__).resolve().parents[2] / "fixtures" / "resumes"
TODAY = date(2025, 6, 1)


def parse(name: str):
    return parse_resume((RESUMES / f"{name}.txt").read_text(encoding="utf-8"), today=TODAY)


def test_contact_details_and_headline():
    profile = parse("backend_strong_match")
    assert profile.name == "Maya Okonkwo"
    assert profile.email == "maya.okonkwo@example.com"
    assert profile.headline.startswith("Senior Backend Engineer")


def test_roles_in_three_layouts():
    roles = [(r.title, r.company, r.start, r.end) for r in parse("backend_strong_match").roles]
    assert roles == [
        ("Senior Software Engineer", "Tillwise", "2021-03", "present"),
        ("Backend Engineer", "Parcelhop", "2018-06", "2021-02"),
        ("Software Developer", "Midwest Mutual Insurance", "2017-01", "2018-05"),
    ]


def test_wrapped_bullets_stay_with_their_role():
    first = parse("backend_strong_match").roles[0]
    assert len(first.bullets) == 5
    assert first.bullets[0].endswith("with 99.99% availability")


def test_years_of_experience_add_up_the_date_ranges():
    # Jan 2017 to Jun 2025, with no gaps between the three roles: 8 years and 6 months.
    assert parse("backend_strong_match").years_experience == 8.5
    # Jul 2022 - Jun 2025 (36 months) plus mid-2017 to mid-2021 (48 months).
    assert parse("frontend_career_changer").years_experience == 7.0


def test_skills_are_canonical_and_include_what_the_roles_show():
    skills = parse("backend_strong_match").skills
    assert skills[:7] == ["Python", "Go", "SQL", "Java", "PostgreSQL", "Redis", "Kafka"]
    assert {"Kubernetes", "CKA", "Django", "Prometheus", "FastAPI"} <= set(skills)
    assert "Tailwind CSS" in parse("frontend_career_changer").skills


def test_achievements_are_bullets_with_numbers():
    achievements = {a.text: a.numbers for a in parse("frontend_career_changer").achievements}
    assert achievements["Built the checkout redesign in React and TypeScript, lifting conversion by 8%"] == [
        "8%"
    ]
    assert achievements["Managed a team of 14 and a $3.2M annual sales budget"] == ["14", "$3.2M"]
    assert not any("Trained new hires" in text for text in achievements)


def test_education_lines():
    assert parse("backend_strong_match").education == ["B.S. in Computer Science, University of Iowa, 2016"]


def test_resume_without_sections_still_yields_skills_and_degree():
    profile = parse_resume("Sam Lee\nNurse with BLS and ACLS, skilled in wound care.\nBSN, 2019")
    assert profile.name == "Sam Lee"
    assert {"BLS", "ACLS", "Wound care"} <= set(profile.skills)
    assert profile.education == ["BSN"] and profile.roles == [] and profile.years_experience is None


def test_empty_text_gives_an_empty_profile():
    profile = parse_resume("")
    assert profile.name is None and profile.skills == [] and profile.years_experience is None
