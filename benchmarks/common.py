"""What the scale benchmarks share: machine facts, a corpus file, peak memory, one-line JSON results.

Importing it holds BLAS to one thread (as Dask's nanny does for its workers), so that one process
uses one core; the benchmarks import it before anything that loads numpy.
"""
from __future__ import annotations

import json
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import platform  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from corpus import generate  # noqa: E402


def machine() -> dict:
    """CPU, cores, memory and the load other users put on the machine while the benchmark ran."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")))
    import spacy

    return {"cpu": cpu, "cores": os.cpu_count(), "mem_gb": round(mem_kb / 2**20, 1),
            "loadavg_1m": os.getloadavg()[0], "python": platform.python_version(), "spacy": spacy.__version__}


def corpus_file(folder: Path, n: int, seed: int = 0) -> Path:
    """n generated articles written as JSONL into folder."""
    path = folder / f"corpus-{n}-{seed}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for art in generate(n, seed):
            out.write(json.dumps(art, ensure_ascii=False) + "\n")
    return path


def cpu_clocks(owner: object, names: list[str]) -> dict[str, float]:
    """Wrap the named functions of `owner` (an object or a module) so that the CPU seconds spent in
    each add up in the returned dict."""
    spent = {name: 0.0 for name in names}
    for name in names:
        def timed(*args, _fn=getattr(owner, name), _name=name):
            t0 = time.process_time()
            try:
                return _fn(*args)
            finally:
                spent[_name] += time.process_time() - t0
        setattr(owner, name, timed)
    return spent


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def report(result: dict) -> None:
    """Print the result as one JSON line, machine facts included."""
    print(json.dumps({**result, "machine": machine()}), file=sys.stdout, flush=True)
