"""The public web chat: a page on the program's own site that needs no app.

The visitor's browser seals every text it sends to the program key (and a
copy to a key pair it makes for this conversation alone); advocates' replies
are sealed in their browser to the visitor's key and the program key. The
server relays and stores only ciphertext. See docs/webchat.md.
"""
