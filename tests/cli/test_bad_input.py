"""Bad input: one line naming the file (and line), exit 2, the other files still checked."""
import json
import os

import pytest

GOOD = "FROM python:3.12-slim\nUSER root\nCMD [\"python\", \"-m\", \"app\"]\n"


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


CASES = {
    "empty": (b"", "file with no instructions"),
    "comments-only": (b"# nothing here\n\n", "line 2: file with no instructions"),
    "no-from": (b"RUN echo hi\nUSER 1000\n", "line 1: no FROM instruction"),
    "binary": (b"FROM a\x00\x01\x02", "line 1: binary file (contains NUL bytes)"),
    "latin1": (b"FROM python:3.12-slim\nLABEL a=\"caf\xe9\"\n", "line 2: not valid UTF-8 text"),
    "heredoc": (b"FROM python:3.12-slim\nRUN <<EOF\necho hi\n", "line 2: unterminated heredoc <<EOF"),
    "json-array": (b'FROM python:3.12-slim\nCMD ["a", 1]\n', "line 2: when using JSON array syntax, arrays must be comprised of strings only"),
    "huge": (b"FROM python:3.12-slim\n" + b"# padding padding padding\n" * 800_000, "file is larger than 8 MiB"),
    "continuation": (b"FROM python:3.12-slim\nRUN echo \\\n" + b"  a \\\n" * 100_000 + b"  end\n", "line 2: instruction spans more than 10000 lines"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_is_one_line_error_and_exit_2(run_cli, tmp_path, name):
    data, message = CASES[name]
    bad = _write(tmp_path / f"{name}.Dockerfile", data)
    good = _write(tmp_path / "good.Dockerfile", GOOD.encode())
    result = run_cli("lint", "--format", "json", bad, good)
    assert result.code == 2
    assert result.err == f"{bad}: error: {message}\n"
    files = {f["path"]: f for f in json.loads(result.out)["files"]}
    assert files[str(bad)]["error"] == message
    assert "DH101" in [f["rule"] for f in files[str(good)]["findings"]]


def test_text_format_shows_error_in_place(run_cli, tmp_path):
    bad = _write(tmp_path / "Dockerfile", b"FROM a\nRUN <<EOF\n")
    result = run_cli("lint", "--no-color", bad)
    assert result.code == 2
    assert f"{bad}: error: line 2: unterminated heredoc <<EOF" in result.out.splitlines()
    assert "Traceback" not in result.out + result.err


def test_missing_path_and_directory_without_dockerfiles(run_cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    good = _write(tmp_path / "Dockerfile", GOOD.encode())
    result = run_cli("lint", "--format", "json", tmp_path / "missing", empty, good)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{good}: error: no such file or directory".replace(str(good), str(tmp_path / "missing")),
        f"{empty}: error: no Dockerfile found in this directory",
    ]
    assert len(json.loads(result.out)["files"]) == 3


def test_a_missing_path_is_an_error_not_a_file(run_cli, tmp_path):
    result = run_cli("lint", "--no-color", tmp_path / "nonexistent")
    assert result.code == 2
    assert result.out.splitlines() == [
        f"{tmp_path / 'nonexistent'}: error: no such file or directory",
        "0 files, 0 errors, 0 warnings, 1 path not found",
    ]


def test_summary_counts_files_apart_from_paths_that_gave_none(run_cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    good = _write(tmp_path / "Dockerfile", GOOD.encode())
    bad = _write(tmp_path / "bad.Dockerfile", b"RUN echo\n")
    result = run_cli("lint", "--no-color", tmp_path / "gone", tmp_path / "also-gone", empty, good, bad)
    assert result.code == 2
    assert result.out.splitlines()[-1] == (
        "2 files, 2 errors, 1 warning, 2 info, 1 file not checked, 2 paths not found, 1 folder without a Dockerfile")


@pytest.mark.parametrize("make, kind", [
    (lambda path: os.mkfifo(path), "a FIFO (named pipe)"),
    (lambda path: path.symlink_to("/dev/zero"), "a character device"),
])
def test_a_fifo_or_device_is_refused_at_once(run_cli, tmp_path, make, kind):
    odd = tmp_path / "Dockerfile"
    make(odd)
    result = run_cli("lint", "--format", "json", odd)
    assert result.code == 2
    assert result.err == f"{odd}: error: is {kind}, not a regular file\n"


def test_no_arguments_prints_the_help_not_an_error(run_cli):
    result = run_cli()
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("Usage: ")
    assert "error" not in result.out.splitlines()[0]


def test_top_level_help_lists_every_exit_code(run_cli):
    lines = [line.split(None, 1) for line in run_cli("--help").out.splitlines() if line.strip()[:1].isdigit()]
    assert [code for code, _ in lines] == ["0", "1", "2", "3", "130"]


def test_usage_error_exit_2(run_cli):
    result = run_cli("lint", "--format", "yaml", "Dockerfile")
    assert result.code == 2
    assert "Traceback" not in result.err


def test_unknown_rule_is_one_line_exit_2(run_cli):
    result = run_cli("rule", "DH999")
    assert result.code == 2
    assert result.err == "dockharden: error: unknown rule 'DH999'; `dockharden rules` lists them\n"
