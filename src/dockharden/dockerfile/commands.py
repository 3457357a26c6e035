"""What simple commands mean for hardening: users created, packages installed or removed."""
from __future__ import annotations

import re

from dockharden.dockerfile.shell import SimpleCommand
from dockharden.core.records import record
from dockharden.knowledge.options import Argv, parse_argv

_APT_VERBS = {"install": "install", "remove": "remove", "purge": "remove"}
_APK_VERBS = {"add": "install", "del": "remove"}
_YUM_VERBS = {"install": "install", "remove": "remove", "erase": "remove", "autoremove": "remove", "in": "install"}
_PIP = re.compile(r"pip(\d+(\.\d+)?)?")


@record
class CreatedAccount:
    kind: str  # "user" or "group"
    name: str
    id: int | None
    line: int
    group: str | None = None


PYTHON_MANAGERS = frozenset({"pip", "uv", "poetry"})  # the managers of package_change that install Python packages


@record
class PackageChange:
    manager: str  # apt, apk, yum, pip, uv, poetry
    action: str  # install or remove
    packages: tuple[str, ...]
    argv: Argv  # the command's options as its own parser reads them (knowledge/options.py)
    line: int
    program: str = ""  # as run: apt-get, apt, dnf, pip, uv...

    def has(self, option: str) -> bool:
        """Whether the option (its canonical name: --no-cache-dir, --virtual) was given."""
        return self.argv.has(option)

    def value(self, option: str) -> str | None:
        return self.argv.value(option)

    def boolean(self, option: str) -> bool | None:
        """The sense of a switch (--install-recommends is False for --no-install-recommends)."""
        return self.argv.boolean(option)


def _int_or_none(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None


_Manager = tuple[str, dict[str, str]]  # family and verbs with their actions
_APT: _Manager = ("apt", _APT_VERBS)
_APK: _Manager = ("apk", _APK_VERBS)
_YUM: _Manager = ("yum", _YUM_VERBS)
_PACKAGE_MANAGERS: dict[str, _Manager] = {"apt-get": _APT, "apt": _APT, "aptitude": _APT, "apk": _APK} | dict.fromkeys(("yum", "dnf", "microdnf", "tdnf", "zypper"), _YUM)


def account_created(command: SimpleCommand) -> CreatedAccount | None:
    reader = _ACCOUNT_READERS.get(command.program)
    return None if reader is None else reader(command)


def _useradd(command: SimpleCommand) -> CreatedAccount | None:
    argv = parse_argv("useradd", command.args)
    return _account("user", list(argv.operands), argv.value("--uid"), command.line, argv.value("--gid"))


def _groupadd(command: SimpleCommand) -> CreatedAccount | None:
    argv = parse_argv(command.program, command.args)
    return _account("group", list(argv.operands), argv.value("--gid"), command.line)


def _adduser(command: SimpleCommand) -> CreatedAccount | None:
    """Debian's or BusyBox's adduser; or, when it is given options only useradd knows
    (`--home-dir /app`, `--create-home`), RHEL's, which is a link to useradd."""
    argv = parse_argv("adduser", command.args)
    if argv.unknown and not parse_argv("useradd", command.args).unknown:
        return _useradd(command)
    operands = argv.operands
    if len(operands) == 2 and not argv.has("--ingroup"):
        # `adduser USER GROUP` adds an existing user to a group; it creates no user.
        return None
    group = argv.value("--ingroup") or argv.value("--gid")
    return _account("user", list(operands[:1]), argv.value("--uid"), command.line, group)


def _usermod(command: SimpleCommand) -> CreatedAccount | None:
    """`usermod -u 911 app`: the account app, from here on with UID 911 (None without -u, or
    when it is also renamed: -l)."""
    argv = parse_argv("usermod", command.args)
    uid = _int_or_none(argv.value("--uid"))
    return None if uid is None or argv.has("--login") else _account("user", list(argv.operands), str(uid), command.line, argv.value("--gid"))


def _groupmod(command: SimpleCommand) -> CreatedAccount | None:
    """`groupmod -g 911 app`: the group app with GID 911; not when it is also renamed (-n)."""
    argv = parse_argv("groupmod", command.args)
    gid = _int_or_none(argv.value("--gid"))
    return None if gid is None or argv.has("--new-name") else _account("group", list(argv.operands), str(gid), command.line)


# usermod and groupmod change an account: the record they give holds its new ID.
_ACCOUNT_READERS = {"useradd": _useradd, "adduser": _adduser, "groupadd": _groupadd, "addgroup": _groupadd,
                    "usermod": _usermod, "groupmod": _groupmod}


_PASSWD_LINE = re.compile(r"([a-z_][a-z0-9_.-]*):[^:]*:(\d+):(\d+):[^:]*:[^:]*:[^:]*")
_GROUP_LINE = re.compile(r"([a-z_][a-z0-9_.-]*):[^:]*:(\d+):[^:]*")
_LINE_BREAK = re.compile(r"\\n|\n")


def written_accounts(commands, source: str) -> tuple[CreatedAccount, ...]:
    """The accounts that `printf`/`echo` lines appended to /etc/passwd or /etc/group create
    (`printf 'app:x:1001:1001::/home/app:/sbin/nologin\\n' >> /etc/passwd`), for images with
    no useradd. `source` is the RUN's text, which still has the redirections."""
    readers = [(kind, pattern) for kind, pattern, path in (("user", _PASSWD_LINE, "/etc/passwd"), ("group", _GROUP_LINE, "/etc/group"))
               if path in source]
    found = []
    for command in commands:
        if command.program not in ("printf", "echo"):
            continue
        for entry in (e for arg in command.args for e in _LINE_BREAK.split(arg)):
            for kind, pattern in readers:
                if (match := pattern.fullmatch(entry)) is not None:
                    group = match.group(3) if kind == "user" else None
                    found.append(CreatedAccount(kind, match.group(1), int(match.group(2)), command.line, group))
    return tuple(found)


def _account(kind: str, operands: list[str], id_text: str | None, line: int, group: str | None = None):
    if not operands:
        return None
    return CreatedAccount(kind, operands[-1], _int_or_none(id_text), line, group)


def package_change(command: SimpleCommand) -> PackageChange | None:
    manager = _PACKAGE_MANAGERS.get(command.program)
    if manager is not None:
        return _verb_change(*manager, command)
    return _python_change(command)


def _verb_change(manager: str, verbs: dict[str, str], command: SimpleCommand) -> PackageChange | None:
    argv = parse_argv(command.program, command.args)
    operands = argv.operands
    if not operands or operands[0] not in verbs:
        return None
    packages = tuple(p for p in operands[1:] if p)
    return PackageChange(manager, verbs[operands[0]], packages, argv, command.line, command.program)


def _python_change(command: SimpleCommand) -> PackageChange | None:
    words = command.words
    program = command.program
    if not program.startswith(("pip", "python", "uv", "poetry")):  # none of the branches below can match
        return None
    if program == "poetry":
        argv = parse_argv("poetry", command.args)
        verb = argv.operands[:1]
        return PackageChange("poetry", "install", argv.operands[1:], argv, command.line, "poetry") if verb in (("install",), ("add",), ("sync",)) else None
    if program.startswith("python") and words[1:3] == ("-m", "spacy") and words[3:4] == ("download",):
        # spaCy downloads a model by running `pip install` of it, with the arguments after the name.
        return _pip_like("pip", ("install", *words[4:]), command.line, "spacy")
    if program.startswith("python") and words[1:2] and words[1].rsplit("/", 1)[-1] == "get-pip.py":
        # get-pip.py runs `pip install pip` (and setuptools, wheel), passing on the pip options it is given.
        return _pip_like("pip", ("install", "pip", *words[2:]), command.line, "get-pip.py")
    if program.startswith("python") and words[1:3] == ("-m", "pip"):
        words = ("pip",) + words[3:]
    elif program == "uv":
        return _uv_change(command)
    if words and _PIP.fullmatch(words[0].rsplit("/", 1)[-1]):
        return _pip_like("pip", words[1:], command.line, "pip")
    return None


def _uv_change(command: SimpleCommand) -> PackageChange | None:
    argv = parse_argv("uv", command.args)
    operands = argv.operands
    if operands[:1] == ("pip",) and operands[1:2] in (("install",), ("uninstall",)):
        action = "install" if operands[1] == "install" else "remove"
        return PackageChange("uv", action, operands[2:], argv, command.line, "uv")
    if operands[:1] in (("sync",), ("add",)):
        return PackageChange("uv", "install", operands[1:], argv, command.line, "uv")
    return None


def _pip_like(manager: str, args: tuple[str, ...], line: int, program: str) -> PackageChange | None:
    argv = parse_argv("pip", args)
    operands = argv.operands
    if not operands or operands[0] not in ("install", "uninstall"):
        return None
    action = "install" if operands[0] == "install" else "remove"
    return PackageChange(manager, action, operands[1:], argv, line, program)
