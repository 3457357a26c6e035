"""DH909 apt-recommends-installed: apt installs without --no-install-recommends, in the stages that ship."""
import pytest
from dockharden.checks.dockerfile import apt_recommends_installed
from support.lintcase import report, rule_tests

PASSES = {
    "no-install-recommends": "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
    "option-after-the-packages": "FROM python:3.12-slim\nRUN apt-get install -y curl --no-install-recommends\n",
    "apt-option": "FROM python:3.12-slim\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n",
    "apt-config-written-before": """
        FROM python:3.12-slim
        RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends
        RUN apt-get install -y curl
    """,
    "apt-config-in-the-parent-stage": """
        FROM ubuntu:24.04 AS base
        COPY 99norecommends /etc/apt/apt.conf.d/
        FROM base
        RUN apt-get install -y curl
    """,
    "config-in-the-parent-of-a-target": """
        FROM debian:12 AS a
        RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends
        RUN apt-get install -y curl
        FROM a AS b
        RUN apt-get install -y jq
    """,
    "aptitude-without-recommends": "FROM debian:12\nRUN aptitude install -y -R curl\n",
    "install-without-packages": "FROM debian:12\nRUN apt-get install -f -y\n",
    "powershell": 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN apt-get install curl\n',
}

FLAGS = {
    "apt-get": ("FROM python:3.12-slim\nRUN apt-get update && apt-get install -y python3-pip\n", [2]),
    "apt-and-continuation-line": ("""
        FROM ubuntu:24.04
        RUN apt update && \\
            apt install -y curl
    """, [3]),
    "in-the-parent-of-the-final-stage": ("""
        FROM python:3.12-slim AS base
        RUN apt-get install -y libgomp1
        FROM base
        CMD ["python"]
    """, [2]),
    "config-only-after-the-install": ("""
        FROM debian:12
        RUN apt-get install -y curl
        RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends
    """, [2]),
    "another-target-beside-the-last-stage": ("""
        FROM ubuntu:24.04 AS production
        RUN apt-get update && apt-get install -y software-properties-common
        FROM ubuntu:24.04 AS dev
        RUN apt-get update && apt-get install -y --no-install-recommends git
    """, [2]),
    "a-copy-that-is-no-apt-configuration": ("FROM debian:12\nCOPY etc/ /etc/app/\nADD sources.list /etc/apt/sources.list\n"
                                            "RUN apt-get update && apt-get install -y curl\n", [4]),
    "an-option-of-an-earlier-install-configures-nothing": ("""
        FROM debian:12
        RUN apt-get install -qy -o APT::Install-Recommends=false curl
        RUN apt-get update && ACCEPT_EULA=Y apt-get install -y msodbcsql18
    """, [3]),
    "each-install-of-a-run": ("FROM debian:12\nRUN apt-get install -y a && apt-get install -y --no-install-recommends b && apt-get install -y c\n", [2, 2]),
}

test_passes, test_flagged = rule_tests(apt_recommends_installed, PASSES, FLAGS)


def test_info_in_a_builder_stage_whose_packages_do_not_ship():
    text = """
        FROM python:3.12-slim AS build
        RUN apt-get install -y build-essential
        RUN pip wheel --wheel-dir /w psutil==5.9.8
        FROM python:3.12-slim
        RUN apt-get install -y libgomp1
        COPY --from=build /w /w
    """
    found = [(f.rule.severity.label, f.line, f.message) for f in report(text).findings if f.rule.code == "DH909"]
    assert found == [
        ("info", 2, "apt install without --no-install-recommends: what the packages recommend is installed too (info: a builder "
                    "stage whose files alone are copied on: these packages do not ship, but every build fetches them)"),
        ("warning", 5, "apt install without --no-install-recommends: what the packages recommend is installed too"),
    ]


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

@pytest.mark.parametrize(("line", "expected"), [
    ("RUN apt-get update && apt-get install -y curl", "RUN apt-get update && apt-get install --no-install-recommends -y curl"),
    ("RUN apt-get -y -q install curl", "RUN apt-get -y -q install --no-install-recommends curl"),
    ("RUN apt install -y curl", "RUN apt install --no-install-recommends -y curl"),
    ("RUN aptitude install -y curl", "RUN aptitude install -y curl"),
])
def test_fix(line, expected):
    text = f"FROM python:3.12-slim\n{line} && rm -rf /var/lib/apt/lists/*\n"
    assert fixed(text, apt_recommends_installed) == f"FROM python:3.12-slim\n{expected} && rm -rf /var/lib/apt/lists/*\n"
