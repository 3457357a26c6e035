"""`inspect --dockerfile`: image findings at the lines of the Dockerfile the image was built
from (history steps matched to instructions, config findings at the instruction that set
what they read, the rest at the FROM line), on small images made in memory."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dockharden.cli import cli
from dockharden.checks.inspect import check_facts
from dockharden.checks.lint import check_text
from dockharden.core.vocabulary import PatternResult, Status
from support.archives import directory, file

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
DOCKERFILE = f"""\
FROM python:3.12-slim
WORKDIR /app
COPY . /app
RUN chown -R 1000:1000 /app
ENV AWS_SECRET_ACCESS_KEY={SECRET} PYTHONUNBUFFERED=1
ENV TRANSFORMERS_CACHE=/models
USER app
HEALTHCHECK CMD curl -f http://localhost:8000/health
CMD python3 /app/main.py
"""
DATA = b"x" * 5000
COPIED = [directory("app"), file("app/main.py", b"print(1)\n"), file("app/data.bin", DATA)]
CHOWNED = [directory("app", uid=1000, gid=1000), file("app/main.py", b"print(1)\n", uid=1000, gid=1000),
           file("app/data.bin", DATA, uid=1000, gid=1000)]
CURL = ["CMD-SHELL", "curl -f http://localhost:8000/health"]


def config_step(created_by: str) -> dict:
    return {"created_by": created_by, "empty_layer": True}


# BuildKit's history of DOCKERFILE (after the base image's two steps).
STEPS = (config_step("WORKDIR /app"), "COPY . /app # buildkit", "RUN /bin/sh -c chown -R 1000:1000 /app # buildkit",
         config_step(f"ENV AWS_SECRET_ACCESS_KEY={SECRET} PYTHONUNBUFFERED=1"), config_step("ENV TRANSFORMERS_CACHE=/models"),
         config_step("USER app"), config_step('HEALTHCHECK &{["CMD-SHELL" "curl -f http://localhost:8000/health"] "0s" "0s" "0s" \'\\x00\'}'),
         config_step('CMD ["/bin/sh" "-c" "python3 /app/main.py"]'))
CONFIG = {"User": "app", "Env": ["PATH=/usr/bin:/bin", f"AWS_SECRET_ACCESS_KEY={SECRET}", "PYTHONUNBUFFERED=1",
                                 "TRANSFORMERS_CACHE=/models"],
          "Healthcheck": {"Test": CURL}, "Cmd": ["/bin/sh", "-c", "python3 /app/main.py"], "Labels": None}
# (code, line, end line) of each finding; the image's own lines: step 5 for IM401, 0 for the rest.
AT_DOCKERFILE = [
    ("IM301", 1, 1), ("IM904", 1, 1),  # nothing sets the missing ENV key and labels: the FROM line
    ("IM401", 4, 4),  # the RUN chown that made the duplicate layer
    ("IM601", 5, 5), ("IM302", 6, 6),  # the ENV that set each variable
    ("IM104", 7, 7), ("IM203", 8, 8), ("IM701", 9, 9),  # USER, HEALTHCHECK, CMD
]


def model(text: str = DOCKERFILE):
    report, parsed = check_text(text, "Dockerfile")
    assert parsed is not None, report.error
    return parsed


@pytest.fixture
def facts(image_facts):
    return image_facts(COPIED, CHOWNED, steps=STEPS, **CONFIG)


def placed(report) -> list[tuple[str, int, int]]:
    return [(f.rule.code, f.line, f.last_line) for f in report.findings]


def test_each_finding_points_at_the_instruction_that_caused_it(facts):
    assert [(f.rule.code, f.line) for f in check_facts(facts, "image.tar").findings] == [
        ("IM104", 0), ("IM203", 0), ("IM301", 0), ("IM302", 0), ("IM601", 0), ("IM701", 0), ("IM904", 0), ("IM401", 5)]
    report = check_facts(facts, "image.tar", dockerfile=model())
    assert placed(report) == AT_DOCKERFILE
    assert report.path == "Dockerfile" and ("image", "image.tar") in report.facts


def test_messages_and_the_matrix_follow_the_dockerfile_lines(facts):
    before = {f.rule.code: f.message for f in check_facts(facts, "image.tar").findings}
    report = check_facts(facts, "image.tar", dockerfile=model())
    assert {f.rule.code: f.message for f in report.findings} == before
    patterns = {p.pattern: p for p in report.patterns}
    assert patterns["non_root_user"] == PatternResult("non_root_user", Status.WARN, "app (UID 1000)", (7,))
    assert patterns["chown"].lines == (4,)


def test_a_setting_the_base_image_made_points_at_the_from_line(image_facts):
    """The image's User comes from the base (the Dockerfile has no USER): nothing to point at but FROM."""
    steps = ('/bin/sh -c #(nop)  USER root', "COPY . /app # buildkit")
    facts = image_facts([], COPIED, steps=({"created_by": steps[0], "empty_layer": True}, steps[1]), User="root")
    dockerfile = model("FROM python:3.12-slim AS base\nRUN true\nFROM python:3.12-slim\nCOPY . /app\n")
    assert [(f.rule.code, f.line) for f in check_facts(facts, "image.tar", dockerfile=dockerfile).findings
            if f.rule.code == "IM101"] == [("IM101", 3)]


def test_the_entrypoint_is_judged_before_the_cmd(image_facts):
    steps = tuple(config_step(s) for s in ('ENTRYPOINT ["/bin/sh" "-c" "python3 app.py"]', 'CMD ["--port" "8000"]'))
    facts = image_facts(COPIED, steps=("COPY . /app # buildkit",) + steps, Entrypoint=["/bin/sh", "-c", "python3 app.py"],
                        Cmd=["--port", "8000"])
    dockerfile = model('FROM python:3.12-slim\nCOPY . /app\nENTRYPOINT python3 app.py\nCMD ["--port", "8000"]\n')
    found = check_facts(facts, "image.tar", dockerfile=dockerfile).findings
    assert [(f.rule.code, f.line) for f in found if f.rule.code == "IM701"] == [("IM701", 3)]  # not CMD's line 4


def run(*args: str):
    return CliRunner().invoke(cli, ["inspect", *args])


@pytest.fixture
def image_and_dockerfile(image_file, tmp_path):
    image = image_file(COPIED, CHOWNED, steps=STEPS, **CONFIG)
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    return str(image), str(tmp_path / "Dockerfile")


def test_sarif_results_point_at_the_dockerfile(image_and_dockerfile, sarif_validator):  # noqa: F811
    image, dockerfile = image_and_dockerfile
    result = run(image, "--dockerfile", dockerfile, "--format", "sarif")
    log = json.loads(result.stdout)
    sarif_validator.validate(log)
    uri = "file://" + dockerfile
    places = [(r["ruleId"], r["locations"][0]["physicalLocation"]) for r in log["runs"][0]["results"]]
    assert result.exit_code == 1
    assert places == [(code, {"artifactLocation": {"uri": uri}, "region": {"startLine": line, "endLine": end}})
                      for code, line, end in AT_DOCKERFILE]


def test_text_names_the_dockerfile_lines(image_and_dockerfile):
    image, dockerfile = image_and_dockerfile
    lines = run(image, "--dockerfile", dockerfile).stdout.splitlines()
    assert lines[2] == (f"{dockerfile}:4 IM401 chown-duplicate-layer [error] step 5 (RUN chown -R 1000:1000 /app) stores "
                        "2 files again only to change owner or mode (/app/main.py, /app/data.bin): 5.0 kB reclaimable")
    assert lines[-1] == "1 image, 4 errors, 3 warnings, 1 info"


def test_a_dockerfile_that_cannot_be_read_is_an_input_error(image_and_dockerfile, tmp_path):
    image, _ = image_and_dockerfile
    (tmp_path / "Broken.Dockerfile").write_text("RUN echo hi\n")
    result = run(image, "--dockerfile", str(tmp_path / "Broken.Dockerfile"))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"{tmp_path}/Broken.Dockerfile: error: line 1: no FROM instruction\n")
    missing = run(image, "--dockerfile", str(tmp_path / "missing"))
    assert (missing.exit_code, missing.stderr) == (2, f"{tmp_path}/missing: error: cannot read: No such file or directory\n")
