"""Spatial coherence: readings of a name that sit with the possible readings of the text's other names win.

A local news story names "Lebanon", "Boone County" and "Zionsville": Lebanon, Indiana is in the same state
as a Boone County and 20 km from Zionsville, the country Lebanon is near none of them. Each candidate of each
name gets support from every other name of the text: the probability mass of that name's candidates that are
related to it (same country for a country, same province, or, counting less, within NEAR_KM), each other name counting at most 1.
"""
from __future__ import annotations

import math

import numpy as np

from ..geodesy import EARTH_KM
from .cues import weights
from .gazetteer import Candidate

_WEIGHTS = weights("coherence")  # data/patterns/geo_weights.yml
TOP = _WEIGHTS["top"]  # candidates per name taken into account
SHARPNESS = _WEIGHTS["sharpness"]  # probability of a candidate within its name ~ exp(SHARPNESS * score)
NEAR_KM = _WEIGHTS["near_km"]
NEAR_WEIGHT = _WEIGHTS["near_weight"]  # a nearby reading across a provincial border agrees less than in one province
LARGE = {"PCLI", "CONT", "OCN", "SEA", "RGN", "PEN", "PCLH"}


def support(ranked: dict[str, list[tuple[float, Candidate]]]) -> dict[str, dict[int, float]]:
    """name -> {candidate id: support}, the number of other names (fractional) whose readings agree with it."""
    names = [n for n, r in ranked.items() if r]
    if len(names) < 2:
        return {}
    rows: list[tuple[int, float, Candidate]] = []
    for i, n in enumerate(names):
        top = ranked[n][:TOP]
        best = top[0][0]
        weights = [math.exp(SHARPNESS * (s - best)) for s, _ in top]
        total = sum(weights)
        rows.extend((i, w / total, c) for w, (_, c) in zip(weights, top))
    owner = np.array([r[0] for r in rows])
    prob = np.array([r[1] for r in rows])
    lat = np.radians(np.array([r[2].lat for r in rows]))
    lon = np.radians(np.array([r[2].lon for r in rows]))
    large = np.array([r[2].feature in LARGE for r in rows])
    country_ids = {c: k for k, c in enumerate({r[2].country for r in rows})}
    country = np.array([country_ids[r[2].country] if r[2].country else -1 for r in rows])
    admin_ids: dict = {}
    admin = np.array([admin_ids.setdefault((r[2].country, r[2].admin1), len(admin_ids))
                      if r[2].admin1 and r[2].feature not in LARGE else -1 for r in rows])
    # Pairwise relations (equirectangular distance is precise enough at this scale).
    x = (lon[:, None] - lon[None, :]) * np.cos((lat[:, None] + lat[None, :]) / 2)
    y = lat[:, None] - lat[None, :]
    near = np.sqrt(x * x + y * y) * EARTH_KM <= NEAR_KM
    near &= ~large[:, None] & ~large[None, :]
    same_admin = (admin[:, None] == admin[None, :]) & (admin[:, None] >= 0)
    pcli = np.array([r[2].feature == "PCLI" for r in rows])
    same_country = (country[:, None] == country[None, :]) & (country[:, None] >= 0) & (pcli[:, None] | pcli[None, :])
    related = np.where(same_admin | same_country, 1.0, np.where(near, NEAR_WEIGHT, 0.0))
    related *= owner[:, None] != owner[None, :]
    mass = related * prob[None, :]
    # Sum per other name, each at most 1, then over names.
    per_name = np.zeros((len(rows), len(names)))
    np.add.at(per_name.T, owner, mass.T)
    total = np.minimum(per_name, 1.0).sum(axis=1)
    out: dict[str, dict[int, float]] = {}
    for (i, _, c), s in zip(rows, total):
        if s > 0:
            out.setdefault(names[i], {})[c.id] = float(s)
    return out
