"""The interviewer as the voice pipeline and the text practice routes see it.

Both the plan-driven director (no LLM) and the LLM interviewer implement this; the pipeline's
interviewer processor and the HTTP/websocket text turns only ever talk to this protocol.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel

from coach.interview.schema import TurnKind


class Reply(BaseModel):
    text: str
    kind: TurnKind
    question_id: str | None = None
    done: bool = False  # the interview is over once this is said


class InterviewerBrain(Protocol):
    @property
    def finished(self) -> bool: ...

    async def open(self) -> Reply:
        """Greeting plus the first planned question."""

    async def respond(self, answer: str, *, answer_seconds: float | None = None) -> Reply:
        """Decide and phrase what the interviewer says after the candidate's answer."""

    async def wrap_up(self, reason: str) -> Reply:
        """Close gracefully, e.g. reason='time_up' or 'idle'."""
