"""`dockharden fix` and `lint --fix`, run as a user runs them."""
from __future__ import annotations

import json
import os
import stat

import pytest

PIP = "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nRUN pip install flask\n"
PIP_FIXED = "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nRUN pip install --no-cache-dir flask\n"


def _summary_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line and not line.startswith("  no fix")]


def test_fix_rewrites_the_file_and_says_what_it_did(run_cli, tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text(PIP)
    path.chmod(0o640)
    result = run_cli("fix", path)
    assert path.read_text() == PIP_FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Dockerfile"]  # no temporary file left
    lines = _summary_lines(result.out)
    assert lines[0] == f"{path}: fixed 1 finding"
    assert lines[1] == "  fixed     DH903 line 3: add --no-cache-dir to pip install"
    assert "  unsafe    DH102 line 1: the final stage sets no USER, so it runs as root (fix with --unsafe: create a user with UID 1000 and switch to it)" in lines
    assert lines[-1].startswith("Fixed 1 finding in 1 of 1 file; 2 more with --unsafe; ")
    assert result.code == 1  # findings remain (DH102 and DH201 are errors)


def test_diff_prints_a_unified_diff_and_writes_nothing(run_cli, tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text(PIP)
    result = run_cli("fix", "--diff", "Dockerfile")
    assert path.read_text() == PIP
    assert result.out == ("--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n FROM python:3.12-slim\n"
                          " ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\n-RUN pip install flask\n+RUN pip install --no-cache-dir flask\n")
    assert result.err.splitlines()[0] == "Dockerfile: would fix 1 finding"


SHIFTING = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"


@pytest.mark.parametrize(("args", "copy_line"), [(("--diff",), 3), (("--check",), 3), ((), 4)])
def test_findings_left_are_at_their_line_in_the_file_as_it_now_is(run_cli, tmp_path, args, copy_line):
    # the ENV fix adds line 2, so the COPY that DH906 names moves from line 3 to 4 in the
    # fixed text: --diff and --check leave the file as it was, a plain fix rewrites it
    (tmp_path / "Dockerfile").write_text(SHIFTING)
    result = run_cli("fix", *args, "--select", "DH301,DH903", "Dockerfile")
    summary = result.err if args == ("--diff",) else result.out
    verb = "fixed    " if args == () else "would fix"
    assert f"  {verb} DH903 line 4: add --no-cache-dir to pip install" in summary.splitlines()  # a fix: as it was
    assert [line.split(":")[0] for line in summary.splitlines() if " DH906 " in line] == [f"  no fix    DH906 line {copy_line}"]
    assert (tmp_path / "Dockerfile").read_text().count("\n") == (5 if args == () else 4)


@pytest.mark.parametrize(("text", "code"), [(PIP, 1), (PIP_FIXED, 1)])
def test_check_writes_nothing_and_exits_1_when_a_fix_or_a_finding_is_left(run_cli, tmp_path, text, code):
    path = tmp_path / "Dockerfile"
    path.write_text(text)
    result = run_cli("fix", "--check", path)
    assert (result.code, path.read_text()) == (code, text)


def test_check_passes_a_file_with_nothing_to_fix_below_the_threshold(run_cli, tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text(PIP_FIXED)
    quiet = ("--threshold", "error", "--disable", "DH102", "--disable", "DH201")
    assert run_cli("fix", "--check", *quiet, path).code == 0
    path.write_text(PIP)
    assert run_cli("fix", "--check", *quiet, path).code == 1  # a warning, but a fix is available


def test_unsafe_applies_the_unsafe_fixes_and_a_second_run_changes_nothing(run_cli, tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text(PIP + "CMD python app.py\n")
    run_cli("fix", "--unsafe", path)
    once = path.read_text()
    assert "USER 1000:1000\n" in once and 'CMD ["python", "app.py"]\n' in once and "HEALTHCHECK " in once
    again = run_cli("fix", "--unsafe", path)
    assert path.read_text() == once
    assert _summary_lines(again.out)[0] == f"{path}: fixed 0 findings"


def test_select_and_ignore(run_cli, tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text("FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc\n")
    run_cli("fix", "--select", "DH909,DH301", "--ignore", "missing-required-env", path)
    assert path.read_text() == "FROM python:3.12-slim\nRUN apt-get update && apt-get install --no-install-recommends -y gcc\n"


def test_a_file_that_does_not_parse_is_not_touched_and_exits_2(run_cli, tmp_path):
    bad, good = tmp_path / "bad.Dockerfile", tmp_path / "good.Dockerfile"
    bad.write_bytes(b"FROM python:3.12-slim\nRUN <<EOF\npip install flask\n")
    good.write_text(PIP)
    result = run_cli("fix", bad, good)
    assert result.code == 2
    assert result.err == f"{bad}: error: line 2: unterminated heredoc <<EOF\n"
    assert bad.read_bytes() == b"FROM python:3.12-slim\nRUN <<EOF\npip install flask\n"
    assert good.read_text() == PIP_FIXED
    assert "Traceback" not in result.out + result.err


def test_a_missing_path_is_an_input_error(run_cli, tmp_path):
    result = run_cli("fix", tmp_path / "nope")
    assert result.code == 2
    assert result.err == f"{tmp_path / 'nope'}: error: no such file or directory\n"


def test_a_symlink_is_written_through_to_its_target(run_cli, tmp_path):
    target = tmp_path / "real.Dockerfile"
    target.write_text(PIP)
    link = tmp_path / "Dockerfile"
    link.symlink_to(target.name)
    run_cli("fix", link)
    assert link.is_symlink()
    assert target.read_text() == PIP_FIXED


def test_a_file_that_cannot_be_written_is_an_input_error_and_keeps_its_text(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from dockharden.cli import fix as fix_command
    from dockharden.core import atomic

    def refuse(path, text, mode=None):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic, "write_atomic", refuse)
    path = tmp_path / "Dockerfile"
    path.write_text(PIP)
    result = CliRunner().invoke(fix_command.fix, [str(path)])
    assert result.exit_code == 2
    assert f"{path}: error: cannot write: Permission denied" in result.output
    assert path.read_text() == PIP


def test_lint_fix_reports_what_is_left_after_fixing(run_cli, tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text(PIP)
    result = run_cli("lint", "--fix", "--format", "json", path)
    assert path.read_text() == PIP_FIXED
    assert result.err == "dockharden: fixed 1 finding in 1 file(s)\n"
    codes = [f["rule"] for f in json.loads(result.out)["files"][0]["findings"]]
    assert "DH903" not in codes and "DH102" in codes
    assert result.code == 1


def test_lint_unsafe_fixes_needs_fix(run_cli, tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text(PIP)
    result = run_cli("lint", "--unsafe-fixes", path)
    assert result.code == 2
    assert "--unsafe-fixes needs --fix" in result.err
    assert path.read_text() == PIP


def test_lint_fix_with_unsafe_fixes(run_cli, tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text(PIP)
    run_cli("lint", "--fix", "--unsafe-fixes", path)
    assert "USER 1000:1000" in path.read_text()


def test_the_owner_is_kept(run_cli, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root can give a file another owner")
    path = tmp_path / "Dockerfile"
    path.write_text(PIP)
    os.chown(path, 1234, 5678)
    run_cli("fix", path)
    assert (path.stat().st_uid, path.stat().st_gid, path.read_text()) == (1234, 5678, PIP_FIXED)


def test_lint_sarif_carries_the_fixes_and_other_formats_do_not_work_them_out(run_cli, tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text(PIP)
    results = json.loads(run_cli("lint", "--format", "sarif", path).out)["runs"][0]["results"]
    fixes = {r["ruleId"]: r["fixes"][0]["description"]["text"] for r in results if "fixes" in r}
    assert fixes["DH903"] == "add --no-cache-dir to pip install (safe)"
    assert fixes["DH102"] == "create a user with UID 1000 and switch to it (unsafe)"


def test_plain_lint_attaches_no_fixes():
    from dockharden.checks.lint import lint_text
    from dockharden.core.settings import Settings

    assert [f.fix for f in lint_text(PIP, "Dockerfile").findings if f.rule.code == "DH903"] == [None]
    assert [f.fix.safety.value for f in lint_text(PIP, "Dockerfile", settings=Settings(fixes=True)).findings if f.rule.code == "DH903"] == ["safe"]
