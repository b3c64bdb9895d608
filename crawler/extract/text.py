"""Text normalisation applied once, where scraped text enters the archive."""

from __future__ import annotations

import re
import unicodedata

# NBSP, narrow NBSP, zero-width and other spaces the CMS editors leave behind.
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


def clean_text(text: str | None) -> str:
    """NFC text with every run of spaces (NBSP included) made one space, trimmed."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def join_paragraphs(paragraphs: list[str]) -> str:
    """Body text as stored: paragraphs separated by one blank line."""
    return "\n\n".join(p for p in paragraphs if p)
