"""Watch rules and alerts: saved event filters checked after each ingest.

A rules file (YAML) holds `rules:` — each a `name` and any of `type`, `status` (real, all or
one status), `actor`, `country`, `near` (a place name, "LAT,LON" or [lat, lon]) with
`radius_km`, `agreement` (events linked to it as violations) with `violation` (observed or
accused), `min_sources` — and `outputs:`, for all rules or per rule: `stdout`,
`{jsonl: FILE}` or `{webhook: URL}` (the URL must be a local address).

Each run scans, per rule, the events that documents stored since its saved cursor report.
An event that matches produces one alert — its row in the `alerts` table is the record, so
re-ingesting or re-running never repeats it — carrying the event and its sources. An output
that fails (a webhook that is down) stays pending on the alert and is retried next run.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import ipaddress
import json
import socket
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable
from urllib.parse import urlsplit

import yaml

from .model import PLOVER_TYPES, STATUSES
from .store import REAL_STATUSES, EventFilter, Store

WEBHOOK_TIMEOUT_S = 10
RULE_KEYS = {"name", "type", "status", "actor", "country", "near", "radius_km", "agreement", "violation", "min_sources", "outputs"}


class RuleError(ValueError):
    """A rules file that cannot be used, with where and why."""


def local_address(url: str) -> bool:
    """Whether an http(s) URL names this machine or a private network address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    return bool(addresses) and all(a.is_loopback or a.is_private for a in addresses)


@dataclass
class Output:
    """Where alerts go: `stdout`, a JSONL file or a webhook; `key` names it in the alerts table."""

    kind: str
    target: str | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.target}" if self.target else self.kind

    def deliver(self, alert: dict[str, Any], stdout: IO[str]) -> None:
        """Send one alert; raises OSError when it could not be delivered."""
        line = json.dumps(alert, ensure_ascii=False)
        if self.kind == "stdout":
            stdout.write(line + "\n")
            stdout.flush()
        elif self.kind == "jsonl":
            with open(self.target, "a", encoding="utf-8") as f:
                f.write(line + "\n")
        else:
            request = urllib.request.Request(self.target, data=line.encode("utf-8"), method="POST",
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_S) as response:  # noqa: S310 (local address checked)
                response.read()


@dataclass
class WatchRule:
    """A named, saved event filter and where its alerts go."""

    name: str
    filters: EventFilter
    outputs: list[Output]


def parse_output(spec: Any, where: str) -> Output:
    if spec == "stdout":
        return Output("stdout")
    if isinstance(spec, dict) and len(spec) == 1:
        (kind, target), = spec.items()
        if kind == "jsonl" and isinstance(target, str):
            return Output("jsonl", target)
        if kind == "webhook" and isinstance(target, str):
            if not local_address(target):
                raise RuleError(f"{where}: webhook {target!r} is not an http(s) URL on a local address")
            return Output("webhook", target)
    raise RuleError(f"{where}: an output is 'stdout', {{jsonl: FILE}} or {{webhook: URL}}, not {spec!r}")


def listed(value: Any) -> list[Any]:
    return [] if value is None else value if isinstance(value, list) else [value]


def parse_rule(spec: Any, where: str, outputs: list[Output], place: Callable[[str], tuple[float, float]] | None) -> WatchRule:
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
        raise RuleError(f"{where}: a rule is a mapping with a 'name'")
    where = f"{where} ({spec['name']})"
    unknown = set(spec) - RULE_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
    types = [str(t).upper() for t in listed(spec.get("type"))]
    if set(types) - set(PLOVER_TYPES):
        raise RuleError(f"{where}: unknown type(s) {sorted(set(types) - set(PLOVER_TYPES))}")
    status = spec.get("status", "real")
    statuses = {"real": REAL_STATUSES, "all": None}.get(status, tuple(listed(status)))
    if statuses and set(statuses) - set(STATUSES):
        raise RuleError(f"{where}: status is real, all, or one of {', '.join(STATUSES)}")
    if spec.get("violation") not in (None, "observed", "accused") or (spec.get("violation") and not spec.get("agreement")):
        raise RuleError(f"{where}: violation is 'observed' or 'accused', with an agreement")
    near = spec.get("near")
    if isinstance(near, list) and len(near) == 2:
        near = (float(near[0]), float(near[1]))
    elif isinstance(near, str):
        if place is None:
            raise RuleError(f"{where}: near {near!r} needs a place resolver; give [lat, lon]")
        try:
            near = place(near)
        except ValueError as exc:
            raise RuleError(f"{where}: {exc}") from None
    elif near is not None:
        raise RuleError(f"{where}: near is a place name, 'LAT,LON' or [lat, lon]")
    filters = EventFilter(types=types, statuses=statuses, actor=spec.get("actor"), country=spec.get("country"), near=near,
                          radius_km=float(spec.get("radius_km", 50.0)), agreement=spec.get("agreement"),
                          violation=spec.get("violation"), min_sources=int(spec.get("min_sources", 1)))
    own = [parse_output(o, where) for o in listed(spec.get("outputs"))]
    return WatchRule(spec["name"], filters, own or outputs)


def load_rules(path: str | Path, place: Callable[[str], tuple[float, float]] | None = None) -> list[WatchRule]:
    """The rules of a YAML file; `place` turns a place name into (lat, lon)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"{path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list) or not data["rules"]:
        raise RuleError(f"{path}: expected 'rules:' with a list of rules")
    outputs = [parse_output(o, f"{path}: outputs") for o in listed(data.get("outputs"))] or [Output("stdout")]
    rules = [parse_rule(r, f"{path}: rule {i + 1}", outputs, place) for i, r in enumerate(data["rules"])]
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise RuleError(f"{path}: rule names must be unique")
    return rules


class Watcher:
    """Runs rules against a store, keeping cursors and alert state there."""

    def __init__(self, store: Store, stdout: IO[str] | None = None, stderr: IO[str] | None = None):
        self.store, self.stdout, self.stderr = store, stdout or sys.stdout, stderr or sys.stderr

    def run(self, rules: list[WatchRule]) -> dict[str, int]:
        """Check every rule; returns how many alerts were new, and how many stay undelivered."""
        fired = 0
        for rule in rules:
            self.retry(rule)
            fired += self.check(rule)
        return {"alerts": fired, "pending": self.store.pending_alerts()}

    def check(self, rule: WatchRule) -> int:
        mark = self.store.last_ingested()
        events = self.store.query_events(dataclasses.replace(rule.filters, ingested_since=self.store.watch_cursor(rule.name)))
        known = self.store.alerted_events(rule.name)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        fresh = [{"rule": rule.name, "fired_at": now, "event": e} for e in events if e["id"] not in known]
        keys = json.dumps([o.key for o in rule.outputs])
        with self.store.transaction():
            self.store.add_alerts([rule.name, a["event"]["id"], now, keys, json.dumps(a, ensure_ascii=False)] for a in fresh)
            if mark:
                self.store.set_watch_cursor(rule.name, mark)
        for alert in fresh:
            self.deliver(rule, alert, rule.outputs)
        return len(fresh)

    def retry(self, rule: WatchRule) -> None:
        """Deliver again what earlier runs could not."""
        for row in self.store.undelivered(rule.name):
            waiting = set(json.loads(row["pending"]))
            self.deliver(rule, json.loads(row["payload"]), [o for o in rule.outputs if o.key in waiting])

    def deliver(self, rule: WatchRule, alert: dict[str, Any], outputs: list[Output]) -> None:
        failed = []
        for output in outputs:
            try:
                output.deliver(alert, self.stdout)
            except (OSError, urllib.error.URLError) as exc:
                failed.append(output.key)
                self.stderr.write(f"alert {rule.name}/{alert['event']['id']} not delivered to {output.key}: {exc}\n")
        self.store.set_pending(rule.name, alert["event"]["id"], json.dumps(failed))
