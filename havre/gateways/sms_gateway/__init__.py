"""Any SMS gateway (an Android phone's gateway app, an operator's HTTP API) speaking Havre's own signed JSON.

The wire format is Havre's, documented in docs/channels.md so that anyone can
write the phone's side.
"""
