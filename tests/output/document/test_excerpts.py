"""Evidence shown whole: numbered Dockerfile lines, and every line a command printed, long output folded."""
from dockharden.output.document.excerpts import FOLD_OUTPUT_LINES, command_output, numbered_excerpt
from dockharden.output.document.units import spans_of


def test_excerpt_shows_whole_instructions_as_parsed_heredocs_included():
    lines = ("FROM a", "RUN <<EOF", "useradd -u 1000 app \\", "EOF", "USER 1000")
    spans = spans_of((2, 5), ((1, 1), (2, 4), (5, 5)))
    assert numbered_excerpt(lines, spans) == "2 | RUN <<EOF\n3 | useradd -u 1000 app \\\n4 | EOF\n5 | USER 1000"


def test_numbers_are_aligned_and_fences_cannot_close_early():
    lines = tuple(f"RUN echo {n}" for n in range(1, 12)) + ("RUN echo ```",)
    assert numbered_excerpt(lines, [(9, 10), (12, 12)]) == " 9 | RUN echo 9\n10 | RUN echo 10\n12 | RUN echo \'\'\'"
    assert numbered_excerpt(lines, [(40, 41)]) == ""


def test_short_output_is_a_console_block():
    assert command_output("docker exec c1 id", "uid=1000(app)\n") == ["```console", "$ docker exec c1 id", "uid=1000(app)", "```", ""]


def test_long_output_is_folded_whole():
    output = "".join(f"line {n}\n" for n in range(FOLD_OUTPUT_LINES + 1))
    shown = command_output("docker exec c1 env", output)
    assert shown[:3] == [f"<details><summary>Output: {FOLD_OUTPUT_LINES + 1} lines</summary>", "", "```console"]
    assert shown[3:-4] == ["$ docker exec c1 env", *(f"line {n}" for n in range(FOLD_OUTPUT_LINES + 1))]
    assert shown[-4:] == ["```", "", "</details>", ""]
    exactly = command_output("c", "".join(f"{n}\n" for n in range(FOLD_OUTPUT_LINES)))
    assert exactly[0] == "```console"
