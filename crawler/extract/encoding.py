"""Decoding page bytes when the declared charset cannot be trusted."""

from __future__ import annotations

import codecs
import re
import unicodedata

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def _codec(name: str | None) -> str | None:
    """Python's codec name for a declared charset, or None when Python does not know it."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    """Charsets the page claims, header first, then the meta tag."""
    found: list[str] = []
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(body[:4096])
    for name in (
        header.group(1) if header else None,
        meta.group(1).decode("ascii", "ignore") if meta else None,
    ):
        codec = _codec(name)
        if codec and codec not in found:
            found.append(codec)
    return found


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """The page as NFC text and the codec used.

    Valid UTF-8 wins over a declared single-byte charset: portals that send the wrong header
    (windows-1252 for a UTF-8 page) are common, while Vietnamese text in another charset is
    practically never valid UTF-8 by accident.
    """
    if body.startswith(codecs.BOM_UTF8):
        return unicodedata.normalize("NFC", body[3:].decode("utf-8", "replace")), "utf-8"
    try:
        return unicodedata.normalize("NFC", body.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    for codec in declared_charsets(body, content_type) + ["cp1258"]:
        if codec == "utf-8":
            continue
        try:
            text = body.decode(codec)
        except (UnicodeError, LookupError):
            # A page may declare a codec that is no text encoding (hex, base64) or never decodes (undefined).
            continue
        # windows-1258 writes tone marks as combining characters: compose them.
        return unicodedata.normalize("NFC", text), codec
    return unicodedata.normalize("NFC", body.decode("utf-8", "replace")), "utf-8"
