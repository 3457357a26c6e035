"""The verification matrix, derived from findings and model facts.

The spec's own four templates (tests/fixtures/spec, reconstructed from the snippets of
PRODUCTION_HARDENING_VERIFICATION.md with their line numbers, flaws included) get the
matrix the spec should have printed, not the one it asserted.
"""
from pathlib import Path

import pytest

from dockharden.checks.lint import lint_text
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import PATTERNS
from support.lintcase import report

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "tests" / "fixtures" / "spec"
EXAMPLES = ROOT / "examples" / "spec"

EXPECTED = {
    "Dockerfile.optimized-alpine": {
        "non_root_user": ("warn", "aiuser (UID unknown)", (82,)),
        "healthcheck": ("fail", "30s/30s/5s", (93,)),  # the spec claims 30s/10s/5s; curl is not in python:3.12-alpine
        "env_config": ("warn", "Full config, TRANSFORMERS_CACHE deprecated", (52,)),
        "chown": ("pass", "All COPY", (86,)),
        "multi_stage": ("pass", "Yes (2 stages)", (13, 49)),
        "no_secrets": ("pass", "None found", ()),
        "exec_form": ("pass", "Exec form", (97,)),
        "no_build_tools": ("pass", "None", ()),
    },
    "Dockerfile.optimized-slim": {
        "non_root_user": ("warn", "aiuser (UID unknown)", (88,)),
        "healthcheck": ("fail", "30s/30s/5s", (99,)),
        "env_config": ("warn", "Full config, TRANSFORMERS_CACHE deprecated", (56,)),
        "chown": ("pass", "All COPY", (92,)),
        "multi_stage": ("pass", "Yes (2 stages)", (14, 50)),
        "no_secrets": ("pass", "None found", ()),
        "exec_form": ("pass", "Exec form", (103,)),
        "no_build_tools": ("pass", "None", ()),
    },
    "Dockerfile.production-gunicorn": {
        "non_root_user": ("warn", "aiuser (UID unknown)", (77,)),
        "healthcheck": ("fail", "30s/30s/10s", (86,)),
        "env_config": ("warn", "Full config + Gunicorn vars, TRANSFORMERS_CACHE deprecated", (43,)),
        "chown": ("pass", "All COPY", (80,)),
        "multi_stage": ("pass", "Yes (2 stages)", (12, 32)),
        "no_secrets": ("pass", "None found", ()),
        "exec_form": ("fail", "Shell form", (91,)),  # shell-form CMD gunicorn: SIGTERM never reaches it
        "no_build_tools": ("pass", "None", ()),
    },
    # a development image (its comment says so, and CMD runs uvicorn --reload): the
    # production-only findings are info, so their patterns pass with the finding shown
    "Dockerfile.ai": {
        "non_root_user": ("pass", "aiuser (UID unknown)", (31,)),
        "healthcheck": ("pass", "30s/30s/5s", (43,)),  # this one installs curl
        "env_config": ("warn", "Basic config, TRANSFORMERS_CACHE deprecated", (7,)),
        "chown": ("fail", "RUN chown -R duplicates layers", (30, 39)),  # chown -R /app after COPY requirements.txt (DH401; the COPY itself is no DH402)
        "multi_stage": ("pass", "No", (4,)),
        "no_secrets": ("pass", "None found", ()),
        "exec_form": ("pass", "Exec form", (47,)),
        "no_build_tools": ("pass", "build-essential", (15,)),
    },
}

FINDINGS = {
    "Dockerfile.optimized-alpine": [("DH905", 49), ("DH302", 52), ("DH103", 82), ("DH203", 93)],
    "Dockerfile.optimized-slim": [("DH905", 50), ("DH302", 56), ("DH103", 88), ("DH203", 99)],
    "Dockerfile.production-gunicorn": [("DH905", 32), ("DH302", 43), ("DH103", 77), ("DH203", 86), ("DH701", 91)],
    "Dockerfile.ai": [
        ("DH303", 4), ("DH501", 4), ("DH905", 4), ("DH302", 7), ("DH801", 15), ("DH909", 15),
        ("DH401", 30), ("DH103", 31),  # COPY at 22 is re-owned by the chown -R at 30: DH401's, not DH402's
    ],
}


def lint_spec(name):
    """The spec's production templates are service images kept under tests/, which alone would
    make them test fixtures (tool images): the configuration says what they are, as a project
    would. Dockerfile.ai is a development image (uvicorn --reload) either way."""
    path = SPEC / name
    services = Settings(purposes=(("*/Dockerfile.optimized-*", "service"), ("*/Dockerfile.production-*", "service")))
    return lint_text(path.read_text(), name, path.parent, services)


@pytest.mark.parametrize("name", EXPECTED)
def test_spec_template_matrix(name):
    patterns = {p.pattern: (p.status.value, p.detail, p.lines) for p in lint_spec(name).patterns}
    assert list(patterns) == list(PATTERNS)
    assert patterns == EXPECTED[name]


@pytest.mark.parametrize("name", FINDINGS)
def test_spec_template_findings(name):
    assert [(f.rule.code, f.line) for f in lint_spec(name).findings] == FINDINGS[name]


@pytest.mark.parametrize("name", EXPECTED)
def test_bundled_examples_are_the_fixtures(name):
    assert (EXAMPLES / name).read_bytes() == (SPEC / name).read_bytes()
    assert (EXAMPLES / ".dockerignore").read_bytes() == (SPEC / ".dockerignore").read_bytes()


def matrix(text, **settings):
    return {p.pattern: (p.status.value, p.detail, p.lines) for p in report(text, Settings(**settings)).patterns}


@pytest.mark.parametrize("text, expected", [
    ("FROM python:3.12-slim\n", ("fail", "root (no USER)", ())),
    ("FROM python:3.12-slim\nUSER 0:0\n", ("fail", "root", (2,))),
    ("FROM python:3.12-slim\nUSER 1000:1000\n", ("pass", "UID 1000", (2,))),
    ("FROM python:3.12-slim\nUSER 1001\n", ("warn", "UID 1001", (2,))),
    ("FROM python:3.12-slim\nARG UID\nUSER $UID\n", ("warn", "UID unknown ($UID)", (3,))),
    # a name, though its UID is known: DH106 warns, as IM104 and VF103 judge the image and the container
    ("FROM python:3.12-slim\nRUN useradd -u 1000 app\nUSER app\n", ("warn", "UID 1000", (3,))),
])
def test_non_root_user_detail(text, expected):
    assert matrix(text)["non_root_user"] == expected


@pytest.mark.parametrize("text, expected", [
    ('FROM python:3.12-slim\nCMD ["python", "-m", "app"]\n', ("fail", "missing", ())),
    # no command of its own on a base that starts only python: info, and the cell says why
    ("FROM python:3.12-slim\n", ("pass", "missing (it sets no command of its own and python:3.12-slim starts only a shell or interpreter)", ())),
    # a development image: the row says so, the cell does not repeat it
    ('FROM python:3.12-slim\nCMD ["sleep", "infinity"]\n', ("pass", "missing", ())),
    ("FROM python:3.12-slim\nHEALTHCHECK NONE\n", ("fail", "NONE", (2,))),
    ('FROM python:3.12-slim\nHEALTHCHECK --timeout=10s --start-period=5s CMD ["python", "-c", "1"]\n',
     ("pass", "30s/10s/5s", (2,))),
    ('FROM python:3.12-slim\nHEALTHCHECK --interval=2s --timeout=2s CMD ["python", "-c", "1"]\n', ("warn", "2s/2s/0s", (2,))),
    # a base it cannot read: whether curl is there is said at info, the check itself is sound
    ("FROM example.com/base:1\nHEALTHCHECK CMD curl -f http://x\n", ("pass", "30s/30s/0s", (2,))),
])
def test_healthcheck_detail(text, expected):
    assert matrix(text)["healthcheck"] == expected


@pytest.mark.parametrize("text, expected", [
    ("FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\n", ("pass", "Basic config", (2,))),
    ("ARG V=1\nFROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 GUNICORN_WORKERS=2\n",
     ("pass", "Full config + Gunicorn vars", (3,))),
    ("FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\n", ("warn", "Basic config, required ENV missing", (2,))),
])
def test_env_config_detail(text, expected):
    assert matrix(text)["env_config"] == expected


@pytest.mark.parametrize("text, expected", [
    ("FROM python:3.12-slim\nUSER 1000\n", ("pass", "No COPY from context", ())),
    ("FROM python:3.12-slim\nCOPY --chown=1000:1000 . /app\nUSER 1000\n", ("pass", "All COPY", (2,))),
    ("FROM python:3.12-slim\nCOPY --chown=0:0 . /app\nUSER 1000\n", ("pass", "Root-owned, read-only code", (2,))),
    ("FROM python:3.12-slim\nCOPY a /a\nCOPY --chown=1000 b /b\nUSER 1000\n", ("warn", "1 of 2 COPY", (3,))),
    ("FROM python:3.12-slim\nCOPY . /app\nRUN chown -R 1000 /app\n", ("fail", "RUN chown -R duplicates layers", (3,))),
    ("FROM python:3.12-slim AS base\nCOPY --chown=1000 . /app\nFROM base\nUSER 1000\n", ("pass", "All COPY", (2,))),
])
def test_chown_detail(text, expected):
    assert matrix(text)["chown"] == expected


@pytest.mark.parametrize("text, expected", [
    ("FROM python:3.12-slim\n", ("pass", "Single stage, nothing to separate", (1,))),
    ("FROM python:3.12\n", ("fail", "No", (1,))),  # the full image's compilers ship
    ("FROM python:3.12-slim AS a\nFROM python:3.12-slim\n", ("pass", "Stages unused, nothing to separate", (1, 2))),
    ("FROM python:3.12-slim AS a\nFROM python:3.12-slim\nRUN pip install flask\n", ("fail", "Stages unused", (1, 2))),
    ("FROM python:3.12-slim AS a\nFROM python:3.12-slim\nCOPY --from=a /x /x\n", ("pass", "Yes (2 stages)", (1, 2))),
])
def test_multi_stage_detail(text, expected):
    assert matrix(text)["multi_stage"] == expected


@pytest.mark.parametrize("text, expected", [
    ("FROM python:3.12-slim\n", ("pass", "None found", ())),
    ("FROM python:3.12-slim\nENV API_KEY=abc\nARG GITHUB_TOKEN\n", ("fail", "2 found", (2, 3))),
    ("FROM python:3.12-slim\nARG GITHUB_TOKEN\n", ("warn", "1 found", (2,))),
])
def test_no_secrets_detail(text, expected):
    assert matrix(text)["no_secrets"] == expected


@pytest.mark.parametrize("text, expected", [
    ("FROM python:3.12-slim\n", ("pass", "Inherited from base", ())),
    ('FROM python:3.12-slim\nCMD ["python"]\n', ("pass", "Exec form", (2,))),
    ("FROM python:3.12-slim\nCMD exec python app.py\n", ("pass", "Shell form with exec", (2,))),
    ("FROM python:3.12-slim\nCMD python app.py\n", ("fail", "Shell form", (2,))),
    ('FROM python:3.12-slim\nCMD ["sh", "-c", "exec python app.py"]\n', ("pass", "Shell form with exec", (2,))),
])
def test_exec_form_detail(text, expected):
    assert matrix(text)["exec_form"] == expected


@pytest.mark.parametrize("text, expected", [
    ("FROM python:3.12-slim\n", ("pass", "None", ())),
    ("FROM python:3.12-slim\nRUN apt-get install -y gcc make\n", ("fail", "gcc, make", (2,))),
    ("FROM python:3.12\n", ("warn", "python:3.12", (1,))),
])
def test_no_build_tools_detail(text, expected):
    assert matrix(text)["no_build_tools"] == expected


def test_disabled_rules_leave_their_pattern_passing():
    text = "FROM python:3.12-slim\nUSER 1001\nCMD python app.py\n"
    assert matrix(text, disabled=frozenset({"DH104", "shell-form-command"}))["non_root_user"][0] == "pass"
    assert matrix(text, disabled=frozenset({"DH104", "shell-form-command"}))["exec_form"][0] == "pass"


def test_an_ignored_finding_does_not_count_but_the_detail_stays_true():
    text = """
        FROM python:3.12-slim
        # dockharden ignore=DH701 -- the shell runs a migration first, then execs
        CMD python migrate.py; gunicorn app
    """
    assert matrix(text)["exec_form"] == ("pass", "Shell form", (3,))
