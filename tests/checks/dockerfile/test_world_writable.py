"""DH931 world-writable: a RUN of a shipped stage makes paths writable by every user
(localstack's `chmod -R 777` on its state folders, an nginx image's `chmod -R 777` on its
config and certificates)."""
import pytest

from dockharden.checks.dockerfile import world_writable
from dockharden.core.vocabulary import Severity
from support.lintcase import report, rule_tests

PASSES = {
    "owner-and-group-only": "FROM python:3.12-slim\nRUN chmod -R 775 /srv/app\n",
    "read-for-others": "FROM python:3.12-slim\nRUN chmod 644 /etc/app.conf && chmod 0755 /usr/local/bin/run\n",
    "plus-w-leaves-others-to-umask": "FROM python:3.12-slim\nRUN chmod +w /srv/data && chmod -R +rwx /srv/bin\n",
    "group-write": "FROM python:3.12-slim\nRUN chmod -R g+w /srv/data\n",
    "others-write-taken-away": "FROM python:3.12-slim\nRUN chmod -R a+rwx,o-w /srv/data\n",
    "others-set-without-write": "FROM python:3.12-slim\nRUN chmod o=rx /srv/data\n",
    "sticky-numeric": "FROM python:3.12-slim\nRUN mkdir -p /var/cache/fonts && chmod 1777 /var/cache/fonts /run\n",
    "sticky-symbolic": "FROM python:3.12-slim\nRUN chmod a+rwxt /srv/spool\n",
    "the-temporary-folders": "FROM python:3.12-slim\nRUN chmod 777 /tmp /var/tmp/ && chmod -R 777 /dev/shm\n",
    "under-dev": "FROM python:3.12-slim\nRUN chmod 666 /dev/null /dev/shm/x\n",
    "the-workdir-is-tmp": "FROM python:3.12-slim\nWORKDIR /tmp\nRUN chmod 777 .\n",
    "reference-mode": "FROM python:3.12-slim\nRUN chmod --reference=/etc/hosts /srv/x\n",
    "a-word-777": "FROM python:3.12-slim\nRUN echo chmod 777 /srv/x\n",
    "mkdir-private": "FROM python:3.12-slim\nRUN mkdir -m 700 -p /home/app/.gnupg\n",
    "builder-not-shipped": """
        FROM python:3.12 AS build
        RUN mkdir /out /scratch && chmod -R 777 /scratch /outside
        FROM python:3.12-slim
        COPY --from=build /out/wheel.whl /wheels/
    """,
}

FLAGS = {
    "recursive-777": ("FROM python:3.12-slim\nRUN chmod -R 777 /srv/app\n", [2]),
    "octal-with-leading-zero": ("FROM python:3.12-slim\nRUN chmod 0666 /etc/app/settings.ini\n", [2]),
    "others-rw-only": ("FROM python:3.12-slim\nARG APP_ROOT=/opt/svc\nRUN chmod -R 776 $APP_ROOT\n", [3]),
    "setgid-not-sticky": ("FROM python:3.12-slim\nRUN chmod 2777 /srv/shared\n", [2]),
    "a-plus-w": ("FROM python:3.12-slim\nRUN useradd -u 1001 svc \\\n && chmod -R a+w /opt/tools\n", [3]),
    "o-plus-w": ("FROM python:3.12-slim\nRUN chmod o+w /var/log/svc\n", [2]),
    "ugo-plus-rwx": ("FROM python:3.12-slim\nRUN chmod --recursive ugo+rwx /data/cache\n", [2]),
    "o-equals-rwx": ("FROM python:3.12-slim\nRUN chmod u=rwx,go=rwx /srv/state\n", [2]),
    "a-tmp-subfolder": ("FROM python:3.12-slim\nRUN mkdir /tmp/svc && chmod -R 777 /tmp/svc\n", [2]),
    "mkdir-mode": ("FROM python:3.12-slim\nRUN mkdir -p -m 0777 /srv/uploads\n", [2]),
    "relative-path": ("FROM python:3.12-slim\nWORKDIR /srv/code\nRUN chmod 777 .\n", [3]),
    "one-finding-per-run": ("FROM python:3.12-slim\nRUN chmod 777 /a && \\\n    chmod -R 777 /b/c\n", [2]),
    "builder-path-copied-on": ("""
        FROM python:3.12 AS build
        RUN mkdir -p /srv/out/lib && chmod -R 777 /srv/out /scratch
        FROM python:3.12-slim
        COPY --from=build /srv/out/lib /srv/lib
    """, [2]),
    "parent-of-the-final-stage": ("""
        FROM python:3.12-slim AS base
        RUN chmod -R 777 /opt/site
        FROM base
        CMD ["python", "-m", "site"]
    """, [2]),
}

test_passes, test_flagged = rule_tests(world_writable, PASSES, FLAGS)


def _findings(text):
    return [(f.line, f.rule.severity, f.message) for f in report(text).findings if f.rule.code == "DH931"]


def test_the_message_names_the_command_every_path_and_the_advice():
    [(line, severity, message)] = _findings("FROM python:3.12-slim\nRUN chmod -R 777 /etc/nginx/conf.d/ /certs /tmp && \\\n    chmod 666 /etc/app.ini\n")
    assert (line, severity) == (2, Severity.WARNING)
    assert message.startswith("chmod -R 777 makes /etc/nginx/conf.d/, /certs, /etc/app.ini writable by everyone: ")
    assert "/tmp" not in message
    assert "chown them to the runtime user" in message and "755" in message and "775 with a shared group" in message


def test_a_mode_not_given_recursively_says_so():
    [(_, _, message)] = _findings("FROM python:3.12-slim\nRUN chmod a+rwX /srv/x\n")
    assert message.startswith("chmod a+rwX makes /srv/x writable by everyone")


def test_a_switched_off_run_is_info():
    [(_, severity, message)] = _findings('FROM python:3.12-slim\nARG DEV=""\nRUN if [ "$DEV" = "1" ]; then chmod -R 777 /srv; fi\n')
    assert severity is Severity.INFO and "off by default" in message


@pytest.mark.parametrize("mode, opened", [
    ("777", True), ("0777", True), ("776", True), ("772", True), ("1777", False), ("3777", False), ("775", False),
    ("774", False), ("a+w", True), ("o+rw", True), ("go+w", True), ("+w", False), ("g+w", False), ("a+rwxt", False),
    ("a+rwx,o-w", False), ("o=rwx", True), ("o=r", False), ("a+rwx,+t", False), ("bad", False), ("", False),
])
def test_others_write(mode, opened):
    assert world_writable.others_write(mode) is opened


def test_a_development_image_is_info_and_a_base_image_is_not():
    [(_, severity, message)] = _findings("# dockharden: development\nFROM python:3.12-slim\nRUN chmod -R 777 /workspace\n")
    assert severity is Severity.INFO and "a development image" in message
    [(_, severity, _)] = _findings("# dockharden: base\nFROM python:3.12-slim\nRUN chmod -R 777 /workspace\n")
    assert severity is Severity.WARNING


def test_a_relative_path_is_shown_with_the_folder_it_names():
    [(_, _, message)] = _findings("FROM python:3.12-slim\nWORKDIR /srv/code\nRUN chmod 777 . data\n")
    assert message.startswith("chmod 777 makes . (/srv/code), data (/srv/code/data) writable by everyone")


def test_a_builder_finding_names_only_what_is_copied_on():
    [(_, _, message)] = _findings("FROM python:3.12 AS build\nRUN chmod -R 777 /opt/venv /scratch\n"
                                  "FROM python:3.12-slim\nCOPY --from=build /opt/venv/ /opt/venv/\n")
    assert message.startswith("chmod -R 777 makes /opt/venv writable by everyone (a COPY --from=build of a shipped stage takes them)")
