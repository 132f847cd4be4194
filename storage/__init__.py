"""Persistence: models, engine, migrations and queries. Imports nothing from api/, agent/ or pipelines/."""
