"""ACLED event and sub-event types for a PLOVER mention (plover/TYPES.md, "Where PLOVER meets ACLED")."""
from __future__ import annotations

from ..model import Mention

SD = "Strategic developments"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
TERRITORY = {"capture", "recapture", "seize", "overrun", "take", "storm"}
ASSAULT_BY_MODE = {
    "aerial": (REMOTE, "Air/drone strike"),
    "drone": (REMOTE, "Air/drone strike"),
    "heavy-weapons": (REMOTE, "Shelling/artillery/missile attack"),
    "explosives": (REMOTE, "Remote explosive/landmine/IED"),
    "suicide-attack": (REMOTE, "Suicide bomb"),
    "unconventional": (REMOTE, "Chemical weapon"),
    "abduct": (VAC, "Abduction/forced disappearance"),
    "sexual": (VAC, "Sexual violence"),
    "destroy": (SD, "Looting/property destruction"),
}
ARMED = {"MIL", "REB", "UAF"}


def _assault(m: Mention) -> tuple[str, str]:
    if m.mode in ASSAULT_BY_MODE:
        return ASSAULT_BY_MODE[m.mode]
    if m.actor2 and m.actor2.kind == "CVL":
        return VAC, "Attack"
    if m.trigger.lower().rstrip("sd").rstrip("e") in {t.rstrip("e") for t in TERRITORY} and not (m.actor2 and m.actor2.kind in ARMED):
        state = m.actor1 is not None and m.actor1.kind in ("MIL", "GOV")
        return "Battles", "Government regains territory" if state else "Non-state actor overtakes territory"
    return "Battles", "Armed clash"


def acled_type(m: Mention) -> dict[str, str] | None:
    """{'event_type', 'sub_event_type'} when ACLED would code the mention, else None."""
    pair: tuple[str, str] | None = None
    if m.type == "ASSAULT":
        pair = _assault(m)
    elif m.type == "PROTEST":
        pair = ("Riots", "Violent demonstration") if m.mode == "riot" else ("Protests", "Peaceful protest")
    elif m.type == "AGREE":
        pair = (SD, "Agreement")
    elif m.type == "COERCE":
        pair = (SD, {"arrest": "Arrests", "seize": "Looting/property destruction"}.get(m.mode or "", "Other"))
    elif m.type == "MOBILIZE":
        pair = (SD, "Other")
    elif m.type == "RETREAT" and m.mode == "withdraw":
        pair = (SD, "Non-violent transfer of territory")
    return {"event_type": pair[0], "sub_event_type": pair[1]} if pair else None
