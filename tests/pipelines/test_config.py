"""Voice configuration fails at start with a sentence naming the variable to set."""

from types import SimpleNamespace

import pytest

from pipelines.config import VoiceConfig
from pipelines.errors import ConfigError


def settings(**values):
    return SimpleNamespace(**values)


def test_defaults_run_offline_without_any_key():
    config = VoiceConfig.from_settings(settings())
    assert (config.stt_provider, config.tts_provider, config.avatar_provider) == ("whisper", "piper", "none")
    assert config.in_sample_rate == 16000


@pytest.mark.parametrize(
    ("values", "variable"),
    [
        ({"STT_PROVIDER": "deepgram"}, "DEEPGRAM_API_KEY"),
        ({"TTS_PROVIDER": "openai"}, "OPENAI_API_KEY"),
        ({"AVATAR_PROVIDER": "heygen"}, "HEYGEN_API_KEY"),
    ],
)
def test_cloud_provider_without_its_key_names_the_variable(values, variable):
    with pytest.raises(ConfigError, match=variable):
        VoiceConfig.from_settings(settings(**values))


def test_cloud_provider_with_its_key_is_accepted():
    config = VoiceConfig.from_settings(settings(STT_PROVIDER="deepgram", DEEPGRAM_API_KEY="k"))
    assert config.deepgram_api_key == "k"


def test_unknown_provider_is_rejected_by_name():
    with pytest.raises(ConfigError, match="TTS_PROVIDER"):
        VoiceConfig.from_settings(settings(TTS_PROVIDER="espeak"))


def test_session_limits_come_from_settings():
    config = VoiceConfig.from_settings(settings(SESSION_IDLE_TIMEOUT_S=30, SESSION_MAX_DURATION_S=600))
    assert (config.idle_timeout_s, config.max_duration_s) == (30.0, 600.0)


def test_config_is_frozen():
    with pytest.raises(AttributeError):
        VoiceConfig().stt_provider = "deepgram"  # type: ignore[misc]
