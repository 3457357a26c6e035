"""DH102 missing-user: the final stage never sets USER (checkov and trivy miss these)."""
import pytest
from dockharden.checks.dockerfile import missing_user
from support.lintcase import flagged, report, rule_tests

PASSES = {
    "user-in-final": """
        FROM python:3.12-slim
        USER 1000
    """,
    "user-inherited-through-from-stage": """
        FROM python:3.12-slim AS base
        USER 1000
        FROM base
        CMD ["python"]
    """,
    "root-user-is-another-rule": """
        FROM python:3.12-slim
        USER root
    """,
    "a-base-image-that-ends-with-a-non-root-user": """
        FROM docker.io/locustio/locust:2.44.1
        COPY locustfile.py /loadtest/locustfile.py
        ENTRYPOINT ["locust", "-f", "/loadtest/locustfile.py"]
    """,
}

FLAGS = {
    "no-user-at-all": ("""
        FROM python:3.12-slim
        CMD ["python"]
    """, [1]),
    # checkov CKV_DOCKER_3 passes when USER appears in any stage.
    "user-only-in-builder": ("""
        FROM python:3.12-slim AS builder
        USER 1000
        FROM python:3.12-slim
        CMD ["python"]
    """, [3]),
    # trivy DS-0002 takes the last USER across all stages.
    "last-user-of-the-file-is-in-another-stage": ("""
        FROM python:3.12-slim AS app
        USER 1000
        FROM python:3.12-slim AS debug
        RUN echo debug
    """, [3]),
    "user-not-carried-across-from-image": ("""
        FROM python:3.12-slim AS base
        USER 1000
        FROM python:3.12-alpine
    """, [3]),
}

test_passes, test_flagged = rule_tests(missing_user, PASSES, FLAGS)


def test_target_without_user_is_flagged_even_when_the_last_stage_has_one():
    text = """
        FROM python:3.12-slim AS prod
        CMD ["python"]
        FROM prod AS test
        USER 1000
    """
    assert flagged(text, missing_user, target="prod") == [("DH102", 1)]
    assert flagged(text, missing_user, target="test") == []


def _judged(text, context_dir=None):
    return [(f.rule.severity.label, f.message) for f in report(text, context_dir=context_dir).findings if f.rule.code == "DH102"]


def test_a_base_image_that_ends_with_a_non_root_user():
    assert _judged("FROM quay.io/jupyter/scipy-notebook:2024-05-27\nRUN pip install --no-cache-dir torch\n") == []
    assert _judged("FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\n") == []
    assert _judged("FROM rayproject/ray:2.46.0\nRUN pip install --no-cache-dir torch\n") == []
    assert _judged("FROM gitpod/workspace-base\nRUN sudo apt-get update && sudo apt-get install -y --no-install-recommends jq\n") == []


def test_not_checked_on_windows_or_an_output_stage():
    assert _judged('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nCMD ["powershell"]\n') == []
    assert _judged("FROM python:3.12-slim AS gen\nRUN python gen.py\nFROM scratch\nCOPY --from=gen /out /\n") == []


def test_info_when_the_entrypoint_drops_root():
    (severity, message), = _judged("FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n")
    assert severity == "info" and message.endswith("(info: the container starts as root, but postgres:16's entrypoint does (gosu postgres))")


@pytest.mark.parametrize("base", ["logstash:5-alpine", "elasticsearch:5", "kibana:5.6.16"])
def test_info_on_the_elastic_5_images_whose_entrypoint_drops_root(base):
    (severity, message), = _judged(f'FROM {base}\nCOPY my.conf /\nCMD ["-f", "/my.conf"]\n')
    assert severity == "info" and message.endswith(f"but {base}'s entrypoint does (gosu))")


def test_info_when_compose_runs_it_as_another_user(tmp_path):
    (tmp_path / "compose.yaml").write_text('services:\n  web:\n    build: .\n    user: "1000:1000"\n')
    (severity, message), = _judged('FROM python:3.12-slim\nCMD ["python", "-m", "http.server"]\n', tmp_path)
    assert severity == "info" and "compose.yaml service web runs it as user 1000:1000" in message


def test_info_on_a_development_image():
    (severity, message), = _judged('# dockharden: development\nFROM python:3.12-slim\nCMD ["sleep", "infinity"]\n')
    assert severity == "info" and "a development image" in message


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

def test_fix_makes_the_account_before_the_first_copy_with_the_folders_the_app_writes():
    text = "FROM python:3.12-slim\nENV HF_HOME=/models\nVOLUME /data\nCOPY . /app\nCMD [\"python\", \"/app/app.py\"]\n"
    assert fixed(text, missing_user, unsafe=True) == (
        "FROM python:3.12-slim\nENV HF_HOME=/models\nVOLUME /data\n"
        "RUN groupadd --system --gid 1000 app && useradd --system --uid 1000 --gid 1000 --create-home app"
        " && install -d -o 1000 -g 1000 /data /models\n"
        "COPY --chown=1000:1000 . /app\nUSER 1000:1000\nCMD [\"python\", \"/app/app.py\"]\n")


def test_fix_on_alpine_uses_busybox_commands():
    text = "FROM python:3.12-alpine\nCOPY . /app\n"
    assert fixed(text, missing_user, unsafe=True) == (
        "FROM python:3.12-alpine\nRUN addgroup -S -g 1000 app && adduser -S -D -u 1000 -G app app\nCOPY --chown=1000:1000 . /app\nUSER 1000:1000\n")


def test_fix_on_an_image_without_a_shell_only_switches_the_user():
    text = "FROM gcr.io/distroless/python3\nCOPY app.py /app.py\n"
    assert fixed(text, missing_user, unsafe=True) == text + "USER 1000:1000\n"


def test_the_fix_is_unsafe():
    assert fix_of("FROM python:3.12-slim\nCOPY . /app\n", missing_user)[0] == "unsafe"


def _dh102_in(tmp_path, files: dict[str, str], text: str) -> list[tuple[str, int]]:
    """(severity, line) of DH102's findings on `text` linted in a repository of `files`."""
    (tmp_path / ".git").mkdir()
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    return [(f.rule.severity.label, f.line) for f in report(text, context_dir=tmp_path).findings if f.rule.code == "DH102"]


def test_the_stage_every_compose_build_targets_is_checked(tmp_path):
    text = """
        FROM python:3.12-slim AS runtime
        RUN useradd -u 1000 app
        CMD ["python", "-m", "app"]
        FROM runtime AS dev
        USER 1000
    """
    assert _dh102_in(tmp_path, {"compose.yaml": "services:\n  api:\n    build:\n      context: .\n      target: runtime\n"}, text) == [("error", 1)]


def test_a_development_target_beside_the_production_one_does_not_hide_it(tmp_path):
    files = {"compose.yaml": "services:\n  api:\n    build:\n      context: .\n      target: runtime\n",
             "compose.dev.yaml": "services:\n  api:\n    build:\n      context: .\n      target: dev\n"}
    text = """
        FROM python:3.12-slim AS runtime
        RUN useradd -u 1000 app
        CMD ["python", "-m", "app"]
        FROM runtime AS dev
        CMD ["sleep", "infinity"]
    """
    assert _dh102_in(tmp_path, files, text) == [("error", 1)]


def test_compose_building_only_a_devcontainer_target_leaves_the_shipped_last_stage_checked(tmp_path):
    files = {"compose.yaml": "services:\n  devcontainer:\n    build:\n      context: .\n      target: devcontainer\n"}
    text = """
        FROM python:3.12-slim AS deps
        RUN pip install --no-cache-dir flask
        FROM deps AS devcontainer
        CMD ["sleep", "infinity"]
        FROM deps AS server
        CMD ["python", "-m", "app"]
    """
    assert _dh102_in(tmp_path, files, text) == [("error", 5)]


def test_compose_building_only_test_and_development_targets_leaves_the_last_stage_checked(tmp_path):
    files = {"compose.test.yaml": "services:\n  api:\n    build:\n      context: .\n      target: testing\n",
             "compose.dev.yaml": "services:\n  web:\n    build:\n      context: .\n      target: development\n"}
    text = """
        FROM python:3.12-slim AS testing
        CMD ["pytest"]
        FROM python:3.12-slim AS development
        CMD ["python", "manage.py", "runserver"]
        FROM python:3.12-slim AS production
        CMD ["gunicorn", "app:app"]
    """
    assert _dh102_in(tmp_path, files, text) == [("error", 5)]


def test_a_unit_test_target_built_last_leaves_the_shipped_target_checked(tmp_path):
    # DefectDojo: compose builds target release, the dev override development, the unit-test
    # override django-unittests, the last stage.
    files = {"docker-compose.yml": "services:\n  uwsgi:\n    build:\n      context: .\n      target: release\n",
             "docker-compose.override.unit_tests.yml": "services:\n  uwsgi:\n    build:\n      context: .\n      target: django-unittests\n"}
    text = """
        FROM python:3.12-slim AS release
        CMD ["uwsgi", "--ini", "app.ini"]
        FROM release AS development
        RUN useradd -u 1001 app
        USER 1001
        FROM development AS django-unittests
        COPY unittests/ ./unittests/
    """
    assert _dh102_in(tmp_path, files, text) == [("error", 1)]


def test_the_target_a_workflow_builds_is_checked(tmp_path):
    # DefectDojo's Dockerfile.django-alpine: only the release workflow builds it, with target release.
    workflow = ("jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n"
                "        with: {context: ., file: ./Dockerfile, target: release}\n")
    text = """
        FROM python:3.12-slim AS release
        CMD ["uwsgi", "--ini", "app.ini"]
        FROM release AS development
        RUN useradd -u 1001 app
        USER 1001
    """
    assert _dh102_in(tmp_path, {".github/workflows/release.yml": workflow}, text) == [("error", 1)]


def test_a_workflow_that_builds_an_earlier_stage_beside_a_plain_last_one_leaves_the_last_checked(tmp_path):
    # jumpserver: check-compilemessages.yml builds target stage-build; the last stage ships.
    workflow = ("jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n"
                "        with: {context: ., file: ./Dockerfile, target: stage-build}\n")
    text = """
        FROM python:3.12-slim AS stage-build
        RUN python -m compileall /app
        FROM python:3.12-slim
        COPY --from=stage-build /app /app
        CMD ["python", "-m", "app"]
    """
    assert _dh102_in(tmp_path, {".github/workflows/check.yml": workflow}, text) == [("error", 3)]


ENTRY_TEXT = """
    FROM python:3.12-slim
    RUN useradd -u 1000 app
    WORKDIR /srv
    COPY . /srv
    ENTRYPOINT ["./docker/run.sh"]
    CMD ["python", "-m", "app"]
"""


def test_an_entrypoint_script_from_the_context_that_drops_root_with_gosu(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "docker").mkdir()
    (tmp_path / "docker" / "run.sh").write_text('#!/bin/sh\nset -e\nchown -R app /data\nexec gosu app "$@"\n')
    (finding,) = [f for f in report(ENTRY_TEXT, context_dir=tmp_path).findings if f.rule.code == "DH102"]
    assert (finding.rule.severity.label, finding.line) == ("info", 1)
    assert finding.message.endswith("(info: the container starts as root, but its entrypoint run.sh runs gosu (line 4))")


PY_ENTRY_TEXT = ENTRY_TEXT.replace("./docker/run.sh", "/srv/docker/launch.py")


@pytest.mark.parametrize("script, how", [
    ('#!/usr/bin/env python3\nimport os\n\nargs = ["gosu", owner] + args\nos.execv(args[0], args)\n', "runs gosu (line 4)"),
    ('import os, sys\n\nos.execve("/usr/sbin/su-exec", ["su-exec", "app", *sys.argv[1:]], os.environ)\n', "runs su-exec (line 3)"),
    ('import os\nos.setgid(1000)\nos.setuid(1000)\nos.execvp("python", ["python", "-m", "app"])\n', "calls os.setuid (line 3)"),
])
def test_a_python_entrypoint_from_the_context_that_drops_root(tmp_path, script, how):
    (tmp_path / ".git").mkdir()
    (tmp_path / "docker").mkdir()
    (tmp_path / "docker" / "launch.py").write_text(script)
    (finding,) = [f for f in report(PY_ENTRY_TEXT, context_dir=tmp_path).findings if f.rule.code == "DH102"]
    assert (finding.rule.severity.label, finding.line) == ("info", 1)
    assert finding.message.endswith(f"(info: the container starts as root, but its entrypoint launch.py {how})")


@pytest.mark.parametrize("script", [
    '#!/usr/bin/env python3\n# no gosu here: it runs as it starts\nimport os\nos.execvp("python", ["python", "-m", "app"])\n',
    'import os\nprint(os.getuid())\nos.execvp("gosu_is_not_used", [])\n',  # a name that only holds the word
])
def test_a_python_entrypoint_that_keeps_root_is_flagged(tmp_path, script):
    assert _dh102_in(tmp_path, {"docker/launch.py": script}, PY_ENTRY_TEXT) == [("error", 1)]


def test_an_entrypoint_script_that_keeps_root_is_flagged(tmp_path):
    assert _dh102_in(tmp_path, {"docker/run.sh": '#!/bin/sh\n# gosu is not used here\nexec "$@"\n'}, ENTRY_TEXT) == [("error", 1)]
