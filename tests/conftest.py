"""Fixtures shared by the test modules: a throwaway PostgreSQL server and a fresh database per
engine; the extractor, the spaCy pipeline and the geoparser, built once per module that asks for them.
Helpers that tests import (documents, mentions, extractors, servers) are in store_support.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
from store_support import find_initdb, free_port


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL cluster on a Unix socket; yields a function making fresh databases."""
    initdb = find_initdb()
    if not initdb:
        pytest.skip("PostgreSQL server binaries (initdb) not found: apt-get install postgresql")
    psycopg = pytest.importorskip("psycopg")
    bindir = Path(initdb).resolve().parent
    root = Path(tempfile.mkdtemp(prefix="wp-pg-"))  # not under pytest's private tmp: the server user must reach it
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    port = free_port()
    subprocess.run(
        [*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_user,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(root / "log"),
            "-w",
            "start",
            "-o",
            f"-k {sock} -p {port} -c listen_addresses=''",
        ],
        check=True,
        capture_output=True,
    )
    base = f"postgresql://postgres@/{{}}?host={sock}&port={port}"

    def new_database() -> str:
        name = "t_" + uuid.uuid4().hex[:10]
        with psycopg.connect(base.format("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return base.format(name)

    yield new_database
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request, tmp_path):
    """A fresh database address for each engine."""
    if request.param == "sqlite":
        return str(tmp_path / "watchpost.db")
    return request.getfixturevalue("postgres_server")()


@pytest.fixture(scope="module")
def extractor():
    """The extraction pipeline as `watchpost extract` runs it."""
    from watchpost.extract import Extractor

    return Extractor()


@pytest.fixture(scope="module")
def nlp():
    """The spaCy pipeline with Watchpost's rulers (watchpost.nlp.load)."""
    from watchpost.nlp import load

    return load()


@pytest.fixture(scope="module")
def geo():
    """The geoparser, parsing text as `watchpost extract` parses it."""
    from watchpost.geo import Geoparser
    from watchpost.nlp import parse_text

    return Geoparser(parser=parse_text)
