"""Agreements: ceasefires, truces, de-escalation zones and exchanges, declared in YAML or read
from text, and the violations linked to them.

    from watchpost.agreements import declare, link
    for agreement in declare.load_file("idlib.yml"): ...
    link.update(store)      # detect agreements in mentions, link observed and accused violations

The Agreement and Change objects are in watchpost.model.agreement. Modules: zone (areas and
places), parties (who is bound), declare (YAML), match (does a mention concern an agreement),
detect (status changes in text), violations, storage (tables), link (the update), report
(timelines and counts for the CLI and API).
"""
