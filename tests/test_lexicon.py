"""The trigger lexicon (watchpost/events/lexicon.py, data/patterns/triggers.yml): which table a word is read in."""

from __future__ import annotations

from types import SimpleNamespace

from watchpost.events.lexicon import lexicon


def token(text: str, pos: str) -> SimpleNamespace:
    return SimpleNamespace(lower_=text.lower(), lemma_=text.lower(), pos_=pos)


def test_a_past_form_no_noun_shares_is_a_verb_even_when_tagged_a_noun():
    """'forces backed by Russian air power retook Palmyra': the tagger may call 'retook' a noun."""
    lex = lexicon()
    assert lex.table(token("retook", "NOUN")) is lex.verbs
    assert lex.base(token("retook", "NOUN")) == "retake"


def test_a_form_nouns_share_keeps_its_tag():
    """'a shot was heard' is a noun: only past forms that are never nouns are read as verbs."""
    lex = lexicon()
    assert lex.table(token("shot", "NOUN")) is lex.nouns
    assert lex.table(token("attack", "NOUN")) is lex.nouns
    assert lex.table(token("quickly", "ADV")) == {}


def test_a_cell_dismantled_is_an_arrest_a_bomb_dismantled_a_seizure():
    """'dismantled a cell' tells of its members arrested; 'dismantled a bomb' of an attack prevented."""
    from watchpost.nlp import parse_text

    lex = lexicon()
    for text, mode in (("Police dismantled a terrorist cell.", "arrest"), ("Experts dismantled the bomb.", "seize")):
        ((_, doc),) = parse_text(text)
        verb = next(t for t in doc if t.lemma_ == "dismantle")
        assert lex.match(verb).mode == mode


def test_no_trigger_word_is_read_as_a_yaml_boolean():
    """YAML reads a bare on/off/yes/no as true/false: 'call off' and 'fire on' must be quoted in triggers.yml."""
    import yaml

    from watchpost.config import DATA_DIR

    spec = yaml.safe_load((DATA_DIR / "patterns" / "triggers.yml").read_text(encoding="utf-8"))
    bools = [
        (verb, key)
        for table in ("verbs", "nouns")
        for verb, specs in spec[table].items()
        for s in (specs if isinstance(specs, list) else [specs])
        for key, words in s.items()
        if isinstance(words, list) and any(isinstance(w, bool) for w in words)
    ]
    assert not bools
