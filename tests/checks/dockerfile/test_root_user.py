"""DH101 root-user: the final stage's effective user is root."""
import pytest
from dockharden.checks.dockerfile import root_user
from support.lintcase import flagged, rule_tests

PASSES = {
    # hadolint DL3002 flags this builder stage although the image runs as 1000.
    "builder-root-final-non-root": """
        FROM python:3.12-slim AS builder
        USER root
        RUN pip install --no-cache-dir build
        FROM python:3.12-slim
        USER 1000:1000
    """,
    "rootless-is-a-name-not-root": """
        FROM python:3.12-slim
        RUN useradd -u 1000 rootless
        USER rootless
    """,
    "group-root-is-fine": """
        FROM python:3.12-slim
        USER 1000:0
    """,
    "named-user": """
        FROM python:3.12-slim
        USER app
    """,
    "no-user-is-missing-user-not-root-user": """
        FROM python:3.12-slim
    """,
    "root-in-parent-stage-overridden": """
        FROM python:3.12-slim AS base
        USER root
        FROM base
        USER 1000
    """,
    "variable-resolving-to-non-root": """
        FROM python:3.12-slim
        ARG UID=1000
        USER ${UID}
    """,
}

FLAGS = {
    "user-root": ("""
        FROM python:3.12-slim
        USER root
    """, [2]),
    "user-0": ("""
        FROM python:3.12-slim
        USER 0
    """, [2]),
    "user-0-0": ("""
        FROM python:3.12-slim
        USER 0:0
    """, [2]),
    "user-root-staff": ("""
        FROM python:3.12-slim
        USER root:staff
    """, [2]),
    "user-0-group-1000": ("""
        FROM python:3.12-slim
        USER 0:1000
    """, [2]),
    "last-user-wins": ("""
        FROM python:3.12-slim
        USER 1000
        RUN echo hi
        USER root
    """, [4]),
    "root-from-arg-default": ("""
        FROM python:3.12-slim
        ARG RUN_AS=root
        USER ${RUN_AS}
    """, [3]),
    "root-inherited-through-from-stage": ("""
        FROM python:3.12-slim AS base
        USER root
        FROM base
        CMD ["python"]
    """, [2]),
    "name-created-with-uid-0": ("""
        FROM python:3.12-slim
        RUN useradd -o -u 0 admin
        USER admin
    """, [3]),
}

test_passes, test_flagged = rule_tests(root_user, PASSES, FLAGS)

TARGETS = """
    FROM python:3.12-slim AS prod
    USER root
    FROM prod AS dev
    USER 1000
"""


def test_the_target_stage_is_checked_not_the_last():
    assert flagged(TARGETS, root_user, target="prod") == [("DH101", 2)]
    assert flagged(TARGETS, root_user, target="dev") == []
    assert flagged(TARGETS, root_user) == []


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

def test_fix_makes_an_account_and_switches_to_it_where_root_was():
    text = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER root\nCMD [\"python\", \"app.py\"]\n"
    assert fixed(text, root_user, unsafe=True) == (
        "FROM python:3.12-slim\nWORKDIR /app\n"
        "RUN groupadd --system --gid 1000 app && useradd --system --uid 1000 --gid 1000 --create-home app\n"
        "COPY --chown=1000:1000 . .\nUSER 1000:1000\nCMD [\"python\", \"app.py\"]\n")


def test_fix_keeps_a_user_root_that_later_instructions_need():
    text = "FROM python:3.12-slim\nRUN useradd -u 1000 app\nUSER root\nRUN apt-get update\nCMD [\"python\"]\n"
    assert fixed(text, root_user, unsafe=True) == (
        "FROM python:3.12-slim\nRUN useradd -u 1000 app\nUSER root\nRUN apt-get update\nUSER 1000:1000\nCMD [\"python\"]\n")


from support.lintcase import report  # noqa: E402

# An s6-overlay image: /init starts as root and runs each service's `run` script.

DROPS = "#!/command/execlineb -P\ns6-setuidgid app\npython -m app\n"
KEEPS = "#!/bin/sh\nexec nginx -g 'daemon off;'\n"
S6_IMAGE = """
    FROM python:3.12-slim
    RUN useradd -u 1000 app
    COPY s6/s6-rc.d /etc/s6-overlay/s6-rc.d
    USER root
    CMD ["/init"]
"""


def _dh101_in(tmp_path, files: dict[str, str], text: str, where: str = "") -> list[tuple[str, int, str]]:
    """(severity, line, message) of DH101's findings on `text` linted in `where` of a repository of `files`."""
    (tmp_path / ".git").mkdir(parents=True)
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    found = report(text, context_dir=tmp_path / where).findings
    return [(f.rule.severity.label, f.line, f.message) for f in found if f.rule.code == "DH101"]


def test_s6_services_whose_run_scripts_drop_root(tmp_path):
    files = {"s6/s6-rc.d/api/run": DROPS, "s6/s6-rc.d/worker/run": DROPS, "s6/s6-rc.d/nginx/run": KEEPS,
             "s6/s6-rc.d/migrate/up": "python -m app migrate\n", "s6/s6-rc.d/migrate/type": "oneshot\n"}
    assert _dh101_in(tmp_path, files, S6_IMAGE) == [("info", 4, "the final stage runs as root (USER root) (info: the container starts as root, "
                                                     "but its s6 services api, worker drop root with s6-setuidgid in their run scripts (nginx does not))")]


def test_s6_services_that_mostly_keep_root_are_flagged(tmp_path):
    files = {"s6/s6-rc.d/api/run": DROPS, "s6/s6-rc.d/nginx/run": KEEPS, "s6/s6-rc.d/cron/run": KEEPS}
    assert [f[:2] for f in _dh101_in(tmp_path, files, S6_IMAGE)] == [("error", 4)]


def test_s6_run_scripts_do_not_count_when_the_image_does_not_start_s6(tmp_path):
    text = S6_IMAGE.replace('CMD ["/init"]', 'CMD ["python", "-m", "app"]')
    assert [f[:2] for f in _dh101_in(tmp_path, {"s6/s6-rc.d/api/run": DROPS}, text)] == [("error", 4)]


def test_s6_services_copied_with_the_whole_root_filesystem(tmp_path):
    text = 'FROM python:3.12-slim\nRUN useradd -u 1000 app\nCOPY rootfs/ /\nUSER root\nENTRYPOINT ["/init"]\n'
    found = _dh101_in(tmp_path, {"rootfs/etc/services.d/app/run": DROPS}, text)
    assert found == [("info", 4, "the final stage runs as root (USER root) (info: the container starts as root, "
                                 "but its s6 service app drops root with s6-setuidgid in its run script)")]


def test_run_scripts_copied_elsewhere_are_no_s6_services(tmp_path):
    text = S6_IMAGE.replace("COPY s6/s6-rc.d /etc/s6-overlay/s6-rc.d", "COPY s6/s6-rc.d /opt/app/services")
    assert [f[:2] for f in _dh101_in(tmp_path, {"s6/s6-rc.d/api/run": DROPS}, text)] == [("error", 4)]


@pytest.mark.parametrize("copy, files", [
    ("COPY s6/api /etc/s6-overlay/s6-rc.d/api", {"s6/api/run": DROPS, "s6/api/type": "longrun\n"}),  # one service's folder
    ("COPY s6/api-run /etc/services.d/api/run", {"s6/api-run": DROPS}),  # its run script alone
])
def test_one_s6_service_copied_by_itself(tmp_path, copy, files):
    text = S6_IMAGE.replace("COPY s6/s6-rc.d /etc/s6-overlay/s6-rc.d", copy)
    assert [f[:2] for f in _dh101_in(tmp_path, files, text)] == [("info", 4)]


def test_an_image_built_on_an_s6_base_of_the_repository_keeps_its_services(tmp_path):
    base = 'FROM python:3.12-slim\nRUN useradd -u 1000 app\nCOPY images/s6/s6-rc.d /etc/s6-overlay/s6-rc.d\nCMD ["/init"]\n'
    files = {"images/s6base/Dockerfile": base, "images/s6/s6-rc.d/api/run": DROPS, "app/Dockerfile": ""}
    child = "FROM acme/s6base:1\nRUN pip install --no-cache-dir flask\nUSER root\n"
    assert _dh101_in(tmp_path, files, child, "app") == [("info", 3, "the final stage runs as root (USER root) (info: the container starts as root, "
                                                        "but acme/s6base:1's entrypoint does (its s6 service api drops root with s6-setuidgid in its run script))")]


# compose `user:` decides the user of the long-running services; one-shot jobs may stay root.

ROOT_IMAGE = 'FROM python:3.12-slim\nRUN useradd -u 1000 app\nUSER root\nCMD ["gunicorn", "app:app"]\n'


def _compose(services: str) -> dict[str, str]:
    return {"compose.yaml": "services:\n" + services}


def test_compose_runs_the_services_as_a_user_and_only_a_migration_as_root(tmp_path):
    services = ("  api:\n    build: .\n    user: '1000'\n    restart: always\n"
                "  migrate:\n    build: .\n    command: python manage.py migrate --noinput\n")
    assert _dh101_in(tmp_path, _compose(services), ROOT_IMAGE) == [("info", 3, "the final stage runs as root (USER root) (info: compose.yaml service api "
                                                                    "runs it as user 1000; only the one-shot compose.yaml service migrate may run as root)")]


def test_a_service_the_others_wait_to_complete_is_a_one_shot_job(tmp_path):
    services = ("  api:\n    build: .\n    user: app\n    depends_on:\n      init:\n        condition: service_completed_successfully\n"
                "  init:\n    build: .\n    command: sh -c ./init.sh\n")
    assert [f[:2] for f in _dh101_in(tmp_path, _compose(services), ROOT_IMAGE)] == [("info", 3)]


def test_a_long_running_service_without_a_user_keeps_the_finding(tmp_path):
    services = "  api:\n    build: .\n    user: app\n  web:\n    build: .\n    command: gunicorn app:app\n    restart: always\n"
    assert [f[:2] for f in _dh101_in(tmp_path, _compose(services), ROOT_IMAGE)] == [("error", 3)]


def test_a_migration_that_compose_restarts_always_is_not_a_one_shot_job(tmp_path):
    services = "  api:\n    build: .\n    user: app\n  migrate:\n    build: .\n    command: alembic upgrade head\n    restart: always\n"
    assert [f[:2] for f in _dh101_in(tmp_path, _compose(services), ROOT_IMAGE)] == [("error", 3)]


def test_a_service_only_a_profile_starts_and_compose_never_restarts_is_a_one_shot_job(tmp_path):
    services = ("  api:\n    build: .\n    user: app\n    restart: unless-stopped\n"
                "  shell:\n    build: .\n    command: python -m app.admin\n    profiles: [tools]\n")
    assert [f[:2] for f in _dh101_in(tmp_path, _compose(services), ROOT_IMAGE)] == [("info", 3)]
    restarted = services + "    restart: always\n"
    assert [f[:2] for f in _dh101_in(tmp_path / "restarted", _compose(restarted), ROOT_IMAGE)] == [("error", 3)]


@pytest.mark.parametrize(("command", "once"), [
    ("python manage.py migrate --noinput", True), ("pulpcore-manager migrate", True), ("django-admin migrate", True),
    ("alembic upgrade head", True), ("pulpcore-manager runserver", False), ("gunicorn app:app", False),
])
def test_commands_that_run_once(command, once):
    from dockharden.dockerfile.purpose import runs_once
    assert runs_once(command.split()) is once


def test_the_context_of_an_earlier_text_is_not_reused_once_the_image_starts_s6(tmp_path):
    from dockharden.checks.lint import check_text
    from support.lintcase import dockerfile
    (tmp_path / ".git").mkdir()
    (tmp_path / "s6" / "s6-rc.d" / "api").mkdir(parents=True)
    (tmp_path / "s6" / "s6-rc.d" / "api" / "run").write_text(DROPS)
    s6 = dockerfile(S6_IMAGE)
    _, before = check_text(s6.replace('CMD ["/init"]', 'CMD ["python", "-m", "app"]'), "Dockerfile", tmp_path)
    _, after = check_text(s6, "Dockerfile", tmp_path, previous=before)
    assert (before.context.entrypoint_switch, after.context.entrypoint_switch) == ("", "its s6 service api drops root with s6-setuidgid in its run script")
