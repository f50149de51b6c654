"""The documentation runs: every Python example in docs/python-api.md, from the repository's
root as the page says, with what each prints checked against the example corpus."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "python-api.md"
BLOCKS = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.S)


def run_example(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_the_page_has_its_three_examples():
    assert len(BLOCKS) == 3


def test_the_package_names_its_api_without_loading_spacy():
    out = run_example(
        "from watchpost import Extractor, read_inputs, documents, Store, EventFilter, Document, Mention, Skipped;"
        "print(Extractor.__module__, read_inputs.__module__, Store.__module__)"
    )
    assert out.split() == ["watchpost.extract", "watchpost.read", "watchpost.store"]
    light = run_example("import sys, watchpost; print('spacy' in sys.modules)")
    assert light.strip() == "False"
    assert all(getattr(__import__("watchpost"), name).__doc__ for name in ("Extractor", "read_inputs", "documents"))


def test_threats_and_denials_of_the_examples():
    lines = run_example(BLOCKS[0]).splitlines()
    assert any(line.startswith("ex05-turkey-threat: ASSAULT threatened by Military Forces of Turkey") for line in lines)
    assert any(line.startswith("ex06-hospital-denial: ASSAULT denied by Military Forces of Russia") for line in lines)
    assert not any(" occurred " in line for line in lines)


def test_a_document_made_in_python():
    out = run_example(BLOCKS[1])
    assert "('ASSAULT', 'occurred', '2020-03-07', [('killed', 2)])" in out


def test_store_and_query():
    lines = run_example(BLOCKS[2]).splitlines()
    assert re.fullmatch(r"documents: 15, near copies: 1, events: \d\d", lines[0])
    after = lines[1:]
    assert after and all(line[:10] >= "2020-03-06" for line in after)
    assert any("Kansafrah" in line and "ex10-violation-shelling" in line for line in after)  # Jabal Zawiya's village


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize(
    "page",
    [ROOT / "README.md", ROOT / "examples" / "README.md", *sorted((ROOT / "docs").glob("*.md"))],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_every_link_of_the_documentation_leads_somewhere(page):
    """Relative links name files of the repository, and their #anchors headings of those files."""
    text = page.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links
    for link in links:
        if re.match(r"[a-z]+:", link):
            continue
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        assert target.exists(), f"{page.name}: {link} leads nowhere"
        assert ROOT in target.parents or target == ROOT, f"{page.name}: {link} leaves the repository"
        if anchor:
            headings = re.findall(r"^#+ (.*)$", target.read_text(encoding="utf-8"), flags=re.M)
            assert anchor in {slug(h) for h in headings}, f"{page.name}: no heading #{anchor} in {target.name}"
    assert "../shared" not in "".join(links)
