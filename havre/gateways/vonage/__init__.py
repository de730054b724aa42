"""Vonage Messages API (SMS): JWT-signed webhooks in, JWT-authenticated sends out, redaction after."""
