"""Where a deployment uses each image (`inspect --from-compose`, `--from-k8s`, `--images-from`),
in every report format: a checked image, one with no finding, and one that could not be read."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from dockharden.core.vocabulary import FileReport, Finding, Report
from dockharden.output.formats import FORMATS

from .conftest import MISSING_HEALTHCHECK, ROOT_USER

WEB = ("compose.yaml, service web", "compose.yaml, service worker")
JOB = ("k8s/job.yaml: Job migrate, init container db|wait",)


@pytest.fixture
def deployment_report() -> Report:
    root = FileReport("registry.example/app:1", (Finding(ROOT_USER, 0, "the image runs as root"),), kind="image",
                      facts=tuple(("used_in", place) for place in WEB))
    clean = FileReport("registry.example/clean:2", kind="image", facts=(("layers", "3"),))
    missing = FileReport("registry.example/job:3", error="manifest not found", kind="image",
                         facts=tuple(("used_in", place) for place in JOB))
    return Report((root, clean, missing), (ROOT_USER, MISSING_HEALTHCHECK))


def test_markdown_has_a_used_in_line_under_each_image_heading(deployment_report):
    assert FORMATS["markdown"](deployment_report) == "\n".join([
        "# dockharden findings", "", "3 images, 1 error, 0 warnings, 1 image not checked", "",
        "## `registry.example/app:1`", "",
        "**Used in:** compose.yaml, service web; compose.yaml, service worker", "",
        "| Line | Rule | Severity | Message |", "|------|------|----------|---------|",
        "| - | DH001 `root-user` | error | the image runs as root |", "",
        "## `registry.example/clean:2`", "", "No findings.", "",
        "## `registry.example/job:3`", "",
        "**Used in:** k8s/job.yaml: Job migrate, init container db\\|wait", "",
        "**Not checked:** manifest not found",
    ]) + "\n"


def test_sarif_results_and_run_carry_used_in(deployment_report, sarif_validator):
    log = json.loads(FORMATS["sarif"](deployment_report))
    sarif_validator.validate(log)
    run = log["runs"][0]
    assert run["properties"] == {"used_in": {"registry.example/app:1": list(WEB), "registry.example/job:3": list(JOB)}}
    assert [result["properties"] for result in run["results"]] == [{"used_in": list(WEB)}]


def test_sarif_without_deployments_has_no_used_in(sample_report):
    run = json.loads(FORMATS["sarif"](sample_report))["runs"][0]
    assert "properties" not in run
    assert all("properties" not in result for result in run["results"])


def test_junit_suite_properties_say_where_the_image_is_used(deployment_report):
    text = FORMATS["junit"](deployment_report)
    suites = ET.fromstring(text.encode("utf-8"))
    assert [[(p.get("name"), p.get("value")) for p in suite.iter("property")] for suite in suites] == [
        [("used_in", WEB[0]), ("used_in", WEB[1])], [], [("used_in", JOB[0])],
    ]
    assert [suite[0].tag for suite in suites] == ["properties", "testcase", "properties"]
    assert (
        '  <testsuite name="registry.example/job:3" tests="1" failures="0" errors="1">\n'
        "    <properties>\n"
        '      <property name="used_in" value="k8s/job.yaml: Job migrate, init container db|wait" />\n'
        "    </properties>\n"
        '    <testcase classname="registry.example/job:3" name="read and parse">\n'
    ) in text


def test_text_and_json_still_say_it(deployment_report):
    text = FORMATS["text"](deployment_report).splitlines()
    assert text[:3] == [
        "registry.example/app:1: used in compose.yaml, service web",
        "registry.example/app:1: used in compose.yaml, service worker",
        "registry.example/app:1 DH001 root-user [error] the image runs as root",
    ]
    files = json.loads(FORMATS["json"](deployment_report))["files"]
    assert [file.get("used_in") for file in files] == [list(WEB), None, list(JOB)]
