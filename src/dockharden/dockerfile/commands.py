"""What simple commands mean for hardening: users created, packages installed or removed."""
from __future__ import annotations

import re

from dockharden.dockerfile.shell import SimpleCommand, options_and_operands
from dockharden.core.records import record

_USERADD_VALUES = frozenset(
    "-u --uid -g --gid -G --groups -d --home-dir -s --shell -c --comment -k --skel -e --expiredate "
    "-f --inactive -K --key -p --password -R --root -P --prefix -b --base-dir -Z --selinux-user".split()
)
_BUSYBOX_ADDUSER_VALUES = frozenset("-h -g -s -G -u -k".split())
_DEBIAN_ADDUSER_VALUES = frozenset(
    "--home --shell --gecos --comment --uid --gid --ingroup --firstuid --lastuid --conf --add-extra-groups".split()
)
_GROUPADD_VALUES = frozenset("-g --gid -K --key -p --password -R --root -P --prefix".split())
_ADDUSER_VALUES = _BUSYBOX_ADDUSER_VALUES | _DEBIAN_ADDUSER_VALUES
_ADDGROUP_VALUES = _GROUPADD_VALUES | _ADDUSER_VALUES
_APT_VERBS = {"install": "install", "remove": "remove", "purge": "remove"}
_APK_VERBS = {"add": "install", "del": "remove"}
_YUM_VERBS = {"install": "install", "remove": "remove", "erase": "remove", "in": "install"}
_APT_VALUES = frozenset("-o -t -c --option --target-release --config-file".split())
_APK_VALUES = frozenset("-t --virtual -X --repository -p --root --arch".split())
_PIP = re.compile(r"pip(\d+(\.\d+)?)?")


@record
class CreatedAccount:
    kind: str  # "user" or "group"
    name: str
    id: int | None
    line: int
    group: str | None = None


@record
class PackageChange:
    manager: str  # apt, apk, yum, pip, uv
    action: str  # install or remove
    packages: tuple[str, ...]
    options: tuple[str, ...]
    line: int


def _int_or_none(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None


_Manager = tuple[str, dict[str, str], frozenset[str]]  # family, verbs and their actions, options that take a value
_APT: _Manager = ("apt", _APT_VERBS, _APT_VALUES)
_APK: _Manager = ("apk", _APK_VERBS, _APK_VALUES)
_YUM: _Manager = ("yum", _YUM_VERBS, frozenset())
_PACKAGE_MANAGERS: dict[str, _Manager] = {"apt-get": _APT, "apt": _APT, "aptitude": _APT, "apk": _APK} | dict.fromkeys(("yum", "dnf", "microdnf", "tdnf", "zypper"), _YUM)


def account_created(command: SimpleCommand) -> CreatedAccount | None:
    reader = _ACCOUNT_READERS.get(command.program)
    return None if reader is None else reader(command)


def _useradd(command: SimpleCommand) -> CreatedAccount | None:
    options, operands = options_and_operands(command.args, _USERADD_VALUES)
    uid = options.get("-u", options.get("--uid"))
    group = options.get("-g", options.get("--gid"))
    return _account("user", operands, uid, command.line, group)


def _groupadd(command: SimpleCommand) -> CreatedAccount | None:
    options, operands = options_and_operands(command.args, _ADDGROUP_VALUES)
    gid = options.get("-g", options.get("--gid"))
    return _account("group", operands, gid, command.line)


def _adduser(command: SimpleCommand) -> CreatedAccount | None:
    options, operands = options_and_operands(command.args, _ADDUSER_VALUES)
    uid = options.get("-u", options.get("--uid"))
    group = options.get("-G", options.get("--ingroup", options.get("--gid")))
    if len(operands) == 2 and "--ingroup" not in options:
        # `adduser USER GROUP` adds an existing user to a group; it creates no user.
        return None
    return _account("user", operands[:1], uid, command.line, group)


_ACCOUNT_READERS = {"useradd": _useradd, "adduser": _adduser, "groupadd": _groupadd, "addgroup": _groupadd}


def _account(kind: str, operands: list[str], id_text: str | None, line: int, group: str | None = None):
    if not operands:
        return None
    return CreatedAccount(kind, operands[-1], _int_or_none(id_text), line, group)


def package_change(command: SimpleCommand) -> PackageChange | None:
    manager = _PACKAGE_MANAGERS.get(command.program)
    if manager is not None:
        return _verb_change(*manager, command.args, command.line)
    return _python_change(command)


def _verb_change(manager, verbs, takes_value, args, line) -> PackageChange | None:
    options, operands = options_and_operands(args, takes_value)
    if not operands or operands[0] not in verbs:
        return None
    packages = tuple(p for p in operands[1:] if p)
    flat = tuple(f"{k}={v}" if v else k for k, v in options.items())
    return PackageChange(manager, verbs[operands[0]], packages, flat, line)


def _python_change(command: SimpleCommand) -> PackageChange | None:
    words = command.words
    program = command.program
    if not program.startswith(("pip", "python", "uv")):  # none of the branches below can match
        return None
    if program.startswith("python") and words[1:3] == ("-m", "pip"):
        words = ("pip",) + words[3:]
    elif program == "uv" and len(words) > 1 and words[1] == "pip":
        return _pip_like("uv", words[2:], command.line)
    elif program == "uv" and len(words) > 1 and words[1] in ("sync", "add"):
        return PackageChange("uv", "install", tuple(w for w in words[2:] if not w.startswith("-")), tuple(w for w in words[2:] if w.startswith("-")), command.line)
    if words and _PIP.fullmatch(words[0].rsplit("/", 1)[-1]):
        return _pip_like("pip", words[1:], command.line)
    return None


def _pip_like(manager: str, args: tuple[str, ...], line: int) -> PackageChange | None:
    if not args or args[0] not in ("install", "uninstall"):
        return None
    rest = args[1:]
    packages = tuple(w for w in rest if not w.startswith("-"))
    options = tuple(w for w in rest if w.startswith("-"))
    return PackageChange(manager, "install" if args[0] == "install" else "remove", packages, options, line)
