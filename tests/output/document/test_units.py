"""Sizes in words and units, instructions around line numbers, ranges like lint's."""
import pytest

from dockharden.output.document.units import ranges, size_in_words, spans_of


@pytest.mark.parametrize(("size", "words"), [
    (0, "0 bytes"),
    (1, "1 byte"),
    (999, "999 bytes"),
    (1000, "1.0 kB (1,000 bytes)"),
    (999_949, "999.9 kB (999,949 bytes)"),
    (1_000_000, "1.0 MB (1,000,000 bytes)"),
    (284_510_372, "284.5 MB (284,510,372 bytes)"),
    (1_000_000_000, "1.0 GB (1,000,000,000 bytes)"),
])
def test_size_in_decimal_units_with_the_exact_bytes(size, words):
    assert size_in_words(size) == words


SPANS = ((1, 1), (2, 2), (4, 5), (93, 94))


def test_a_continuation_line_brings_its_whole_instruction():
    assert spans_of((5,), SPANS) == [(4, 5)]
    assert spans_of((4,), SPANS) == [(4, 5)]
    assert spans_of((94, 1, 5, 4), SPANS) == [(1, 1), (4, 5), (93, 94)]


def test_a_line_outside_every_instruction_stands_alone():
    assert spans_of((3,), SPANS) == [(3, 3)]
    assert spans_of((), SPANS) == []


@pytest.mark.parametrize(("spans", "text"), [
    ([], ""),
    ([(7, 7)], "line 7"),
    ([(93, 94)], "lines 93-94"),
    ([(22, 22), (29, 30), (39, 39)], "lines 22, 29-30, 39"),
    ([(1, 1), (3, 3)], "lines 1, 3"),
])
def test_ranges_read_like_lint(spans, text):
    assert ranges(spans) == text
