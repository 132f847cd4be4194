"""Delivery measurements of spoken answers: pace, filler words, pauses, share of talk time."""

from coach.speech.metrics import SpeechSegment, compute_speech_metrics, find_fillers, pause_stats

__all__ = ["SpeechSegment", "compute_speech_metrics", "find_fillers", "pause_stats"]
