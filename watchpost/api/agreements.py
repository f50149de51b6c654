"""Agreements: ceasefires, truces and zones with their status over time and their violations
(the data functions are watchpost.agreements.report)."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException

from ..agreements import report
from .pool import ReadStore

router = APIRouter(tags=["agreements"])


@router.get("/agreements")
def list_agreements(store: ReadStore) -> dict:
    """Every agreement in brief: kind, origin (declared or detected), parties, period, status and
    how many observed and accused violations it has."""
    found = report.list_agreements(store)
    return {"total": len(found), "agreements": found}


@router.get("/agreements/{agreement_id}")
def get_agreement(agreement_id: str, store: ReadStore) -> dict:
    """One agreement: parties and clients, sources, the timeline of status changes and
    violations (each with the sentence and document behind it), violations by party, and a
    GeoJSON map of its zone, places, observation posts and observed violations."""
    found = report.agreement_detail(store, agreement_id)
    if found is None:
        raise HTTPException(404, f"no agreement {agreement_id!r}")
    return found
