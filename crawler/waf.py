"""A web application firewall's challenge page, told by its shape: a short HTML page of script with nothing to read.

Such a page (Incapsula, Cloudflare and others answer with one, status 200) is never an article or a listing: the
crawl retries it later and, when most of its requests meet one, slows down and then stops and says so. No
attempt is made to answer the challenge.
"""

from __future__ import annotations

import re

# Challenge pages are a few hundred bytes to a few KB; an article page, even an empty one, is larger.
MAX_CHALLENGE_BYTES = 8192
_SCRIPT = re.compile(rb"<script\b", re.IGNORECASE)
_BLOCKS = re.compile(rb"<(script|style|noscript)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
# At most this many letters are left to read on a challenge page ("Please wait…", "Request unsuccessful").
_MAX_TEXT = 200


def is_challenge(body: bytes, content_type: str = "text/html") -> bool:
    """Whether a page is a challenge rather than content: HTML, short, with a script and next to no text."""
    if "html" not in (content_type or "text/html").lower() or len(body) > MAX_CHALLENGE_BYTES:
        return False
    if not _SCRIPT.search(body):
        return False
    text = _BLOCKS.sub(b" ", body)
    letters = sum(1 for ch in text.decode("utf-8", "replace") if ch.isalpha())
    return letters <= _MAX_TEXT and b"<a " not in body.lower()
