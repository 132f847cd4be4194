"""Errors the voice pipeline raises at start, before a candidate ever hears anything."""

from __future__ import annotations

from coach.settings import ConfigError as SettingsConfigError


class ConfigError(SettingsConfigError):
    """A voice provider is selected but unusable; the message names the environment variable."""


class ModelIntegrityError(RuntimeError):
    """A bundled model file does not match the checksum this release was tested with."""
