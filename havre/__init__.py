"""Havre: a self-hosted text helpline whose host cannot read what it stores."""
