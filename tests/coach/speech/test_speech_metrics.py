"""Delivery metrics a candidate sees after each answer."""

from coach.speech.metrics import SpeechSegment, compute_speech_metrics, find_fillers, pause_stats


def test_counts_filler_words_with_their_positions():
    fillers = find_fillers("Um, so I basically, you know, rewrote the uh cache layer")
    assert fillers == [
        {"word": "um", "index": 0},
        {"word": "basically", "index": 3},
        {"word": "you know", "index": 4},
        {"word": "uh", "index": 8},
    ]


def test_like_and_kind_of_doing_real_work_are_not_fillers():
    assert find_fillers("I like Go. It looks like a good fit. What kind of team is it?") == []


def test_hedging_like_and_sort_of_are_fillers():
    words = [f["word"] for f in find_fillers("It was like really slow and I sort of fixed it, I mean mostly")]
    assert words == ["like", "sort of", "i mean"]


def test_pauses_over_one_second_and_the_longest_pause():
    segments = [
        SpeechSegment(0.0, 3.0),
        SpeechSegment(3.4, 6.0),
        SpeechSegment(8.1, 9.0),
        SpeechSegment(10.5, 12.0),
    ]
    assert pause_stats(segments) == (2, 2.1)


def test_words_per_minute_over_the_whole_answer_including_pauses():
    text = " ".join(["word"] * 30)
    metrics = compute_speech_metrics(
        text, [SpeechSegment(10.0, 20.0), SpeechSegment(22.0, 30.0)], talk_ratio=0.6
    )
    assert metrics.words == 30
    assert metrics.words_per_minute == 90.0
    assert metrics.pauses_over_1s == 1
    assert metrics.longest_pause_s == 2.0
    assert metrics.talk_ratio == 0.6


def test_no_timeline_means_no_pace_rather_than_a_made_up_one():
    metrics = compute_speech_metrics("short answer")
    assert metrics.words == 2
    assert metrics.words_per_minute is None
    assert metrics.pauses_over_1s == 0
