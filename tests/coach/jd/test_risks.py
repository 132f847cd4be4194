from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coach.jd.parser import parse_jd
from coach.jd.risks import compute_risks, refresh_risks
from coach.resume.parser import parse_resume
from coach.resume.schema import ResumeProfile, Role

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TODAY = date(2025, 6, 1)


def fixture(kind: str, name: str) -> str:
    return (FIXTURES / kind / f"{name}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def backend_jd():
    return parse_jd(fixture("jds", "backend_engineer"))


def resume(name: str) -> ResumeProfile:
    return parse_resume(fixture("resumes", name), today=TODAY)


def test_a_matching_resume_only_misses_terraform(backend_jd):
    risks = compute_risks(backend_jd, resume("backend_strong_match"), today=TODAY)
    assert [r.requirement_id for r in risks] == ["req-6"]
    assert "does not mention Terraform" in risks[0].reason
    # CloudFormation on the resume already evidences infrastructure as code.
    assert "Infrastructure as code" not in risks[0].reason.split("mention")[1]


def test_a_career_changer_sees_the_gaps_an_interviewer_will_probe(backend_jd):
    risks = {
        r.requirement_id: r for r in compute_risks(backend_jd, resume("frontend_career_changer"), today=TODAY)
    }
    assert {"req-1", "req-2", "req-3", "req-5", "req-6", "req-7"} <= set(risks)
    assert "Python" in risks["req-2"].reason
    # Years as a store manager do not count towards backend experience.
    assert "5+ years" in risks["req-1"].reason and "about 3 in related roles" in risks["req-1"].reason
    # "or equivalent practical experience" makes the degree negotiable; soft skills are not checked.
    assert "req-9" not in risks and "req-8" not in risks
    assert all(
        r.requirement == next(m.text for m in backend_jd.requirements.must_have if m.id == i)
        for i, r in risks.items()
    )


def test_one_of_several_named_skills_is_enough():
    jd = parse_jd("Requirements\n- Production experience with Python, Go or Java\n- Docker and Kubernetes")
    profile = ResumeProfile(skills=["golang", "Docker"])
    risks = compute_risks(jd, profile)
    assert [r.requirement_id for r in risks] == ["req-2"]
    assert risks[0].reason.endswith("does not mention Kubernetes.")


def test_missing_certification_and_degree_are_risks():
    jd = parse_jd("Required\n- Current BLS and ACLS certification\n- BSN from an accredited school")
    profile = ResumeProfile(skills=["BLS"], education=["ADN, Portland Community College"])
    reasons = {r.requirement_id: r.reason for r in compute_risks(jd, profile)}
    assert "does not mention ACLS" in reasons["req-1"]
    assert "bachelor's degree" in reasons["req-2"]


def test_without_dates_the_resume_total_is_used():
    jd = parse_jd("Requirements\n- 4+ years of account management experience")
    assert compute_risks(jd, ResumeProfile(years_experience=5, skills=["account management"])) == []
    short = compute_risks(jd, ResumeProfile(years_experience=2, skills=["account management"]))
    assert "about 2 in related roles" in short[0].reason


def test_relevant_years_count_roles_using_the_postings_skills():
    jd = parse_jd("Requirements\n- 3+ years of Python experience")
    roles = [
        Role(title="Barista", company="Cafe", start="2010-01", end="2019-12"),
        Role(title="Developer", company="Shop", start="2023-01", end="2024-12", bullets=["Python scripts"]),
    ]
    [risk] = compute_risks(jd, ResumeProfile(skills=["Python"], roles=roles), today=TODAY)
    assert "about 2 in related roles" in risk.reason


def test_parse_jd_fills_risks_from_a_stored_profile_dict():
    profile = resume("frontend_career_changer").model_dump(mode="json")
    jd = parse_jd(fixture("jds", "backend_engineer"), resume_profile=profile)
    assert any(r.requirement_id == "req-2" for r in jd.risks)


def test_refresh_risks_follows_the_resume_and_keeps_the_rest(backend_jd):
    stored = backend_jd.model_dump(mode="json")
    changer = resume("frontend_career_changer").model_dump(mode="json")
    refreshed = refresh_risks(stored, changer)
    assert refreshed["risks"] and {k: v for k, v in refreshed.items() if k != "risks"} == {
        k: v for k, v in stored.items() if k != "risks"
    }
    assert refresh_risks(refreshed, None)["risks"] == []


def test_refresh_risks_leaves_unreadable_stored_data_alone():
    broken = {"version": 1, "requirements": "not a mapping"}
    assert refresh_risks(broken, {"skills": ["Python"]}) is broken
