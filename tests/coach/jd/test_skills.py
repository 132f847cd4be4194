from __future__ import annotations

import pytest

from coach.jd.lexicon import Lexicon, LexiconError
from coach.jd.skills import canonical_skill, extract_skills, find_domains, find_signals, with_implied


@pytest.mark.parametrize(
    "alias, canonical",
    [
        ("k8s", "Kubernetes"),
        ("Postgres", "PostgreSQL"),
        ("golang", "Go"),
        ("ReactJS", "React"),
        ("node.js", "Node.js"),
        ("amazon-web-services", "AWS"),
        ("CI CD", "CI/CD"),
        ("sfdc", "Salesforce"),
        ("Basic Life Support", "BLS"),
        ("med-surg", "Medical-surgical nursing"),
        ("FP&A", "FP&A"),
        ("ui/ux", "UX design"),
        ("Epic", "Epic EHR"),
        ("C#", "C#"),
        (".NET core", ".NET"),
    ],
)
def test_aliases_resolve_to_canonical_names(alias: str, canonical: str):
    assert canonical_skill(alias)[0] == canonical


def test_each_kind_lands_in_its_own_list():
    found = extract_skills(
        "Python and k8s; Jira and Figma; BLS certified; "
        "excellent communication skills and attention to detail"
    )
    assert found.hard == ["Python", "Kubernetes"]
    assert found.tools == ["Jira", "Figma"]
    assert found.certifications == ["BLS"]
    assert found.soft == ["communication", "attention to detail"]


@pytest.mark.parametrize(
    "text",
    [
        "You will excel at building relationships",  # not Excel
        "Ready to go above and beyond for customers",  # not Go
        "Work closely with our R&D team",  # not R
        "Present to C-level executives",  # not C
        "A data-driven culture",  # not "drive"
        "Contact Jane R. Doe",  # an initial, not R
    ],
)
def test_everyday_words_are_not_skills(text: str):
    found = extract_skills(text)
    assert not {"Excel", "Go", "R", "C"} & {*found.hard, *found.tools}


def test_case_matters_only_where_the_word_is_ambiguous():
    assert extract_skills("Services written in Go and Rust").hard == ["Go", "Rust"]
    assert extract_skills("we go to conferences").hard == []
    assert extract_skills("Advanced excel and pivot tables").tools == ["Excel"]


def test_non_tech_roles_are_covered():
    sales = extract_skills("Prospecting, cold calling and pipeline management in HubSpot; MEDDIC")
    assert sales.hard == ["Prospecting", "Cold calling", "Pipeline management", "MEDDIC"] and sales.tools == [
        "HubSpot"
    ]
    finance = extract_skills("Month-end close, GAAP, variance analysis and financial modelling in NetSuite")
    assert finance.hard == ["Month-end close", "GAAP", "Variance analysis", "Financial modeling"]
    support = extract_skills("Troubleshooting, de-escalation and ticket triage in Zendesk")
    assert support.hard == ["Troubleshooting", "Ticket management"] and support.soft == [
        "conflict resolution"
    ]
    design = extract_skills("Wireframes, usability testing and design systems in Figma")
    assert design.hard == ["Wireframing", "Usability testing", "Design systems"]


def test_domains_and_signals():
    assert find_domains("A healthtech startup selling B2B SaaS to hospitals") == ["healthcare", "B2B SaaS"]
    assert find_signals("Fast-paced, early-stage; on-call one week in six; OTE $200k") == [
        "fast-paced environment",
        "startup",
        "on-call rotation",
        "commission",
    ]


def test_implied_skills_follow_chains():
    assert {"react", "javascript"} <= with_implied(["Next.js"])
    assert "infrastructure as code" in with_implied(["CloudFormation"])


def test_one_phrase_with_two_meanings_is_refused():
    lexicon = Lexicon()
    lexicon.add("spark", ("Spark", "hard"))
    with pytest.raises(LexiconError):
        lexicon.add("Spark", ("Spark AR", "tool"))
