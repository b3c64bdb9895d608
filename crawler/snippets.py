"""Where a search matched: the query is found in the folded text (as the index found it) and shown, marked,
on the accented text a reader sees ("le quoc hung" marks "Lê Quốc Hùng").

Hand-written: FTS5's snippet() and highlight() work on the indexed column, which holds the folded copy only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crawler.search import fold, query_phrases

SNIPPET_CHARS = 260  # about two lines of a results page
_BEFORE = 70  # characters of context kept before the first match of a snippet


@dataclass(frozen=True)
class Segment:
    """A run of text, marked where it matched the query."""

    text: str
    mark: bool = False


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return fold(char)


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the position of the character it came from.

    Folding a character may give none (a lone combining mark) or several (some capitals lower-case to two), so
    positions are carried character by character rather than assumed equal."""
    parts, offsets = [], []
    for i, char in enumerate(text):
        folded = _fold_char(char)
        parts.append(folded)
        offsets.extend([i] * len(folded))
    return "".join(parts), offsets


@lru_cache(maxsize=256)
def _pattern(query: str) -> re.Pattern | None:
    """Every phrase of the query as whole words on the folded text, as the index's tokenizer reads them."""
    phrases = query_phrases(query)
    if not phrases:
        return None
    alternatives = sorted((r"[\W_]+".join(map(re.escape, p.split())) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])")


def match_spans(text: str, query: str) -> list[tuple[int, int, str]]:
    """(start, end, folded match) of each match of the query in the text, positions in the accented text."""
    pattern = _pattern(query)
    if pattern is None or not text:
        return []
    folded, offsets = _folded_with_offsets(text)
    spans = []
    for m in pattern.finditer(folded):
        end = offsets[m.end() - 1] + 1
        while end < len(text) and not _fold_char(text[end]):  # accents the last letter carries
            end += 1
        spans.append((offsets[m.start()], end, m.group(0)))
    return spans


def _segments(
    text: str, spans: list[tuple[int, int, str]], start: int = 0, end: int | None = None
) -> list[Segment]:
    end = len(text) if end is None else end
    out, at = [], start
    for s, e, _ in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        if s > at:
            out.append(Segment(text[at:s]))
        out.append(Segment(text[s:e], True))
        at = e
    if at < end:
        out.append(Segment(text[at:end]))
    return out


def highlight(text: str | None, query: str) -> list[Segment]:
    """The whole text (a title), with the query's matches marked."""
    text = text or ""
    return _segments(text, match_spans(text, query))


def snippet(text: str | None, query: str, size: int = SNIPPET_CHARS) -> list[Segment]:
    """About `size` characters of the text around its best match (the window holding the most of the
    query's different phrases, the first such), cut at spaces, with "…" where text was left out. Text
    without a match gives its opening."""
    text = " ".join((text or "").split())
    spans = match_spans(text, query)
    start = 0
    if spans:
        best, best_score = spans[0][0], 0
        for s, _, _ in spans:
            window = {m for s2, e2, m in spans if s <= s2 and e2 <= s + size - _BEFORE}
            if len(window) > best_score:
                best, best_score = s, len(window)
        start = max(0, best - _BEFORE)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < best else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    segments = _segments(text, spans, start, end)
    if start:
        segments.insert(0, Segment("…"))
    if end < len(text):
        segments.append(Segment("…"))
    return segments


def contains(text: str | None, query: str) -> bool:
    """Whether the text holds every phrase of the query as whole words, accents aside (a column search)."""
    folded = fold(text)
    phrases = query_phrases(query)
    return bool(phrases) and all(
        re.search(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, p.split())) + r"(?![^\W_])", folded)
        for p in phrases
    )
