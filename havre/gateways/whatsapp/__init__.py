"""WhatsApp Business Platform, Cloud API: Meta's signed webhooks in, the Graph API out."""
