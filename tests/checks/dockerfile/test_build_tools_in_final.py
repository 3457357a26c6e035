"""DH801 build-tools-in-final: compilers and headers installed in the final stage's lineage."""
from dockharden.checks.dockerfile import build_tools_in_final
from support.lintcase import report, rule_tests

PASSES = {
    "apk-virtual-group-removed": """
        FROM python:3.12-alpine
        RUN apk add --no-cache --virtual .build-deps gcc musl-dev \\
            && pip install --no-cache-dir psycopg2 \\
            && apk del .build-deps
    """,
    "apk-t-group-removed": """
        FROM python:3.12-alpine
        RUN apk add --no-cache -t .build-deps gcc && pip install --no-cache-dir x && apk del .build-deps
    """,
    "apk-virtual-equals": """
        FROM python:3.12-alpine
        RUN apk add --no-cache --virtual=.build-deps gcc && pip install --no-cache-dir x && apk del .build-deps
    """,
    "apt-purged-in-the-same-run": """
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y gcc && pip install --no-cache-dir x \\
            && apt-get purge -y --auto-remove gcc && rm -rf /var/lib/apt/lists/*
    """,
    "builder-only": """
        FROM python:3.12-slim AS builder
        RUN apt-get update && apt-get install -y build-essential
        FROM python:3.12-slim
        COPY --from=builder /opt/venv /opt/venv
    """,
    "runtime-libraries": """
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends libpq5 libgomp1
    """,
    "pip-package-named-like-a-tool": """
        FROM python:3.12-slim
        RUN pip install --no-cache-dir cmake
    """,
}

FLAGS = {
    "gcc": ("""
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y gcc
    """, [2]),
    "build-essential-on-its-own-line": ("""
        FROM python:3.12-slim
        RUN apt-get update && \\
            apt-get install -y --no-install-recommends \\
              build-essential \\
            && rm -rf /var/lib/apt/lists/*
    """, [3]),
    "dev-headers-and-versioned-gcc": ("""
        FROM python:3.12-slim
        RUN apt-get install -y libpq-dev gcc-12
    """, [2]),
    "alpine-build-base": ("""
        FROM python:3.12-alpine
        RUN apk add --no-cache build-base
    """, [2]),
    "removed-only-in-a-later-run": ("""
        FROM python:3.12-alpine
        RUN apk add --no-cache --virtual .build-deps gcc
        RUN apk del .build-deps
    """, [2]),
    "package-outside-the-removed-group": ("""
        FROM python:3.12-alpine
        RUN apk add --virtual .b gcc && apk add --no-cache libpq-dev && apk del .b
    """, [2]),
    "installed-in-the-parent-stage": ("""
        FROM python:3.12-slim AS base
        RUN apt-get install -y gcc
        FROM base
    """, [2]),
}

test_passes, test_flagged = rule_tests(build_tools_in_final, PASSES, FLAGS)


def test_matrix_detail_lists_the_tools_left_in_the_image():
    (pattern,) = [p for p in report(FLAGS["dev-headers-and-versioned-gcc"][0]).patterns if p.pattern == "no_build_tools"]
    assert (pattern.status.value, pattern.detail, pattern.lines) == ("fail", "gcc-12, libpq-dev", (2,))
