"""Market pulse: privacy-safe daily aggregates of the jobs candidates save (salaries, skills, counts)."""
