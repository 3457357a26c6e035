"""Our parser against BuildKit's own, over generated and hand-written Dockerfiles.

The oracle is the `dockerfile` package (BuildKit v0.12.5's parser compiled from Go);
it is a test dependency only. Both must fail on the same inputs, and where they
succeed they must agree on every instruction's keyword, lines, flags, exec form
(and its strings, or a shell-form command's text) and heredocs (name, fd, content).
"""
from __future__ import annotations

import re
from pathlib import Path

import dockerfile
import pytest

from dockharden.dockerfile.parser import parse
from dockharden.dockerfile.syntax import Instruction, ParseError
from support.dockerfile_corpus import generate

CASES = sorted((Path(__file__).parent / "cases").glob("*.Dockerfile"))
CORPUS_SIZE = 600
FAILED = "parse error"
SHELL_OR_JSON = frozenset({"run", "cmd", "entrypoint", "shell"})
_DIRECTIVE_LINE = re.compile(r"\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=.*")


def buildkit_view(text: str) -> list[tuple] | str | None:
    """What BuildKit makes of `text`; None where the oracle cannot say (see comparable)."""
    try:
        commands = dockerfile.parse_string(text)
    except dockerfile.GoParseError:
        return FAILED
    except UnicodeDecodeError:  # the oracle cannot return BuildKit's invalid UTF-8 values
        return None
    return [
        (c.cmd or "", c.sub_cmd, c.start_line, c.end_line, c.flags, c.json,
         tuple((h.name, h.file_descriptor, h.content) for h in c.heredocs), _buildkit_words(c))
        for c in commands
    ]


def _buildkit_words(command) -> tuple[str, ...] | None:
    """The JSON strings, or a shell-form command's text; None for other instructions."""
    key = (command.sub_cmd or command.cmd or "").lower()
    if command.json:
        return command.value[1:] if key == "healthcheck" else command.value
    return command.value if key in SHELL_OR_JSON else None


def our_view(text: str) -> list[tuple] | str:
    try:
        parsed = parse(text, "Dockerfile")
    except ParseError:
        return FAILED
    return [_instruction_view(instruction) for instruction in parsed.instructions]


def _instruction_view(instruction: Instruction) -> tuple:
    form = instruction.sub if instruction.sub is not None else instruction
    heredocs = tuple((h.name, _as_c_long(h.fd), h.content) for h in instruction.heredocs)
    sub = instruction.sub.keyword if instruction.sub is not None else None
    return (instruction.keyword, sub, instruction.start_line, instruction.end_line, instruction.flags,
            form.exec_form is not None, heredocs, _our_words(form))


def _our_words(form: Instruction) -> tuple[str, ...] | None:
    if form.exec_form is not None:
        return form.exec_form
    if form.name.lower() in SHELL_OR_JSON:
        return (form.args,) if form.args else ()
    return None


def _as_c_long(fd: int) -> int:
    """The oracle hands Go's uint through a C long."""
    return fd - 2**64 if fd >= 2**63 else fd


def comparable(text: str) -> bool:
    """Inputs the oracle can judge: it cuts strings at NUL, and BuildKit 0.12 stops
    reading directives at `# check=`, which BuildKit >= 0.15 (and we) read on past."""
    if "\x00" in text:
        return False
    keys = []
    for line in text.removeprefix("\ufeff").split("\n"):
        match = _DIRECTIVE_LINE.fullmatch(line.rstrip("\r"))
        if not match or match.group(1).lower() not in ("syntax", "escape", "check"):
            break
        keys.append(match.group(1).lower())
    return "check" not in keys[:-1]


def mismatch(text: str) -> tuple | None:
    """(oracle, ours) where they disagree, else None."""
    expected = buildkit_view(text)
    if expected is None:
        return None
    actual = our_view(text)
    return None if actual == expected else (expected, actual)


def test_enough_cases_and_corpus():
    assert len(CASES) >= 40
    assert len(generate(CORPUS_SIZE, seed=1)) == CORPUS_SIZE >= 500


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_hand_written_case_matches_buildkit(path):
    text = path.read_bytes().decode("utf-8")
    assert comparable(text)
    assert buildkit_view(text) is not None
    assert mismatch(text) is None


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_corpus_matches_buildkit(seed):
    texts = generate(CORPUS_SIZE // 2 if seed == 2 else CORPUS_SIZE, seed=seed)
    assert all(comparable(text) for text in texts)
    differing = [(number, found) for number, text in enumerate(texts) if (found := mismatch(text))]
    assert differing == []


def test_generated_corpus_parses_without_errors():
    assert [number for number, text in enumerate(generate(CORPUS_SIZE, seed=1)) if our_view(text) == FAILED] == []


def test_instruction_names_are_buildkit_keywords_upper_cased():
    for text in generate(200, seed=3):
        for instruction in parse(text).instructions:
            assert instruction.name == instruction.keyword.upper()
