"""DH904 apt-lists-kept: apt-get install without removing /var/lib/apt/lists in the same RUN."""
import pytest
from dockharden.checks.dockerfile import apt_lists_kept
from support.lintcase import rule_tests

PASSES = {
    "removed": "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libgomp1 && rm -rf /var/lib/apt/lists/*\n",
    "removed-without-glob": "FROM python:3.12-slim\nRUN apt-get install -y x && apt-get clean && rm -rf /var/lib/apt/lists\n",
    "cache-mount": "FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y x\n",
    "update-only": "FROM python:3.12-slim\nRUN apt-get update\n",
    "builder-whose-output-alone-is-copied": """
        FROM debian:12-slim AS build
        RUN apt-get update && apt-get install -y gcc && gcc -o /hello hello.c
        FROM debian:12-slim
        COPY --from=build /hello /hello
    """,
    "tmpfs-over-the-lists": "FROM debian:12-slim\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y x\n",
    "upgrade-with-the-lists-removed": "FROM debian:12-slim\nRUN apt-get update && apt-get -y upgrade && rm -rf /var/lib/apt/lists/*\n",
    "upgrade-without-update": "FROM debian:12-slim\nRUN apt-get -y upgrade\n",  # the lists are an earlier layer's
    "upgrade-in-a-builder": """
        FROM debian:12-slim AS build
        RUN apt-get update && apt-get dist-upgrade -y && make
        FROM debian:12-slim
        COPY --from=build /out /out
    """,
    "playwright-with-the-lists-removed": "FROM python:3.12-slim\nRUN playwright install --with-deps chromium && rm -rf /var/lib/apt/lists/*\n",
    "playwright-without-deps": "FROM python:3.12-slim\nRUN playwright install chromium\n",
    "parent-folder-removed": "FROM debian:12-slim\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/*\n",
    # no update here, and the RUN that updated removed the lists: this RUN writes none
    "no-update-after-the-lists-were-removed": """
        FROM debian:12-slim AS base
        RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
        FROM base
        RUN apt-get install -y --no-install-recommends libopenblas-dev
    """,
}

FLAGS = {
    "kept": ("FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libgomp1\n", [2]),
    "removed-in-a-later-run": ("""
        FROM python:3.12-slim
        RUN apt install -y libgomp1
        RUN rm -rf /var/lib/apt/lists/*
    """, [2]),
    "install-on-a-continuation-line": ("""
        FROM python:3.12-slim
        RUN apt-get update && \\
            apt-get install -y --no-install-recommends libgomp1
    """, [3]),
    # dash has no brace expansion: this removes nothing
    "update-and-upgrade-removed-in-a-later-run": ("""
        FROM python:3.8-slim
        RUN apt-get update \\
            && apt-get -y --quiet dist-upgrade
        RUN rm -rf /var/lib/apt/lists/*
    """, [3]),
    "upgrade-beside-a-pip-install": ("FROM python:3.12-slim\nRUN apt-get update && apt-get -y upgrade && pip install --no-cache-dir flask\n", [2]),
    "playwright-with-deps": ("FROM python:3.12-slim\nRUN pip install --no-cache-dir playwright && playwright install --with-deps chromium\n", [2]),
    "playwright-install-deps-through-python": ("FROM python:3.12-slim\nRUN python -m playwright install-deps\n", [2]),
    "npx-playwright": ("FROM node:22-bookworm\nRUN npx playwright install --with-deps\n", [2]),
    # the update at line 2 kept the lists in its layer and they ship: one RUN with the rm is the fix
    "no-update-after-an-update-that-kept-them": ("""
        FROM debian:12-slim
        RUN apt-get update
        RUN apt-get install -y --no-install-recommends curl
    """, [3]),
    "updated-again-after-a-removal": ("""
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
        RUN apt-get update && apt-get upgrade -y
        RUN apt-get install -y --no-install-recommends git
    """, [3, 4]),  # line 3's update and upgrade keep the lists too
    "brace-expansion-in-dash": ("FROM debian:12-slim\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/{apt,dpkg}/lists\n", [2]),
}

test_passes, test_flagged = rule_tests(apt_lists_kept, PASSES, FLAGS)


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

@pytest.mark.parametrize(("text", "expected"), [
    ("RUN apt-get update && apt-get install -y --no-install-recommends curl\n",
     "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"),
    ("RUN apt-get update \\\n    # tools\n    && apt-get install -y --no-install-recommends curl\n",
     "RUN apt-get update \\\n    # tools\n    && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"),
    ("RUN apt-get update && apt-get install -y --no-install-recommends curl  # tools\n",
     "RUN apt-get update && apt-get install -y --no-install-recommends curl  # tools\n"),  # would join the comment
])
def test_fix(text, expected):
    assert fixed("FROM python:3.12-slim\n" + text, apt_lists_kept) == "FROM python:3.12-slim\n" + expected


def test_an_upgrade_is_named_once_with_its_verb():
    from support.lintcase import report
    text = "FROM debian:12-slim\nRUN apt-get update && apt-get -y upgrade && apt-get -y full-upgrade\n"
    findings = [f for f in report(text).findings if f.rule.code == "DH904"]
    assert [(f.line, f.message) for f in findings] == [(2, "apt-get update and upgrade without rm -rf /var/lib/apt/lists/* in the same RUN")]
    assert fixed(text, apt_lists_kept) == "FROM debian:12-slim\nRUN apt-get update && apt-get -y upgrade && apt-get -y full-upgrade && rm -rf /var/lib/apt/lists/*\n"


def test_info_when_the_install_waits_for_a_build_setting_that_is_off():
    from dockharden.core.vocabulary import Severity
    from support.lintcase import report

    text = ('FROM python:3.12-slim\nARG INSTALL_DEBUG\n'
            'RUN if [ "$INSTALL_DEBUG" ]; then apt-get update && apt-get install -y --no-install-recommends vim; fi\n')
    assert [(f.line, f.rule.severity) for f in report(text).findings if f.rule.code == "DH904"] == [(3, Severity.INFO)]


def test_another_target_beside_a_scratch_export_is_still_judged():
    from support.lintcase import report

    text = ("FROM debian:12-slim AS gen\nRUN echo > /out.txt\nFROM debian:12-slim AS test\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends make\nFROM scratch\nCOPY --from=gen /out.txt /\n")
    assert [(f.line, f.rule.severity.label) for f in report(text).findings if f.rule.code == "DH904"] == [(4, "warning")]


def test_an_install_off_by_default_in_an_output_only_image_says_why_once(tmp_path):
    from dockharden.checks.lint import lint_text

    (tmp_path / ".git").mkdir()
    (tmp_path / "Makefile").write_text("lib:\n\tdocker build -t acme-lib-build .\n\tdocker cp $$(docker create acme-lib-build):/out/a.so .\n")
    text = 'FROM debian:12-slim\nARG DEBUG\nRUN if [ "$DEBUG" ]; then apt-get update && apt-get install -y --no-install-recommends gdb; fi\n'
    (tmp_path / "Dockerfile").write_text(text)
    (found,) = [f for f in lint_text(text, "Dockerfile", tmp_path).findings if f.rule.code == "DH904"]
    assert found.message == ("apt-get install without rm -rf /var/lib/apt/lists/* in the same RUN "
                             "(info: only when DEBUG is set, a build setting that is off by default)")
