"""Bring every agreement up to date with the store: detect agreements and status changes in
the mentions, then link observed and accused violations. Runs after each ingest and after an
agreement is declared; the whole derivation is rebuilt in one transaction, so it is idempotent."""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import storage
from .detect import detect
from .match import Documents
from .violations import accused, observed

if TYPE_CHECKING:
    from ..store import Store


def update(store: Store) -> dict[str, int]:
    """Re-derive agreements, their mentions and violations; returns what it found."""
    declared = storage.load(store, "declared")
    document = Documents(store)
    detector = detect(store, declared, document)
    agreements = declared + detector.detected
    violations = [v for a in agreements for v in observed(store, a)] + accused(store, agreements, document)
    with store.transaction():
        storage.replace_derived(store, declared, detector.detected, detector.links, violations)
    return {"agreements": len(agreements), "detected": len(detector.detected), "mentions": len(detector.links),
            "observed": sum(v.kind == "observed" for v in violations), "accused": sum(v.kind == "accused" for v in violations)}
