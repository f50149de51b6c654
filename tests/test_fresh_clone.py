"""A fresh `git clone` stands on its own: with nothing beside it (no ../shared), `make run`
ingests the example corpus, declares its ceasefire and serves the events on the map. The clone's
own Makefile runs, with its `setup` step stood in for by this interpreter (installing packages
is CI's first step, and needs the network); the code that runs is the clone's."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from store_support import free_port

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    not (ROOT / ".git").exists() or not shutil.which("git") or not shutil.which("make"),
    reason="needs git, make and the repository's history (a git checkout)",
)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """The committed repository cloned into an empty folder, and stand-ins for what `make setup` installs."""
    folder = tmp_path_factory.mktemp("fresh")
    target = folder / "watchpost"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(target)], check=True, timeout=300)
    assert not (folder / "shared").exists() and not (target.parent / "shared").exists()
    bin_dir = folder / "bin"  # BIN=: the venv's commands, as this interpreter running the clone's package
    bin_dir.mkdir()
    for name, command in (
        ("watchpost", f'exec "{sys.executable}" -m watchpost "$@"'),
        ("python", f'exec "{sys.executable}" "$@"'),
    ):
        (bin_dir / name).write_text(f"#!/bin/sh\nexport PYTHONPATH={target}\n{command}\n")
        (bin_dir / name).chmod(0o755)
    vendor = folder / "vendor"  # VENDOR=: the browser libraries' stamp (the API serves without them)
    vendor.mkdir()
    time.sleep(1.1)  # newer than every file the clone wrote, as make compares modification times
    for stamp in (bin_dir / "watchpost", vendor / ".stamp"):
        stamp.touch()
    return target


def make_args(clone: Path, port: int) -> list[str]:
    return [
        "make",
        "--no-print-directory",
        "run",
        f"BIN={clone.parent / 'bin'}",
        f"VENDOR={clone.parent / 'vendor'}",
        f"PORT={port}",
    ]


def get(url: str, server: subprocess.Popen) -> dict:
    """JSON from the server that `make run` started, once it listens."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return json.load(response)
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)


def test_nothing_in_make_run_or_make_test_names_the_shared_folder(clone):
    for target in ("run", "test"):
        planned = subprocess.run(["make", "-n", target], cwd=clone, capture_output=True, text=True, check=True).stdout
        assert "../shared" not in planned and "shared/" not in planned
    assert "../shared" not in (clone / "Makefile").read_text()


def test_make_run_in_a_fresh_clone_serves_the_example_events(clone):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("WATCHPOST_DB", "WATCHPOST_TOKEN", "PYTHONPATH")}
    proc = subprocess.Popen(
        make_args(clone, port), cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        said = []
        deadline = time.monotonic() + 300
        while not any(line.startswith("dashboard http") for line in said):
            line = proc.stderr.readline()
            assert line or proc.poll() is None, "make run stopped:\n" + "".join(said)
            said.append(line)
            assert time.monotonic() < deadline, "".join(said)
        text = "".join(said)
        assert "15 documents read, 0 skipped" in text and "(1 near copy)" in text
        assert "watchpost.db: 15 documents, " in text and " observed and " in text
        base = f"http://127.0.0.1:{port}"
        assert get(f"{base}/health", proc)["counts"]["documents"] == 15
        clusters = get(f"{base}/events/clusters?zoom=6", proc)["clusters"]
        in_idlib = sum(c["events"] for c in clusters if 35 < c["lat"] < 37 and 35.5 < c["lon"] < 37.5)
        assert in_idlib >= 10  # the example events, placed on the map in north-western Syria
        agreements = get(f"{base}/agreements", proc)["agreements"]
        assert any(a["id"] == "example-idlib-ceasefire-2020" and a["observed"] >= 1 for a in agreements)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert (clone / "watchpost.db").is_file()


def test_make_run_stops_at_once_when_its_port_is_taken(clone):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run(make_args(clone, port), cwd=clone, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and time.monotonic() - started < 10
    assert f"port {port} on 127.0.0.1 is taken" in result.stderr and "make run PORT=" in result.stderr
    assert "ingest" not in result.stdout  # nothing slow ran
