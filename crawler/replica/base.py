"""What every replica portal shares: the article index, request counting, today's date, the truth list."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from crawler.extract.text import clean_text
from crawler.sites import SiteProfile

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Written here, not imported from the extractor, so the truth never shares code with what it checks.
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
GIF = bytes.fromhex("47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b")


def weekday_line(dt: datetime) -> str:
    """A date as the portals print it in their header: "Thứ Sáu, 31/03/2023"."""
    return f"{WEEKDAYS[dt.weekday()]}, {dt:%d/%m/%Y}"


def person_truth(person) -> dict:
    """A generated person as the truth lists them."""
    return {"name": person.name, "rank": person.rank, "posts": list(person.posts)}


def captions_truth(blocks) -> list[str]:
    """Each photo's caption and its repetition under the photo, cleaned, each once, in order."""
    captions: list[str] = []
    for block in blocks:
        if block[0] == "photo":
            for text in (clean_text(block[1]), clean_text(block[2])):
                if text not in captions:
                    captions.append(text)
    return captions


class PortalBase:
    """A replica portal: `entries` (with id, path, category, published), served by `respond`, described by `truth_of`."""

    profile: SiteProfile
    entries: list

    def __init__(self, today: datetime | None = None):
        self._today = today
        self.hits: dict[str, int] = {}
        self._lock = threading.Lock()

    def _index(self) -> None:
        """Look-ups by path and by category (newest first), rebuilt after the entries are made."""
        self.by_path = {e.path: e for e in self.entries}
        self.by_category = {
            c.key: sorted(
                (e for e in self.entries if e.category == c), key=lambda e: (e.published, e.id), reverse=True
            )
            for c in self.profile.categories
        }
        self.listing_paths = {c.listing_path: c for c in self.profile.categories}

    # The content generator's category for each of the portal's, and the seed that keeps an article's text the
    # same on every run (set by the portals that generate their articles' text).
    generator_category: dict[str, str] = {}
    content_seed = ""

    def _generate(self, article_id: int, category, published: datetime):
        """The generated article of this number, category and time: the same text on every run."""
        from crawler.replica.generator import generate_article

        return generate_article(
            article_id,
            self.generator_category[category.key],
            published,
            random.Random(f"{self.content_seed}:{article_id}"),
        )

    def count_hit(self, path: str) -> int:
        """Count a request for path (thread-safe); returns how many it has had, this one included."""
        with self._lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]

    def today(self) -> datetime:
        """The portal's "today", printed in every page header (not a publication date)."""
        return self._today or datetime.now(VN)

    def truth(self, base_url: str) -> list[dict]:
        """What a perfect crawl stores, article by article."""
        return [self.truth_of(e, base_url) for e in self.entries]

    def truth_of(self, entry, base_url: str) -> dict:
        raise NotImplementedError

    @staticmethod
    def truth_record(
        entry,
        base_url: str,
        *,
        blocks,
        content: dict,
        published_at: str | None,
        lead: str | None,
        seed: bool = False,
    ) -> dict:
        """The truth of one article as every portal reports it: what a perfect extraction stores."""
        return {
            "id": entry.id,
            "url": base_url.rstrip("/") + entry.path,
            "path": entry.path,
            "category": entry.category.name,
            "title": clean_text(entry.title),
            "published_at": published_at,
            "lead": clean_text(lead) or None,
            "body": "\n\n".join(clean_text(b[1]) for b in blocks if b[0] == "p"),
            "captions": captions_truth(blocks),
            "source": content["source"],
            "people": content["people"],
            "places": content["places"],
            "provinces": content["provinces"],
            "quirk": entry.quirk,
            "seed": seed,
        }


def generated_content(
    article,
    source: str,
    photo_src: Callable[[int], str],
    *,
    repeat_caption: bool = True,
    insert: tuple[int, tuple[str, ...]] | None = None,
) -> dict:
    """A generated article as a replica renders it: paragraphs with the photos after theirs (each caption and
    its repetition under the photo, or the caption twice where a portal prints it once), a block the page
    inserts after one paragraph (a related box), the source line, and what the article names."""
    blocks: list[tuple[str, ...]] = []
    for i, paragraph in enumerate(article.paragraphs):
        blocks.append(("p", paragraph))
        if insert is not None and insert[0] == i:
            blocks.append(insert[1])
        for k, photo in enumerate(article.photos):
            if photo.after_paragraph == i:
                repeated = photo.repeated if repeat_caption else photo.caption
                blocks.append(("photo", photo.caption, repeated, photo_src(k), str(k)))
    return {
        "blocks": blocks,
        "source": source,
        "people": [person_truth(p) for p in article.people],
        "places": list(article.places),
        "provinces": list(article.provinces),
    }
