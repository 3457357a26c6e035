"""`dockharden report`: generated from checks that ran; nothing ticked by hand; every "not checked" says why."""
import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support.archives import simple_image

ROOT = Path(__file__).resolve().parents[2]
NO_ENGINE = {"DOCKER_HOST": "unix:///nonexistent/docker.sock"}
DEV_NOT_JUDGED = "not judged (development only): templates/Dockerfile.dev"


def _report(*args, cwd, env=None):
    done = subprocess.run([sys.executable, "-m", "dockharden", "report", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300, env={**os.environ, **(env or {})})
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    code, out, err = _report("--no-build", cwd=tmp_path_factory.mktemp("r"))
    assert (code, err) == (0, "")
    return out


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    code, out, err = _report(ROOT / "examples" / "spec", cwd=tmp_path_factory.mktemp("s"))
    assert (code, err) == (1, "")  # the specification's templates have errors: findings reach the threshold
    return out.replace(str(ROOT / "examples" / "spec") + "/", "")


def _section(text, title):
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def _checklist_item(text, name):
    (line,) = [line for line in _section(text, "Compliance Checklist").splitlines() if f"] {name}: " in line]
    return line


def test_bundled_templates_matrix_rows(bundled):
    rows = [line for line in _section(bundled, "Template Verification Matrix").splitlines() if line.startswith("| `")]
    assert rows == [
        "| `templates/Dockerfile.optimized-alpine` | ✅ UID 1000 | ✅ 30s/10s/5s | ✅ Full config | ✅ All COPY | ✅ Yes (2 stages) | ✅ None found | ✅ Exec form | ✅ None |",
        "| `templates/Dockerfile.optimized-slim` | ✅ UID 1000 | ✅ 30s/10s/5s | ✅ Full config | ✅ All COPY | ✅ Yes (2 stages) | ✅ None found | ✅ Exec form | ✅ None |",
        "| `templates/Dockerfile.production-gunicorn` | ✅ UID 1000 | ✅ 30s/10s/10s | ✅ Full config + Gunicorn vars | ✅ All COPY | ✅ Yes (2 stages) | ✅ None found | ✅ Exec form | ✅ None |",
        # one slim stage without compilers or caches: a builder stage would keep nothing out
        "| `templates/Dockerfile.dev` *(development only)* | ✅ UID 1000 | ✅ 30s/30s/5s | ✅ Full config | ✅ All COPY | ✅ Single stage, nothing to separate | ✅ None found | ✅ Exec form | ✅ None |",
    ]
    assert "4 Dockerfiles linted, 0 images inspected, 0 containers verified." in bundled
    assert "## Problems" not in bundled


def test_summary_judges_development_files_as_the_checklist_does(bundled):
    status = _section(bundled, "Hardening Patterns Status")
    assert f"| Multi-Stage | ✅ pass | lint: 3/3 pass; {DEV_NOT_JUDGED} |" in status
    assert f"| No Build Tools | ✅ pass | lint: 3/3 pass; {DEV_NOT_JUDGED} |" in status
    assert "| Non-Root User | ✅ pass | lint: 4/4 pass |" in status
    assert _checklist_item(bundled, "Multi-stage build - production only") == (
        f"- [x] Multi-stage build - production only: ✅ pass (lint: 3/3 pass; {DEV_NOT_JUDGED})")
    assert _checklist_item(bundled, "No build tools in final image - production only") == (
        f"- [x] No build tools in final image - production only: ✅ pass (lint: 3/3 pass; {DEV_NOT_JUDGED})")


def test_without_build_the_checklist_says_so(bundled):
    checklist = _section(bundled, "Compliance Checklist")
    assert "- [ ] Health endpoint in application: ➖ not checked (no container was run: images were not built (--no-build))" in checklist
    assert "- [ ] Image size < 500MB: ➖ not checked (no image was inspected: images were not built (--no-build))" in checklist
    assert "- [ ] Environment variables documented: ➖ not checked (dockharden has no check for documentation)" in checklist
    assert len(re.findall(r"^- \[[x ]\] ", checklist, re.M)) == 18


def test_minimal_base_of_unbuilt_templates_is_their_default(bundled):
    assert _checklist_item(bundled, "Minimal base image (alpine/slim) - production only") == (
        "- [x] Minimal base image (alpine/slim) - production only: ✅ pass (base images: python:3.12-alpine "
        "(templates/Dockerfile.optimized-alpine), python:3.12-slim (templates/Dockerfile.optimized-slim, "
        f"templates/Dockerfile.production-gunicorn); {DEV_NOT_JUDGED})")


def test_without_an_engine_the_checklist_says_so_and_the_default_is_not_a_problem(tmp_path):
    code, out, err = _report(cwd=tmp_path, env=NO_ENGINE)
    assert (code, err) == (0, "")
    no_engine = "no Docker Engine (cannot reach the Docker engine (Error while fetching server API version: "
    assert _checklist_item(out, "Health endpoint in application").startswith(
        f"- [ ] Health endpoint in application: ➖ not checked (no container was run: {no_engine}")
    assert _checklist_item(out, "Image size < 500MB").startswith(
        f"- [ ] Image size < 500MB: ➖ not checked (no image was inspected: {no_engine}")


def test_build_asked_for_without_an_engine_is_a_problem(tmp_path):
    code, out, err = _report("--build", "--output", "report.md", cwd=tmp_path, env=NO_ENGINE)
    assert (code, out) == (2, "")
    assert re.fullmatch(r"dockharden: error: --build: no Docker Engine \(cannot reach the Docker engine \(.*\)\); "
                        r"start one, or set DOCKER_HOST\n", err)
    text = (tmp_path / "report.md").read_text()
    assert _section(text, "Problems").startswith("\nNot everything asked for could be done;")
    assert "- ❌ `dockharden`: --build: no Docker Engine (cannot reach the Docker engine (" in text


def test_spec_templates_fail_where_the_specification_is_wrong(spec):
    status = _section(spec, "Hardening Patterns Status")
    assert "| Health Check | ❌ fail | lint: 1/4 pass |" in status  # only Dockerfile.ai installs curl
    checklist = _section(spec, "Compliance Checklist")
    # Dockerfile.ai is a development image (uvicorn --reload): its unresolved UID is info there
    assert "- [ ] Non-root user with specific UID (1000): ⚠️ warning (lint: 1/4 pass)" in checklist
    assert "- [ ] Health check configured: ❌ fail" in checklist
    details = _section(spec, "Detailed Pattern Verification")
    assert "[DH203](#dh203-healthcheck-probe-missing) `healthcheck-probe-missing` [error]" in details
    assert "[DH701](#dh701-shell-form-command) `shell-form-command` [error]" in details


def test_own_dockerfiles_are_not_called_templates_and_reasons_name_the_missing_option(spec):
    assert "\n## Verification Matrix\n" in spec and "Template Verification Matrix" not in spec
    assert _checklist_item(spec, "Health endpoint in application") == (
        "- [ ] Health endpoint in application: ➖ not checked (no container was run: no image was given to run (--verify IMAGE))")
    assert _checklist_item(spec, "Image size < 500MB") == (
        "- [ ] Image size < 500MB: ➖ not checked (no image was inspected: no image was given (--image IMAGE))")


def test_one_dockerfile_and_one_image_are_counted_in_the_singular(tmp_path):
    image = dataclasses.replace(simple_image(), config={**simple_image().config, "Labels": {
        "org.opencontainers.image.base.name": "debian:bookworm"}})
    (tmp_path / "app.tar").write_bytes(image.tar())
    dockerfile = ROOT / "examples" / "spec" / "Dockerfile.optimized-slim"
    code, out, err = _report(dockerfile, "--image", tmp_path / "app.tar", cwd=tmp_path)
    assert (code, err) == (1, "")
    assert "1 Dockerfile linted, 1 image inspected, 0 containers verified." in out
    assert _checklist_item(out, "Health endpoint in application") == (
        "- [ ] Health endpoint in application: ➖ not checked (no container was run: the images were inspected, "
        "not run (--verify IMAGE runs one))")
    assert _checklist_item(out.replace("\\_", "_"), "Minimal base image (alpine/slim) - production only") == (
        "- [ ] Minimal base image (alpine/slim) - production only: ❌ fail (base images: python:3.12-slim "
        f"({dockerfile}), debian:bookworm ({tmp_path / 'app.tar'}); not minimal: debian:bookworm)")


def test_verify_without_an_engine_is_a_problem_with_its_reason(tmp_path):
    code, out, err = _report("--verify", "example/app:1", cwd=tmp_path, env=NO_ENGINE)
    assert code == 2
    assert re.fullmatch(r"example/app:1: error: verify: no Docker Engine \(cannot reach the Docker engine \(.*\)\)\n", err)
    assert _checklist_item(out, "Health endpoint in application").startswith(
        "- [ ] Health endpoint in application: ➖ not checked (no container was run: example/app:1: no Docker Engine (")
    assert "0 Dockerfiles linted, 0 images inspected, 1 container verified." in out


@pytest.mark.parametrize(("args", "flags"), [
    (("examples/spec", "--base-image", "local/python-base:bookworm"), "--base-image"),
    (("--verify", "example/app:1", "--keep-images", "--no-build"), "--build/--no-build, --keep-images"),
])
def test_bundled_only_options_with_other_inputs_are_usage_errors(args, flags):
    code, out, err = _report(*args, cwd=ROOT, env=NO_ENGINE)
    assert (code, out) == (2, "")
    assert err == f"dockharden: error: {flags}: only for the bundled templates (a report with no PATH, --image or --verify)\n"


def test_html_is_one_self_contained_page(tmp_path):
    out = tmp_path / "report.html"
    code, stdout, err = _report("--no-build", "--format", "html", "--output", out, cwd=tmp_path)
    assert (code, stdout, err) == (0, "", "")
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert '<div class="table-wrap"><table>' in page and '<h2 id="compliance-checklist">Compliance Checklist</h2>' in page
    assert not re.search(r"<(link|script|img)\b", page)
    assert '<span class="s pass" title="pass">✔</span> Single stage, nothing to separate' in page and "✅" not in page
    assert "http://" not in page.replace("http://127.0.0.1:8000/health", "")


def test_missing_path_is_one_line_and_exit_2(tmp_path):
    code, out, err = _report(tmp_path / "missing", cwd=tmp_path)
    assert code == 2
    assert err == f"{tmp_path / 'missing'}: error: no such file or directory\n"
    assert "➖ not checked: no such file or directory" in out
    assert _section(out, "Problems").endswith(f"- ❌ `{tmp_path / 'missing'}`: no such file or directory\n")


WARNED = "FROM python:3.12-slim\nRUN useradd app\nUSER app\nHEALTHCHECK CMD [\"python\", \"-c\", \"print(1)\"]\nCMD [\"python\", \"-m\", \"http.server\"]\n"


@pytest.fixture
def warned(tmp_path):
    """A Dockerfile whose worst findings are warnings (no required ENV, its user's UID not known)."""
    (tmp_path / "Dockerfile").write_text(WARNED)
    (tmp_path / ".dockerignore").write_text(".git\n")
    return tmp_path / "Dockerfile"


@pytest.mark.parametrize(("threshold", "code", "verdict"), [
    ("error", 0, "✅ pass"), ("warning", 1, "❌ fail"), ("info", 1, "❌ fail"),
])
def test_report_exits_like_lint_at_the_threshold(warned, tmp_path, threshold, code, verdict):
    done, out, err = _report(warned, "--threshold", threshold, cwd=tmp_path)
    lint = subprocess.run([sys.executable, "-m", "dockharden", "lint", warned, "--threshold", threshold], capture_output=True, cwd=tmp_path)
    assert (done, err, lint.returncode) == (code, "", code)
    assert f"**Verdict: {verdict}** (threshold: {threshold}): Dockerfiles: 0 errors, 2 warnings; Images: none given; " in out
    assert f"| Threshold | {threshold} (findings of this severity or worse fail the report) |" in out


def test_markdown_and_html_from_one_run_and_source_date_epoch(warned, tmp_path):
    code, out, err = _report(warned, "-o", "r.md", "-o", "r.html", "-o", "r.txt", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "1767323045"})
    assert (code, out, err) == (1, "", "")
    text = (tmp_path / "r.md").read_text()
    assert (tmp_path / "r.txt").read_text() == text  # no known suffix: markdown
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert "| Generated | 2026-01-02 03:04:05 UTC (from SOURCE_DATE_EPOCH) |" in text
    assert f"| Command line | `dockharden report {warned} -o r.md -o r.html -o r.txt` |" in text
    code, _, _ = _report(warned, "--format", "html,markdown", "-o", "a", "-o", "b", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "1767323045"})
    assert code == 1 and (tmp_path / "a").read_text().startswith("<!DOCTYPE html>") and (tmp_path / "b").read_text().startswith("# Production")


@pytest.mark.parametrize(("args", "message"), [
    (("--format", "markdown,html"), "Invalid value for '--format': several formats need an --output file for each"),
    (("--format", "pdf"), "Invalid value for '--format': 'pdf' is not one of markdown, html"),
    (("--format", "html,markdown", "-o", "a.md"), "Invalid value for '--format': 2 formats for 1 --output files: give one format "
                                                  "per file, or none (each file's suffix says: .md, .html)"),
])
def test_format_and_output_must_pair_up_before_anything_runs(warned, tmp_path, args, message):
    code, out, err = _report(warned, *args, cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err == f"dockharden: error: {message}\n"


def test_a_source_date_epoch_that_is_not_a_number_is_a_usage_error(warned, tmp_path):
    code, out, err = _report(warned, cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "soon"})
    assert (code, out) == (2, "")
    assert err == ("dockharden: error: SOURCE_DATE_EPOCH='soon' is not a number of seconds since 1970-01-01 UTC\n")


def test_clock_time_without_source_date_epoch(warned, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    done = subprocess.run([sys.executable, "-m", "dockharden", "report", str(warned)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert re.search(r"^\| Generated \| 20\d\d-\d\d-\d\d \d\d:\d\d:\d\d UTC \(from the clock\) \|$", done.stdout, re.M)
