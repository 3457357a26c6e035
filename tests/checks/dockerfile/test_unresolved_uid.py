"""DH103 unresolved-uid: a non-root USER whose UID the Dockerfile does not pin."""
import pytest
from dockharden.checks.dockerfile import unresolved_uid
from support.lintcase import flagged, model_of, rule_tests

PASSES = {
    "a-system-user-of-debian": """
        FROM python:3.12-slim
        USER nobody:nogroup
    """,
    "airflow-of-apache-airflow": """
        FROM apache/airflow:2.9.3
        USER airflow
    """,
    "nginx-of-the-official-nginx-image": """
        FROM nginx:1.27-alpine
        USER nginx
    """,
    "nginx-of-nginx-unprivileged": """
        FROM nginxinc/nginx-unprivileged:1.27
        USER nginx:nginx
    """,
    "adduser-of-rhel-is-useradd": """
        FROM registry.access.redhat.com/ubi9
        RUN adduser --uid 1000 -G 0 --home-dir /srv/web --no-create-home webapp
        USER webapp
    """,
    "numeric": """
        FROM python:3.12-slim
        USER 1000:1000
    """,
    "arg-default": """
        FROM python:3.12-slim
        ARG UID=1000
        USER ${UID}
    """,
    "arg-default-operator": """
        FROM python:3.12-slim
        USER ${UID:-1000}:${GID:-1000}
    """,
    "global-arg-redeclared-in-stage": """
        ARG UID=1000
        FROM python:3.12-slim
        ARG UID
        USER $UID
    """,
    # A stage built FROM another inherits its ARGs (Docker's build-variables docs).
    "arg-of-the-parent-stage": """
        FROM python:3.12-slim AS release
        ARG uid=1001
        USER ${uid}
        FROM release AS development
        USER root
        RUN pip install pytest
        USER ${uid}
    """,
    "group-variable-unknown-user-numeric": """
        FROM python:3.12-slim
        ARG UID=1000
        ARG GID
        USER ${UID}:${GID}
    """,
    "useradd-u": """
        FROM python:3.12-slim
        RUN groupadd -g 1000 app && useradd -u 1000 -g app -m app
        USER app
    """,
    "useradd-uid-equals": """
        FROM python:3.12-slim
        RUN useradd --uid=1000 app
        USER app
    """,
    "useradd-uid-space": """
        FROM python:3.12-slim
        RUN useradd --create-home --uid 1000 app
        USER app:app
    """,
    "useradd-u-attached": """
        FROM python:3.12-slim
        RUN useradd -u1000 app
        USER app
    """,
    "useradd-uid-from-arg": """
        FROM python:3.12-slim
        ARG UID=1000
        RUN useradd -u ${UID} app
        USER app
    """,
    "alpine-adduser-u-then-D": """
        FROM python:3.12-alpine
        RUN addgroup -g 1000 -S app && adduser -u 1000 -D -S -G app app
        USER app
    """,
    "alpine-adduser-D-then-u": """
        FROM python:3.12-alpine
        RUN adduser -D -u 1000 app
        USER app
    """,
    "debian-adduser-uid": """
        FROM python:3.12-slim
        RUN adduser --disabled-password --gecos "" --uid 1000 app
        USER app
    """,
    "useradd-inside-if": """
        FROM python:3.12-slim
        RUN if ! id app; then useradd -u 1000 app; fi
        USER app
    """,
    "useradd-on-continuation-line": """
        FROM python:3.12-slim
        RUN apt-get update && \\
            useradd -u 1000 app 2>&1 && \\
            rm -rf /var/lib/apt/lists/*
        USER app
    """,
    "useradd-in-heredoc": """
        FROM python:3.12-slim
        RUN <<EOF
        set -eux
        groupadd -g 1000 app
        useradd -u 1000 -g app -m app
        EOF
        USER app
    """,
    "useradd-in-heredoc-fed-to-bash": """
        FROM python:3.12-slim
        RUN <<EOF bash
        useradd -u 1000 app
        EOF
        USER app
    """,
    "useradd-in-parent-stage": """
        FROM python:3.12-slim AS base
        RUN useradd -u 1000 app
        FROM base
        USER app
    """,
    "root-is-another-rule": """
        FROM python:3.12-slim
        USER root
    """,
    "no-user-is-another-rule": """
        FROM python:3.12-slim
    """,
    "an-account-the-base-image-ships": """
        FROM node:24-trixie-slim
        USER node
    """,
    "written-into-etc-passwd-and-copied-from-the-builder": """
        FROM python:3.13-slim AS builder
        RUN printf 'onyx:x:1001:\\n' >> /etc/group && \\
            printf 'onyx:x:1001:1001::/home/onyx:/usr/sbin/nologin\\n' >> /etc/passwd
        FROM python:3.13-slim
        COPY --from=builder /etc/passwd /etc/passwd
        COPY --from=builder /etc/group /etc/group
        USER onyx
    """,
    "echoed-into-etc-passwd": """
        FROM alpine:3.20
        RUN echo "app:x:1000:1000:app:/home/app:/sbin/nologin" >> /etc/passwd
        USER app
    """,
}

FLAGS = {
    "written-into-a-builders-etc-passwd-that-is-not-copied": ("""
        FROM python:3.13-slim AS builder
        RUN printf 'onyx:x:1001:1001::/home/onyx:/usr/sbin/nologin\\n' >> /etc/passwd
        FROM python:3.13-slim
        COPY --from=builder /etc/group /etc/group
        USER onyx
    """, [5]),
    "adduser-of-rhel-without-uid": ("""
        FROM registry.access.redhat.com/ubi9
        RUN adduser --home-dir /srv/web --create-home webapp
        USER webapp
    """, [3]),
    "useradd-without-uid": ("""
        FROM python:3.12-slim
        RUN useradd --create-home --shell /bin/bash aiuser
        USER aiuser
    """, [3]),
    "alpine-adduser-without-uid": ("""
        FROM python:3.12-alpine
        RUN adduser -D -h /app -s /bin/sh aiuser
        USER aiuser
    """, [3]),
    "name-never-created": ("""
        FROM python:3.12-slim
        USER rootless
    """, [2]),
    "variable-without-value": ("""
        FROM python:3.12-slim
        ARG UID
        USER ${UID}
    """, [3]),
    # ARGs pass only to stages built FROM the stage that declares them, not to the next stage.
    "arg-of-an-earlier-unrelated-stage": ("""
        FROM python:3.12-slim AS release
        ARG uid=1001
        USER ${uid}
        FROM python:3.12-slim
        USER ${uid}
    """, [5]),
    # A global ARG is visible in FROM lines only, unless redeclared in the stage.
    "global-arg-not-redeclared": ("""
        ARG UID=1000
        FROM python:3.12-slim
        USER ${UID}
    """, [3]),
    "user-created-in-an-unrelated-stage": ("""
        FROM python:3.12-slim AS builder
        RUN useradd -u 1000 app
        FROM python:3.12-slim
        USER app
    """, [4]),
    "heredoc-written-to-a-file-is-not-run": ("""
        FROM python:3.12-slim
        RUN cat <<EOF > /setup.sh
        useradd -u 1000 app
        EOF
        USER app
    """, [5]),
    "python-heredoc-is-not-shell": ("""
        FROM python:3.12-slim
        RUN <<EOF
        #!/usr/bin/env python3
        print("useradd -u 1000 app")
        EOF
        USER app
    """, [6]),
}

test_passes, test_flagged = rule_tests(unresolved_uid, PASSES, FLAGS)


def test_a_variable_the_base_image_sets():
    text = "FROM quay.io/jupyter/base-notebook:2024-05-27\nUSER root\nRUN apt-get update\nUSER ${NB_UID}\n"
    assert flagged(text, unresolved_uid) == []


def test_windows_has_no_uids():
    text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN net user app /add\nUSER app\n'
    assert flagged(text, unresolved_uid) == []


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

@pytest.mark.parametrize(("base", "line", "expected"), [
    ("python:3.12-slim", "RUN useradd --create-home app", "RUN useradd --uid 1000 --create-home app"),
    ("python:3.12-slim", "RUN adduser --disabled-password app", "RUN adduser --uid 1000 --disabled-password app"),
    ("python:3.12-alpine", "RUN adduser -D app", "RUN adduser -u 1000 -D app"),
])
def test_fix_gives_the_created_user_the_required_uid(base, line, expected):
    assert fixed(f"FROM {base}\n{line}\nUSER app\n", unresolved_uid, unsafe=True) == f"FROM {base}\n{expected}\nUSER 1000\n"


def test_a_user_with_a_group_keeps_its_names():
    text = "FROM python:3.12-slim\nRUN useradd app\nUSER app:app\n"
    assert fixed(text, unresolved_uid, unsafe=True) == "FROM python:3.12-slim\nRUN useradd --uid 1000 app\nUSER app:app\n"


def test_no_fix_for_a_user_the_file_does_not_create_or_a_uid_taken():
    assert fix_of("FROM python:3.12-slim\nUSER app\n", unresolved_uid) is None
    assert fix_of("FROM python:3.12-slim\nRUN useradd -u 1000 web && useradd app\nUSER app\n", unresolved_uid) is None


@pytest.mark.parametrize("image, user, uid", [
    ("python:3.12-slim", "nobody", 65534), ("python:3.12-slim", "www-data", 33), ("alpine:3.20", "daemon", 2),
    ("python:3.12-alpine", "nobody", 65534), ("apache/airflow:2.9.3", "airflow", 50000),
    ("cgr.dev/chainguard/python:latest-dev", "nonroot", 65532), ("cgr.dev/chainguard/static:latest", "nonroot", 65532),
    ("123456789012.dkr.ecr.us-east-1.amazonaws.com/thirdparty-chainguard-python310:latest-fips-dev", "nonroot", 65532),
    ("gcr.io/distroless/python3-debian12:debug", "nonroot", 65532),
])
def test_the_uid_of_a_user_the_base_image_fixes(image, user, uid):
    from support.lintcase import model_of
    assert model_of(f"FROM {image}\nUSER {user}\n").final.user.uid == uid


def test_a_system_user_of_an_image_not_known_stays_unknown():
    assert flagged("FROM acme/base:1\nUSER nobody\n", unresolved_uid) == [("DH103", 2)]


def test_a_chainguard_nonroot_needs_no_uid_but_another_name_does():
    assert flagged("FROM registry.example/mirror/thirdparty-chainguard-python310:latest\nUSER nonroot\n", unresolved_uid) == []
    assert flagged("FROM cgr.dev/chainguard/python:latest-dev\nUSER app\n", unresolved_uid) == [("DH103", 2)]
    assert flagged("FROM registry.example/mirror/python310:latest\nUSER nonroot\n", unresolved_uid) == [("DH103", 2)]


def _uid_findings(text):
    from support.lintcase import report
    return [(f.line, f.rule.severity.name.lower(), f.message) for f in report(text).findings if f.rule.code == "DH103"]


def test_a_variable_an_unknown_outside_base_may_set_is_info():
    # selenium/node-chrome sets SEL_UID in its ENV; nothing here says so, and nothing says otherwise
    text = "FROM selenium/node-chrome:4.20\nUSER root\nRUN apt-get update\nUSER ${SEL_UID}:${SEL_GID}\n"
    assert _uid_findings(text) == [(4, "info", "USER ${SEL_UID}:${SEL_GID}: this file does not set SEL_UID, SEL_GID, so the value comes "
                                    "from the ENV of selenium/node-chrome:4.20, which is not known here: the UID cannot be checked")]


@pytest.mark.parametrize("text", [
    "FROM acme/runner:2\nARG RUN_UID\nUSER $RUN_UID\n",  # declared here, with no default
    "ARG RUN_UID=1200\nFROM acme/runner:2\nUSER $RUN_UID\n",  # declared for FROM lines only: meant here
    "FROM acme/runner:2 AS base\nENV OTHER=1\nFROM base\nARG RUN_UID\nUSER ${RUN_UID}\n",
])
def test_a_variable_this_file_declares_without_value_stays_a_warning(text):
    assert [(severity, message.split(" depends")[1]) for _, severity, message in _uid_findings(text)] == [("warning", " on a variable with no value")]


def test_a_variable_on_scratch_or_a_known_base_has_no_value():
    text = 'FROM scratch\nCOPY server /server\nUSER $RUN_UID\nENTRYPOINT ["/server"]\n'
    assert _uid_findings(text) == [(3, "warning", "USER $RUN_UID depends on a variable with no value")]
    assert _uid_findings("FROM python:3.12-slim\nUSER $RUN_UID\n") == [
        (2, "warning", "USER $RUN_UID depends on a variable with no value (neither this file nor python:3.12-slim sets it)")]


def test_a_uid_that_usermod_gives_the_user_with_a_variable_of_the_file():
    text = ('FROM python:3.12-slim\nENV APP_USER=app DEFAULT_PUID=911 DEFAULT_PGID=911\n'
            'RUN groupadd --system $APP_USER && useradd --system --gid $APP_USER $APP_USER && \\\n'
            '    usermod -u "$DEFAULT_PUID" "$APP_USER" && groupmod -g "$DEFAULT_PGID" "$APP_USER"\nUSER "$APP_USER"\n')
    assert flagged(text, unresolved_uid) == []
    assert model_of(text).final.user.uid == 911


def test_a_usermod_that_gives_no_uid_leaves_it_unknown():
    text = "FROM python:3.12-slim\nRUN useradd --system app && usermod -aG audio app\nUSER app\n"
    assert flagged(text, unresolved_uid) == [("DH103", 3)]


def test_the_uid_of_a_user_a_base_the_repository_builds_creates(tmp_path):
    from dockharden.checks.lint import lint_text

    (tmp_path / ".git").mkdir()
    (tmp_path / "Makefile").write_text("IMAGE ?= acme/server\nDIST ?= $(OS)\nifeq ($(OS),ubuntu24)\n  DIST=ubuntu\nelse\n  DIST=redhat\nendif\n"
                                       "release:\n\tdocker $(BUILDX) build -f Dockerfile.$(DIST) -t $(IMAGE):latest .\n")
    (tmp_path / "Dockerfile.ubuntu").write_text("FROM ubuntu:24.04\nRUN useradd --uid 5000 srv\nUSER srv\nCMD [\"/srv/bin/server\"]\n")
    (tmp_path / "extras").mkdir()
    text = "ARG BASE_IMAGE=acme/server:latest\nFROM $BASE_IMAGE\nUSER root\nRUN apt-get update\nUSER srv\n"
    (tmp_path / "extras" / "Dockerfile").write_text(text)
    codes = [(f.rule.code, f.line) for f in lint_text(text, "Dockerfile", tmp_path / "extras").findings if f.rule.code in ("DH103", "DH106")]
    assert codes == [("DH106", 5)]  # USER srv: the base's srv has UID 5000
