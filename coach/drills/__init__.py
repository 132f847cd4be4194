"""Targeted drills for weak dimensions, scored with the session analyzer: see coach.drills.generator."""
