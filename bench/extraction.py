"""Extraction speed and accuracy against trafilatura: on replica pages (both portal styles, read by their
profiles) and on the cross-layout labelled set (pages no profile knows, read generically).

`make bench-extraction` prints tables and writes the "extraction" and "layouts" parts of bench/results.json.
BENCH_NO_BASELINE=1 leaves out underthesea (about a minute).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import trafilatura
from timing import interleaved_per_cpu_second, machine, per_cpu_second

from crawler.evaluate import Reading, load_layout_pages, reading_of, score_pages
from crawler.extract.article import ExtractionError, extract_article
from crawler.extract.auto import extract_any
from crawler.extract.encoding import decode_html
from crawler.extract.text import clean_text
from crawler.replica.liferay import LiferayPortal
from crawler.replica.portal import ReplicaPortal

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).with_name("results.json")
BOILERPLATE = ("Các tin khác", "Thống kê truy cập", "Liên kết website", "Tin liên quan")
HOST = "replica.local"
COMMAND_ROUNDS = 5


def pages() -> list[dict]:
    """400 pages of the bocongan replica and 100 of the Liferay one, with their truth."""
    out = []
    for portal, count in (
        (ReplicaPortal(articles=420, with_seed=True), 400),
        (LiferayPortal(articles=120), 100),
    ):
        for entry in portal.entries[:count]:
            status, headers, body = portal.respond(entry.path, HOST)
            if status != 200:
                status, headers, body = portal.respond(entry.path, HOST)
            truth = portal.truth_of(entry, f"http://{HOST}")
            out.append({"profile": portal.profile, "body": body, "headers": headers, "truth": truth})
    return out


def ours_fields(page: dict):
    return extract_article(
        page["body"],
        page["truth"]["url"],
        page["profile"],
        content_type=page["headers"]["Content-Type"],
        with_entities=False,
    )


def ours_full(page: dict):
    return extract_article(
        page["body"], page["truth"]["url"], page["profile"], content_type=page["headers"]["Content-Type"]
    )


def peer(page: dict):
    text = decode_html(page["body"], page["headers"]["Content-Type"])[0]
    return trafilatura.bare_extraction(text, url=page["truth"]["url"], with_metadata=True)


def body_right(text: str, truth: dict) -> bool:
    """Every paragraph of the truth present, no boilerplate block: the criterion both extractors meet or not."""
    flat = clean_text(text)
    paragraphs = [p for p in truth["body"].split("\n\n") if p]
    return all(p in flat for p in paragraphs) and not any(b in flat for b in BOILERPLATE)


def accuracy(items: list[dict]) -> dict:
    ours = {"title": 0, "date": 0, "body": 0, "body_exact": 0}
    theirs = {"title": 0, "date": 0, "body": 0}
    for item in items:
        truth = item["truth"]
        mine = ours_fields(item)
        ours["title"] += mine.title == truth["title"]
        ours["date"] += mine.published_at == truth["published_at"]
        ours["body"] += body_right(mine.body, truth)
        ours["body_exact"] += mine.body == truth["body"]
        doc = peer(item)
        theirs["title"] += doc is not None and clean_text(doc.title or "") == truth["title"]
        expected_day = (truth["published_at"] or "")[:10] or None
        theirs["date"] += doc is not None and (doc.date or None) == expected_day
        theirs["body"] += doc is not None and body_right(doc.text or "", truth)
    n = len(items)
    return {
        "ours": {k: round(v / n, 4) for k, v in ours.items()},
        "trafilatura": {k: round(v / n, 4) for k, v in theirs.items()},
    }


def replica_part() -> dict:
    items = pages()
    for fn in (ours_fields, ours_full, peer):
        fn(items[0])  # warm up: imports, compiled patterns, the gazetteer
    speed = {
        "ours_fields": per_cpu_second(items, ours_fields),
        "ours_full": per_cpu_second(items, ours_full),
        "trafilatura": per_cpu_second(items, peer),
    }
    speed["ratio_fields"] = round(speed["ours_fields"] / speed["trafilatura"], 1)
    speed["ratio_full"] = round(speed["ours_full"] / speed["trafilatura"], 1)
    result = {
        "pages": len(items),
        "pages_per_cpu_second": speed,
        "share_right": accuracy(items),
        "versions": {"trafilatura": trafilatura.__version__, "python": sys.version.split()[0]},
    }
    print(
        f"{len(items)} replica pages (400 bocongan, 100 Liferay), read by their profiles, one core, median of 5"
    )
    print(f"{'extractor':28} {'pages/s':>9} {'title':>6} {'date':>6} {'body':>6}")
    acc = result["share_right"]
    print(
        f"{'ours, article fields':28} {speed['ours_fields']:9} {acc['ours']['title']:6} {acc['ours']['date']:6} {acc['ours']['body']:6}"
    )
    print(f"{'ours, with entities':28} {speed['ours_full']:9}")
    print(
        f"{'trafilatura bare_extraction':28} {speed['trafilatura']:9} {acc['trafilatura']['title']:6} {acc['trafilatura']['date']:6} {acc['trafilatura']['body']:6}"
    )
    print(f"ratio: {speed['ratio_fields']}x (fields), {speed['ratio_full']}x (with entities)\n")
    return result


# -- the cross-layout labelled set -------------------------------------------------------------------------


def ours_reading(page) -> Reading:
    try:
        return reading_of(extract_any(page.path.read_bytes(), page.label["url"]))
    except ExtractionError:
        return Reading()


def trafilatura_document(page):
    text = decode_html(page.path.read_bytes())[0]
    return trafilatura.bare_extraction(text, url=page.label["url"], with_metadata=True)


def trafilatura_reading(page, with_baseline: bool) -> Reading:
    doc = trafilatura_document(page)
    if doc is None:
        return Reading()
    reading = Reading(title=doc.title, published_at=doc.date, body=doc.text or "")
    if with_baseline:
        from entities import underthesea_sets

        found = underthesea_sets(
            {
                "title": doc.title or "",
                "lead": None,
                "body": doc.text or "",
                "captions": [],
                "published_at": page.label["published_at"],
            }  # fmt: skip
        )
        reading.people, reading.provinces = found["people"], found["provinces"]
    return reading


SPEED_PROCESSES = 3


def layout_speed() -> dict:
    """Pages per CPU second on the labelled set, ours with entities against trafilatura, in this process."""
    layout_pages = load_layout_pages()
    ours_reading(layout_pages[0])
    trafilatura_document(layout_pages[0])
    return interleaved_per_cpu_second(
        layout_pages, {"ours_with_entities": ours_reading, "trafilatura": trafilatura_document}, repeat=7
    )


def speed_in_processes(processes: int = SPEED_PROCESSES) -> dict:
    """layout_speed in fresh processes, the median of each figure: one process's rates move by a fifth from
    the next one's on this machine (trafilatura's most), so one process's ratio is not the figure."""
    runs = []
    for _ in range(processes):
        out = subprocess.run(
            [sys.executable, __file__, "--layout-speed"], cwd=ROOT, capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    ratios = [r["ours_with_entities"] / r["trafilatura"] for r in runs]
    return {
        "ours_with_entities": statistics.median(r["ours_with_entities"] for r in runs),
        "trafilatura": statistics.median(r["trafilatura"] for r in runs),
        "ratio": round(statistics.median(ratios), 2),
        "ratio_per_process": [round(r, 2) for r in ratios],
        "processes": processes,
    }


def _timed(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one run of a whole command, start-up included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def interleaved_commands(commands: dict[str, list[str]], rounds: int, after_each=None) -> dict:
    """Whole commands run in turns (a, b, a, b, …), the median wall and CPU seconds of each, and the median of
    the rounds' ratios of the first command's rate to the others'."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            times[name].append(_timed(command))
            if after_each:
                after_each()
    first = next(iter(commands))
    result = {
        name: {
            "wall_seconds": round(statistics.median(w for w, _ in runs), 3),
            "cpu_seconds": round(statistics.median(c for _, c in runs), 3),
        }
        for name, runs in times.items()
    }
    for name in list(commands)[1:]:
        ratios = [theirs[0] / ours[0] for ours, theirs in zip(times[first], times[name], strict=True)]
        result[name]["ratio_per_round"] = [round(r, 2) for r in ratios]
        result[name]["ratio"] = round(statistics.median(ratios), 2)
    return result


def commands(layout_pages) -> dict:
    """`python -m crawler extract DIR` against trafilatura's own command on the same folder, and one page cold."""
    folder = Path(tempfile.mkdtemp(prefix="bench-extract-"))
    try:
        for page in layout_pages:
            shutil.copy(page.path, folder / f"{page.family}-{page.split}-{page.path.name}")
        out = folder.with_name(folder.name + "-out")
        timed = interleaved_commands(
            {
                "ours": [sys.executable, "-m", "crawler", "extract", str(folder)],
                "trafilatura": [
                    str(Path(sys.executable).with_name("trafilatura")),
                    "--input-dir",
                    str(folder),
                    "-o",
                    str(out),
                    "--json",
                    "--with-metadata",
                    "--parallel",
                    "1",
                ],  # fmt: skip
            },
            rounds=COMMAND_ROUNDS,
            after_each=lambda: shutil.rmtree(out, ignore_errors=True),
        )
        ours, theirs = timed["ours"], timed["trafilatura"]
        n = len(layout_pages)
        one = folder / sorted(p.name for p in folder.iterdir())[0]
        single = interleaved_commands(
            {"one": [sys.executable, "-m", "crawler", "extract", str(one)]}, rounds=5
        )["one"]
        # The same with no place cache yet (the first run on a machine builds it), the files already read once.
        cache = Path(tempfile.mkdtemp(prefix="bench-cache-"))
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "crawler", "extract", str(one)], cwd=ROOT, env=env,
                       stdout=subprocess.DEVNULL, check=False)  # fmt: skip
        first = time.perf_counter() - started
        shutil.rmtree(cache, ignore_errors=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "pages": n,
        "ours": ours | {"pages_per_second": round(n / ours["wall_seconds"], 1)},
        "trafilatura": theirs | {"pages_per_second": round(n / theirs["wall_seconds"], 1)},
        "ratio": theirs["ratio"],
        "one_page_seconds": single["wall_seconds"],
        "one_page_seconds_first_run": round(first, 3),
    }


def layouts_part(with_baseline: bool) -> dict:
    layout_pages = load_layout_pages()
    ours = [ours_reading(p) for p in layout_pages]
    theirs = [trafilatura_reading(p, with_baseline) for p in layout_pages]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, page in enumerate(layout_pages):
        for name in (page.family, f"{page.family}/{page.split}", f"all/{page.split}", "all"):
            groups[name].append(i)
    scores = {}
    for name, indexes in groups.items():
        subset = [layout_pages[i] for i in indexes]
        scores[name] = {
            "ours": score_pages(subset, [ours[i] for i in indexes]),
            "trafilatura": score_pages(subset, [theirs[i] for i in indexes]),
        }
    ours_reading(layout_pages[0])
    trafilatura_document(layout_pages[0])
    speed = speed_in_processes()
    result = {
        "pages": len(layout_pages),
        "families": sorted({p.family for p in layout_pages}),
        "scores": scores,
        "pages_per_cpu_second": speed,
        "command": commands(layout_pages),
        "baseline_entities": "underthesea ner() on trafilatura's text" if with_baseline else None,
    }
    print_layouts(result)
    return result


def _cell(value) -> str:
    return "  –  " if value is None else f"{value:5.3f}" if isinstance(value, float) else f"{value:5}"


def print_layouts(result: dict) -> None:
    print(
        f"{result['pages']} labelled pages of {len(result['families'])} layout families, read with no profile"
    )
    print(
        "body = lead and body text, word recall / precision; date = the day; exact = with the time as labelled"
    )
    header = f"{'pages':22} {'n':>3}  {'who':12} {'title':>5} {'date':>5} {'exact':>5} {'inv.':>5} {'b.rec':>5} {'b.pre':>5} {'pers.':>5} {'prov.':>5}"
    print(header)
    names = [*result["families"], "all/tune", "all/holdout", "all"]
    names += ["", *(f"{family}/holdout" for family in result["families"])]
    for name in names:
        if not name:
            print("held out, by family:")
            continue
        for who in ("ours", "trafilatura"):
            s = result["scores"][name][who]
            invented = f"{s['dates_invented']}/{s['undated_pages']}"
            print(
                f"{name if who == 'ours' else '':22} {s['pages'] if who == 'ours' else '':>3}  {who:12} "
                f"{_cell(s['title_exact'])} {_cell(s['date_day'])} {_cell(s['date_exact'] if who == 'ours' else None)} "
                f"{invented:>5} {_cell(s['body_recall'])} {_cell(s['body_precision'])} "
                f"{_cell(s['people_f1'])} {_cell(s['provinces_f1'])}"
            )
    speed, command = result["pages_per_cpu_second"], result["command"]
    print(
        f"in-process, per CPU second (median of {speed['processes']} processes): ours with entities "
        f"{speed['ours_with_entities']}, trafilatura bare_extraction {speed['trafilatura']}: {speed['ratio']}x "
        f"(per process {', '.join(f'{r}x' for r in speed['ratio_per_process'])})"
    )
    print(
        f"whole command on a folder of {command['pages']} pages: `python -m crawler extract DIR` "
        f"{command['ours']['wall_seconds']} s ({command['ours']['pages_per_second']} pages/s), `trafilatura "
        f"--input-dir --json --with-metadata --parallel 1` {command['trafilatura']['wall_seconds']} s "
        f"({command['trafilatura']['pages_per_second']} pages/s): {command['ratio']}x, median of the rounds' "
        f"ratios ({', '.join(f'{r}x' for r in command['trafilatura']['ratio_per_round'])})"
    )
    print(
        f"one page, a new process: {command['one_page_seconds']} s "
        f"({command['one_page_seconds_first_run']} s the first time, building the place cache)"
    )


def main() -> int:
    if sys.argv[1:] == ["--layout-speed"]:
        print(json.dumps(layout_speed()))
        return 0
    with_baseline = os.environ.get("BENCH_NO_BASELINE") != "1"
    results = json.loads(OUT.read_text()) if OUT.exists() else {}
    results["machine"] = machine()
    results["extraction"] = replica_part()
    results["layouts"] = layouts_part(with_baseline)
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
