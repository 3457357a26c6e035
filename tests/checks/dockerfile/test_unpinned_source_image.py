"""DH917 unpinned-source-image: COPY --from and RUN --mount=from naming an unpinned image."""
from dockharden.checks.dockerfile import unpinned_source_image
from support.lintcase import report, rule_tests

PASSES = {
    "tagged": "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /bin/uv\n",
    "digest": "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv@sha256:2381d6aa60c326b71fd40023f921a0a3b8f91b14d5db6b90402e65a635053709 /uv /bin/uv\n",
    "a-stage-by-name-in-any-casing": "FROM python:3.12-slim AS Build\nRUN true\nFROM python:3.12-slim\nCOPY --from=build /x /x\n",
    "a-stage-by-index": "FROM python:3.12-slim\nRUN true\nFROM python:3.12-slim\nCOPY --from=0 /x /x\n",
    "unknown-variable": "FROM python:3.12-slim\nARG UV_IMAGE\nCOPY --from=${UV_IMAGE} /uv /bin/uv\n",
    "mount-of-a-stage": "FROM python:3.12-slim AS wheels\nRUN true\nFROM python:3.12-slim\nRUN --mount=type=bind,from=wheels,source=/w,target=/w pip install /w/*\n",
    "registry-port-is-no-tag": "FROM python:3.12-slim\nCOPY --from=localhost:5000/tools:1.2 /x /x\n",
}

FLAGS = {
    "latest": ("FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv\n", [2]),
    "no-tag": ("FROM python:3.12-slim\nCOPY --from=gloursdocker/docker / /\n", [2]),
    "after-arg-expansion": ("ARG X\nFROM python:3.12-slim\nARG UV=ghcr.io/astral-sh/uv\nCOPY --from=${UV} /uv /bin/uv\n", [4]),
    "mount-from-an-image": ("FROM python:3.12-slim\nRUN --mount=from=ghcr.io/astral-sh/uv,source=/uv,target=/bin/uv uv --version\n", [2]),
    "registry-port-without-tag": ("FROM python:3.12-slim\nCOPY --from=localhost:5000/tools /x /x\n", [2]),
}

test_passes, test_flagged = rule_tests(unpinned_source_image, PASSES, FLAGS)


def test_info_for_an_image_this_repository_builds(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "app_deps").mkdir()
    (tmp_path / "app_deps" / "Dockerfile").write_text("FROM scratch\nCOPY models /models\n")
    text = ("FROM python:3.12-slim\nRUN --mount=type=bind,from=example/app_deps:latest,source=/models,target=/m cp -r /m /models\n"
            "COPY --from=example/app_deps /models /models\n")
    findings = [f for f in report(text, context_dir=tmp_path).findings if f.rule.code == "DH917"]
    assert [(f.rule.severity.label, f.line) for f in findings] == [("info", 2), ("info", 3)]
    assert "this repository builds it (app_deps/Dockerfile)" in findings[0].message


def test_info_for_a_bare_name_no_registry_serves():
    text = "FROM python:3.12-slim\nCOPY --from=app_assets /x /x\nCOPY --from=nginx /etc/nginx /etc/nginx\n"
    findings = [f for f in report(text).findings if f.rule.code == "DH917"]
    assert [(f.rule.severity.label, f.line) for f in findings] == [("info", 2), ("warning", 3)]


def test_a_registry_with_a_port_is_no_bare_name():
    """`localhost:5000/app` is an image on a registry, as DH902 has it: the colon before the
    port is not a tag's, and the name is not a local one."""
    text = "FROM python:3.12-slim\nCOPY --from=localhost:5000/app /x /x\nCOPY --from=registry.local:5000/tools:latest /y /y\n"
    findings = [f for f in report(text).findings if f.rule.code == "DH917"]
    assert [(f.rule.severity.label, f.line, f.message) for f in findings] == [
        ("warning", 2, "localhost:5000/app is not pinned to a version tag"),
        ("warning", 3, "registry.local:5000/tools:latest is not pinned to a version tag")]
