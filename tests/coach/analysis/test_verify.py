"""Citations are located in the transcript itself, never trusted from the model's offsets."""

from __future__ import annotations

from coach.analysis.verify import find_citation, locate, verify_claims
from coach.interview.schema import TranscriptTurn

TEXT = "We shipped on Friday.  The  error rate fell to 0.2% and support tickets “dropped” a lot."


def test_exact_quote_is_found_at_its_offsets() -> None:
    start, end = locate("support tickets", TEXT)
    assert TEXT[start:end] == "support tickets"


def test_quote_differing_only_in_spacing_or_typographic_quotes_maps_to_the_original_text() -> None:
    start, end = locate('The error rate fell to 0.2% and support tickets "dropped"', TEXT)
    assert TEXT[start:end] == "The  error rate fell to 0.2% and support tickets “dropped”"


def test_paraphrase_is_not_a_quote() -> None:
    assert locate("the error rate dropped to 0.2%", TEXT) is None


def test_citation_prefers_the_cited_turn_then_the_candidate() -> None:
    turns = [
        TranscriptTurn(seq=1, role="interviewer", kind="question", text="So the error rate fell?"),
        TranscriptTurn(seq=2, role="candidate", kind="answer", text="Yes, the error rate fell by half."),
    ]
    assert find_citation("the error rate fell", turns).turn_seq == 2
    assert find_citation("the error rate fell", turns, cited_seq=1).turn_seq == 1


def test_claims_without_a_real_quote_or_with_a_trivial_one_are_dropped() -> None:
    turns = [TranscriptTurn(seq=3, role="candidate", kind="answer", text=TEXT)]
    raw = [
        {"text": "Quantified.", "quote": "error rate fell to 0.2%", "turn_seq": 3},
        {"text": "Invented.", "quote": "error rate fell to zero", "turn_seq": 3},
        {"text": "Trivial.", "quote": "We", "turn_seq": 3},
        {"text": "", "quote": "We shipped on Friday"},
        "not a claim",
    ]
    kept, dropped = verify_claims(raw, turns)
    assert [c.text for c in kept] == ["Quantified."]
    assert dropped == 4
