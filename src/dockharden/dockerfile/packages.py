"""What a RUN leaves installed: the build packages it adds and does not remove again."""
from __future__ import annotations

from dockharden.dockerfile.commands import PackageChange
from dockharden.dockerfile.model import mount_option
from dockharden.knowledge.build_tools import is_build_package, package_name


def build_packages_kept(run) -> list[tuple[PackageChange, list[str]]]:
    """(package change, build packages) a RUN installs with a system package manager and
    does not remove again in the same RUN, directly or as an apk --virtual group."""
    removed = {package_name(p) for c in run.packages if c.action == "remove" for p in c.packages}
    kept = []
    for change in run.packages:
        if change.action != "install" or change.manager not in ("apt", "apk", "yum") or change.value("--virtual") in removed:
            continue
        tools = [p for p in change.packages if is_build_package(p) and package_name(p) not in removed]
        if tools:
            kept.append((change, tools))
    return kept



def clears(run, path: str) -> bool:
    """Whether a RUN keeps `path` (a cache or list folder) out of its layer: it mounts a cache
    or tmpfs over the path or a folder holding it, or removes it (or a folder holding it)
    with rm. `rm -rf /var/lib/{apt,dpkg}/x` removes nothing: dash has no brace expansion."""
    for mount in run.mounts:
        target = mount_option(mount, "target") or mount_option(mount, "dst") or mount_option(mount, "destination")
        if mount_option(mount, "type") in ("cache", "tmpfs") and target and _within(path, target):
            return True
    if "rm" not in run.programs:
        return False
    return any(c.program == "rm" and any(_removes(arg, path) for arg in c.args) for c in run.commands)


def _within(path: str, folder: str) -> bool:
    folder = folder.rstrip("/") or "/"
    return path == folder or path.startswith(folder + "/") or folder == "/"


def _removes(arg: str, path: str) -> bool:
    if arg.startswith("-") or "{" in arg:
        return False
    removed = arg.removesuffix("*").rstrip("/")
    return bool(removed) and removed.count("/") >= 2 and (_within(path, removed) or removed.startswith(path + "/"))


def installs_keeping(model, manager: str, path: str, kept_anyway=None) -> list[tuple[object, object, list[PackageChange]]]:
    """(stage, RUN, installs) for each RUN of a shipped stage whose `manager` installs leave
    `path` in the layer: the RUN neither removes it nor mounts a cache over it, and
    `kept_anyway(stage, run, change)`, when given, does not clear the install (a --no-cache)."""
    found = []
    for stage in model.stages:
        if stage.index not in model.shipped:
            continue
        for run in stage.runs:
            installs = [c for c in run.packages if c.manager == manager and c.action == "install"]
            if kept_anyway is not None:
                installs = [c for c in installs if kept_anyway(stage, run, c)]
            if installs and not clears(run, path):
                found.append((stage, run, installs))
    return found
