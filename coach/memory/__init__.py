"""Career memory: recurring weakness patterns, readiness per job target or role, and what to practise next.

Import from the modules: coach.memory.patterns, coach.memory.readiness, coach.memory.suggestions.
"""
