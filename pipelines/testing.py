"""A fixed three-question interviewer, for pipeline tests and the voice benchmark.

It implements the InterviewerBrain protocol without a plan or an LLM, so timing and
transport behaviour can be measured apart from interview quality.
"""

from __future__ import annotations

from coach.interview.protocol import Reply

QUESTIONS = (
    ("q1", "Tell me about a time you improved the performance of a system."),
    ("q2", "Which database would you choose for a payments ledger, and why?"),
    ("q3", "What do you want to learn in your next role?"),
)
GREETING = "Hi, I'm Alex. Let's begin."
CLOSING = "That's all my questions. Thank you, that was a good conversation."


class ScriptedBrain:
    def __init__(self, questions: tuple[tuple[str, str], ...] = QUESTIONS):
        self._questions = questions
        self._asked = 0
        self._finished = False
        self.answers: list[tuple[str, float | None]] = []
        self.wrap_up_reasons: list[str] = []

    @property
    def finished(self) -> bool:
        return self._finished

    async def open(self) -> Reply:
        return self._ask(prefix=GREETING + " ")

    async def respond(self, answer: str, *, answer_seconds: float | None = None) -> Reply:
        self.answers.append((answer, answer_seconds))
        if self._asked >= len(self._questions):
            return self._close(CLOSING)
        return self._ask(prefix="Thanks. ")

    async def wrap_up(self, reason: str) -> Reply:
        self.wrap_up_reasons.append(reason)
        return self._close(f"We need to stop there ({reason.replace('_', ' ')}). Thank you for your time.")

    def _ask(self, prefix: str) -> Reply:
        qid, text = self._questions[self._asked]
        self._asked += 1
        return Reply(text=prefix + text, kind="question", question_id=qid)

    def _close(self, text: str) -> Reply:
        self._finished = True
        return Reply(text=text, kind="closing", done=True)
