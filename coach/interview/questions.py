"""Prep-page questions for a job; they share the JD templates with the planner, which holds them."""

from coach.interview.planner import generate_questions, generate_questions_llm

__all__ = ["generate_questions", "generate_questions_llm"]
