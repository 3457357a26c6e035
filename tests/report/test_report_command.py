"""`dockharden report`: generated from checks that ran; nothing ticked by hand."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _report(*args, cwd):
    done = subprocess.run([sys.executable, "-m", "dockharden", "report", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    code, out, err = _report("--no-build", cwd=tmp_path_factory.mktemp("r"))
    assert (code, err) == (0, "")
    return out


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    code, out, err = _report(ROOT / "examples" / "spec", cwd=tmp_path_factory.mktemp("s"))
    assert (code, err) == (0, "")
    return out.replace(str(ROOT / "examples" / "spec") + "/", "")


def _section(text, title):
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_bundled_templates_matrix_rows(bundled):
    rows = [line for line in _section(bundled, "Template Verification Matrix").splitlines() if line.startswith("| `")]
    assert rows == [
        "| `templates/Dockerfile.optimized-alpine` | ✅ UID 1000 | ✅ 30s/10s/5s | ✅ Full config | ✅ All COPY | ✅ Yes (2 stages) | ✅ None found | ✅ Exec form | ✅ None |",
        "| `templates/Dockerfile.optimized-slim` | ✅ UID 1000 | ✅ 30s/10s/5s | ✅ Full config | ✅ All COPY | ✅ Yes (2 stages) | ✅ None found | ✅ Exec form | ✅ None |",
        "| `templates/Dockerfile.production-gunicorn` | ✅ UID 1000 | ✅ 30s/10s/10s | ✅ Full config + Gunicorn vars | ✅ All COPY | ✅ Yes (2 stages) | ✅ None found | ✅ Exec form | ✅ None |",
        # one slim stage without compilers or caches: a builder stage would keep nothing out
        "| `templates/Dockerfile.dev` | ✅ UID 1000 | ✅ 30s/30s/5s | ✅ Full config | ✅ All COPY | ✅ Single stage, nothing to separate | ✅ None found | ✅ Exec form | ✅ None |",
    ]


def test_bundled_checklist_without_engine_marks_runtime_items_not_checked(bundled):
    checklist = _section(bundled, "Compliance Checklist")
    assert "- [x] Multi-stage build - production only: ✅ pass (lint: 3/3 pass)" in checklist
    assert "- [ ] Health endpoint in application: ➖ not checked (no container was run (verify needs a Docker Engine))" in checklist
    assert "- [ ] Image size < 500MB: ➖ not checked (no image was inspected)" in checklist
    assert "- [ ] Environment variables documented: ➖ not checked (dockharden has no check for documentation)" in checklist
    assert len(re.findall(r"^- \[[x ]\] ", checklist, re.M)) == 18


def test_details_quote_the_lines_that_satisfy_a_pattern(bundled):
    details = _section(bundled, "Detailed Pattern Verification")
    gunicorn = details.split("### `templates/Dockerfile.production-gunicorn`", 1)[1].split("### ", 1)[0]
    assert "**Health Check** (line " in gunicorn
    assert "HEALTHCHECK --interval=30s --timeout=10s --start-period=10s --retries=3 \\\n    CMD [\"python\", \"-c\"," in gunicorn
    assert "```dockerfile\nUSER 1000:1000\n```" in gunicorn


def test_spec_templates_fail_where_the_specification_is_wrong(spec):
    status = _section(spec, "Hardening Patterns Status")
    assert "| Health Check | ❌ fail | lint: 1/4 pass |" in status  # only Dockerfile.ai installs curl
    checklist = _section(spec, "Compliance Checklist")
    # Dockerfile.ai is a development image (uvicorn --reload): its unresolved UID is info there
    assert "- [ ] Non-root user with specific UID (1000): ⚠️ warning (lint: 1/4 pass)" in checklist
    assert "- [ ] Health check configured: ❌ fail" in checklist
    details = _section(spec, "Detailed Pattern Verification")
    assert "DH203 `healthcheck-probe-missing` [error]" in details
    assert "DH701 `shell-form-command` [error]" in details


def test_html_is_one_self_contained_page(tmp_path):
    out = tmp_path / "report.html"
    code, stdout, err = _report("--no-build", "--format", "html", "--output", out, cwd=tmp_path)
    assert (code, stdout, err) == (0, "", "")
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<table>" in page and "<h2>Compliance Checklist</h2>" in page
    assert not re.search(r"<(link|script|img)\b", page)
    assert '<span class="s pass" title="pass">✔</span> Single stage, nothing to separate' in page and "✅" not in page
    assert "http://" not in page.replace("http://127.0.0.1:8000/health", "")


def test_missing_path_is_one_line_and_exit_2(tmp_path):
    code, out, err = _report(tmp_path / "missing", cwd=tmp_path)
    assert code == 2
    assert err == f"{tmp_path / 'missing'}: error: no such file or directory\n"
    assert "➖ not checked: no such file or directory" in out
