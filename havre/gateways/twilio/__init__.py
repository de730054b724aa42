"""Twilio Programmable Messaging: signed webhooks in, REST API out."""
