"""All entities of one article: people, places, organisations and cited documents, aggregated per article."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from crawler.extract.documents import find_documents
from crawler.extract.organisations import find_organisations
from crawler.extract.people import find_people
from crawler.extract.places import find_places
from crawler.extract.text import clean_lines, clean_text, fold_tones


@dataclass
class Entities:
    """Per-article entities, each listed once with what qualified its mentions and how often it appeared."""

    people: list[dict] = field(default_factory=list)  # name, titles, ranks, posts, mentions
    locations: list[dict] = field(default_factory=list)  # name, kind, province, province_now, mentions
    organisations: list[dict] = field(default_factory=list)  # name, mentions
    documents: list[dict] = field(default_factory=list)  # key, kind, number, code, date, issuer, mentions


def _article_date(published_at: str | None) -> date | None:
    try:
        return date.fromisoformat(published_at[:10]) if published_at else None
    except ValueError:
        return None


def _add_unique(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def extract_entities(
    title: str,
    lead: str | None,
    body: str,
    captions: list[str] | None = None,
    published_at: str | None = None,
) -> Entities:
    """Entities of an article from its text fields; never raises on odd text."""
    on = _article_date(published_at)
    title = clean_text(title)
    # An all-caps title hides which words are names; names found elsewhere are looked up in it instead.
    shouting = title.isupper()
    fields = ([] if shouting else [title]) + [lead or "", body or ""] + list(captions or [])
    # One text per article, one paragraph per line, cleaned once: every pattern stops at a line end.
    text = clean_lines("\n".join(fields))
    people: dict[str, dict] = {}
    places: dict[str, dict] = {}
    organisations: dict[str, dict] = {}
    documents: dict[str, dict] = {}
    for part in [text] if text else []:
        for mention in find_places(part, on):
            entry = places.setdefault(
                fold_tones(mention.name),
                {
                    "name": mention.name,
                    "kind": mention.kind,
                    "province": mention.province,
                    "province_now": mention.province_now,
                    "mentions": 0,
                },
            )
            entry["mentions"] += 1
            if entry["province"] is None and mention.province:
                entry.update(province=mention.province, province_now=mention.province_now)
        for person in find_people(part):
            entry = people.setdefault(
                person.name, {"name": person.name, "titles": [], "ranks": [], "posts": [], "mentions": 0}
            )
            entry["mentions"] += 1
            _add_unique(entry["ranks"], person.rank)
            _add_unique(entry["titles"], person.rank)
            for post in person.posts:
                _add_unique(entry["posts"], post)
                _add_unique(entry["titles"], post)
        for key in find_organisations(part):
            organisations.setdefault(key, {"name": key, "mentions": 0})["mentions"] += 1
        for doc in find_documents(part):
            entry = documents.setdefault(
                doc.key,
                {
                    "key": doc.key,
                    "kind": doc.kind,
                    "number": doc.number,
                    "code": doc.code,
                    "date": doc.date,
                    "issuer": doc.issuer,
                    "mentions": 0,
                },
            )
            entry["mentions"] += 1
    if shouting:
        upper = fold_tones(title)
        for name, entry in people.items():
            if name.upper() in upper:
                entry["mentions"] += 1
    return Entities(
        list(people.values()), list(places.values()), list(organisations.values()), list(documents.values())
    )
