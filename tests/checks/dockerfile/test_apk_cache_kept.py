"""DH908 apk-cache-kept: apk add without --no-cache."""
from dockharden.checks.dockerfile import apk_cache_kept
from support.lintcase import rule_tests

PASSES = {
    "no-cache": "FROM python:3.12-alpine\nRUN apk add --no-cache libstdc++\n",
    "no-cache-before-the-verb": "FROM python:3.12-alpine\nRUN apk --no-cache add libstdc++\n",
    "cache-removed": "FROM python:3.12-alpine\nRUN apk add libstdc++ && rm -rf /var/cache/apk/*\n",
    "cache-mount": "FROM python:3.12-alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add libstdc++\n",
    "apk-del": "FROM python:3.12-alpine\nRUN apk del .build-deps\n",
    "no-cache-prefix": "FROM python:3.12-alpine\nRUN apk add --no-cac libstdc++\n",
    "builder-whose-output-alone-is-copied": """
        FROM alpine:3.20 AS build
        RUN apk add gcc musl-dev && gcc -o /hello hello.c
        FROM alpine:3.20
        COPY --from=build /hello /hello
    """,
}

FLAGS = {
    "kept": ("FROM python:3.12-alpine\nRUN apk add libstdc++\n", [2]),
    "on-a-continuation-line": ("""
        FROM python:3.12-alpine
        RUN echo start && \\
            apk add --virtual .build-deps gcc
    """, [3]),
}

test_passes, test_flagged = rule_tests(apk_cache_kept, PASSES, FLAGS)


def test_info_when_the_install_waits_for_a_build_setting_that_is_off():
    from dockharden.core.vocabulary import Severity
    from support.lintcase import report

    text = 'FROM python:3.12-alpine\nARG DEBUG=0\nRUN if [ "$DEBUG" = 1 ]; then apk add gdb; fi\n'
    assert [(f.line, f.rule.severity) for f in report(text).findings if f.rule.code == "DH908"] == [(3, Severity.INFO)]
