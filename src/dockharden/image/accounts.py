"""/etc/passwd and /etc/group, and the config User resolved through them (as runc does)."""
from __future__ import annotations

from dockharden.image.parts import Account, Group, RuntimeUser


def parse_passwd(text: str) -> tuple[Account, ...]:
    accounts = []
    for line in text.splitlines():
        fields = line.split(":")
        if len(fields) >= 4 and not line.startswith("#") and _number(fields[2]) and _number(fields[3]):
            home, shell = (fields + ["", "", ""])[5:7]
            accounts.append(Account(fields[0], int(fields[2]), int(fields[3]), home, shell))
    return tuple(accounts)


def parse_group(text: str) -> tuple[Group, ...]:
    groups = []
    for line in text.splitlines():
        fields = line.split(":")
        if len(fields) >= 3 and not line.startswith("#") and _number(fields[2]):
            members = tuple(m for m in (fields[3] if len(fields) > 3 else "").split(",") if m)
            groups.append(Group(fields[0], int(fields[2]), members))
    return tuple(groups)


def _number(field: str) -> bool:
    return field.isascii() and field.isdigit()  # as Go's strconv reads it: "١٠٠٠" is no UID


def resolve_user(spec: str, accounts: tuple[Account, ...], groups: tuple[Group, ...]) -> RuntimeUser:
    """`USER name`, `uid`, `name:group` or `uid:gid`; an unknown numeric UID gets GID 0."""
    if not spec:
        return RuntimeUser("", "root", 0, 0, numeric=False)
    user, _, group = spec.partition(":")
    uid: int | None
    gid: int | None
    if user.isdigit():
        account = next((a for a in accounts if a.uid == int(user)), None)
        name, uid, gid = (account.name if account else None), int(user), (account.gid if account else 0)
    else:
        account = next((a for a in accounts if a.name == user), None)
        name, uid, gid = user, (account.uid if account else None), (account.gid if account else None)
    if group:
        gid = int(group) if group.isdigit() else next((g.gid for g in groups if g.name == group), None)
    return RuntimeUser(spec, name, uid, gid, numeric=user.isdigit())
