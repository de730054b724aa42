from __future__ import annotations

from django import template

from havre.console.catalog import text

register = template.Library()


@register.simple_tag(name="t")
def t(key: str) -> str:
    """A catalog string in the active language (autoescaped like any variable)."""
    return text(key)
