"""Whatever the text, the parser returns a Dockerfile or raises ParseError, and
wherever BuildKit's parser has a verdict, ours is the same."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockharden.dockerfile.lines import decode
from dockharden.dockerfile.parser import parse
from dockharden.dockerfile.syntax import Dockerfile, ParseError
from support.dockerfile_corpus import generate
from test_parser_differential import comparable, mismatch

SEEDS = generate(40, seed=99)
FRAGMENTS = [
    "FROM python:3.12-slim", "RUN", "RUN <<EOF", "RUN <<-EOF", "COPY <<A <<B /x", "3<<EOF", "<<'EOF'", '<<"EOF"',
    "EOF", "\tEOF", "A", "B", "\\", "`", " \\", " \\ \t", "#", "# escape=`", "# escape=\\", "# syntax=x", "# check=a",
    '"', "'", "[", "]", '["a", "b"]', "[1]", "--from=x", "--chown='a b'", "--", "$", "${", "${X:-a b}", "}", "ONBUILD",
    "HEALTHCHECK", "CMD", "ENV", "ENV A", "LABEL a=b c", "=", " ", "\t", "\r", "\r\n", "\n", "\u00a0", "\u0085",
    "\u3000", "\ufeff", "é", "<<", "<<-", ";", "&&",
]
LINE_OPS = st.sampled_from(["insert", "delete", "duplicate", "splice", "marker"])
settings.register_profile("parser-fuzz", max_examples=250, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def parse_or_error(text: str) -> Dockerfile | None:
    try:
        return parse(text, "Dockerfile")
    except ParseError as error:
        assert error.path == "Dockerfile" and "\n" not in str(error)
        return None


def check_shape(parsed: Dockerfile | None) -> None:
    if parsed is None:
        return
    previous_end = 0
    for instruction in parsed.instructions:
        assert previous_end < instruction.start_line <= instruction.end_line <= len(parsed.lines)
        assert instruction.source == "\n".join(parsed.lines[instruction.start_line - 1 : instruction.end_line])
        previous_end = instruction.end_line


def check(text: str) -> None:
    check_shape(parse_or_error(text))
    if comparable(text):
        assert mismatch(text) is None


@settings(settings.get_profile("parser-fuzz"))
@given(st.text(max_size=300))
def test_random_text(text):
    check(text)


@settings(settings.get_profile("parser-fuzz"))
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40), st.sampled_from(["", "\n", " "]))
def test_fragment_soup(pieces, glue):
    check(glue.join(pieces))


@st.composite
def mutated_corpus_file(draw):
    lines = draw(st.sampled_from(SEEDS)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        lines = _mutate(draw, lines)
    return "\n".join(lines)


def _mutate(draw, lines: list[str]) -> list[str]:
    op = draw(LINE_OPS)
    at = draw(st.integers(0, max(len(lines) - 1, 0)))
    if op == "delete" and lines:
        return lines[:at] + lines[at + 1 :]
    if op == "duplicate" and lines:
        return lines[: at + 1] + lines[at:]
    if op == "insert":
        return lines[:at] + [draw(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)))] + lines[at:]
    line = lines[at] if lines else ""
    cut = draw(st.integers(0, len(line)))
    extra = draw(st.sampled_from(["\\", "`", "<<EOF", "<<-X", " 3<<Y", "'", '"', "[", "#"])) if op == "marker" else draw(st.text(max_size=4))
    return lines[:at] + [line[:cut] + extra + line[cut:]] + lines[at + 1 :]


@settings(settings.get_profile("parser-fuzz"))
@given(mutated_corpus_file())
def test_mutated_corpus_files(text):
    check(text)


@settings(settings.get_profile("parser-fuzz"))
@given(st.binary(max_size=200))
def test_decode_then_parse_random_bytes(data):
    try:
        text = decode(data, "Dockerfile")
    except ParseError as error:
        assert error.line >= 1
        return
    check_shape(parse_or_error(text))
