"""What simple commands do: accounts created, packages installed or removed."""
import pytest

from dockharden.dockerfile.commands import CreatedAccount, account_created, package_change
from dockharden.dockerfile.shell import SimpleCommand
from support.lintcase import model_of


def command(text):
    return SimpleCommand(tuple(text.split()), 7)


@pytest.mark.parametrize("text, account", [
    ("useradd -u 1000 app", CreatedAccount("user", "app", 1000, 7)),
    ("useradd --uid=1000 app", CreatedAccount("user", "app", 1000, 7)),
    ("useradd --uid 1000 -g app -m app", CreatedAccount("user", "app", 1000, 7, "app")),
    ("useradd -u1000 app", CreatedAccount("user", "app", 1000, 7)),
    ("useradd -rm -d /home/app -s /bin/bash -g root -G sudo -u 1001 app", CreatedAccount("user", "app", 1001, 7, "root")),
    ("useradd --create-home --shell /bin/bash aiuser", CreatedAccount("user", "aiuser", None, 7)),
    ("/usr/sbin/useradd -u 1000 app", CreatedAccount("user", "app", 1000, 7)),
    ("adduser -u 1000 -D app", CreatedAccount("user", "app", 1000, 7)),
    ("adduser -D -u 1000 -G app -h /app app", CreatedAccount("user", "app", 1000, 7, "app")),
    ("adduser -D -h /app -s /bin/sh aiuser", CreatedAccount("user", "aiuser", None, 7)),
    ("adduser --disabled-password --uid 1000 --ingroup app app", CreatedAccount("user", "app", 1000, 7, "app")),
    ("addgroup -g 1000 -S app", CreatedAccount("group", "app", 1000, 7)),
    ("addgroup --system --gid 1000 app", CreatedAccount("group", "app", 1000, 7)),
    ("groupadd -g 1000 app", CreatedAccount("group", "app", 1000, 7)),
    ("groupadd -r app", CreatedAccount("group", "app", None, 7)),
    ("useradd --ui 1000 app", CreatedAccount("user", "app", 1000, 7)),  # getopt_long takes a unique prefix
    ("useradd -mu 1000 app", CreatedAccount("user", "app", 1000, 7)),
])
def test_accounts(text, account):
    assert account_created(command(text)) == account


@pytest.mark.parametrize("text, account", [
    ("usermod -u 911 app", CreatedAccount("user", "app", 911, 7)),  # the account from here on
    ("usermod --uid=911 -g 100 app", CreatedAccount("user", "app", 911, 7, "100")),
    ("groupmod -g 911 app", CreatedAccount("group", "app", 911, 7)),
])
def test_accounts_given_another_id(text, account):
    assert account_created(command(text)) == account


@pytest.mark.parametrize("text", ["adduser app docker", "usermod -aG docker app", "usermod -l new -u 911 app", "groupmod -n new -g 911 app",
                                  "usermod -u $PUID app", "useradd", "echo useradd -u 1 x"])
def test_not_account_creation(text):
    assert account_created(command(text)) is None


@pytest.mark.parametrize("text, change", [
    ("apt-get install -y --no-install-recommends curl libgomp1",
     ("apt", "install", ("curl", "libgomp1"), (("--yes", ""), ("--install-recommends", "false")))),
    ("apt-get -o Acquire::Retries=3 install -y gcc", ("apt", "install", ("gcc",), (("--option", "Acquire::Retries=3"), ("--yes", "")))),
    ("apt-get -o APT::Install-Recommends=0 install gcc", ("apt", "install", ("gcc",), (("--install-recommends", "0"),))),
    ("apt-get purge -y --auto-remove gcc", ("apt", "remove", ("gcc",), (("--yes", ""), ("--auto-remove", "")))),
    ("apk add --no-cache --virtual .build-deps gcc musl-dev",
     ("apk", "install", ("gcc", "musl-dev"), (("--no-cache", ""), ("--virtual", ".build-deps")))),
    ("apk --no-cache add curl", ("apk", "install", ("curl",), (("--no-cache", ""),))),
    ("apk del .build-deps", ("apk", "remove", (".build-deps",), ())),
    ("dnf install -y gcc", ("yum", "install", ("gcc",), (("--assumeyes", ""),))),
    # -r takes the file, which is not a package
    ("pip install --no-cache-dir -r requirements.txt", ("pip", "install", (), (("--no-cache-dir", ""), ("--requirement", "requirements.txt")))),
    ("pip install --no-cache flask", ("pip", "install", ("flask",), (("--no-cache-dir", ""),))),  # a unique prefix
    ("pip install -i https://mirror/simple flask", ("pip", "install", ("flask",), (("--index-url", "https://mirror/simple"),))),
    ("python -m pip install flask", ("pip", "install", ("flask",), ())),
    ("/opt/venv/bin/pip3 uninstall -y x", ("pip", "remove", ("x",), (("--yes", ""),))),
    ("pip3.12 install x", ("pip", "install", ("x",), ())),
    ("uv pip install --system --no-cache flask", ("uv", "install", ("flask",), (("--system", ""), ("--no-cache", "")))),
    ("uv pip install --no-cache-dir flask", ("uv", "install", ("flask",), (("--no-cache", ""),))),  # uv's alias
    ("uv --no-cache pip install -p /opt/venv/bin/python flask", ("uv", "install", ("flask",), (("--no-cache", ""), ("--python", "/opt/venv/bin/python")))),
    ("uv sync --frozen", ("uv", "install", (), (("--frozen", ""),))),
    ("python -m spacy download en_core_web_sm", ("pip", "install", ("en_core_web_sm",), ())),
    ("python3 /tmp/get-pip.py --no-cache-dir", ("pip", "install", ("pip",), (("--no-cache-dir", ""),))),
])
def test_package_changes(text, change):
    found = package_change(command(text))
    assert (found.manager, found.action, found.packages, found.argv.options) == change


@pytest.mark.parametrize("text", ["apt-get update", "apk update", "pip download x", "pip --version", "uv venv", "python get-pip-notes.py",
                                  "python app.py get-pip.py"])
def test_not_package_changes(text):
    assert package_change(command(text)) is None


def test_runs_and_stages_collect_accounts_and_packages_with_inheritance():
    model = model_of("""
        FROM python:3.12-slim AS base
        RUN groupadd -g 1000 app && useradd -u 1000 -g app app
        FROM base
        RUN apt-get update && apt-get install -y curl
    """)
    base, final = model.stages
    assert [(a.kind, a.name, a.id, a.line) for a in base.runs[0].accounts] == [("group", "app", 1000, 2), ("user", "app", 1000, 2)]
    assert final.accounts == base.accounts
    assert [(p.manager, p.action, p.packages, p.line) for p in final.packages] == [("apt", "install", ("curl",), 4)]
    assert final.runs[0].packages == final.packages


@pytest.mark.parametrize("run, packages", [
    ('RUN deps="gcc libpq-dev" && apt-get install -y $deps', ("gcc", "libpq-dev")),
    ("RUN <<EOT\n    set -e\n    runDeps='gosu curl'\n    apt-get install -y --no-install-recommends $runDeps\nEOT", ("gosu", "curl")),
    ("RUN deps=gcc; apt-get install -y $deps", ("gcc",)),
    ('RUN apt-get install -y "$deps"', ("$deps",)),  # not assigned in this RUN: left as written
    ('RUN deps="$(cat /pkgs)" && apt-get install -y $deps', ("$deps",)),  # a value the linter cannot know
    ('RUN X=1 make && apt-get install -y $X', ("$X",)),  # X=1 is the environment of make alone
])
def test_packages_named_by_a_variable_the_run_assigns(run, packages):
    (change,) = model_of(f"FROM debian:12-slim\n{run}\n").final.packages
    assert change.packages == packages
