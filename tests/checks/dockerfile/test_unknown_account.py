"""DH107 unknown-account: COPY --chown or USER names an account that does not exist there."""
from dockharden.checks.dockerfile import unknown_account
from support.lintcase import report, rule_tests

PASSES = {
    "created-before": "FROM python:3.12-slim\nRUN useradd --uid 1000 app\nCOPY --chown=app:app . /app\nUSER app\n",
    "alpine-addgroup-adduser": "FROM python:3.12-alpine\nRUN addgroup -S web && adduser -S web -G web\nCOPY --chown=web:web . /app\nUSER web:web\n",
    "shipped-by-the-image": "FROM node:22-slim\nCOPY --chown=node:node . /app\nUSER node\n",
    "debian-system-account": "FROM debian:12\nCOPY --chown=www-data:www-data site /var/www\nUSER nobody:nogroup\n",
    "numeric": "FROM python:3.12-slim\nCOPY --chown=1000:1000 . /app\nUSER 1000:1000\n",
    "variable": "FROM python:3.12-slim\nARG APP_USER\nCOPY --chown=${APP_USER} . /app\nUSER ${APP_USER}\n",
    "created-in-the-parent-stage": "FROM python:3.12-slim AS base\nRUN useradd app\nFROM base\nCOPY --chown=app . /app\nUSER app\n",
    "passwd-copied-from-a-stage": ("FROM python:3.12-slim AS b\nRUN printf 'app:x:1001:1001::/home/app:/bin/sh\\n' >> /etc/passwd\n"
                                   "FROM python:3.12-slim\nCOPY --from=b /etc/passwd /etc/passwd\nUSER app\n"),
    "an-unknown-base-image": "FROM ghcr.io/org/runtime:1\nCOPY --chown=app . /app\nUSER app\n",
    "a-script-may-create-it": "FROM python:3.12-slim\nCOPY setup.sh /\nRUN sh /setup.sh\nUSER app\n",
    "curl-pipe-sh": "FROM ubuntu:24.04\nRUN curl -fsSL https://x/install.sh | bash\nUSER app\n",
    "a-package-creates-it": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends postgresql && rm -rf /var/lib/apt/lists/*\nUSER postgres\n",
    "a-variable-account": "FROM python:3.12-slim\nARG NAME\nRUN useradd \"$NAME\"\nUSER app\n",
    "root": "FROM python:3.12-slim\nCOPY --chown=root:root . /app\nUSER root\n",
    "useradd-makes-its-group": "FROM python:3.12-slim\nRUN useradd -m app\nCOPY --chown=app:app . /app\n",
    "passwd-written-otherwise": "FROM python:3.12-slim\nRUN sed -e 's/^x/app/' /tmp/p >> /etc/passwd\nUSER app\n",
    "ubuntu-user": "FROM ubuntu:24.04\nUSER ubuntu\n",
    "ubuntu-user-by-codename": "FROM ubuntu:noble-20240801\nUSER ubuntu\n",
    "ubuntu-user-latest": "FROM ubuntu\nUSER ubuntu\n",
}

FLAGS = {
    "a-name-not-created": ("FROM python:3.12-slim\nRUN useradd --uid 1000 --create-home appuser\nCOPY --chown=app:app . /app\nUSER app\n", [3, 4]),
    "created-after-the-copy": ("FROM python:3.12-slim\nCOPY --chown=app . /app\nRUN useradd app\n", [2]),
    "created-in-a-builder-only": ("FROM python:3.12-slim AS b\nRUN useradd app\nFROM python:3.12-slim\nCOPY --from=b /opt /opt\nUSER app\n", [5]),
    "a-group-that-does-not-exist": ("FROM python:3.12-alpine\nRUN adduser -D -u 1000 app\nUSER app:staff2\n", [3]),
    "ubuntu-user-before-23.04": ("FROM ubuntu:22.04\nUSER ubuntu\n", [2]),
    "ubuntu-user-on-jammy": ("FROM ubuntu:jammy\nCOPY --chown=ubuntu . /app\n", [2]),
}

test_passes, test_flagged = rule_tests(unknown_account, PASSES, FLAGS)


def test_the_message_says_what_is_missing_and_what_fails():
    (finding,) = [f for f in report("FROM python:3.12-slim\nRUN useradd appuser\nUSER app\n").findings if f.rule.code == "DH107"]
    assert finding.message == ("USER app: no user app exists at this line (the file creates none before it and python:3.12-slim "
                               "ships none): later RUNs and the container's start fail")


def test_an_unknown_copy_owner_is_said_to_become_root_under_buildkit():
    """BuildKit counts a name missing from /etc/passwd as 0: the build goes on, the files are root's."""
    (finding,) = [f for f in report("FROM python:3.12-slim\nCOPY --chown=app . /app\n").findings if f.rule.code == "DH107"]
    assert finding.message == ("COPY --chown=app: no user app exists at this line (the file creates none before it and "
                               "python:3.12-slim ships none): BuildKit gives the files to root instead, and other builders "
                               "(podman, kaniko, the legacy builder) fail")
