"""No import cycle among watchpost's modules, imports inside functions included (tests/import_cycles.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_no_import_cycles():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "import_cycles.py"), str(ROOT)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
