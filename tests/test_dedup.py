"""Near-copy detection on its own (watchpost.merge.dedup): MinHash LSH candidates confirmed by shingle
containment, and which earlier document a copy is said to copy. Reports written for this test."""
from __future__ import annotations

import numpy as np

from watchpost.merge.dedup import (
    HASHRANGES,
    MIN_SHINGLES,
    Fingerprint,
    NearDuplicates,
    band_keys,
    containment,
    earliest,
)
from watchpost.merge.text import shingles

ORIGINAL = (
    "Flooding and fighting cut the main road between Kadugli and Dilling on Saturday, aid workers said, leaving "
    "convoys of food and medicine stranded at a checkpoint for a third day. A spokesman for the relief agencies "
    "said at least forty lorries were waiting near the market town of Kurgi while armed men on both sides of the "
    "front refused to let them pass. Residents of Dilling said prices of sorghum had doubled in a week and that "
    "the town's only hospital was running out of fuel for its generator. The governor of the state appealed for "
    "a pause in the fighting so that the convoys could reach the town before the rains made the road impassable."
)
OTHER = (
    "Parliament in Freetown voted on Tuesday to raise the minimum wage for teachers, after a strike that closed "
    "schools across the country for most of the month. The education minister said the increase would be paid "
    "from January and that arrears owed since the spring would be settled in three instalments. Union leaders "
    "welcomed the vote but said they would keep a close watch on whether district offices paid on time, and "
    "warned that teachers in remote areas had often waited months for their salaries in the past years."
)


def test_containment_is_the_share_of_the_smaller_set():
    assert containment({"a", "b"}, {"a", "b", "c", "d"}) == 1.0
    assert containment({"a", "b", "c", "d"}, {"a", "x"}) == 0.5
    assert containment(set(), {"a"}) == 0.0


def test_earliest_names_what_the_earliest_hit_copies():
    rank = {"a": ("2025-01-02", 0), "b": ("2025-01-01", 1), "c": ("2025-01-03", 2)}
    assert earliest(["a", "c"], rank, {}) == "a"
    assert earliest(["a", "b", "c"], rank, {"b": "z"}) == "z"  # b is itself a copy of z
    assert earliest([], rank, {}) is None


def test_a_fingerprint_is_the_same_for_the_same_text_and_gives_one_key_per_band():
    a, b = Fingerprint.of(ORIGINAL), Fingerprint.of(ORIGINAL)
    assert a == b and a.shingles == len(shingles(ORIGINAL))
    keys = band_keys(np.frombuffer(a.minhash, dtype="<u4"))
    assert len(keys) == len(HASHRANGES) and len(set(keys)) == len(keys)
    other = band_keys(np.frombuffer(Fingerprint.of(OTHER).minhash, dtype="<u4"))
    assert not set(keys) & set(other)


def test_an_edited_republication_and_a_truncated_copy_are_copies():
    index = NearDuplicates()
    assert index.add("original", ORIGINAL, "2025-03-01")[0] is None
    assert index.add("other", OTHER, "2025-03-01")[0] is None
    edited = "UPDATE 2 - " + ORIGINAL.replace("Saturday", "Saturday morning") + " Reporting by our correspondent."
    assert index.add("edited", edited, "2025-03-02")[0] == "original"
    third = ORIGINAL[: len(ORIGINAL) // 3]  # the first paragraph only: Jaccard is low, containment is not
    assert len(shingles(third)) >= MIN_SHINGLES
    assert index.add("truncated", third, "2025-03-02")[0] == "original"


def test_a_copy_of_a_copy_points_at_the_first_original():
    index = NearDuplicates()
    index.add("original", ORIGINAL, "2025-03-01")
    assert index.add("copy", "Sudan: " + ORIGINAL, "2025-03-02")[0] == "original"
    assert index.add("copy-of-copy", "Sudan: " + ORIGINAL + " (AFP)", "2025-03-03")[0] == "original"


def test_the_earlier_published_of_two_hits_is_the_original():
    index = NearDuplicates()
    index.add("later", ORIGINAL, "2025-03-05")
    index.add("earlier", ORIGINAL + " Updated.", "2025-03-01")  # arrives second, copies `later`
    assert index.original == {"earlier": "later"}
    assert index.add("third", ORIGINAL + " Corrected.", "2025-03-06")[0] == "later"


def test_short_texts_are_never_copies_and_a_known_id_is_not_indexed_twice():
    index = NearDuplicates()
    short = "Shelling hit Kadugli on Saturday."
    assert len(shingles(short)) < MIN_SHINGLES
    index.add("s1", short)
    assert index.add("s2", short)[0] is None
    index.add("original", ORIGINAL)
    first = index.add("copy", ORIGINAL + " More.")
    assert index.add("copy", ORIGINAL + " More.") == first
    assert list(index.rank) == ["s1", "s2", "original", "copy"]
