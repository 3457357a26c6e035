"""The accounts that official distribution and language images ship in /etc/passwd and
/etc/group: the base-passwd of Debian and Ubuntu (the `ubuntu` user since 23.04), Alpine's
alpine-baselayout (every release's, merged), and the accounts the base-image table says an
image's own Dockerfile creates (the `node` user of the node images). A name
outside these that a Dockerfile neither creates nor copies a passwd file for does not exist
there. None for an image whose accounts are not known whole: nothing is said of it.
"""
from __future__ import annotations

import re

from dockharden.knowledge.base_images import normalized, well_known

_DEBIAN_USERS = frozenset("root daemon bin sys sync games man lp mail news uucp proxy www-data backup list irc gnats nobody _apt".split())
_DEBIAN_GROUPS = frozenset(
    "root daemon bin sys adm tty disk lp mail news uucp man proxy kmem dialout fax voice cdrom floppy tape sudo audio dip "
    "www-data backup operator list irc src gnats shadow utmp video sasl plugdev staff games users nogroup".split())
_ALPINE_USERS = frozenset(
    "root bin daemon adm lp sync shutdown halt mail news uucp operator man postmaster cron ftp sshd at squid xfs games "
    "cyrus vpopmail ntp smmsp guest nobody".split())
_ALPINE_GROUPS = frozenset(
    "root bin daemon sys adm tty disk lp mem kmem wheel floppy mail news uucp man cron console audio cdrom dialout ftp "
    "sshd input at tape video netdev readproc squid xfs kvm games shadow cdrw www-data usb vpopmail users ntp nofiles "
    "smmsp locate abuild utmp ping nogroup nobody".split())
# Ubuntu's releases before 23.04 (lunar), which had no `ubuntu` user, by codename
_UBUNTU_WITHOUT_USER = frozenset("trusty xenial bionic cosmic disco eoan focal groovy hirsute impish jammy kinetic".split())
_UBUNTU_VERSION = re.compile(r"(\d+)\.(\d+)")


# System users whose UID the distribution fixes (Debian's base-passwd, Alpine's baselayout).
_DEBIAN_UIDS = {"daemon": 1, "bin": 2, "sys": 3, "www-data": 33, "nobody": 65534}
_ALPINE_UIDS = {"bin": 1, "daemon": 2, "nobody": 65534}


def system_uid(image: str, user: str) -> int | None:
    """The UID the image's distribution gives a system user it ships (nobody: 65534), if fixed."""
    known = system_accounts(image)
    if known is None or user not in known[0]:
        return None
    name, _, tag = normalized(image).partition(":")
    return (_ALPINE_UIDS if name == "alpine" or "alpine" in tag else _DEBIAN_UIDS).get(user)


def system_accounts(image: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """(users, groups) the image ships, for debian, ubuntu, alpine, python and node images."""
    name, _, tag = normalized(image).partition(":")
    if "$" in image or name not in ("debian", "ubuntu", "alpine", "python", "node"):
        return None
    alpine = name == "alpine" or "alpine" in tag
    users, groups = (_ALPINE_USERS, _ALPINE_GROUPS) if alpine else (_DEBIAN_USERS, _DEBIAN_GROUPS)
    known = well_known(image)  # the accounts the image's own Dockerfile creates (node's node)
    extra = {"ubuntu"} if name == "ubuntu" and _has_ubuntu_user(tag) else set()
    extra |= {account for account, _ in known.accounts} if known is not None else set()
    return users | extra, groups | extra


def _has_ubuntu_user(tag: str) -> bool:
    """ubuntu:24.04, :noble, :latest (and no tag) ship the `ubuntu` user; :22.04 and :jammy do not."""
    release = tag.split("-", 1)[0]
    version = _UBUNTU_VERSION.match(release)
    if version:
        return (int(version.group(1)), int(version.group(2))) >= (23, 4)
    return release not in _UBUNTU_WITHOUT_USER
