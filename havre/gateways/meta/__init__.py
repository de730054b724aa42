"""What WhatsApp's Cloud API and the Messenger Platform share: Meta's Graph API and webhooks."""
