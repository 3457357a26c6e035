"""DH914 apt-instead-of-apt-get: apt, whose interface is not stable, in a RUN."""
from dockharden.checks.dockerfile import apt_instead_of_apt_get
from support.lintcase import rule_tests

PASSES = {
    "apt-get": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
    "apt-cache-and-apt-key": "FROM debian:12\nRUN apt-cache policy curl && apt-key list\n",
    "apt-in-a-string": "FROM debian:12\nRUN echo 'apt install x'\n",
}

FLAGS = {
    "apt": ("FROM debian:12\nRUN apt update && apt install -y curl\n", [2]),
    "once-per-run-at-the-first": ("FROM debian:12\nRUN echo start && \\\n    apt update && apt install -y curl\n", [3]),
    "full-path": ("FROM debian:12\nRUN /usr/bin/apt-get update && /usr/bin/apt upgrade -y\n", [2]),
}

test_passes, test_flagged = rule_tests(apt_instead_of_apt_get, PASSES, FLAGS)
