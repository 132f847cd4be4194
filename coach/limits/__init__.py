"""Per-user rate limits in fixed windows, and feature switches."""
