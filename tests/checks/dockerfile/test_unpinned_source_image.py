"""DH917 unpinned-source-image: COPY --from and RUN --mount=from naming an unpinned image."""
from dockharden.checks.dockerfile import unpinned_source_image
from support.lintcase import rule_tests

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
