"""Scoring extracted entities against labels a person wrote: the labelled set and the replica's truth."""

from __future__ import annotations

import json
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
