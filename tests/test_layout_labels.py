"""The cross-layout labelled set itself: every label is consistent with its page, and the set has what the
extraction targets need (families, held-out part, undated pages, UTC dates near midnight, long related lists)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from crawler.data.gazetteer import load
from crawler.extract.text import clean_text, fold_tones

LAYOUTS = Path(__file__).parent / "files" / "layouts"
DATE = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d\+07:00)?")
FIELDS = {"file", "url", "portal", "title", "published_at", "lead", "body", "first_sentence", "last_sentence",
          "captions", "people", "provinces", "traps", "notes"}  # fmt: skip


def families() -> list[Path]:
    return sorted(p.parent for p in LAYOUTS.glob("*/labels.json"))


def labelled() -> list[tuple[str, dict]]:
    return [
        (folder.name, label)
        for folder in families()
        for label in json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    ]


def squeezed(text: str) -> str:
    """Text without any space, NFC with one tone spelling: containment that ignores how tags split words."""
    return re.sub(r"\s+", "", fold_tones(clean_text(text)))


def visible_text(path: Path) -> str:
    """What a reader sees in the page's body: every text node but scripts and styles."""
    tree = lxml.html.document_fromstring(path.read_bytes())
    for el in tree.xpath("//script|//style|//noscript|//template"):
        el.drop_tree()
    body = tree.find("body")
    return "".join((body if body is not None else tree).itertext())


@pytest.mark.parametrize(
    ("family", "label"), labelled(), ids=lambda v: v if isinstance(v, str) else v["file"]
)
def test_label_matches_its_page(family, label):
    assert set(label) == FIELDS, f"fields: {set(label) ^ FIELDS}"
    path = LAYOUTS / family / label["file"]
    assert label["file"].split("/")[0] in ("tune", "holdout")
    page = squeezed(visible_text(path))
    assert squeezed(label["title"]) in page, "the title is not shown on the page"
    for text in [label["lead"] or "", *label["body"], *label["captions"]]:
        assert squeezed(text) in page, f"not on the page: {text[:80]}"
    assert label["body"], "no body"
    assert label["body"][0].startswith(label["first_sentence"])
    assert label["body"][-1].endswith(label["last_sentence"])
    assert label["published_at"] is None or DATE.fullmatch(label["published_at"])
    assert ("undated" in label["traps"]) == (label["published_at"] is None)
    text = squeezed(" ".join([label["title"], label["lead"] or "", *label["body"], *label["captions"]]))
    for name in label["people"]:
        assert squeezed(name) in text, f"person not in the article's text: {name}"
    gaz = load()
    for province in label["provinces"]:
        assert fold_tones(province) in gaz.legacy or fold_tones(province) in gaz.current, province
    assert label["url"].startswith(("http://", "https://"))


def test_the_set_covers_the_families_and_traps():
    labels = labelled()
    per_family = Counter(family for family, _ in labels)
    assert len(labels) >= 80 and len(per_family) >= 8, per_family
    assert all(n >= 10 for n in per_family.values()), per_family
    for family in per_family:
        splits = Counter(label["file"].split("/")[0] for f, label in labels if f == family)
        assert splits["holdout"] >= per_family[family] // 3, (family, splits)
    traps = Counter(trap for _, label in labels for trap in label["traps"])
    for trap, at_least in {"undated": 10, "utc_midnight": 4, "title_differs": 10, "long_related": 15}.items():
        assert traps[trap] >= at_least, (trap, traps[trap])
