"""canonical_json_in_pieces writes long lists a slice at a time (so a sync lets the GUI thread
run) and must give exactly the bytes canonical_json (one json.dumps) gives: they are signed."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import desktop_app.core.canonical as canonical

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6),
        st.dictionaries(st.text(max_size=6), inner, max_size=6),
    ),
    max_leaves=40,
)


def _reference(obj) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@settings(max_examples=300, deadline=None)
@given(documents, st.sampled_from([0, 1, 2, 64]))
def test_the_same_bytes_as_one_json_dumps(doc, split):
    old = canonical.SPLIT_LIST
    canonical.SPLIT_LIST = split  # 0 and 1: every list is written item by item
    try:
        assert canonical.canonical_json_in_pieces(doc) == _reference(doc)
        assert canonical.canonical_json(doc) == _reference(doc)
    finally:
        canonical.SPLIT_LIST = old


def test_a_batch_of_changes_is_written_in_pieces_with_the_same_bytes():
    change = {
        "entity": "visit",
        "fields": {"notes": "Bà cụ đã nhận tiền", "purposes": ["routine"]},
        "version": 3,
    }
    batch = {"batch_id": "b1", "changes": [dict(change, seq=i) for i in range(500)], "n": 1.5}
    assert canonical.canonical_json_in_pieces(batch) == _reference(batch)
    # integer keys are not split (json writes them as strings after sorting the numbers)
    odd = {2: list(range(100)), 10: "x"}
    assert canonical.canonical_json_in_pieces(odd) == _reference(odd)
