"""RUN --mount specs (`type=cache,target=/root/.cache`): their options and where they mount."""
from __future__ import annotations


def mount_option(mount: str, key: str) -> str | None:
    """The value of key in a RUN --mount spec (type=cache,target=/root/.cache), or None."""
    for part in mount.split(","):
        name, _, value = part.partition("=")
        if name.strip().lower() == key:
            return value.strip()
    return None


def mount_target(mount: str) -> str | None:
    """Where a RUN --mount spec mounts: its target, dst or destination (BuildKit's three names)."""
    return mount_option(mount, "target") or mount_option(mount, "dst") or mount_option(mount, "destination")
