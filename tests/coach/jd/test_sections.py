from __future__ import annotations

import pytest

from coach.jd.requirements import parse_items
from coach.jd.sections import split_sections, split_sentences


def kinds(text: str) -> list[str]:
    return [s.kind for s in split_sections(text)]


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("## What you'll do", "responsibilities"),
        ("**Requirements**", "requirements"),
        ("MINIMUM QUALIFICATIONS", "requirements"),
        ("Preferred Qualifications (Nice to Have):", "nice_to_have"),
        ("Bonus points", "nice_to_have"),
        ("What We Offer", "benefits"),
        ("Salary and benefits", "benefits"),
        ("About Acme Corp:", "about"),
        ("Who you are", "requirements"),
        ("Key Responsibilities Include:", "responsibilities"),
    ],
)
def test_heading_spellings(heading: str, kind: str):
    sections = split_sections(f"{heading}\n- first item")
    assert sections[-1].kind == kind
    assert [i.text for i in sections[-1].items] == ["first item"]


def test_inline_heading_keeps_its_content():
    items = parse_items(split_sections("Requirements: 3+ years of Go. Kafka is a plus."))
    assert [r.text for r in items.requirements.must_have] == ["3+ years of Go."]
    assert [r.text for r in items.requirements.nice_to_have] == ["Kafka is a plus."]


def test_detail_line_does_not_swallow_the_lines_after_it():
    items = parse_items(split_sections("Location: Remote\n- Build APIs in Go\n- 5+ years of Go experience"))
    assert items.responsibilities == ["Build APIs in Go"]
    assert [r.years for r in items.requirements.must_have] == [5]


def test_bullets_without_headings_are_sorted_by_wording():
    text = (
        "- Own the billing service end to end\n- 4+ years of experience with Java\n"
        "- Familiarity with Kotlin is a bonus\n- We have a dog-friendly office"
    )
    items = parse_items(split_sections(text))
    assert items.responsibilities == ["Own the billing service end to end"]
    assert [r.text for r in items.requirements.must_have] == ["4+ years of experience with Java"]
    assert [r.text for r in items.requirements.nice_to_have] == ["Familiarity with Kotlin is a bonus"]


def test_cue_words_make_a_requirement_nice_to_have():
    text = "Requirements\n- Python\n- AWS preferred\n- Terraform would be a plus\n- Ideally some Rust"
    items = parse_items(split_sections(text))
    assert [r.skills for r in items.requirements.must_have] == [["Python"]]
    assert [r.skills for r in items.requirements.nice_to_have] == [["AWS"], ["Terraform"], ["Rust"]]


def test_hard_wrapped_lines_are_joined_before_splitting_sentences():
    text = "Requirements\n- Experience running PostgreSQL in\n  production at scale\n- Go"
    items = parse_items(split_sections(text))
    assert [r.text for r in items.requirements.must_have] == [
        "Experience running PostgreSQL in production at scale",
        "Go",
    ]


def test_prose_around_a_structured_posting_asks_for_nothing():
    text = "We have 20 years of history and strong values.\n\nRequirements\n- SQL"
    assert [r.text for r in parse_items(split_sections(text)).requirements.must_have] == ["SQL"]


def test_sentences_split_but_not_on_abbreviations():
    assert split_sentences("Use a cloud, e.g. AWS or GCP. Ship weekly.") == [
        "Use a cloud, e.g. AWS or GCP.",
        "Ship weekly.",
    ]


def test_requirement_categories():
    text = (
        "Requirements\n- Current BLS certification\n- Bachelor's degree in Finance\n- 3+ years in retail\n"
        "- Strong Excel skills\n- Great communication skills"
    )
    must = parse_items(split_sections(text)).requirements.must_have
    assert [r.category for r in must] == ["certification", "education", "experience", "hard", "soft"]
    assert must[2].years == 3
