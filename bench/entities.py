"""Entity extraction against hand labels and the replica's truth, with underthesea's ner() as a baseline.

Run with `make bench-entities`; prints a table and writes bench/results-entities.json.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from pathlib import Path

from timing import machine, per_cpu_second

from crawler.data.gazetteer import load
from crawler.evaluate import KINDS, Score, gold_sets, key, load_labelled, predicted_sets, province_label
from crawler.extract.entities import extract_entities
from crawler.extract.text import clean_text, fold_tones
from crawler.replica.portal import ReplicaPortal

OUT = Path(__file__).with_name("results-entities.json")


def texts(article: dict) -> list[str]:
    return [
        clean_text(t)
        for t in [article["title"], article.get("lead") or ""]
        + article["body"].split("\n\n")
        + list(article.get("captions") or [])
        if t
    ]


def extract(article: dict):
    return extract_entities(
        article["title"],
        article.get("lead"),
        article["body"],
        article.get("captions"),
        article.get("published_at"),
    )


def ours(article: dict) -> dict[str, set[str]]:
    return predicted_sets(extract(article))


def baseline_places(names: list[str], on: str | None) -> set[str]:
    """underthesea's LOC spans mapped to provinces with our gazetteer (generous to the baseline)."""
    gaz = load()
    found = set()
    for name in names:
        bare = re.sub(r"^(?i:tỉnh|thành phố|tp\.?|thủ đô)\s*", "", fold_tones(name)).strip()
        bare = gaz.aliases.get(bare, bare)
        if bare in gaz.legacy:
            found.add(key(province_label(bare, on)))
    return found


def underthesea_sets(article: dict) -> dict[str, set[str]]:
    from underthesea import ner, sent_tokenize

    people, places, current = [], [], None
    for part in texts(article):
        for sentence in sent_tokenize(part):
            for word, _pos, _chunk, tag in ner(sentence):
                kind = tag[2:] if tag != "O" else None
                if tag.startswith("B-") or kind is None:
                    if current:
                        (people if current[0] == "PER" else places if current[0] == "LOC" else []).append(
                            " ".join(current[1])
                        )
                    current = [kind, [word]] if kind else None
                elif current and kind == current[0]:
                    current[1].append(word)
            if current:
                (people if current[0] == "PER" else places if current[0] == "LOC" else []).append(
                    " ".join(current[1])
                )
                current = None
    return {
        "people": {key(p) for p in people},
        "provinces": baseline_places(places, article.get("published_at")),
    }


def replica_articles(n: int = 320) -> list[dict]:
    """Generated articles whose people and provinces are known from how they were written."""
    portal = ReplicaPortal(articles=n, with_seed=False)
    out = []
    for entry in portal.entries:
        truth = portal.truth_of(entry, "http://replica")
        if truth["people"] is None or truth["provinces"] is None:
            continue
        truth["people"] = [{"name": p["name"]} for p in truth["people"]]
        out.append(truth)
    return out


def score(articles: list[dict], predict, kinds=KINDS) -> dict[str, Score]:
    scores = {k: Score() for k in kinds}
    for article in articles:
        gold, got = gold_sets(article), predict(article)
        for k in kinds:
            scores[k].add(gold[k], got.get(k, set()))
    return scores


def main() -> int:
    labelled = load_labelled()
    replica = replica_articles()
    with_baseline = os.environ.get("BENCH_NO_BASELINE") != "1"
    results: dict = {
        "machine": machine(),
        "sets": {},
    }
    sets = {
        "labelled/tune": [a for a in labelled if a["split"] == "tune"],
        "labelled/holdout": [a for a in labelled if a["split"] == "holdout"],
        "replica (people, provinces)": replica,
    }
    for name, articles in sets.items():
        kinds = KINDS if name.startswith("labelled") else ("people", "provinces")
        entry = {
            "articles": len(articles),
            "ours": {k: v.as_dict() for k, v in score(articles, ours, kinds).items()},
        }
        if with_baseline and name.startswith("labelled"):
            entry["underthesea"] = {
                k: v.as_dict() for k, v in score(articles, underthesea_sets, ("people", "provinces")).items()
            }
        results["sets"][name] = entry
    extract_entities("warm up", None, "Công an tỉnh Đồng Nai", [], None)
    timing = random.Random(1).sample(replica, min(200, len(replica))) + labelled
    results["speed"] = {"ours_articles_per_second": round(per_cpu_second(timing, extract, 9), 1)}
    if with_baseline:
        underthesea_sets(labelled[0])
        results["speed"]["underthesea_articles_per_second"] = round(
            per_cpu_second(labelled[:15], underthesea_sets, 1), 2
        )
    try:
        import underthesea

        results["machine"]["underthesea"] = underthesea.__version__
    except ImportError:
        pass
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{'set':30} {'extractor':12} {'kind':14} {'P':>6} {'R':>6} {'F1':>6}")
    for name, entry in results["sets"].items():
        for extractor in ("ours", "underthesea"):
            for kind, s in entry.get(extractor, {}).items():
                print(
                    f"{name:30} {extractor:12} {kind:14} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}"
                )
    for k, v in results["speed"].items():
        print(f"{k}: {v}")
    print(f"written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
