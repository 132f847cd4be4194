"""End to end on the offline path: a raw job posting, parsed, then planned and interviewed."""

from __future__ import annotations

import pytest

from coach.interview.coverage import must_have_coverage
from coach.interview.planner import generate_plan
from coach.interview.simulated import simulate_interview
from coach.jd.parser import parse_jd
from tests.coach.interview.conftest import load_jds

POSTINGS = [(jd["name"], jd["posting"]) for jd in load_jds()]


@pytest.mark.parametrize(("name", "posting"), POSTINGS, ids=[p[0] for p in POSTINGS])
async def test_a_parsed_posting_gets_a_plan_that_covers_its_must_haves(name: str, posting: str) -> None:
    jd_parsed = parse_jd(posting).model_dump(mode="json")
    plan = generate_plan(role_kit=jd_parsed["role_family"], interview_type="behavioral", jd_parsed=jd_parsed)
    assert must_have_coverage(plan, jd_parsed) >= 0.8
    turns = await simulate_interview(plan, quality="strong")
    assert turns[-1].kind == "closing"
    must_have_texts = [r["text"] for r in jd_parsed["requirements"]["must_have"]]
    assert any(text in q.rationale for q in plan.questions for text in must_have_texts)


def test_skill_names_read_naturally_inside_questions() -> None:
    posting = next(p for n, p in POSTINGS if n == "backend_fintech")
    jd_parsed = parse_jd(posting).model_dump(mode="json")
    plan = generate_plan(role_kit="backend", interview_type="technical_verbal", jd_parsed=jd_parsed)
    spoken = " ".join(q.text for q in plan.questions)
    assert "PostgreSQL" in spoken or "Kubernetes" in spoken
    assert "used Distributed systems" not in spoken
