"""What a RUN leaves installed: the build packages it adds and does not remove again."""
from __future__ import annotations

from collections.abc import Sequence

from dockharden.dockerfile.commands import PackageChange
from dockharden.dockerfile.mounts import mount_option, mount_target
from dockharden.dockerfile.variables import expand
from dockharden.knowledge.options import parse_argv, set_by_env
from dockharden.knowledge.build_tools import APT_PROVIDED_BY, PULLS_BUILD_TOOLS, is_build_package, package_name


def build_packages_kept(run, recommends_off: bool = False) -> list[tuple[PackageChange, list[str]]]:
    """(package change, build packages) a RUN installs with a system package manager and
    does not remove again in the same RUN: directly, as an apk --virtual group, or by the
    savedAptMark pattern (`apt-mark auto '.*'` then `apt-get purge --auto-remove`, which
    removes all but what `apt-mark manual` names). Build tools that a package brings are
    named with their cause: python3-pip's Recommends (build-essential, python3-dev; also for
    `pip`, a name python3-pip provides) unless
    recommends are off (--no-install-recommends, -o APT::Install-Recommends=false, or
    `recommends_off` when an earlier RUN configured apt so), dkms's Depends always."""
    removed = {package_name(p) for c in run.packages if c.action == "remove" for p in c.packages}
    kept_manually = _auto_removed(run)
    kept = []
    for change in run.packages:
        if change.action != "install" or change.manager not in ("apt", "apk", "yum") or change.value("--virtual") in removed:
            continue
        if kept_manually is not None and change.manager == "apt":
            gone = {package_name(p) for p in change.packages} - kept_manually
        else:
            gone = removed
        tools = [p for p in change.packages if is_build_package(p) and package_name(p) not in gone]
        tools += _pulled(change, tools, gone, recommends_off)
        if tools:
            kept.append((change, tools))
    return kept


def _pulled(change: PackageChange, tools: list[str], gone: set[str], recommends_off: bool) -> list[str]:
    recommends = change.manager == "apt" and change.boolean("--install-recommends") is not False and not recommends_off
    found: list[str] = []
    for spec in change.packages:
        asked = package_name(spec)
        name = APT_PROVIDED_BY.get(asked, asked)
        kind, brought = PULLS_BUILD_TOOLS.get(name, ("", ()))
        if gone & {asked, name} or not brought or (kind == "recommends" and not recommends):
            continue
        cause = f"recommended by {_named(asked, name)}; add --no-install-recommends" if kind == "recommends" else f"a dependency of {_named(asked, name)}"
        found += [f"{tool} ({cause})" for tool in brought if tool not in tools and tool not in gone and not any(f.startswith(tool + " ") for f in found)]
    return found


def _named(asked: str, name: str) -> str:
    """The package as the user reads it: python3-pip, or python3-pip with the name it was asked for."""
    return name if asked == name else f"{name}, which apt installs for {asked}"


def _auto_removed(run) -> set[str] | None:
    """The packages `apt-mark manual` keeps when the RUN marks everything automatic and
    purges what is automatic (None when it does not)."""
    marked = any(c.program == "apt-mark" and c.args[:1] == ("auto",) for c in run.commands)
    if not marked:
        return None
    purges = any(c.program in ("apt-get", "apt") and ("autoremove" in c.args or parse_argv(c.program, c.args).has("--auto-remove"))
                 for c in run.commands)
    if not purges:
        return None
    return {a for c in run.commands if c.program == "apt-mark" and c.args[:1] == ("manual",) for a in c.args[1:] if not a.startswith(("$", "-"))}


def sets_no_recommends(run) -> bool:
    """Whether a RUN writes apt's configuration to skip Recommends (APT::Install-Recommends "false")."""
    if "Install-Recommends" not in run.instruction.source:
        return False
    return any("Install-Recommends" in w and ("false" in w.lower() or '"0"' in w) for c in run.commands for w in c.words)


def build_tools_kept(model, stage) -> list[tuple[object, PackageChange, list[str]]]:
    """(RUN, package change, build packages) of every RUN in the stage's lineage, oldest first:
    those that no later RUN of the lineage removes."""
    return [(run, change, kept) for run, change, kept, _, _ in _build_tools(model, stage) if kept]


def _build_tools(model, stage) -> Sequence[tuple[object, PackageChange, list[str], list[str], int]]:
    return model.final_build_tools if stage is model.final else build_tools_of(model, stage)


def build_tools_removed_later(model, stage) -> list[tuple[object, PackageChange, list[str], int]]:
    """(RUN, package change, build packages, the line that removes them) for build packages a
    later RUN of the stage's lineage removes (`apt-get purge`, `apk del`): gone from the image's
    files, they still take their size in the layer that installed them."""
    return [(run, change, gone, line) for run, change, _, gone, line in _build_tools(model, stage) if gone]


def build_tools_of(model, stage) -> list[tuple[object, PackageChange, list[str], list[str], int]]:
    """(RUN, package change, build packages kept, those a later RUN removes, the first line
    that removes them) of every RUN in the stage's lineage that installs build packages."""
    runs = [run for each in reversed(model.lineage(stage)) for run in each.runs]
    found = []
    recommends_off = False
    for index, run in enumerate(runs):
        recommends_off = recommends_off or sets_no_recommends(run)
        if not run.packages:
            continue
        for change, tools in build_packages_kept(run, recommends_off):
            later = _removed_by(runs[index + 1 :], change.manager)
            removed_at = {t: later[name] for t in tools if (name := package_name(t.split(" ", 1)[0])) in later}
            kept = [t for t in tools if t not in removed_at]
            found.append((run, change, kept, list(removed_at), min(removed_at.values(), default=0)))
    return found


def _removed_by(runs, manager: str) -> dict[str, int]:
    """The packages those RUNs remove with the package manager, each with the first line that does."""
    removed: dict[str, int] = {}
    for run in runs:
        for change in run.packages:
            if change.action == "remove" and change.manager == manager:
                for spec in change.packages:
                    removed.setdefault(package_name(spec), change.line)
    return removed


def clears(run, path: str) -> bool:
    """Whether a RUN keeps `path` (a cache or list folder) out of its layer: it mounts a cache
    or tmpfs over the path or a folder holding it, or removes it (or a folder holding it)
    with rm. `rm -rf /var/lib/{apt,dpkg}/x` removes nothing: dash has no brace expansion."""
    for mount in run.mounts:
        target = mount_target(mount)
        if mount_option(mount, "type") in ("cache", "tmpfs") and target and _within(path, target):
            return True
    return removes(run, path)


def removes(run, path: str) -> bool:
    """Whether a RUN removes `path`, or a folder holding it, with rm."""
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


def runs_keeping(model, path: str):
    """(stage, RUN) for each RUN of a shipped stage that leaves `path` in its layer: it neither
    removes it nor mounts a cache over it."""
    for stage in model.stages:
        if stage.index in model.shipped:
            for run in stage.runs:
                if not clears(run, path):
                    yield stage, run


def installs_keeping(model, manager: str, path: str, kept_anyway=None) -> list[tuple[object, object, list[PackageChange]]]:
    """(stage, RUN, installs) for each RUN of a shipped stage whose `manager` installs leave
    `path` in the layer (runs_keeping), where `kept_anyway(stage, run, change)`, when given,
    does not clear the install (a --no-cache)."""
    found = []
    for stage, run in runs_keeping(model, path):
        installs = [c for c in run.packages if c.manager == manager and c.action == "install"]
        if kept_anyway is not None:
            installs = [c for c in installs if kept_anyway(stage, run, c)]
        if installs:
            found.append((stage, run, installs))
    return found


# Installers that cache downloads in the home folder: the option that turns the cache off,
# and the cache's folder under $HOME.
CACHES = {"pip": ("--no-cache-dir", ".cache/pip"), "uv": ("--no-cache", ".cache/uv"), "poetry": ("--no-cache", ".cache/pypoetry")}
# The environment variable that moves each cache elsewhere.
CACHE_DIRS = {"pip": "PIP_CACHE_DIR", "uv": "UV_CACHE_DIR", "poetry": "POETRY_CACHE_DIR"}
_CLEANERS = (("cache", "purge"), ("cache", "clean"), ("cache", "clear"))


def caches_kept(model, stages) -> list[tuple[object, object, PackageChange]]:
    """(stage, RUN, install) for each pip, uv or Poetry install in `stages` that leaves its
    download cache in the layer: no option or environment variable (PIP_NO_CACHE_DIR,
    UV_NO_CACHE, set by an earlier ENV or an ARG) turns it off, no cache mount covers it
    (nor the --cache-dir it is given), the RUN does not remove it (rm, `pip cache purge`,
    `uv cache clean`, `poetry cache clear`), and it is not an install of local wheels
    without their dependencies, or of a wheelhouse that an earlier stage's `pip wheel` filled
    with the wheels and their dependencies, which downloads nothing."""
    found = []
    for stage in stages:
        for run in stage.runs:
            for change in run.packages:
                if change.manager in CACHES and change.action == "install" and _keeps_cache(model, stage, run, change):
                    found.append((stage, run, change))
    return found


def _keeps_cache(model, stage, run, change) -> bool:
    flag, folder = CACHES[change.manager]
    variables = _variables_before(stage, run)
    if change.has(flag) or set_by_env(change.manager, flag, variables):
        return False
    moved = _moved(change, variables)
    return not (_cache_dir_mounted(run, moved, folder, variables) or _downloads_nothing(change) or _wheelhouse(model, stage, run, change)
                or _clears_cache(run, change.manager, moved or folder))


def cache_folder(stage, run, change: PackageChange) -> str:
    """Where the install keeps its download cache: the folder --cache-dir or the *_CACHE_DIR
    variable set before the RUN names, else ~/.cache/<tool>."""
    return _moved(change, _variables_before(stage, run)) or f"~/{CACHES[change.manager][1]}"


def _moved(change: PackageChange, variables) -> str | None:
    """The folder --cache-dir or the *_CACHE_DIR variable moves the install's cache to."""
    return change.value("--cache-dir") or variables.get(CACHE_DIRS[change.manager])


def _variables_before(stage, run):
    """The ARG and ENV values a RUN sees: the base image's ENV (PIP_NO_CACHE_DIR=1 in a base
    built here), then the stage's own."""
    line = run.instruction.start_line
    inherited = dict(stage.base_facts.env) if stage.base_facts is not None else {}
    return {**inherited, **stage.args, **{name: var.value for name, var in stage.env.items() if var.line < line}}


def _cache_dir_mounted(run, moved: str | None, folder: str, variables) -> bool:
    """Whether a cache or tmpfs mount covers the cache: the folder --cache-dir or the
    *_CACHE_DIR variable moves it to, else $HOME/.cache/<tool> (any home)."""
    targets = [expand(t.strip("'\""), variables) for m in run.mounts if mount_option(m, "type") in ("cache", "tmpfs")
               if (t := mount_target(m) or "")]
    if moved:
        return any(t and _within(moved, t) for t in targets)
    return any(t.rstrip("/").endswith(("/.cache", "/" + folder)) for t in targets)


def _downloads_nothing(change) -> bool:
    """pip caches downloads and wheels it builds from an index; local wheels installed without
    their dependencies add nothing to it, nor does an install that reads no index (--no-index)
    and finds its packages only in local --find-links folders."""
    if change.manager != "pip" or not change.packages or change.has("--requirement"):
        return False
    local = all(p.startswith(("/", "./", "../")) or p.endswith(".whl") for p in change.packages)
    if change.has("--no-deps") and local:
        return True
    links = change.argv.values("--find-links")
    return change.has("--no-index") and all("://" not in p for p in (*change.packages, *links))


def _wheelhouse(model, stage, run, change) -> bool:
    """pip install /deps/wheels/*.whl, where every wheel's folder is the --wheel-dir of a
    `pip wheel` run (without --no-deps) in the earlier stage it is mounted (RUN
    --mount=type=bind,from=STAGE) or copied (COPY --from=STAGE) from: that stage built the
    wheels with all their dependencies, so pip finds every requirement there and downloads
    nothing."""
    if change.manager != "pip" or not change.packages or change.has("--requirement"):
        return False
    if not all(p.startswith("/") and p.endswith(".whl") for p in change.packages):
        return False
    return all(_complete_wheel_dir(model, stage, run, p.rsplit("/", 1)[0] or "/") for p in change.packages)


def _complete_wheel_dir(model, stage, run, folder: str) -> bool:
    for source_stage, source in _origins(model, stage, run, folder):
        if any(_fills_with_dependencies(command, source) for r in source_stage.runs for command in r.commands):
            return True
    return False


def _origins(model, stage, run, folder: str):
    """(stage, folder there) that `folder` of this RUN comes from: a bind mount from a stage, or
    an earlier COPY --from=<stage> of this stage."""
    for mount in run.mounts:
        ref, target = mount_option(mount, "from"), mount_target(mount)
        if mount_option(mount, "type") == "bind" and ref and target and (inside := _inside(folder, target)) is not None:
            found = model.stage_before(ref, stage.index)
            if found is not None:
                yield found, _joined(mount_option(mount, "source") or mount_option(mount, "src") or "/", inside)
    for copy in stage.copies:
        if copy.from_ref and copy.instruction.start_line < run.instruction.start_line and len(copy.sources) == 1:
            inside = _inside(folder, copy.dest)
            found = model.stage_before(copy.from_ref, stage.index)
            if inside is not None and found is not None:
                yield found, _joined(copy.sources[0], inside)


def _inside(folder: str, top: str) -> str | None:
    """The part of `folder` below `top` ("" for top itself), or None when it is not below."""
    folder, top = folder.rstrip("/") or "/", top.rstrip("/") or "/"
    if folder == top:
        return ""
    return folder[len(top):].lstrip("/") if folder.startswith(top.rstrip("/") + "/") else None


def _joined(top: str, inside: str) -> str:
    top = top.rstrip("/") or "/"
    return top if not inside else f"{top.rstrip('/')}/{inside}"


def _as_module(command) -> tuple[str, tuple[str, ...]]:
    """(program, arguments), with `python3 -m pip cache purge` read as pip's `cache purge`."""
    args = tuple(command.args)
    if command.program.startswith("python") and args[:1] == ("-m",) and len(args) > 1:
        return args[1], args[2:]
    return command.program, args


def _fills_with_dependencies(command, folder: str) -> bool:
    """`pip wheel --wheel-dir FOLDER ...` (also -w, --wheel-dir=, python -m pip) without --no-deps."""
    words = list(command.words)
    if command.program.startswith("python") and words[1:3] == ["-m", "pip"]:
        words = words[2:]
    elif not command.program.startswith("pip"):
        return False
    args = words[1:]
    if not args or args[0] != "wheel" or any(a == "--no-deps" for a in args):
        return False
    for i, arg in enumerate(args):
        value = None
        if arg in ("-w", "--wheel-dir") and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--wheel-dir="):
            value = arg.partition("=")[2]
        elif arg.startswith("-w") and len(arg) > 2 and not arg.startswith("--"):
            value = arg[2:]
        if value is not None and (value.rstrip("/") or "/") == (folder.rstrip("/") or "/"):
            return True
    return False


def _clears_cache(run, manager: str, folder: str) -> bool:
    if any(program.startswith(manager) and args[:2] in _CLEANERS for program, args in map(_as_module, run.commands)):
        return True
    if "rm" not in run.programs:
        return False
    marks = (folder, "config cache-dir")  # rm -rf ~/.cache/pip, rm -rf $(poetry config cache-dir)
    return any(c.program == "rm" and any(m in a or a.rstrip("/*").endswith("/.cache") for a in c.args for m in marks) for c in run.commands)
