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
    "upgrade-without-index": "FROM alpine:3.20\nRUN apk upgrade --no-cache\n",
    "update-then-index-removed": "FROM alpine:3.20\nRUN apk update && apk add --no-cache curl && rm -rf /var/cache/apk/*\n",
    "upgrade-under-a-cache-mount": "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk -U upgrade\n",
    "other-verbs": "FROM alpine:3.20\nRUN apk info && apk del curl\n",
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


def _judged(text):
    from support.lintcase import report

    return [(f.line, f.rule.severity.label, f.message) for f in report(text).findings if f.rule.code == "DH908"]


def test_update_and_upgrade_keep_the_index_they_fetch():
    kept = "the APK index it fetches stays in /var/cache/apk"
    assert _judged("FROM alpine:3.20\nRUN apk -U upgrade\n") == [(2, "warning", f"apk upgrade without --no-cache: {kept}")]
    assert _judged("FROM alpine:3.20\nRUN echo go && \\\n    apk update && apk add --no-cache curl\n") == [
        (3, "warning", f"apk update without --no-cache: {kept}")]


def test_one_finding_per_run_when_an_add_already_keeps_the_cache():
    assert _judged("FROM alpine:3.20\nRUN apk update && apk add curl\n") == [(2, "warning", "apk add without --no-cache")]


def test_info_when_the_install_waits_for_a_build_setting_that_is_off():
    from dockharden.core.vocabulary import Severity
    from support.lintcase import report

    text = 'FROM python:3.12-alpine\nARG DEBUG=0\nRUN if [ "$DEBUG" = 1 ]; then apk add gdb; fi\n'
    assert [(f.line, f.rule.severity) for f in report(text).findings if f.rule.code == "DH908"] == [(3, Severity.INFO)]
