"""Which clause an act is told in (watchpost/events/clauses.py). Sentences written for these tests."""
from __future__ import annotations

import pytest

from watchpost.events.clauses import headline_act


@pytest.mark.parametrize("sentence,word,expected", [
    ("Rebels attacked the base on Monday.", "attacked", True),
    ("A chlorine attack hit the district overnight.", "attack", True),
    ("The militia carried out an ambush on the road.", "ambush", True),
    ("The group said it had dissolved its armed wing.", "dissolved", True),
    ("Leaders condemned the attack at a meeting.", "attack", False),
    ("Officials discussed the shelling of the market.", "shelling", False),
    ("Rallies were held in four cities against the new constitution.", "Rallies", True),
    ("The protest drew thousands of people to the square.", "protest", True),
    ("Nurses went on a march to the health ministry.", "march", True),
    ("Students led a march through the capital.", "march", True),
    ("Families of the abducted students protested outside the governor office on Monday.", "protested", True),
    ("Families of students who protested last year met the governor on Monday.", "protested", False),
])
def test_the_clauses_own_act(nlp, sentence, word, expected):
    doc = nlp(sentence)
    (tok,) = [t for t in doc if t.text == word]
    assert headline_act(tok) is expected


@pytest.mark.parametrize("sentence,word,expected", [
    ("The group named a new leader after its chief was killed in an airstrike.", "killed", True),
    ("Rebels shelled the town on Monday.", "shelled", False),
    ("The strike happened three days after a similar one killed nine militants.", "killed", True),
    ("The latest violence comes a day after air strikes killed 15 people.", "killed", True),
    ("Rebels withdrew from the town after government forces killed 20 fighters.", "killed", False),
])
def test_an_act_told_as_the_time_of_another(nlp, sentence, word, expected):
    from watchpost.events.clauses import earlier_act

    doc = nlp(sentence)
    (tok,) = [t for t in doc if t.text == word]
    triggers = {t.i for t in doc if t.lemma_ in ("name", "kill", "shell")}
    assert earlier_act(tok, triggers) is expected
