"""`serve` and `demo` stopped by a signal sent to their own process (as a supervisor or a script sends it) end
with their Datasette: no process left behind, the port free."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from crawler.archive import Archive
from tests.conftest import ROOT, fetch, free_port


def _stat(pid: int) -> tuple[int, str, str] | None:
    """A process's parent, state and start time (in clock ticks), or None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # the name in brackets may hold spaces
    return int(fields[1]), fields[0], fields[19]


def descendants(pid: int) -> dict[int, str]:
    """Every process below pid, with its start time (so a reused pid is not taken for it)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))):
            children.setdefault(stat[0], []).append(int(entry.name))
    found: dict[int, str] = {}
    todo = list(children.get(pid, []))
    while todo:
        child = todo.pop()
        if stat := _stat(child):
            found[child] = stat[2]
            todo += children.get(child, [])
    return found


def alive(pid: int, started: str) -> bool:
    """The same process still runs (a zombie has ended: only its parent's reaping is missing)."""
    stat = _stat(pid)
    return stat is not None and stat[2] == started and stat[1] != "Z"


def port_free(port: int) -> bool:
    """Nothing listens on the port (connections still in TIME_WAIT do not count)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            s.listen()
        except OSError:
            return False
    return True


def answers(port: int, proc: subprocess.Popen, seconds: float = 60) -> bool:
    """Datasette answers on the port while proc still runs (demo crawls first)."""
    deadline = time.monotonic() + seconds
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            if fetch(f"http://127.0.0.1:{port}/-/versions.json").status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def kill_leftovers(proc: subprocess.Popen, below: dict[int, str]) -> None:
    """After a failure, nothing is left running or holding a port."""
    for pid, started in below.items():
        if alive(pid, started):
            os.kill(pid, signal.SIGKILL)
    if proc.poll() is None:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """An empty archive: enough for `serve` to start."""
    db = tmp_path_factory.mktemp("serve") / "archive.db"
    Archive(str(db)).close()
    return db


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda sig: sig.name)
@pytest.mark.parametrize("command", ["serve", "demo"])
def test_a_signal_to_the_command_stops_its_datasette(command, sig, archive, tmp_path):
    port = free_port()
    db = archive if command == "serve" else tmp_path / "demo.db"
    extra = ["--articles", "10"] if command == "demo" else []
    log = tempfile.TemporaryFile()  # a file, not a pipe: an unread pipe fills and stalls the server
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawler", command, "--db", str(db), "--port", str(port), *extra],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    below: dict[int, str] = {}
    try:
        assert answers(port, proc), f"Datasette did not answer on port {port}"
        below = descendants(proc.pid)
        os.kill(proc.pid, sig)
        try:
            code = proc.wait(30)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{command} still runs 30 s after {sig.name}")
        time.sleep(0.2)  # an orphan's exit is not ours to wait for: give it a moment before judging
        assert [pid for pid, started in below.items() if alive(pid, started)] == []
        assert port_free(port)
        # Stopping on request is no failure: 0, or death by that signal after a clean shutdown (Uvicorn
        # re-raises it once shut down, as an exec'd `serve` reports; supervisors count it a clean stop).
        assert code in (0, -sig)
    finally:
        kill_leftovers(proc, below)
        log.seek(0)
        print(log.read().decode(errors="replace")[-3000:])


# A child that ignores the signal passed on to it, and says when it does.
DEAF = (
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    "print('ready', flush=True); time.sleep(60)"
)


@pytest.mark.parametrize("signals", [1, 2], ids=["after-grace", "second-signal"])
def test_a_child_deaf_to_the_signal_is_killed(signals, tmp_path):
    command = [sys.executable, "-c", DEAF]
    runner = (
        "import sys; from crawler.cli import run_until_stopped; "
        f"sys.exit(run_until_stopped({command!r}, grace=1))"
    )
    log = tmp_path / "log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", runner], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
    below: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 30
        while b"ready" not in log.read_bytes() and time.monotonic() < deadline:
            time.sleep(0.05)
        below = descendants(proc.pid)
        assert below, log.read_text()
        started = time.monotonic()
        for _ in range(signals):
            os.kill(proc.pid, signal.SIGTERM)
            time.sleep(0.1)
        assert proc.wait(10) == 0
        waited = time.monotonic() - started
        assert (
            (0.9 < waited < 5) if signals == 1 else (waited < 0.9)
        )  # the grace period, unless a second signal
        time.sleep(0.2)
        assert [pid for pid, started in below.items() if alive(pid, started)] == []
    finally:
        kill_leftovers(proc, below)


def test_serving_writes_one_metadata_file_per_content(monkeypatch, tmp_path):
    from crawler.cli import metadata_for

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = metadata_for("news.db")
    assert first.parent == tmp_path / "vn-ministry-news-archive"
    assert metadata_for("news.db") == first
    assert "news" in json.loads(first.read_text(encoding="utf-8"))["databases"]
    other = metadata_for("news.db", facet_sample=500)
    assert other != first and other.parent == first.parent
    assert sorted(p.name for p in first.parent.iterdir()) == sorted([first.name, other.name])
