"""A hand-built report for the reporter tests, and golden-file comparison.

Regenerate goldens only on purpose: `pytest tests/output/formats --update-goldens`
or DOCKHARDEN_UPDATE_GOLDENS=1.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from dockharden.core.vocabulary import FileReport, Finding, PatternResult, Report, Rule, Severity, Status, Step

GOLDEN_DIR = Path(__file__).parent / "golden"

ROOT_USER_DOCS = """
    ## What it does
    Checks that the final stage runs as a non-root user.

    ## Why is this bad?
    A process running as root in the container is root on the host once it escapes.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    CMD ["python", "app.py"]
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    RUN useradd --uid 1000 app
    USER 1000:1000
    CMD ["python", "app.py"]
    ```
"""

ROOT_USER = Rule(
    "DH001", "root-user", "non_root_user", Severity.ERROR, "The final stage runs as root.", ROOT_USER_DOCS
)
MISSING_HEALTHCHECK = Rule(
    "DH010", "missing-healthcheck", "healthcheck", Severity.WARNING, "The final stage has no HEALTHCHECK.",
    "## What it does\nChecks for a HEALTHCHECK in the final stage.\n\n"
    "## Why is this bad?\nNothing restarts a hung server.",
)
CHOWN_AFTER_COPY = Rule(
    "DH040", "chown-after-copy", "chown", Severity.ERROR, "RUN chown -R duplicates files that COPY brought in.",
    "## What it does\nFinds `RUN chown -R` over copied files.",
)
PIP_CACHE = Rule(
    "DH101", "pip-cache-kept", None, Severity.INFO, "pip install keeps its download cache | in the image.",
    "## What it does\nFinds pip install without --no-cache-dir.",
)
SAMPLE_RULES = (ROOT_USER, MISSING_HEALTHCHECK, CHOWN_AFTER_COPY, PIP_CACHE)


def legacy_file() -> FileReport:
    findings = (
        Finding(MISSING_HEALTHCHECK, 12, 'no HEALTHCHECK in the final stage "runtime"'),
        Finding(ROOT_USER, 3, "the final stage runs as root (USER root)"),
        Finding(PIP_CACHE, 7, "pip install keeps its cache | add --no-cache-dir <flag> & \"quote\"", end_line=9),
    )
    patterns = (
        PatternResult("healthcheck", Status.WARN, "missing", (12,)),
        PatternResult("non_root_user", Status.FAIL, "root", (3,)),
        PatternResult("env_config", Status.PASS, "Full config", (4, 5)),
        PatternResult("chown", Status.PASS, "All COPY"),
        PatternResult("multi_stage", Status.FAIL, "No", ()),
        PatternResult("no_secrets", Status.PASS, ""),
        PatternResult("exec_form", Status.PASS, "exec form", (14,)),
        PatternResult("no_build_tools", Status.NOT_CHECKED, ""),
    )
    return FileReport("legacy/Dockerfile", findings, patterns)


def api_file() -> FileReport:
    patterns = tuple(PatternResult(name, Status.PASS, detail, lines) for name, detail, lines in (
        ("non_root_user", "UID 1000", (20,)),
        ("healthcheck", "30s/10s/5s", (22,)),
        ("env_config", "Full config + Gunicorn vars", (8, 9, 10)),
        ("chown", "All COPY", (18, 19)),
        ("multi_stage", "Yes", (15,)),
        ("no_secrets", "", ()),
        ("exec_form", "exec form", (24,)),
        ("no_build_tools", "", ()),
    ))
    return FileReport("services/api/Dockerfile", (), patterns)


def broken_file() -> FileReport:
    return FileReport("broken/Dockerfile.dev", error="line 4: unterminated heredoc <<EOF")


UNGRACEFUL_STOP = Rule("VF701", "ungraceful-stop", "exec_form", Severity.ERROR, "docker stop had to kill it.", "")


def verify_file() -> FileReport:
    """A container as verify reports it: steps with what ran and what was seen, and a finding on step 3."""
    steps = (
        Step(1, "run", "Start the container", "docker run -d --name c1 app:1",
             "docker run -d --name c1 --network none --label io.dockharden.verify=true app:1", "c1", Status.PASS,
             "started; kept running"),
        Step(2, "workdir", "File ownership in the working directory", "docker run --rm app:1 ls -la WORKDIR", "", "",
             Status.NOT_CHECKED, "not checked: the image sets no WORKDIR"),
        Step(3, "stop", "Graceful stop", "docker stop --time 10 c1", "docker stop --time 10 c1", "exit code 137\n",
             Status.FAIL, "exit 137 after 10.0 s (stop timeout 10 s)"),
    )
    finding = Finding(UNGRACEFUL_STOP, 3, "exit 137 after 10.0 s: killed | not stopped")
    return FileReport("app:1", (finding,), kind="verify", steps=steps)


@pytest.fixture
def verify_report() -> Report:
    return Report((verify_file(),), (UNGRACEFUL_STOP,))


@pytest.fixture
def sample_report() -> Report:
    return Report(files=(legacy_file(), api_file(), broken_file()), rules=SAMPLE_RULES)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/output/formats/golden/*")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    update = request.config.getoption("--update-goldens", default=False)
    update = update or os.environ.get("DOCKHARDEN_UPDATE_GOLDENS") == "1"

    def check(name: str, text: str) -> None:
        path = GOLDEN_DIR / name
        if update:
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"{path} is missing: run pytest tests/output/formats --update-goldens"
        assert text == path.read_text(encoding="utf-8")

    return check
