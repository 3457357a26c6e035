"""The image catalog's real images, built on the engine and read in every shape an IMAGE can
take: each bad one is caught for its reason, the good one is clean."""
from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from click.testing import CliRunner

from dockharden.cli import cli
from dockharden.checks.inspect import check_facts, inspect
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import Severity
from support.image_catalog import IMAGES

pytestmark = pytest.mark.engine

SHAPES = ("engine", "docker-save", "docker-save-stream", "oci-dir-gzip", "oci-tar-no-manifest", "oci-tar-zstd-stream")
RUNS_AS_ROOT = {"IM101", "IM201", "IM301", "IM904"}  # no USER, HEALTHCHECK, ENV or labels
EXPECTED_CODES = {
    "good": {"IM904"},
    "no-healthcheck": {"IM201", "IM904"},
    "root": RUNS_AS_ROOT,
    "named-user": {"IM104", "IM201", "IM301", "IM904"},
    "unknown-user": {"IM102", "IM201", "IM301", "IM904"},
    "healthcheck-none": {"IM101", "IM202", "IM301", "IM904"},
    "curl-probe": {"IM101", "IM203", "IM204", "IM301", "IM904"},
    "chown-duplicate": {"IM201", "IM301", "IM401", "IM904"},
    "secret-env": RUNS_AS_ROOT | {"IM601"},
    "secret-arg-classic": RUNS_AS_ROOT | {"IM602"},
    "secret-arg-buildkit": RUNS_AS_ROOT | {"IM602"},
    "secret-files": RUNS_AS_ROOT | {"IM603"},
    "gcc-final": RUNS_AS_ROOT | {"IM801", "IM902", "IM903"},
    "setuid": RUNS_AS_ROOT | {"IM901"},
    "shell-cmd": RUNS_AS_ROOT | {"IM701"},
    "big": RUNS_AS_ROOT | {"IM902"},
    "whiteouts": RUNS_AS_ROOT,
}
ARG_REASON = [("IM602", 3, "step 3: build argument TOKEN: secret-like name with a literal value")]
REASONS = {
    "root": [("IM101", 0, "the image config sets no User: the container runs as root")],
    "named-user": [("IM104", 0, "User aiuser is a name (UID 1000 in /etc/passwd); use USER 1000:1000")],
    "unknown-user": [("IM102", 0, "User ghost: no such user in the image's /etc/passwd")],
    "no-healthcheck": [("IM201", 0, "the image config has no Healthcheck")],
    "healthcheck-none": [("IM202", 0, "the image's Healthcheck is NONE")],
    "curl-probe": [("IM203", 0, "the health check runs curl, which is not in the image"),
                   ("IM204", 0, "timeout 30s is longer than the interval 5s")],
    "chown-duplicate": [("IM401", 4, "step 4 (RUN chown -R 1000:1000 /app) stores 2 files again only to change "
                                     "owner or mode (/app/app.py, /app/data.bin): 300.3 kB reclaimable")],
    "secret-env": [("IM601", 0, "Env AWS_SECRET_ACCESS_KEY: secret-like name with a literal value")],
    "secret-arg-classic": ARG_REASON,
    "secret-arg-buildkit": ARG_REASON,
    "secret-files": [
        ("IM603", 3, "/app/.env: dotenv file, added by step 3 (COPY dotenv /app/.env)"),
        ("IM603", 5, "/root/.ssh/id_rsa: SSH private key, added by step 5 (COPY fake_key /root/.ssh/id_rsa)"),
        ("IM603", 7, "/root/.aws/credentials: AWS credentials, added by step 7 (COPY aws_credentials /root/.aws/credentials)"),
        ("IM603", 8, "/app/config/tls.txt: private key, added by step 8 (COPY tls_material /app/config/tls.txt)"),
        ("IM603", 9, "/root/.netrc: netrc credentials, added by step 9 (COPY netrc /root/.netrc), deleted later but "
                     "still stored in its layer"),
    ],
    "gcc-final": [("IM801", 0, "build tools in the final image: gcc (/usr/bin/gcc), cc (/usr/bin/cc), "
                               "make (/usr/bin/make), gcc-toolchain (/usr/lib/gcc)")],
    "setuid": [("IM901", 2, "/usr/local/bin/helper: setuid (mode 4755, owner 0:0), added by step 2 "
                            "(RUN cp /usr/bin/true /usr/local/bin/helper && chmod 4755 /u…)")],
    "shell-cmd": [("IM701", 0, "Cmd is `/bin/sh -c python3 /app/app.py`: the shell stays PID 1 and swallows SIGTERM")],
}


@pytest.fixture(scope="module")
def settings(image_lab) -> Settings:
    """A size budget 20 MB above the good image: `big` (+40 MB) and `gcc-final` break it."""
    good = image_lab.facts("good")["engine"]
    return Settings(size_budget_mb=math.ceil(good.total_size / 10**6) + 20)


def _findings(facts, settings):
    return [(f.rule.code, f.line, f.message) for f in check_facts(facts, facts.reference, settings).findings]


def test_every_catalog_image_has_expectations():
    assert set(EXPECTED_CODES) == set(IMAGES)
    assert all(code in EXPECTED_CODES[name] for name, reasons in REASONS.items() for code, _, _ in reasons)


@pytest.mark.parametrize("name", sorted(EXPECTED_CODES))
def test_exact_codes_in_every_shape(image_lab, settings, name):
    every = image_lab.facts(name)
    assert tuple(every) == SHAPES
    codes = {shape: {code for code, _, _ in _findings(facts, settings)} for shape, facts in every.items()}
    assert codes == dict.fromkeys(SHAPES, EXPECTED_CODES[name])


@pytest.mark.parametrize("name", sorted(REASONS))
def test_caught_for_its_reason_in_every_shape(image_lab, settings, name):
    for shape, facts in image_lab.facts(name).items():
        found = _findings(facts, settings)
        assert [f for f in found if f in REASONS[name]] == REASONS[name], shape


def test_oversized_images_break_the_budget(image_lab, settings):
    for name in ("big", "gcc-final"):
        for shape, facts in image_lab.facts(name).items():
            message = f"the image holds {facts.total_size / 10**6:.1f} MB, over the {settings.size_budget_mb} MB budget"
            assert ("IM902", 0, message) in _findings(facts, settings), shape


def test_good_image_is_clean_in_every_shape(image_lab, settings):
    for shape, facts in image_lab.facts("good").items():
        report = check_facts(facts, facts.reference, settings)
        assert [f for f in report.findings if f.rule.severity >= Severity.WARNING] == [], shape
        assert [(r.pattern, r.status.value, r.detail) for r in report.patterns] == [
            ("non_root_user", "pass", "UID 1000"), ("healthcheck", "pass", "30s/10s/5s"),
            ("env_config", "pass", "Required ENV set"), ("chown", "pass", "All files 1000:1000"),
            ("multi_stage", "not_checked", "not visible in an image"), ("no_secrets", "pass", "None found"),
            ("exec_form", "pass", "Exec form"), ("no_build_tools", "pass", "None"),
        ], shape


def test_inspect_reads_the_reference_and_the_saved_tarball_alike(image_lab, settings, tmp_path):
    for name in ("good", "secret-files"):
        tag = image_lab.tag(name)
        saved = str(image_lab.saved(name, tmp_path / f"{name}.tar"))
        by_reference, by_file = inspect(tag, settings), inspect(saved, settings)
        assert (by_reference.path, by_reference.kind, by_file.path, by_file.kind) == (tag, "image", saved, "image")
        assert (by_reference.findings, by_reference.patterns) == (by_file.findings, by_file.patterns)


def test_command_on_engine_references(image_lab, settings):
    budget = ("--size-budget-mb", str(settings.size_budget_mb))
    good = CliRunner().invoke(cli, ["inspect", image_lab.tag("good"), *budget])
    assert (good.exit_code, good.stdout.splitlines()[-1]) == (0, "1 image, 0 errors, 0 warnings, 1 info")
    tag = image_lab.tag("shell-cmd")
    bad = CliRunner().invoke(cli, ["inspect", tag, "--format", "json", *budget])
    assert bad.exit_code == 1
    assert [f["rule"] for f in json.loads(bad.stdout)["files"][0]["findings"]] == ["IM101", "IM201", "IM301", "IM701", "IM904"]


def test_unknown_reference_is_one_line_and_exit_2(docker_engine):
    result = subprocess.run([sys.executable, "-m", "dockharden", "inspect", "dockharden-test/no-such-image:1"],
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, len(result.stderr.splitlines())) == (2, "", 1)
    assert result.stderr.startswith("dockharden-test/no-such-image:1: error: ")
