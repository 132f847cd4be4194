import pytest

from agent.main import load_callable, run_worker
from coach.settings import ConfigError, Settings


def _settings(**overrides) -> Settings:
    values = dict(
        SECRET_KEY="k" * 48,
        LIVEKIT_URL="ws://localhost:7880",
        LIVEKIT_API_KEY="devkey",
        LIVEKIT_API_SECRET="interview-coach-dev-secret-0123456789abcdef",
    )
    return Settings(**(values | overrides))


def test_missing_livekit_url_is_named_before_anything_starts():
    with pytest.raises(ConfigError, match="LIVEKIT_URL"):
        run_worker(_settings(LIVEKIT_URL=None), brain_factory=len, sink_factory=len)


def test_missing_brain_factory_is_named():
    with pytest.raises(ConfigError, match="AGENT_BRAIN_FACTORY"):
        run_worker(_settings(), sink_factory=len)


def test_factory_named_as_module_function_is_loaded():
    assert load_callable("json:dumps", "AGENT_SINK_FACTORY")({"a": 1}) == '{"a": 1}'


@pytest.mark.parametrize("path", ["json:nothing_here", "no_such_module_xyz:f", "json:__name__"])
def test_unloadable_factory_names_the_variable(path):
    with pytest.raises(ConfigError, match="AGENT_SINK_FACTORY"):
        load_callable(path, "AGENT_SINK_FACTORY")
