import pytest

from coach.livekit.dispatch import DispatchMetadataError, dispatch_metadata, session_id_from_metadata


def test_session_id_round_trips_through_dispatch_metadata():
    assert session_id_from_metadata(dispatch_metadata("9f1c-77")) == "9f1c-77"


@pytest.mark.parametrize("raw", ["", None, "not json", "[]", '{"session": "x"}', '{"session_id": "  "}'])
def test_job_without_a_session_id_is_refused_with_the_metadata_shown(raw):
    with pytest.raises(DispatchMetadataError, match="metadata"):
        session_id_from_metadata(raw)
