"""Facebook Messenger (Messenger Platform): Meta's signed webhooks in, the Send API out."""
