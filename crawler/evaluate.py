"""Scoring extraction against labels a person wrote: entities on the labelled texts and the replica's truth,
whole pages on the cross-layout set."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from crawler.data.gazetteer import load
from crawler.extract.text import clean_text, fold_tones

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "labelled" / "articles.json"
KINDS = ("people", "provinces", "organisations", "documents")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], got: set[str]) -> None:
        self.tp += len(gold & got)
        self.fp += len(got - gold)
        self.fn += len(gold - got)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}  # fmt: skip


def key(text: str) -> str:
    """How two labels are compared: NFC, one tone spelling, spaces and case folded."""
    return fold_tones(clean_text(text)).casefold()


def province_label(name: str, on: str | None) -> str:
    """A province as labelled (an old name, an alias) turned into the province meant on the article's date."""
    gaz = load()
    name = fold_tones(clean_text(name))
    name = gaz.aliases.get(name, name)
    if name in gaz.legacy:
        return gaz.province_at(name, date.fromisoformat(on[:10]) if on else None)
    return name


def load_labelled(path: Path = LABELLED) -> list[dict]:
    """The hand-labelled articles; the seed's text is read from ../shared/seed."""
    articles = json.loads(path.read_text(encoding="utf-8"))
    for article in articles:
        if article.get("source") == "seed":
            from crawler.replica.seed import load_seed

            seed = load_seed()
            article["title"] = seed.title
            article["lead"] = None
            article["body"] = "\n\n".join(b[1] for b in seed.blocks if b[0] == "p")
            article["captions"] = [t for b in seed.blocks if b[0] == "photo" for t in b[1:3]]
    return articles


def gold_sets(article: dict) -> dict[str, set[str]]:
    on = article.get("published_at")
    return {
        "people": {key(p["name"]) for p in article.get("people") or []},
        "provinces": {key(province_label(p, on)) for p in article.get("provinces") or []},
        "organisations": {key(o) for o in article.get("organisations") or []},
        "documents": {key(d) for d in article.get("documents") or []},
    }


def predicted_sets(entities) -> dict[str, set[str]]:
    return {
        "people": {key(p["name"]) for p in entities.people},
        "provinces": {key(p["province"]) for p in entities.locations if p.get("province")},
        "organisations": {key(o["name"]) for o in entities.organisations},
        "documents": {key(d["key"]) for d in entities.documents},
    }


# -- the cross-layout set: whole pages against their labels ---------------------------------------------------

LAYOUTS = Path(__file__).resolve().parents[1] / "tests" / "files" / "layouts"
_TOKEN = re.compile(r"\w+")


@dataclass
class LabelledPage:
    """One saved page of the cross-layout set and what a person labelled on it."""

    family: str
    split: str  # "tune" or "holdout"
    path: Path
    label: dict


@dataclass
class Reading:
    """What one extractor read on one page, in the terms the labels use (None: it returned nothing)."""

    title: str | None = None
    published_at: str | None = None  # ISO, a day or a moment in Vietnam time
    lead: str | None = None
    body: str = ""
    people: set[str] | None = None  # keyed as key() keys them
    provinces: set[str] | None = None


def load_layout_pages(folder: Path = LAYOUTS) -> list[LabelledPage]:
    """Every labelled page of the cross-layout set, family by family."""
    pages = []
    for labels in sorted(folder.glob("*/labels.json")):
        for label in json.loads(labels.read_text(encoding="utf-8")):
            split = label["file"].split("/")[0]
            pages.append(LabelledPage(labels.parent.name, split, labels.parent / label["file"], label))
    return pages


def tokens(text: str | None) -> Counter:
    """The words of a text as a multiset, compared folded (NFC, one tone spelling, case)."""
    return Counter(_TOKEN.findall(key(text or "")))


def _overlap(gold: Counter, got: Counter) -> tuple[float, float]:
    common = sum((gold & got).values())
    recall = common / sum(gold.values()) if gold else 1.0
    precision = common / sum(got.values()) if got else (1.0 if not gold else 0.0)
    return recall, precision


def score_pages(pages: list[LabelledPage], readings: list[Reading]) -> dict:
    """Field by field against the labels, summed over the pages given.

    Body recall and precision are over the article's text (lead and body: extractors split the two
    differently, and both are searched), as multisets of words, averaged page by page.
    """
    n = len(pages)
    dated = [i for i, p in enumerate(pages) if p.label["published_at"]]
    undated = [i for i, p in enumerate(pages) if not p.label["published_at"]]
    title = date = day = invented = lead = 0
    recall = precision = 0.0
    people, provinces = Score(), Score()
    for page, reading in zip(pages, readings, strict=True):
        gold = page.label
        title += reading.title is not None and clean_text(reading.title) == clean_text(gold["title"])
        lead += clean_text(reading.lead) == clean_text(gold["lead"])
        r, p = _overlap(
            tokens(" ".join([gold["lead"] or "", *gold["body"]])),
            tokens(" ".join([reading.lead or "", reading.body or ""])),
        )
        recall, precision = recall + r, precision + p
        got_date = reading.published_at
        if gold["published_at"]:
            date += got_date == gold["published_at"]
            day += bool(got_date) and got_date[:10] == gold["published_at"][:10]
        else:
            invented += bool(got_date)
        on = gold["published_at"]
        if reading.people is not None:
            people.add({key(name) for name in gold["people"]}, reading.people)
        if reading.provinces is not None:
            provinces.add({key(province_label(name, on)) for name in gold["provinces"]}, reading.provinces)
    return {
        "pages": n,
        "title_exact": round(title / n, 4) if n else None,
        "date_exact": round(date / len(dated), 4) if dated else None,
        "date_day": round(day / len(dated), 4) if dated else None,
        "undated_pages": len(undated),
        "dates_invented": invented,
        "lead_exact": round(lead / n, 4) if n else None,
        "body_recall": round(recall / n, 4) if n else None,
        "body_precision": round(precision / n, 4) if n else None,
        "people_f1": round(people.f1, 4) if people.tp + people.fn + people.fp else None,
        "provinces_f1": round(provinces.f1, 4) if provinces.tp + provinces.fn + provinces.fp else None,
    }


def reading_of(record) -> Reading:
    """An ArticleRecord (or its dict) as a Reading."""
    get = record.get if isinstance(record, dict) else lambda name: getattr(record, name)
    return Reading(
        title=get("title"),
        published_at=get("published_at"),
        lead=get("lead"),
        body=get("body") or "",
        people={key(p["name"]) for p in get("people")},
        provinces={key(p["province"]) for p in get("locations") if p.get("province")},
    )
