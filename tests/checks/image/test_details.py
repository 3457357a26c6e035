"""details.py: the image's verification matrix: status from the worst finding, detail from the facts."""
from __future__ import annotations

import pytest

from dockharden.checks.inspect import check_facts
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import PATTERNS, PatternResult, Status
from support.archives import directory, file
from support.inspect_support import APP_LAYER

PASS, WARN, FAIL, NOT_CHECKED = Status.PASS, Status.WARN, Status.FAIL, Status.NOT_CHECKED


def matrix(facts, settings=Settings()) -> dict[str, tuple[Status, str]]:
    return {r.pattern: (r.status, r.detail) for r in check_facts(facts, "image.tar", settings).patterns}


def test_good_image_row(image_facts):
    results = check_facts(image_facts(), "image.tar").patterns
    assert tuple(r.pattern for r in results) == PATTERNS
    assert results == (
        PatternResult("non_root_user", PASS, "UID 1000"),
        PatternResult("healthcheck", PASS, "30s/10s/5s"),
        PatternResult("env_config", PASS, "Required ENV set"),
        PatternResult("chown", PASS, "All files 1000:1000"),
        PatternResult("multi_stage", NOT_CHECKED, "not visible in an image"),
        PatternResult("no_secrets", PASS, "None found"),
        PatternResult("exec_form", PASS, "Exec form"),
        PatternResult("no_build_tools", PASS, "None"),
    )


@pytest.mark.parametrize(("user", "cell"), [
    (None, (FAIL, "root (no USER)")),
    ("0", (FAIL, "root")),
    ("app", (WARN, "app (UID 1000)")),
    ("ghost", (FAIL, "ghost (UID unknown)")),
    ("1500", (WARN, "UID 1500")),
])
def test_user_cell(image_facts, user, cell):
    assert matrix(image_facts(User=user))["non_root_user"] == cell


@pytest.mark.parametrize(("healthcheck", "cell"), [
    (None, (FAIL, "missing")),
    ({"Test": ["NONE"]}, (FAIL, "NONE")),
    ({"Test": ["CMD-SHELL", "curl -f http://localhost/"], "Interval": 5_000_000_000}, (FAIL, "5s/30s/0s, curl missing")),
    ({"Test": ["CMD", "python3", "-c", "1"], "Timeout": 60_000_000_000}, (WARN, "30s/60s/0s")),
])
def test_healthcheck_cell(image_facts, healthcheck, cell):
    assert matrix(image_facts(Healthcheck=healthcheck))["healthcheck"] == cell


def test_env_cell(image_facts):
    assert matrix(image_facts(Env=["PYTHONUNBUFFERED=1"]))["env_config"] == (WARN, "Missing PYTHONDONTWRITEBYTECODE")
    gunicorn = ["PYTHONUNBUFFERED=1", "PYTHONDONTWRITEBYTECODE=1", "GUNICORN_WORKERS=2"]
    assert matrix(image_facts(Env=gunicorn))["env_config"] == (PASS, "Required ENV set + Gunicorn vars")


def test_chown_cells(image_facts):
    copied = [directory("app"), file("app/main.py", b"print(1)\n")]
    chowned = [directory("app", uid=1000, gid=1000), file("app/main.py", b"print(1)\n", uid=1000, gid=1000)]
    read_only = [directory("app"), file("app/main.py", b"1"), directory("app/models", uid=1000, gid=1000)]
    foreign = APP_LAYER + [file("app/x.py", b"", uid=1001, gid=1001)]
    assert matrix(image_facts(copied, chowned))["chown"] == (FAIL, "1 duplicate layer, 9 B reclaimable")
    assert matrix(image_facts(read_only))["chown"] == (PASS, "Root-owned, read-only code")
    assert matrix(image_facts(foreign))["chown"] == (WARN, "Owners 1000:1000, 1001:1001")
    assert matrix(image_facts(WorkingDir=None))["chown"] == (PASS, "No WORKDIR")
    assert matrix(image_facts(WorkingDir="/srv"))["chown"] == (PASS, "WORKDIR /srv missing")
    assert matrix(image_facts([directory("app")]))["chown"] == (PASS, "All files 0:0")


def test_secrets_exec_form_and_build_tools_cells(image_facts):
    facts = image_facts(APP_LAYER + [file("app/.env", b"A=1\n"), file("usr/bin/gcc", b"", mode=0o755)],
                        Env=["PYTHONUNBUFFERED=1", "PYTHONDONTWRITEBYTECODE=1", "API_TOKEN=abcdef123456"],
                        Cmd=["/bin/sh", "-c", "python3 app.py"])
    cells = matrix(facts)
    assert cells["no_secrets"] == (FAIL, "2 found")
    assert cells["exec_form"] == (FAIL, "Shell form")
    assert cells["no_build_tools"] == (FAIL, "gcc")
    assert matrix(image_facts(Cmd=["/bin/sh", "-c", "exec python3 app.py"]))["exec_form"] == (PASS, "Shell form with exec")
    assert matrix(image_facts(Cmd=None))["exec_form"] == (PASS, "No CMD")


def test_disabled_rules_do_not_fail_their_pattern(image_facts):
    settings = Settings(disabled=frozenset({"IM101", "image-missing-healthcheck"}))
    cells = matrix(image_facts(User=None, Healthcheck=None), settings)
    assert cells["non_root_user"] == (PASS, "root (no USER)")
    assert cells["healthcheck"] == (PASS, "missing")


def test_lines_are_the_history_steps_of_the_findings(image_facts):
    copied = [directory("app"), file("app/main.py", b"print(1)\n")]
    chowned = [directory("app", uid=1000, gid=1000), file("app/main.py", b"print(1)\n", uid=1000, gid=1000)]
    results = {r.pattern: r for r in check_facts(image_facts(copied, chowned), "image.tar").patterns}
    assert results["chown"].lines == (4,)
    assert results["non_root_user"].lines == ()
