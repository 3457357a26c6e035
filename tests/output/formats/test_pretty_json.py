"""pretty_json.dumps writes exactly what json.dumps(indent=2, ensure_ascii=False) writes."""
import json
from collections import OrderedDict

from hypothesis import given
from hypothesis import strategies as st

from dockharden.output.formats import pretty_json

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=30,
)


@given(VALUES)
def test_any_json_value_is_written_as_json_dumps_writes_it(value):
    assert pretty_json.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_keys_numbers_and_mappings_json_converts_are_converted_the_same_way():
    value = {1: [float("nan"), float("inf"), 1.5], None: {"é\n\"": True}, 2.5: OrderedDict(a=[{}, []]), False: ()}
    assert pretty_json.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert pretty_json.dumps({"a": [1, {"b": None}]}) == '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ]\n}'
