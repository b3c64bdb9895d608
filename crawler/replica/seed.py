"""The one real article page we have (../shared/seed), read into blocks the replica can render."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from crawler.extract.text import clean_text

SEED_FILE = "000_ea57783a1827b9f9.txt"
_NBSP_ONLY = re.compile(r"^[\s\u00a0]+$")


class SeedMissing(FileNotFoundError):
    """../shared/seed is not beside the project: the seed article and its checks need it."""


def seed_path() -> Path:
    """Where the seed page lives: $ARCHIVE_SHARED_DIR/seed, else ../shared/seed from the project root."""
    shared = os.environ.get("ARCHIVE_SHARED_DIR")
    root = Path(shared) if shared else Path(__file__).resolve().parents[2].parent / "shared"
    path = root / "seed" / SEED_FILE
    if not path.is_file():
        raise SeedMissing(
            f"seed page not found at {path}: the replica's seed article and the checks that compare "
            "with it need ../shared/seed (every development machine and CI have it; "
            "set ARCHIVE_SHARED_DIR to the shared folder elsewhere)"
        )
    return path


@dataclass(frozen=True)
class SeedArticle:
    """The seed page's article: title, date line and body blocks as the reader saw them."""

    header_date: str
    title: str
    dateline: str
    blocks: tuple[tuple[str, ...], ...]  # ("p", text) | ("nbsp",) | ("photo", caption, repeated)
    source: str


def parse_seed(text: str) -> SeedArticle:
    """Read the seed's text layout: blank lines separate blocks; two lines in one block are a photo caption pair."""
    lines = text.replace("\r\n", "\n").split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    header_date, title, dateline = (lines[i].strip() for i in nonblank[:3])
    source_at = next(i for i in nonblank[3:] if re.match(r"^https?://", lines[i].strip()))
    blocks: list[tuple[str, ...]] = []
    block: list[str] = []
    for line in lines[nonblank[2] + 1 : source_at] + [""]:
        if line != "":
            block.append(line)
            continue
        texts = [b for b in block if not _NBSP_ONLY.match(b)]
        if len(texts) == 2:
            blocks.append(("photo", texts[0], texts[1]))
        elif len(texts) == 1:
            blocks.append(("p", texts[0]))
        elif len(texts) > 2:
            blocks.extend(("p", t) for t in texts)
        if any(_NBSP_ONLY.match(b) for b in block):
            blocks.append(("nbsp",))
        block = []
    return SeedArticle(
        header_date, clean_text(title), clean_text(dateline), tuple(blocks), lines[source_at].strip()
    )


def load_seed() -> SeedArticle:
    """The parsed seed article; raises SeedMissing with the reason when ../shared is absent."""
    return parse_seed(seed_path().read_text(encoding="utf-8"))
