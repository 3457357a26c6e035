"""Install scripts that a RUN downloads and pipes to a shell or interpreter, and the programs
each one installs: a later command that runs one of them fails when the download did."""
from __future__ import annotations

import re

_INSTALLERS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile(r"^https?://install\.python-poetry\.org"), frozenset({"poetry"})),
    (re.compile(r"^https?://sh\.rustup\.rs"), frozenset({"rustup", "cargo", "rustc"})),
    (re.compile(r"^https?://astral\.sh/uv/"), frozenset({"uv", "uvx"})),
    (re.compile(r"^https?://pdm-project\.org/install-pdm\.py"), frozenset({"pdm"})),
    (re.compile(r"^https?://bun\.sh/install"), frozenset({"bun"})),
    (re.compile(r"^https?://get\.pnpm\.io/install\.sh"), frozenset({"pnpm"})),
    # nvm is a shell function: a script sources nvm.sh (`. "$NVM_DIR/nvm.sh"`), then runs nvm
    (re.compile(r"^https?://raw\.githubusercontent\.com/nvm-sh/nvm/[^/]+/install\.sh"), frozenset({"nvm"})),
)


def installed_programs(url: str) -> frozenset[str]:
    """The programs the install script at URL puts on the PATH; empty when not known."""
    return next((programs for pattern, programs in _INSTALLERS if pattern.match(url)), frozenset())
