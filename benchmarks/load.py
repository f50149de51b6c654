"""Load test: many concurrent clients against `/events` of a real `watchpost serve`, on this machine only.

python benchmarks/load.py [--clients 500] [--seconds 60] [--events 100000] [--db PATH]

Builds (or reuses, with --db) a store of synthetic events as benchmarks/api.py does, starts
`watchpost serve` on 127.0.0.1 and a free port, then runs --clients asyncio tasks, each a client
that sends its next request as soon as the last is answered, for --seconds. Requests are
`/events` with a mix of filters (first pages of 100 events with their sources, most of them the
default view). An error is any answer other than 200, a timeout or a connection failure; a
request that meets a kept-alive connection the server has just closed as idle is retried once
(counted as `retried`), as browsers do.
Prints a Markdown table and one JSON line: requests, errors, throughput, latency p50/p95/p99/max,
the server's CPU time, peak memory (PSS) and open files. Nothing leaves the machine: the server listens on
127.0.0.1 and the clients connect there only.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api import cpu_seconds, ensure_store, free_port  # noqa: E402  (benchmarks/api.py: synthetic store, helpers)

HOST = "127.0.0.1"
MAX_CLIENTS, MAX_SECONDS = 2000, 600  # bounds: this is a local test, not a flood
MIX = [  # (weight, query): what a dashboard and API users ask most
    (50, {}),
    (10, {"type": "ASSAULT"}),
    (8, {"country": "SYR"}),
    (8, {"since": "2021-03-01", "until": "2021-03-31"}),
    (8, {"bbox": "35.7,32.5,42,37.3"}),
    (6, {"status": "all", "offset": "500"}),
    (5, {"limit": "20", "status": "threatened"}),
    (5, {"near": "36.2,37.1", "radius_km": "100"}),
]


ERROR_SAMPLES: list[str] = []


def percentile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


async def client_loop(client: httpx.AsyncClient, stop: float, rng: random.Random, latencies: list[float],
                      errors: Counter[str], statuses: Counter[int]) -> None:
    weights, queries = zip(*MIX)
    while time.perf_counter() < stop:
        params = rng.choices(queries, weights)[0]
        started = time.perf_counter()
        try:
            try:
                response = await client.get("/events", params=params)
            except (httpx.RemoteProtocolError, httpx.ReadError):
                # the server closed a kept-alive connection as idle as this request went out on it
                # (its 5 s keep-alive counts from when it wrote the last answer, which a busy client
                # reads late): retried once, as browsers and urllib3 retry an idempotent GET
                errors["retried"] += 1
                response = await client.get("/events", params=params)
            await response.aread()
        except httpx.HTTPError as exc:
            errors[type(exc).__name__] += 1
            if len(ERROR_SAMPLES) < 5:
                ERROR_SAMPLES.append(f"{type(exc).__name__} after {time.perf_counter() - started:.1f} s: {exc!r}"[:300])
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        statuses[response.status_code] += 1
        if response.status_code != 200:
            errors[f"HTTP {response.status_code}"] += 1


async def load(base: str, clients: int, seconds: float, timeout: float) -> dict:
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    # keep-alive connections are dropped after 3 s idle, before the server's 5 s: else a request may
    # go out on a connection the server is closing (RemoteProtocolError), a client-side race
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=3)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        started = time.perf_counter()
        stop = started + seconds
        await asyncio.gather(*(client_loop(client, stop, random.Random(k), latencies, errors, statuses) for k in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    done = len(latencies)
    retried = errors.pop("retried", 0)
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": done + sum(v for k, v in errors.items() if not k.startswith("HTTP")),
            "answered": done, "errors": sum(errors.values()), "error_kinds": dict(errors), "retried": retried, "statuses": dict(statuses),
            "throughput_rps": round(done / elapsed, 1), "p50_ms": round(percentile(latencies, 0.50), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1), "p99_ms": round(percentile(latencies, 0.99), 1),
            "max_ms": round(latencies[-1], 1) if latencies else None}


class Sampler(threading.Thread):
    """The server's memory (PSS: its share of what it maps; RSS counts a file mapped by each
    database connection once per connection) and open files, every half second."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_pss_mb, self.peak_fds, self.stop = pid, 0.0, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            try:
                pss = next(int(line.split()[1]) for line in Path(f"/proc/{self.pid}/smaps_rollup").read_text().splitlines()
                           if line.startswith("Pss:"))
                fds = len(os.listdir(f"/proc/{self.pid}/fd"))
            except (OSError, StopIteration):
                continue
            self.peak_pss_mb, self.peak_fds = max(self.peak_pss_mb, round(pss / 1024, 1)), max(self.peak_fds, fds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=120, help="seconds a client waits for one answer before counting an error")
    parser.add_argument("--db", type=Path, help="an existing store to serve (else a synthetic one is built)")
    args = parser.parse_args()
    if not (0 < args.clients <= MAX_CLIENTS and 0 < args.seconds <= MAX_SECONDS):
        parser.error(f"--clients up to {MAX_CLIENTS}, --seconds up to {MAX_SECONDS}")
    with tempfile.TemporaryDirectory() as tmp:
        path = ensure_store(args.db or Path(tmp) / "load.db", args.events)
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = subprocess.Popen([sys.executable, "-m", "watchpost", "serve", "--db", str(path), "--host", HOST, "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            else:
                raise SystemExit("the server did not start")
            httpx.get(f"{base}/events", timeout=60).raise_for_status()  # warm: caches, query plans
            cpu = cpu_seconds(server.pid)
            load_before = os.getloadavg()[0]
            sampler = Sampler(server.pid)
            sampler.start()
            result = asyncio.run(load(base, args.clients, args.seconds, args.timeout))
            sampler.stop.set()
            result["server_cpu_s"] = round(cpu_seconds(server.pid) - cpu, 1)
            result["server_peak_pss_mb"], result["server_peak_open_files"] = sampler.peak_pss_mb, sampler.peak_fds
            result["loadavg_1m"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
        finally:
            server.terminate()
            _, log = server.communicate(timeout=30)
    result["server_errors_logged"] = sum("Traceback" in line or "ERROR" in line for line in log.splitlines())
    result["error_samples"] = ERROR_SAMPLES
    result["server_log_tail"] = log.splitlines()[-5:]
    result["events"] = args.events if not args.db else None
    result["cores"] = os.cpu_count()
    print("| clients | seconds | answered | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | server CPU s | server peak PSS MB | open files |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    print(f"| {result['clients']} | {result['seconds']} | {result['answered']} | {result['errors']} | {result['throughput_rps']} | "
          f"{result['p50_ms']} | {result['p95_ms']} | {result['p99_ms']} | {result['max_ms']} | {result['server_cpu_s']} | "
          f"{result['server_peak_pss_mb']} | {result['server_peak_open_files']} |")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
