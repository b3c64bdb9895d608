"""The same archive served by an earlier commit and by the working tree, request by request in turns:
`make bench-versions REV=<commit> SIZE=<articles>` prints medians per request and writes
bench/results-versions.json. On a shared machine that answers slower one day than another, only a comparison in
turns says what a change did.

The archive is bench-scale's synthetic one of SIZE articles (built and cached by bench/scale.py), served as
`serve --immutable` does; the earlier commit is checked out in a temporary git worktree.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

import scale  # noqa: E402

OUT = Path(__file__).with_name("results-versions.json")
REV = os.environ.get("REV", "67fe140")  # the last commit before issue 17
SIZE = int(os.environ.get("SIZE", "1000000"))
RUNS = int(os.environ.get("RUNS", "5"))
REQUESTS = [
    ("table: _search=cong an, published_at in January 2020",
     "/archive/articles?published_at__gte=2020-01-01&published_at__lt=2020-02-01&_search=cong+an"),
    ("search page: cong an in January 2020 (before: no range)", "/archive/search?q=cong+an&from=2020-01-01&to=2020-01-31"),
    ("search page: cong an", "/archive/search?q=cong+an"),
    ("search page: le quoc hung", "/archive/search?q=le+quoc+hung"),
    ("table search: da nang", "/archive/articles?_search=da+nang"),
    ("table search: da nang, counted on request", "/archive/articles?_search=da+nang&_count=1"),
    ("table: search with the people facet",
     "/archive/articles?_search=l%E1%BB%ABa%20%C4%91%E1%BA%A3o%20qua%20m%E1%BA%A1ng&_facet_names=people"),
    ("table: a province selected, counted on request",
     "/archive/articles?provinces_now__arraycontains=H%C3%A0%20N%E1%BB%99i&_count=1"),
    ("table: a site", "/archive/articles?site=bocongan"),
]  # fmt: skip


def start(root: Path, db: Path, inspect: Path) -> tuple[subprocess.Popen, str]:
    """Datasette as `serve --immutable` starts it, from the project at root (its plugins, templates, metadata)."""
    code = (
        "import json, sys; from crawler.cli import datasette_command; "
        f"print(json.dumps(datasette_command({str(db)!r}, {scale.free_port()}, immutable=True, "
        f"inspect_file={str(inspect)!r})))"
    )
    env = dict(os.environ, PYTHONPATH=str(root))
    command = json.loads(subprocess.check_output([sys.executable, "-c", code], cwd=root, env=env))
    proc = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{command[command.index('--port') + 1]}"
    while proc.poll() is None:
        try:
            if scale.get(base + "/-/versions.json")[0] == 200:
                return proc, base
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"datasette from {root} exited with {proc.returncode}")


def main() -> int:
    scale.build(SIZE, "after")
    db = scale.archive_dir(SIZE, "after") / "archive.db"
    inspect = db.with_name("archive.inspect.json")
    if not inspect.exists():
        subprocess.run(
            [sys.executable, "-m", "datasette", "inspect", str(db), "--inspect-file", str(inspect)],
            check=True,
        )
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(old), REV], cwd=ROOT, check=True, capture_output=True
        )
        servers = []
        try:
            servers = [start(old, db, inspect), start(ROOT, db, inspect)]
            rows = []
            for label, path in REQUESTS:
                times: list[list[float]] = [[], []]
                for _, base in servers:
                    scale.get(base + path)  # warm
                for _ in range(RUNS):
                    for i, (_, base) in enumerate(servers):
                        times[i].append(scale.get(base + path)[1])
                before, after = (round(statistics.median(t), 1) for t in times)
                rows.append({"request": label, "path": path, "before_ms": before, "after_ms": after,
                             "before_runs": [round(x) for x in times[0]], "after_runs": [round(x) for x in times[1]]})  # fmt: skip
                print(f"{before:9.1f} ms  {after:9.1f} ms  {label}", flush=True)
        finally:
            for proc, _ in servers:
                proc.terminate()
                proc.wait(30)
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, capture_output=True)
    OUT.write_text(json.dumps({"rev": REV, "articles": SIZE, "runs": RUNS, "machine": scale.machine(),
                               "requests": rows}, ensure_ascii=False, indent=2) + "\n")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
