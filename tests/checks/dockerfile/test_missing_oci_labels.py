"""DH905 missing-oci-labels: version/created/revision labels not taken from build args."""
from dockharden.checks.dockerfile import missing_oci_labels
from support.lintcase import report, rule_tests

FROM_ARGS = """
    ARG APP_VERSION=1.0.0
    ARG BUILD_DATE=unknown
    ARG COMMIT_SHA=unknown
    FROM python:3.12-slim
    ARG APP_VERSION
    ARG BUILD_DATE
    ARG COMMIT_SHA
    LABEL org.opencontainers.image.version="${APP_VERSION}" \\
          org.opencontainers.image.created="${BUILD_DATE}" \\
          org.opencontainers.image.revision=$COMMIT_SHA
"""

PASSES = {
    "from-build-args": FROM_ARGS,
    "inherited-from-parent": FROM_ARGS.replace("FROM python:3.12-slim\n", "FROM python:3.12-slim AS base\n") + "    FROM base\n",
}

FLAGS = {
    "none": ("FROM python:3.12-slim\n", [1]),
    "literal-values": ("""
        FROM python:3.12-slim
        LABEL org.opencontainers.image.version="1.0.0" \\
              org.opencontainers.image.created="2024-01-01" \\
              org.opencontainers.image.revision="abc123"
    """, [1]),
    "labels-only-in-builder": (FROM_ARGS + "    FROM python:3.12-slim\n", [11]),
}

test_passes, test_flagged = rule_tests(missing_oci_labels, PASSES, FLAGS)


def test_message_names_what_is_missing():
    text = """
        FROM python:3.12-slim
        ARG V=1
        LABEL org.opencontainers.image.version=$V
    """
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH905"]
    assert finding.message == "no label from a build arg for: org.opencontainers.image.created, org.opencontainers.image.revision"
