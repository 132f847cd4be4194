from __future__ import annotations

import pytest

from coach.jd.role_family import detect_role_family
from coach.jd.seniority import detect_seniority, detect_title, level_in


@pytest.mark.parametrize(
    "title, level",
    [
        ("Senior Backend Engineer", "senior"),
        ("Sr. Data Scientist", "senior"),
        ("Software Engineer II", "mid"),
        ("Staff Engineer", "staff"),
        ("Principal Product Manager", "principal"),
        ("Tech Lead, Payments", "lead"),
        ("Senior Engineering Manager", "manager"),
        ("Nurse Manager", "manager"),
        ("Director of Nursing", "director"),
        ("VP of Sales", "executive"),
        ("Summer Intern - Data", "intern"),
        ("Junior QA Analyst", "junior"),
        ("Senior Product Manager", "senior"),
        ("Account Executive", None),
        ("Staff Nurse - ICU", None),
        ("Lead Generation Specialist", None),
    ],
)
def test_level_from_title(title: str, level: str | None):
    assert level_in(title) == level


def test_level_falls_back_to_a_stated_level_then_to_years():
    assert detect_seniority(None, "Experience level: Senior\nRole: DevOps", None) == "senior"
    assert detect_seniority("Accountant", "", 6) == "senior"
    assert detect_seniority("Accountant", "", 3) == "mid"
    assert detect_seniority("Accountant", "", None) is None


@pytest.mark.parametrize(
    "text, title",
    [
        ("Senior Backend Engineer (m/f/d) - Remote\nAcme", "Senior Backend Engineer"),
        ("Acme Health\nJob Title: Registered Nurse | Acme Health\n...", "Registered Nurse"),
        ("We are a small shop. We're hiring a Full-Stack Developer to join us.", "Full-Stack Developer"),
        ("We make bread and we love it.", None),
    ],
)
def test_title_from_text(text: str, title: str | None):
    assert detect_title(text) == title


@pytest.mark.parametrize(
    "title, skills, family",
    [
        ("Registered Nurse", [], "nursing"),
        ("Account Executive", [], "sales"),
        ("Senior Product Manager", [], "product"),
        ("Product Designer", [], "design"),
        ("Machine Learning Engineer", [], "ml"),
        ("Customer Success Manager", [], "customer_support"),
        ("Financial Analyst", [], "finance"),
        ("Site Reliability Engineer", [], "devops"),
        ("Software Engineer", ["Python", "PostgreSQL", "Kafka"], "backend"),
        ("Software Engineer", ["React", "TypeScript", "CSS"], "frontend"),
        ("Software Engineer", ["React", "TypeScript", "CSS", "Python", "PostgreSQL", "Django"], "fullstack"),
        ("Associate", [], "other"),
    ],
)
def test_role_family(title: str, skills: list[str], family: str):
    assert detect_role_family(title, skills) == family
