"""Choosing the interviewer for a session, and rebuilding one after a restart."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from coach.interview.protocol import InterviewerBrain
from coach.interview.schema import InterviewPlan
from coach.settings import Settings

Clock = Callable[[], float]


def build_brain(plan: InterviewPlan, settings: Settings, *, clock: Clock = time.time) -> InterviewerBrain:
    """The LLM interviewer when an endpoint is configured; the plan-driven director otherwise."""
    if settings.llm_enabled:
        from openai import AsyncOpenAI

        from coach.interview.llm_interviewer import LLMInterviewer

        client = AsyncOpenAI(base_url=settings.LLM_BASE_URL, api_key=settings.LLM_API_KEY or "none", timeout=15.0)
        return LLMInterviewer(plan, client=client, model=settings.LLM_MODEL or "", clock=clock)
    from coach.interview.director import PlanDirector

    return PlanDirector(plan, clock=clock)


class ReplayClock:
    """A clock that can be pinned to stored timestamps while a transcript is replayed, then runs live."""

    def __init__(self) -> None:
        self.pinned: float | None = None

    def __call__(self) -> float:
        return self.pinned if self.pinned is not None else time.time()


async def replay(brain: InterviewerBrain, clock: ReplayClock, answers: Iterable[tuple[str, float, float]]) -> None:
    """Bring a fresh offline director to where a stored text session left off.

    `answers` are (text, answered_at, seconds spent) of each candidate turn. The director is deterministic,
    so feeding it the same answers at the same times reproduces its state.
    """
    for text, at, seconds in answers:
        clock.pinned = at
        await brain.respond(text, answer_seconds=seconds)
    clock.pinned = None
