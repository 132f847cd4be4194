"""Drills train the weakness that matters most and are scored like real answers."""

from __future__ import annotations

from coach.analysis.text import words
from coach.drills.generator import generate_drills, score_drill

JD = {
    "hard_skills": ["Terraform"],
    "requirements": {
        "must_have": [
            {
                "id": "req-1",
                "text": "Infrastructure as code with Terraform",
                "skills": ["Terraform"],
                "years": None,
                "category": "hard",
            }
        ],
        "nice_to_have": [],
    },
}
PATTERNS = [
    {
        "dimension": "conciseness",
        "occurrences": 1,
        "trend": "improving",
        "recent_scores": [50, 70],
        "active": False,
    },
    {
        "dimension": "depth",
        "occurrences": 4,
        "trend": "declining",
        "recent_scores": [55, 48, 40],
        "active": True,
    },
    {
        "dimension": "competency:conflict resolution",
        "occurrences": 2,
        "trend": "stagnant",
        "recent_scores": [45, 44],
        "active": True,
    },
]
STRONG = (
    "At my last job we had to choose between Terraform modules per team or one shared monorepo. I "
    "considered both options: per-team modules gave autonomy, but drift between environments had caused 3 "
    "outages that year. I chose the shared repo because one reviewed plan per change made drift visible, "
    "and the trade-off was slower reviews, which we offset with CODEOWNERS. As a result drift incidents "
    "dropped to zero in 6 months. In hindsight I would have migrated the smallest team first."
)
VAGUE = "I think Terraform is pretty good and I used it a lot for various things. It usually works well."


def test_most_pressing_weakness_gets_the_first_drill_and_uses_the_job_skill() -> None:
    drills = generate_drills(PATTERNS, jd_parsed=JD, n=3)
    assert [d.dimension for d in drills] == ["depth", "competency:conflict resolution", "conciseness"]
    assert "Terraform" in drills[0].question
    assert drills[1].question == "Tell me about a time you showed conflict resolution."


def test_hints_guide_the_method_without_giving_the_outline_away() -> None:
    for drill in generate_drills(PATTERNS, jd_parsed=JD, n=3):
        assert drill.hints and drill.expected_outline
        for hint in drill.hints:
            for point in drill.expected_outline:
                shared = set(words(point)) & set(words(hint)) - {
                    "the",
                    "a",
                    "you",
                    "your",
                    "of",
                    "and",
                    "or",
                    "with",
                    "in",
                    "it",
                    "what",
                    "how",
                    "to",
                    "one",
                    "by",
                }
                assert len(shared) < max(3, len(set(words(point))) // 2), (hint, point)


def test_no_patterns_still_gives_useful_drills_from_the_job() -> None:
    drills = generate_drills([], jd_parsed=JD, n=2)
    assert drills[0].question == "Tell me about your hands-on experience with Terraform."
    assert len(drills) == 2 and len({d.id for d in drills}) == 2


def test_returning_weakness_gets_a_different_drill() -> None:
    first = generate_drills([{**PATTERNS[1], "dimension": "structure", "occurrences": 1}], n=1)[0]
    again = generate_drills([{**PATTERNS[1], "dimension": "structure", "occurrences": 2}], n=1)[0]
    assert first.question != again.question


def test_drill_scoring_rewards_the_trained_dimension() -> None:
    drill = generate_drills(PATTERNS, jd_parsed=JD, n=1)[0]
    strong, vague = score_drill(drill, STRONG, jd_parsed=JD), score_drill(drill, VAGUE, jd_parsed=JD)
    assert strong.passed and not vague.passed
    assert strong.target_score == strong.criteria.depth > vague.target_score
    assert strong.score > vague.score
    assert vague.try_next_time


def test_empty_drill_attempt_is_no_answer() -> None:
    drill = generate_drills(PATTERNS, n=1)[0]
    result = score_drill(drill, "  ")
    assert (result.status, result.score, result.passed) == ("empty", 0, False)
    assert result.verdict == "No answer was given."
