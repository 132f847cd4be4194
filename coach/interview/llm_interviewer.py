"""An interviewer whose wording and answer judgement come from an LLM, with the plan still in charge.

The PlanDirector decides the state (which question, whether a follow-up is allowed, when to close).
The model judges the answer through an `assess_answer` tool call and phrases the follow-up. Any
failure (HTTP error, timeout, invalid output, a line that leaks the rubric) falls back to the
director's own decision and phrasing, so the interview never stalls on the model.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

import openai

from coach.interview.director import Decision, PlanDirector
from coach.interview.llm_json import LLMUnavailable, call_tool
from coach.interview.phrasing import contains_praise
from coach.interview.protocol import Reply
from coach.interview.schema import InterviewPlan, Persona, PlanQuestion
from prompts import render_prompt

log = logging.getLogger(__name__)
MAX_LINE_CHARS = 300

ASSESS_TOOL = {
    "type": "function",
    "function": {
        "name": "assess_answer",
        "description": "Judge the candidate's latest answer and say whether and how to follow up.",
        "parameters": {
            "type": "object",
            "properties": {
                "missing_star": {
                    "type": "array",
                    "items": {"type": "string", "enum": ["situation", "task", "action", "result"]},
                },
                "has_metric": {"type": "boolean"},
                "off_topic": {"type": "boolean"},
                "follow_up": {"type": "boolean"},
                "follow_up_text": {"type": "string"},
                "acknowledgement": {"type": "string"},
            },
            "required": ["follow_up"],
        },
    },
}


class LLMInterviewer:
    """InterviewerBrain backed by an OpenAI-compatible model; see the module docstring for the split."""

    def __init__(
        self,
        plan: InterviewPlan,
        *,
        client: openai.AsyncOpenAI,
        model: str,
        clock: Callable[[], float] = time.monotonic,
        persona: Persona | None = None,
        timeout_s: float = 4.0,
    ) -> None:
        self.director = PlanDirector(plan, clock=clock, persona=persona)
        self._client = client
        self._model = model
        self._timeout_s = timeout_s
        self._asked: list[str] = []
        self.fallbacks = 0  # turns where the model's output was not used

    @property
    def plan(self) -> InterviewPlan:
        return self.director.plan

    @property
    def finished(self) -> bool:
        return self.director.finished

    async def open(self) -> Reply:
        # The greeting and first question are fixed by the plan; no reason to wait on the model.
        return self._remember(await self.director.open())

    async def wrap_up(self, reason: str) -> Reply:
        return self._remember(await self.director.wrap_up(reason))

    async def respond(self, answer: str, *, answer_seconds: float | None = None) -> Reply:
        decision = self.director.decide(answer, answer_seconds=answer_seconds)
        question = self.director.current_question
        if question is None or decision.action in ("close", "retry") or decision.signals.unusable:
            return self._remember(self.director.apply(decision, answer=answer))
        try:
            assessment = await call_tool(
                self._client,
                self._model,
                self._messages(question, answer, decision),
                tool=ASSESS_TOOL,
                timeout_s=self._timeout_s,
            )
        except LLMUnavailable as exc:
            log.warning("interviewer model unavailable, using plan phrasing: %s", exc)
            self.fallbacks += 1
            return self._remember(self.director.apply(decision, answer=answer))
        return self._remember(self._apply_assessment(decision, assessment, question, answer))

    def _apply_assessment(
        self, decision: Decision, assessment: dict, question: PlanQuestion, answer: str
    ) -> Reply:
        ack = self._usable_ack(assessment.get("acknowledgement"), decision)
        wants = bool(assessment.get("follow_up"))
        text = self._usable_follow_up(assessment.get("follow_up_text"), question)
        if wants and decision.can_follow_up and text:
            return self.director.apply(decision.as_follow_up(), follow_up_text=text, answer=answer)
        if wants and decision.can_follow_up:
            self.fallbacks += 1  # the model wanted a follow-up but its wording was unusable
        if not wants and decision.action == "follow_up" and decision.planned_probe is None:
            # The model read the answer as complete; trust it over the keyword heuristics.
            return self.director.apply(decision.as_next(), acknowledgement=ack, answer=answer)
        return self.director.apply(decision, acknowledgement=ack, answer=answer)

    def _usable_follow_up(self, text: object, question: PlanQuestion) -> str | None:
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_LINE_CHARS:
            return None
        text = text.strip()
        lowered = text.lower()
        if any(item.lower() in lowered for item in question.rubric) or text in self._asked:
            return None
        return text

    def _usable_ack(self, text: object, decision: Decision) -> str | None:
        if not isinstance(text, str) or not text.strip() or len(text) > 120:
            return None
        praise_earned = decision.signals is not None and decision.signals.solid
        return text.strip() if praise_earned or not contains_praise(text) else None

    def _messages(self, question: PlanQuestion, answer: str, decision: Decision) -> list[dict]:
        plan, persona = self.plan, self.director.persona
        context = f" for the {plan.job_title} role" if plan.job_title else ""
        system = render_prompt("interviewer_system", name=persona.name, tone=persona.tone, context=context)
        planned = (
            f"The plan's next follow-up would be: {decision.planned_probe}" if decision.planned_probe else ""
        )
        user = render_prompt(
            "assess_answer",
            kind=question.kind,
            competency=question.competency,
            question=question.text,
            rubric="\n".join(f"- {r}" for r in question.rubric),
            heard=self.director.heard or "(nothing yet)",
            answer=answer,
            follow_up_allowed="allowed" if decision.can_follow_up else "NOT allowed",
            asked=json.dumps(self._asked[-6:]),
            planned_note=planned,
        )
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    def _remember(self, reply: Reply) -> Reply:
        self._asked.append(reply.text)
        return reply
