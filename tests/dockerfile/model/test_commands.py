"""What simple commands do: accounts created, packages installed or removed."""
import pytest

from dockharden.dockerfile.commands import CreatedAccount, PackageChange, account_created, package_change
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
])
def test_accounts(text, account):
    assert account_created(command(text)) == account


@pytest.mark.parametrize("text", ["adduser app docker", "usermod -u 1000 app", "useradd", "echo useradd -u 1 x"])
def test_not_account_creation(text):
    assert account_created(command(text)) is None


@pytest.mark.parametrize("text, change", [
    ("apt-get install -y --no-install-recommends curl libgomp1",
     PackageChange("apt", "install", ("curl", "libgomp1"), ("-y", "--no-install-recommends"), 7)),
    ("apt-get -o Acquire::Retries=3 install -y gcc", PackageChange("apt", "install", ("gcc",), ("-o=Acquire::Retries=3", "-y"), 7)),
    ("apt-get purge -y --auto-remove gcc", PackageChange("apt", "remove", ("gcc",), ("-y", "--auto-remove"), 7)),
    ("apk add --no-cache --virtual .build-deps gcc musl-dev",
     PackageChange("apk", "install", ("gcc", "musl-dev"), ("--no-cache", "--virtual=.build-deps"), 7)),
    ("apk --no-cache add curl", PackageChange("apk", "install", ("curl",), ("--no-cache",), 7)),
    ("apk del .build-deps", PackageChange("apk", "remove", (".build-deps",), (), 7)),
    ("dnf install -y gcc", PackageChange("yum", "install", ("gcc",), ("-y",), 7)),
    ("pip install --no-cache-dir -r requirements.txt", PackageChange("pip", "install", ("requirements.txt",), ("--no-cache-dir", "-r"), 7)),
    ("python -m pip install flask", PackageChange("pip", "install", ("flask",), (), 7)),
    ("/opt/venv/bin/pip3 uninstall -y x", PackageChange("pip", "remove", ("x",), ("-y",), 7)),
    ("pip3.12 install x", PackageChange("pip", "install", ("x",), (), 7)),
    ("uv pip install --system --no-cache flask", PackageChange("uv", "install", ("flask",), ("--system", "--no-cache"), 7)),
    ("uv sync --frozen", PackageChange("uv", "install", (), ("--frozen",), 7)),
])
def test_package_changes(text, change):
    assert package_change(command(text)) == change


@pytest.mark.parametrize("text", ["apt-get update", "apk update", "pip download x", "pip --version", "uv venv"])
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
