"""Text normalisation applied once, where scraped text enters the archive."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Spaces other than a plain one or a line break (NBSP, narrow NBSP, zero-width, tabs), and runs of plain
# ones: the patterns match only what must change, so clean text costs one scan and no replacement.
_ODD_LINE_SPACES = re.compile(r"[^\S \n]+|[\u200b\ufeff]+")
_RUNS = re.compile(r"  +")
_BLANK_LINES = re.compile(r" ?\n[ \n]*")


@lru_cache(maxsize=256)  # the same fields are cleaned by several extractors in a row
def clean_text(text: str | None) -> str:
    """NFC text with every run of spaces (NBSP included) made one space, trimmed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    if "\u200b" in text or "\ufeff" in text:  # zero-width: no whitespace to str.split, a space here
        text = text.replace("\u200b", " ").replace("\ufeff", " ")
    return " ".join(text.split())  # the same as two regex passes over \s, a quarter of the time


def clean_lines(text: str) -> str:
    """clean_text for a text of several lines: each line cleaned, line breaks kept (one per break)."""
    text = _RUNS.sub(" ", _ODD_LINE_SPACES.sub(" ", unicodedata.normalize("NFC", text)))
    return _BLANK_LINES.sub("\n", text).strip()


def join_paragraphs(paragraphs: list[str]) -> str:
    """Body text as stored: paragraphs separated by one blank line."""
    return "\n\n".join(p for p in paragraphs if p)


# Vietnamese has two conventions for where the tone mark sits in oa/oe/uy ("Hoà"/"Hòa", "Uỷ"/"Ủy").
_NEW_TO_OLD_TONES = {}
for _base, _vowel in (("o", "a"), ("o", "e"), ("u", "y"), ("O", "a"), ("O", "e"), ("U", "y")):
    for _tone in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
        _new = unicodedata.normalize("NFC", _base + _vowel + _tone)
        _old = unicodedata.normalize("NFC", _base + _tone + _vowel)
        _NEW_TO_OLD_TONES[_new] = _old
# Only at the end of a syllable ("hoàn" keeps its mark) and not after q ("Quý" is qu + ý).
_TONE_PAIRS = re.compile(
    "(?<![qQ])[oOuU][" + "".join(sorted({pair[1] for pair in _NEW_TO_OLD_TONES})) + r"](?![^\W\d_])"
)


@lru_cache(maxsize=256)  # each extractor folds the same paragraph: fold it once
def fold_tones(text: str) -> str:
    """NFC text with tone marks in the older position ("Hòa", "Ủy"); same length, so offsets hold."""
    return _TONE_PAIRS.sub(lambda m: _NEW_TO_OLD_TONES.get(m.group(0), m.group(0)), text)


def trie_pattern(words, space: str = " ") -> str:
    """The words as a regex trie ("Th(?:ượng tá|iếu tá)"): at each place the scan tries one branch per next
    letter instead of every word (half the time of a flat alternation); longer words are preferred. A space
    in a word matches `space`."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [
            (space if char == " " else re.escape(char)) + emit(child) for char, child in node.items() if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(trie)
