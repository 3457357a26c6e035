"""USER settings: who a stage runs as, whether that is root, and its UID."""
from __future__ import annotations

from collections.abc import Sequence

from dockharden.dockerfile.commands import CreatedAccount
from dockharden.dockerfile.words import unquote
from dockharden.dockerfile.syntax import Instruction
from dockharden.dockerfile.variables import expand
from dockharden.core.records import record

# An empty USER (a variable set to "") leaves the image default: root.
ROOT_NAMES = frozenset({"root", "0", ""})


@record
class UserSetting:
    line: int
    text: str  # as written
    user: str | None  # after expansion; None when a variable has no value
    group: str | None
    uid: int | None
    uid_source: str  # how the UID is known: "numeric", "created at line N", "shipped by IMAGE" (its base image), or ""

    @property
    def is_root(self) -> bool | None:
        """True for root, False for another user, None when it cannot be told."""
        if self.user is None:
            return None
        return self.user in ROOT_NAMES or self.uid == 0

    @property
    def numeric(self) -> bool:
        return self.user is not None and self.user.isdigit()


def user_setting(instruction: Instruction, variables, accounts: Sequence[CreatedAccount]) -> UserSetting:
    text = instruction.args.strip()
    user, _, group = expand(unquote(text), variables, keep_unknown=True).partition(":")
    known_user, known_group = (None if "$" in part else part for part in (user, group))
    uid, source = resolve_uid(known_user, accounts) if known_user is not None else (None, "")
    return UserSetting(instruction.start_line, text, known_user, known_group or None, uid, source)


def resolve_uid(user: str, accounts: Sequence[CreatedAccount]) -> tuple[int | None, str]:
    if user.isdigit():
        return int(user), "numeric"
    if user == "root":
        return 0, "root"
    for account in reversed(accounts):
        if account.kind == "user" and account.name == user and account.id is not None:
            return account.id, f"created at line {account.line}"
    return None, ""
