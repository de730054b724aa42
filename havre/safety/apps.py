from __future__ import annotations

from django.apps import AppConfig


class SafetyConfig(AppConfig):
    """The safety tools: code words, check-ins, blocking and writing first.

    Their models (models.py), the actions that change them (actions.py,
    blocks.py), their JSON API (api.py), texts and French catalogue live here
    together. The keyed block index itself is a crypto primitive of the
    vault (`havre.vault.blocks`).
    """

    name = "havre.safety"
    label = "safety"
    default_auto_field = "django.db.models.BigAutoField"
