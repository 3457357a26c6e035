"""What a RUN leaves installed: the build packages it adds and does not remove again."""
from __future__ import annotations

from dockharden.dockerfile.commands import PackageChange
from dockharden.knowledge.build_tools import is_build_package, package_name


def build_packages_kept(run) -> list[tuple[PackageChange, list[str]]]:
    """(package change, build packages) a RUN installs with a system package manager and
    does not remove again in the same RUN, directly or as an apk --virtual group."""
    removed = {package_name(p) for c in run.packages if c.action == "remove" for p in c.packages}
    kept = []
    for change in run.packages:
        if change.action != "install" or change.manager not in ("apt", "apk", "yum") or _virtual(change) in removed:
            continue
        tools = [p for p in change.packages if is_build_package(p) and package_name(p) not in removed]
        if tools:
            kept.append((change, tools))
    return kept


def _virtual(change: PackageChange) -> str | None:
    for option in change.options:
        key, _, value = option.partition("=")
        if key in ("--virtual", "-t"):
            return value
    return None
