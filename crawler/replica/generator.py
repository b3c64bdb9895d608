"""Deterministic Vietnamese ministry news for the replica portals, with exact ground truth for each article.

The parts: places.py and people.py (what articles name), writer.py (the text generator), templates.py (one
function per kind of news); this module chooses the template and gives the article and its URL slug."""

from __future__ import annotations

import random
import unicodedata
from datetime import datetime

from crawler.replica.templates import _TEMPLATES
from crawler.replica.writer import _W, GeneratedArticle

CATEGORIES: dict[str, str] = {
    "hoat-dong-cua-bo": "Hoạt động của Bộ",
    "hoat-dong-cua-dia-phuong": "Hoạt động của địa phương",
    "chi-dao-dieu-hanh": "Chỉ đạo điều hành",
    "thong-tin-doi-ngoai": "Thông tin đối ngoại",
    "tin-an-ninh-trat-tu": "Tin an ninh trật tự",
    "nguoi-tot-viec-tot": "Người tốt, việc tốt",
    "hoat-dong-xa-hoi": "Hoạt động xã hội",
}


def generate_article(
    article_id: int, category: str, published: datetime, rng: random.Random
) -> GeneratedArticle:
    """A deterministic article for this id: the same (id, category, published, rng state) always gives the same article."""
    templates = _TEMPLATES.get(category)
    if templates is None:
        raise ValueError(f"unknown category: {category!r}")
    # The id is mixed in so that callers reusing one rng state still get different articles.
    r = random.Random(rng.getrandbits(64) ^ (article_id * 0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF))
    w = _W(r, published.date())
    w.c(templates)(w)
    return w.finish()


_STRIP = str.maketrans({"đ": "d", "Đ": "D"})


def slugify(text: str) -> str:
    """URL slug as Vietnamese portals write it: accents removed (đ→d, Đ→D), lowercase, words joined by '-', at most 12 words."""
    decomposed = unicodedata.normalize("NFD", text.translate(_STRIP))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in plain).split()
    return "-".join(words[:12])
