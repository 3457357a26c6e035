"""A child process's environment: this one's, with some variables changed."""
from __future__ import annotations

import os


def environment(**changes: str | None) -> dict[str, str]:
    """This process's environment with some variables set, or removed where None."""
    env = {key: value for key, value in os.environ.items() if key not in changes}
    return env | {key: value for key, value in changes.items() if value is not None}


# The README's test command installs every test tool; a missing one means it was not run.
TEST_INSTALL = "python3 -m venv .venv && .venv/bin/pip install -q '.[test]' (the README's test command)"
