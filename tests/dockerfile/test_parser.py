"""The parser's records, value by value, and its errors, message by message."""
from __future__ import annotations

import pytest

from dockharden.dockerfile.lines import MAX_BYTES, MAX_INSTRUCTION_LINES, decode
from dockharden.dockerfile.parser import parse
from dockharden.dockerfile.words import parse_words, unquote
from dockharden.dockerfile.syntax import Heredoc, ParseError


def only(text: str, name: str):
    """The one instruction called `name` in `text`."""
    [found] = [i for i in parse(text).instructions if i.name == name]
    return found


def error_of(text: str) -> tuple[int, str]:
    with pytest.raises(ParseError) as caught:
        parse(text, "Dockerfile")
    return caught.value.line, caught.value.message


# --- lines, source and arguments ---------------------------------------------------


def test_lines_and_source_of_a_continued_instruction():
    text = "FROM python:3.12-slim AS build\nRUN apt-get update \\\n    # why\n\n    && apt-get install -y gcc\nUSER 1000:1000\n"
    parsed = parse(text)
    assert [(i.name, i.start_line, i.end_line) for i in parsed.instructions] == [
        ("FROM", 1, 1), ("RUN", 2, 5), ("USER", 6, 6)]
    run = parsed.instructions[1]
    assert run.args == "apt-get update     && apt-get install -y gcc"
    assert run.source == "RUN apt-get update \\\n    # why\n\n    && apt-get install -y gcc"
    assert parsed.lines == tuple(text.split("\n")[:-1])


def test_keyword_keeps_its_case_and_name_is_upper_case():
    run = parse("from x\nrUn echo hi\n").instructions[1]
    assert (run.keyword, run.name, run.args) == ("rUn", "RUN", "echo hi")


def test_unknown_instruction_is_kept():
    unknown = parse("FROM x\nFOO --bar baz\n").instructions[1]
    assert (unknown.name, unknown.flags, unknown.args, unknown.exec_form) == ("FOO", ("--bar",), "baz", None)


def test_escaped_escape_is_not_a_continuation():
    parsed = parse("FROM x\nRUN echo foo \\\\\nRUN echo bar\n")
    assert [(i.start_line, i.end_line, i.args) for i in parsed.instructions[1:]] == [
        (2, 2, "echo foo \\\\"), (3, 3, "echo bar")]


def test_continuation_char_followed_by_blanks_still_continues():
    run = only("FROM x\nRUN a \\ \t\n  b\n", "RUN")
    assert (run.start_line, run.end_line, run.args) == (2, 3, "a   b")


def test_continuation_at_end_of_file():
    run = only("FROM x\nRUN echo unfinished \\", "RUN")
    assert (run.start_line, run.end_line, run.args) == (2, 2, "echo unfinished")


def test_crlf_lines_are_shown_without_carriage_returns():
    parsed = parse("FROM x\r\nRUN a \\\r\n  b\r\n")
    assert parsed.lines == ("FROM x", "RUN a \\", "  b")
    assert parsed.instructions[1].source == "RUN a \\\n  b"
    assert parsed.instructions[1].args == "a   b"


def test_byte_order_mark_is_dropped():
    assert decode(b"\xef\xbb\xbfFROM x\n", "Dockerfile") == "FROM x\n"
    parsed = parse("\ufeff# escape=`\nFROM x\n")
    assert (parsed.escape, parsed.lines[0], parsed.instructions[0].start_line) == ("`", "# escape=`", 2)


# --- directives and the escape character --------------------------------------------


def test_directives_are_read_at_the_top():
    parsed = parse("# syntax=docker/dockerfile:1\n#  ESCAPE = `\nFROM x\nRUN dir c:\\ `\n  && echo done\n")
    assert parsed.directives == (("syntax", "docker/dockerfile:1"), ("escape", "`"))
    assert parsed.escape == "`"
    run = parsed.instructions[1]
    assert (run.start_line, run.end_line, run.args) == (4, 5, "dir c:\\   && echo done")


def test_directive_after_a_comment_is_a_comment():
    parsed = parse("# hello\n# escape=`\nFROM x\nRUN a `\n")
    assert (parsed.escape, parsed.directives) == ("\\", ())
    assert [i.name for i in parsed.instructions] == ["FROM", "RUN"]


def test_check_directive_is_read_like_buildkit_0_15():
    # BuildKit 0.12 (the test oracle) stopped at `# check=`; Docker's current
    # frontend reads it as a directive and goes on to the next line.
    parsed = parse("# check=skip=JSONArgsRecommended\n# escape=`\nFROM x\nRUN a `\n  b\n")
    assert parsed.directives == (("check", "skip=JSONArgsRecommended"), ("escape", "`"))
    assert only("# check=skip=all\n# escape=`\nFROM x\nRUN a `\n  b\n", "RUN").end_line == 5


@pytest.mark.parametrize(("text", "line", "message"), [
    ("# escape=`\n# escape=`\nFROM x\n", 2, "only one escape parser directive can be used"),
    ("# check=a\n# check=b\nFROM x\n", 2, "only one check parser directive can be used"),
    ("# escape=x\nFROM x\n", 1, "invalid escape token 'x' does not match ` or \\"),
])
def test_directive_errors(text, line, message):
    assert error_of(text) == (line, message)


# --- flags --------------------------------------------------------------------------------


def test_flags_values_and_args():
    copy = only("FROM x\nCOPY --from=build --chown=app:app --chmod=755 --link src /dst\n", "COPY")
    assert copy.flags == ("--from=build", "--chown=app:app", "--chmod=755", "--link")
    assert (copy.flag("from"), copy.flag("chown"), copy.flag("link"), copy.flag("exclude")) == (
        "build", "app:app", "", None)
    assert copy.args == "src /dst"


def test_repeated_flags_and_quoted_values():
    run = only("FROM x\nRUN --mount=type=cache,target=/root/.cache \\\n  --mount='type=secret,id=tok' pip install x\n", "RUN")
    assert run.flag_values("mount") == ("type=cache,target=/root/.cache", "type=secret,id=tok")
    assert run.flag("mount") == "type=secret,id=tok"
    assert run.args == "pip install x"


def test_double_dash_ends_the_flags():
    copy = only("FROM x\nCOPY --link -- --not-a-flag /dst\n", "COPY")
    assert (copy.flags, copy.args) == (("--link",), "--not-a-flag /dst")


def test_non_ascii_flag_values_are_mis_decoded_as_buildkit_does():
    # BuildKit builds flag words byte by byte (string(rune(b))).
    assert only("FROM x\nCOPY --chown=jos\u00e9 a b\n", "COPY").flag("chown") == "jos\u00c3\u00a9"


# --- exec and shell forms ---------------------------------------------------------------


@pytest.mark.parametrize(("line", "exec_form"), [
    ('CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:app"]', ("gunicorn", "-c", "gunicorn.conf.py", "app:app")),
    ('ENTRYPOINT ["tini", "--"] trailing text', ("tini", "--")),
    ("CMD []", ()),
    ('COPY ["a b", "/dst/"]', ("a b", "/dst/")),
    ('CMD ["say \\"hi\\"", "\\u00e9"]', ('say "hi"', "\u00e9")),
    ("CMD gunicorn app:app", None),
    ("CMD ['single', 'quotes']", None),
    ('CMD ["unterminated"', None),
    ("RUN", None),
])
def test_exec_form(line, exec_form):
    assert parse(f"FROM x\n{line}\n").instructions[1].exec_form == exec_form


def test_healthcheck_exec_form_and_flags():
    check = only('FROM x\nHEALTHCHECK --interval=5s --timeout=3s CMD ["python", "-c", "print(1)"]\n', "HEALTHCHECK")
    assert (check.flag("interval"), check.flag("timeout")) == ("5s", "3s")
    assert check.exec_form == ("python", "-c", "print(1)")
    assert check.args == 'CMD ["python", "-c", "print(1)"]'
    assert only("FROM x\nHEALTHCHECK NONE\n", "HEALTHCHECK").exec_form is None


def test_shell_form_keeps_the_command_text():
    cmd = only("FROM x\nCMD   gunicorn  -b 0.0.0.0:8000 app:app  \n", "CMD")
    assert (cmd.exec_form, cmd.args) == (None, "gunicorn  -b 0.0.0.0:8000 app:app")


# --- heredocs ------------------------------------------------------------------------------


def test_heredoc_record():
    run = only("FROM x\nRUN <<EOF\nset -eux\napt-get update\nEOF\nUSER 1000\n", "RUN")
    assert run.heredocs == (Heredoc(name="EOF", content="set -eux\napt-get update\n", fd=0, chomp=False,
                                    expand=True, end_line=5),)
    assert (run.start_line, run.end_line, run.args) == (2, 5, "<<EOF")
    assert run.source == "RUN <<EOF\nset -eux\napt-get update\nEOF"


def test_chomped_heredoc_keeps_raw_content_and_ends_at_a_tabbed_terminator():
    [doc] = only("FROM x\nRUN <<-EOT bash\n\tset -eux\n\t\tpip install uv\n\tEOT\n", "RUN").heredocs
    assert (doc.name, doc.chomp, doc.expand, doc.content, doc.end_line) == (
        "EOT", True, True, "\tset -eux\n\t\tpip install uv\n", 5)


@pytest.mark.parametrize(("word", "name", "expand"), [
    ("<<EOF", "EOF", True), ("<<'EOF'", "EOF", False), ('<<"EOF"', "EOF", False), ('<<E"O"F', "EOF", False),
    ("<<E\\OF", "EOF", True), ("<<$END", "$END", True), ("<<EOF;", "EOF;", True),
])
def test_heredoc_names_and_expansion(word, name, expand):
    [doc] = only(f"FROM x\nRUN cat {word}\nbody\n{name}\n", "RUN").heredocs
    assert (doc.name, doc.expand, doc.content) == (name, expand, "body\n")


def test_several_heredocs_on_one_line_with_file_descriptors():
    run = only("FROM x\nRUN <<A cat && 3<<B cat /dev/fd/3\none\nA\ntwo\nB\nUSER app\n", "RUN")
    assert [(d.name, d.fd, d.content, d.end_line) for d in run.heredocs] == [("A", 0, "one\n", 4), ("B", 3, "two\n", 6)]
    assert parse("FROM x\nRUN <<A cat && 3<<B cat /dev/fd/3\none\nA\ntwo\nB\nUSER app\n").instructions[2].start_line == 7


def test_copy_heredoc_to_a_destination():
    copy = only('FROM x\nCOPY --chmod=644 <<EOF /app/gunicorn.conf.py\nbind = "0.0.0.0:8000"\nEOF\n', "COPY")
    assert (copy.flag("chmod"), copy.args, copy.heredocs[0].content) == (
        "644", "<<EOF /app/gunicorn.conf.py", 'bind = "0.0.0.0:8000"\n')


def test_heredoc_content_keeps_crlf_as_buildkit_does():
    assert only("FROM x\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n", "RUN").heredocs[0].content == "echo hi\r\n"


@pytest.mark.parametrize("line", ['RUN echo "<<EOF"', "RUN echo '<<EOF'", 'RUN ["cat", "<<EOF"]', "CMD <<EOF",
                                  "RUN <<EOF echo 'unbalanced"])
def test_not_a_heredoc(line):
    parsed = parse(f"FROM x\n{line}\nEOF\n")
    assert [(i.name, i.heredocs) for i in parsed.instructions] == [("FROM", ()), (line.split()[0], ()), ("EOF", ())]


def test_onbuild_keeps_the_wrapped_instruction_and_its_heredoc():
    onbuild = only("FROM x\nONBUILD RUN <<EOF\npip install .\nEOF\nUSER app\n", "ONBUILD")
    assert (onbuild.start_line, onbuild.end_line, onbuild.heredocs, onbuild.args) == (2, 4, (), "RUN <<EOF")
    assert (onbuild.sub.name, onbuild.sub.start_line, onbuild.sub.end_line) == ("RUN", 2, 4)
    assert onbuild.sub.heredocs[0].content == "pip install .\n"


def test_onbuild_flags_belong_to_the_wrapped_instruction():
    onbuild = only('FROM x\nONBUILD COPY --from=builder /opt/venv /opt/venv\n', "ONBUILD")
    assert (onbuild.flags, onbuild.sub.flags, onbuild.sub.args) == ((), ("--from=builder",), "/opt/venv /opt/venv")
    assert only('FROM x\nONBUILD CMD ["a"]\n', "ONBUILD").sub.exec_form == ("a",)
    assert only("FROM x\nONBUILD\n", "ONBUILD").sub is None


# --- shared word helpers --------------------------------------------------------------------


def test_parse_words_keeps_quotes_and_follows_buildkit_escapes():
    assert parse_words("A=1 B=\"two words\" C='x y'") == ["A=1", 'B="two words"', "C='x y'"]
    assert parse_words("a\\ b c\\") == ["a\\ b", "c"]
    assert parse_words("'a\\' b") == ["'a\\'", "b"]
    assert parse_words("a` b", "`") == ["a` b"]


def test_unquote():
    assert unquote("\"a \\\"b\\\"\"'c d'e\\ f") == 'a "b"c de f'


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "line", "message"), [
    ("", 0, "file with no instructions"),
    ("# only\n# comments\n\n", 3, "file with no instructions"),
    ("\n  \n\t\n", 3, "file with no instructions"),
    ("FROM x\nRUN echo ok\nRUN <<EOF\nbody\n", 3, "unterminated heredoc <<EOF"),
    ("FROM x\nRUN <<A <<B\none\nA\n", 2, "unterminated heredoc <<B"),
    ('FROM x\nCMD ["python", \\\n  1]\n', 2, "when using JSON array syntax, arrays must be comprised of strings only"),
    ('FROM x\nONBUILD COPY ["a", null]\n', 2, "when using JSON array syntax, arrays must be comprised of strings only"),
    ('FROM x\nHEALTHCHECK CMD ["a", true]\n', 2, "when using JSON array syntax, arrays must be comprised of strings only"),
    ("FROM x\nENV DEBUG\n", 2, "ENV must have two arguments"),
    ("FROM x\nLABEL a=b c\n", 2, "Syntax error - can't find = in \"c\". Must be of the form: name=value"),
    ("FROM x\nRUN <<${X:-a b}\nEOF\n", 2, "failed to process \"${X:-a\": syntax error: missing '}'"),
    ("FROM x\nRUN echo " + "x" * 65536 + "\n", 2, "line is longer than 65535 bytes"),
])
def test_parse_errors(text, line, message):
    assert error_of(text) == (line, message)


def test_parse_error_names_file_and_line_on_one_line():
    with pytest.raises(ParseError) as caught:
        parse("FROM x\nRUN <<EOF\n", "services/api/Dockerfile")
    assert str(caught.value) == "services/api/Dockerfile:2: unterminated heredoc <<EOF"
    with pytest.raises(ParseError) as caught:
        parse("", "empty/Dockerfile")
    assert str(caught.value) == "empty/Dockerfile: file with no instructions"


def test_decode_refuses_binary_and_names_the_line():
    with pytest.raises(ParseError) as caught:
        decode(b"FROM x\nRUN a\x00b\n", "Dockerfile")
    assert (caught.value.line, caught.value.message) == (2, "binary file (contains NUL bytes)")


def test_decode_refuses_non_utf8_and_names_the_line_of_the_bad_byte():
    with pytest.raises(ParseError) as caught:
        decode(b"FROM x\n\nRUN echo \xff\n", "Dockerfile")
    assert (caught.value.line, caught.value.message) == (3, "not valid UTF-8 text")
    assert str(caught.value) == "Dockerfile:3: not valid UTF-8 text"


def test_files_over_8_mib_are_refused():
    big = b"#" * (MAX_BYTES + 1)
    with pytest.raises(ParseError) as caught:
        decode(big, "Dockerfile")
    assert (caught.value.line, caught.value.message) == (0, "file is larger than 8 MiB")
    assert error_of(big.decode()) == (0, "file is larger than 8 MiB")
    assert decode(b"FROM x\n" + b"#" * (MAX_BYTES - 7), "Dockerfile").startswith("FROM x\n")


def test_a_100_000_line_continuation_stops_at_the_instruction_line_cap():
    assert MAX_INSTRUCTION_LINES == 10_000
    assert error_of("FROM x\n" + "RUN a \\\n" * 100_000) == (2, "instruction spans more than 10000 lines")
    assert error_of("FROM x\nRUN <<EOF\n" + "line\n" * 100_000) == (2, "instruction spans more than 10000 lines")


def test_an_instruction_of_exactly_10_000_lines_parses():
    run = only("FROM x\nRUN " + "a \\\n" * 9_999 + "end\n", "RUN")
    assert (run.start_line, run.end_line, len(run.args)) == (2, 10_001, 2 * 9_999 + 3)


def test_directive_value_of_blanks_only_is_the_last_blank_as_in_buildkit():
    assert error_of("# escape= \nFROM x\n") == (1, "invalid escape token ' ' does not match ` or \\")
    assert parse("# escape=\nFROM x\n").directives == ()
    assert parse("#syntax=x" + " " * 60_000 + "y\nFROM x\n").directives == (("syntax", "x" + " " * 60_000 + "y"),)


def test_onbuild_chains_are_checked_to_any_depth_but_kept_one_level_deep():
    onbuild = only("FROM x\n" + "ONBUILD " * 3_000 + "RUN echo hi\n", "ONBUILD")
    assert (onbuild.sub.name, onbuild.sub.sub, onbuild.sub.args) == ("ONBUILD", None, "ONBUILD " * 2_998 + "RUN echo hi")
    assert error_of("FROM x\n" + "ONBUILD " * 3_000 + "CMD [1]\n") == (2, "when using JSON array syntax, arrays must be comprised of strings only")


def test_a_continued_instruction_keeps_each_joined_line_with_its_number():
    run = only("FROM scratch\nRUN apt-get update && \\\n# a comment BuildKit drops\n\n    apt-get install -y curl\nUSER 1000\n", "RUN")
    assert run.pieces == ((2, "RUN apt-get update && "), (5, "    apt-get install -y curl"))
    assert run.args == "apt-get update &&     apt-get install -y curl"
    assert only("FROM scratch\nUSER 1000\n", "USER").pieces == ()


def test_a_continuation_under_a_backtick_escape_drops_the_backtick():
    run = only("# escape=`\nFROM scratch\nRUN echo a `\n  b\n", "RUN")
    assert run.pieces == ((3, "RUN echo a "), (4, "  b"))
