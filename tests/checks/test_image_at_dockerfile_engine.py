"""`inspect --dockerfile` on images the engine built: BuildKit's and the classic builder's
histories matched to the Dockerfile's lines, and SARIF that GitHub code scanning accepts
(every result with a file and a region) with or without the Dockerfile."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dockharden.cli import cli
from dockharden.checks.inspect import check_facts, image_report
from dockharden.checks.lint import check_text
from dockharden.output.formats import FORMATS
from support.image_catalog import APP_PY, DATA_BIN, IMAGES, TOKEN
from support import engine

pytestmark = pytest.mark.engine

DOCKERFILE = """\
FROM BASE AS builder
ARG APP_UID=1000
RUN mkdir /opt/venv && echo built > /opt/venv/marker
FROM builder
ARG BUILD_TOKEN
ENV TRANSFORMERS_CACHE=/models PYTHONUNBUFFERED=1
WORKDIR /app
COPY app.py data.bin /app/
RUN chown -R 1000:1000 /app && \\
    echo "token ${#BUILD_TOKEN}" > /tmp/token-length
RUN cp /usr/bin/true /usr/local/bin/helper && chmod 4755 /usr/local/bin/helper
USER root
HEALTHCHECK --interval=5s CMD curl -f http://localhost:8000/health || exit 1
CMD python3 /app/app.py
"""
# (rule, line, end line) in DOCKERFILE; the same from either builder.
EXPECTED = [
    ("IM301", 4, 4), ("IM904", 4, 4),  # nothing sets them: the final stage's FROM
    ("IM302", 6, 6),  # ENV TRANSFORMERS_CACHE
    ("IM401", 9, 10), ("IM602", 9, 10),  # the RUN chown over two lines, which holds the build argument
    ("IM602", 11, 11), ("IM901", 11, 11),  # the RUN chmod 4755
    ("IM101", 12, 12),  # USER root
    ("IM203", 13, 13), ("IM204", 13, 13),  # HEALTHCHECK curl, interval 5s
    ("IM701", 14, 14),  # shell-form CMD
]
BUILDERS = ("buildkit", "classic")


@pytest.fixture(scope="module")
def built(docker_engine, tmp_path_factory) -> dict[str, str]:
    """DOCKERFILE built by each builder: {builder: tag}; the Dockerfile is at context/Dockerfile."""
    context = tmp_path_factory.mktemp("context")
    (context / "Dockerfile").write_text(DOCKERFILE.replace("FROM BASE", f"FROM {docker_engine}"))
    (context / "app.py").write_bytes(APP_PY)
    (context / "data.bin").write_bytes(DATA_BIN)
    tags = {builder: engine.unique_name(f"dockharden-test/dockerfile-lines-{builder}") for builder in BUILDERS}
    try:
        engine.build(context, "Dockerfile", tags["buildkit"], {"BUILD_TOKEN": TOKEN})
        engine.docker("build", "--network", "host", "--build-arg", f"BUILD_TOKEN={TOKEN}", "-t", tags["classic"],
                      str(context), timeout=1800, env={"DOCKER_BUILDKIT": "0"})
        yield {builder: tag for builder, tag in tags.items()} | {"context": str(context)}
    finally:
        for tag in tags.values():
            engine.remove_image(tag)


def inspect(*args: str):
    return CliRunner().invoke(cli, ["inspect", *args])


def results(log: dict) -> list[dict]:
    return log["runs"][0]["results"]


def accepted_by_code_scanning(log: dict) -> bool:
    """What GitHub requires of each result: a physical location with a file and a start line."""
    places = [place["physicalLocation"] for result in results(log) for place in result["locations"]]
    return all(p["artifactLocation"]["uri"] and p["region"]["startLine"] >= 1 for p in places) and bool(places)


@pytest.mark.parametrize("builder", BUILDERS)
def test_findings_point_at_the_instructions_that_caused_them(built, builder):
    dockerfile = str(Path(built["context"]) / "Dockerfile")
    result = inspect(built[builder], "--dockerfile", dockerfile, "--format", "json")
    [report] = json.loads(result.stdout)["files"]
    assert (result.exit_code, report["path"]) == (1, dockerfile)
    assert [(f["rule"], f["line"], f["end_line"]) for f in report["findings"]] == EXPECTED


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_image_sarif_is_accepted_with_and_without_the_dockerfile(built, builder, sarif_validator):  # noqa: F811
    dockerfile = str(Path(built["context"]) / "Dockerfile")
    alone = json.loads(inspect(built[builder], "--format", "sarif").stdout)
    located = json.loads(inspect(built[builder], "--dockerfile", dockerfile, "--format", "sarif").stdout)
    for log in (alone, located):
        sarif_validator.validate(log)
        assert accepted_by_code_scanning(log)
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results(alone)} == {built[builder]}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results(located)} == {"file://" + dockerfile}
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results(located)] == [
        line for _, line, _ in EXPECTED]


def catalog_model(name: str, base_image: str):
    report, model = check_text(IMAGES[name].dockerfile.replace("FROM BASE", f"FROM {base_image}"), "Dockerfile")
    assert model is not None, report.error
    return model


def line_of(name: str, start: str) -> int:
    """The line of the catalog Dockerfile's instruction that starts with `start`."""
    return next(n for n, line in enumerate(IMAGES[name].dockerfile.split("\n"), 1) if line.startswith(start))


CATALOG_LINES = {
    "named-user": [("IM104", "USER aiuser")],
    "curl-probe": [("IM101", "FROM"), ("IM203", "HEALTHCHECK"), ("IM204", "HEALTHCHECK")],
    "chown-duplicate": [("IM401", "RUN chown")],
    "secret-env": [("IM601", "ENV AWS_SECRET_ACCESS_KEY")],
    "secret-arg-classic": [("IM602", "RUN echo")],
    "secret-arg-buildkit": [("IM602", "RUN echo")],
    "secret-files": [("IM603", "COPY dotenv /app/.env"), ("IM603", "COPY fake_key /root"),
                     ("IM603", "COPY aws_credentials"), ("IM603", "COPY tls_material"), ("IM603", "COPY netrc")],
    "setuid": [("IM901", "RUN cp")],
    "shell-cmd": [("IM701", "CMD")],
    "healthcheck-none": [("IM202", "HEALTHCHECK NONE")],
}


@pytest.mark.parametrize("name", sorted(CATALOG_LINES))
def test_catalog_images_findings_at_their_lines(image_lab, name):
    facts = image_lab.facts(name)["engine"]
    report = check_facts(facts, image_lab.tag(name), dockerfile=catalog_model(name, image_lab.base_image))
    codes = {code for code, _ in CATALOG_LINES[name]}
    assert [(f.rule.code, f.line) for f in report.findings if f.rule.code in codes] == [
        (code, line_of(name, start)) for code, start in CATALOG_LINES[name]]


@pytest.mark.parametrize("name", sorted(IMAGES))
def test_every_catalog_image_sarif_is_accepted(image_lab, name, sarif_validator):  # noqa: F811
    facts, tag = image_lab.facts(name)["engine"], image_lab.tag(name)
    model = catalog_model(name, image_lab.base_image)
    starts = {i.start_line for i in model.dockerfile.instructions}
    for report in (check_facts(facts, tag), check_facts(facts, tag, dockerfile=model)):
        log = json.loads(FORMATS["sarif"](image_report((report,))))
        sarif_validator.validate(log)
        assert accepted_by_code_scanning(log) or not report.findings
    assert {f.line for f in check_facts(facts, tag, dockerfile=model).findings} <= starts
