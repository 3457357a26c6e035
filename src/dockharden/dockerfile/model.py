"""The model over a parsed Dockerfile: stages and the facts rules share.

Facts that several rules need (effective user and its UID, healthcheck timings,
ENV with inheritance, what each RUN does) are computed here once.
"""
from __future__ import annotations

import bisect
import posixpath
import re
from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import field, replace

from dockharden.dockerfile.context import BuildContext
from dockharden.dockerfile.facts import drops_root, is_windows, runs_python
from dockharden.dockerfile.purpose import Purpose, purpose_of
from dockharden.dockerfile.conditions import opt_in_switch
from dockharden.dockerfile.commands import CreatedAccount, PackageChange, account_created, package_change, written_accounts
from dockharden.dockerfile.healthcheck import Healthcheck, healthcheck_from
from dockharden.dockerfile.inherited import Chained, Inherited
from dockharden.dockerfile.mounts import mount_option
from dockharden.dockerfile.packages import build_tools_of
from dockharden.dockerfile.words import parse_words, unquote
from dockharden.dockerfile.shell import LineOf, SimpleCommand, assigned_variables, counting_lines, split_script
from dockharden.dockerfile.syntax import Dockerfile, Heredoc, Instruction, ParseError
from dockharden.dockerfile.users import UserSetting, user_setting
from dockharden.dockerfile.variables import ExpansionTooLarge, expand, expansion_budget, try_expand
from dockharden.core.records import cached, record
from dockharden.knowledge.base_images import BaseImage, normalized, well_known
from dockharden.knowledge.image_shells import shells
from dockharden.knowledge.shells import DEFAULT_SHELL, SHELLS, shell_c_script
from dockharden.knowledge.system_accounts import system_uid


@record
class EnvVar:
    name: str
    value: str
    line: int


@record
class Copy:
    instruction: Instruction
    sources: tuple[str, ...]
    dest: str  # absolute, after WORKDIR
    from_ref: str | None
    chown: str | None  # after expansion
    written: tuple[str, ...] = ()  # absolute paths it creates or fills, files or directories
    chmod: str | None = None  # after expansion

    @property
    def is_add(self) -> bool:
        return self.instruction.name == "ADD"

    @property
    def from_context(self) -> bool:
        return self.from_ref is None and not self.instruction.heredocs


@record
class Run:
    instruction: Instruction
    commands: tuple[SimpleCommand, ...]
    mounts: tuple[str, ...]
    workdir: str = "/"
    packages: tuple[PackageChange, ...] = ()
    accounts: tuple[CreatedAccount, ...] = ()
    switch: str | None = None  # the build setting its whole script waits for, off in this build ("DEBUG=1")
    shell: tuple[str, ...] = DEFAULT_SHELL  # the SHELL in effect: what runs a shell-form RUN
    # What its commands run, by base name (rules ask "does it run rm?"); derived from
    # commands at creation, so a Run built or replaced with other commands cannot disagree.
    programs: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.programs = frozenset([c.program for c in self.commands])  # type: ignore[misc]  # frozen to mypy only


@record
class ArgDeclaration:
    name: str
    default: str | None  # as written, quotes removed; None without "="
    line: int
    stage: int | None  # None for a global ARG (before the first FROM)


@record
class Stage:
    index: int
    name: str | None
    line: int
    base: str  # the FROM image after ARG expansion (a stage name when parent is set)
    parent: int | None
    root_image: str  # the external image at the root of the FROM chain
    instructions: tuple[Instruction, ...] = ()
    args: dict[str, str | None] = field(default_factory=dict)
    env: Mapping[str, EnvVar] = field(default_factory=Inherited)  # with inherited ones, shared with the parent
    user: UserSetting | None = None
    healthcheck: Healthcheck | None = None
    workdir: str = "/"
    cmd: Instruction | None = None
    entrypoint: Instruction | None = None
    copies: tuple[Copy, ...] = ()
    runs: tuple[Run, ...] = ()
    accounts: Sequence[CreatedAccount] = ()  # with inherited ones (a Chained, shared with the parent)
    packages: Sequence[PackageChange] = ()  # with inherited ones (the same)
    labels: Mapping[str, tuple[str, int]] = field(default_factory=Inherited)
    defined_env: tuple[EnvVar, ...] = ()  # the ENV values this stage sets that last to its end
    base_facts: BaseImage | None = None  # what is known of root_image (knowledge/base_images.py, or its Dockerfile)
    shell: tuple[str, ...] = DEFAULT_SHELL  # the last SHELL, inherited by stages built FROM this one

    @property
    def end_line(self) -> int:
        return self.instructions[-1].end_line if self.instructions else self.line

    def variables(self) -> Mapping[str, str | None]:
        """ARG and ENV values at the end of the stage (ENV wins); read-only."""
        return Variables(self.args, self.env)


class Variables(Mapping[str, "str | None"]):
    """{**args, **ENV values} without building it: a stage inherits thousands of ENV values."""

    def __init__(self, args: Mapping[str, str | None], env: Mapping[str, EnvVar]) -> None:
        self._args = args
        self._env = env

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]
        var = self._env.get(name)
        if var is not None:
            return var.value
        return self._args.get(name, default)

    def __getitem__(self, name: str) -> str | None:
        var = self._env.get(name)
        if var is not None:
            return var.value
        return self._args[name]

    def __contains__(self, name: object) -> bool:
        return name in self._env or name in self._args

    def __iter__(self) -> Iterator[str]:
        yield from self._args
        yield from (name for name in self._env if name not in self._args)

    def __len__(self) -> int:
        return len(self._args) + sum(1 for name in self._env if name not in self._args)


@record
class Model:
    dockerfile: Dockerfile
    stages: tuple[Stage, ...]
    global_args: dict[str, str | None]
    target: int
    dockerignore: bool | None = None  # None when the context was not looked at
    context: BuildContext | None = None  # the likely build context and what the project says about it
    configured_purpose: str | None = None  # what the configuration says the image is for
    # What is known of the images (not stages) that COPY --from= and RUN --mount=from= name,
    # by the name as written after expansion: the same resolver as FROM lines'.
    source_images: Mapping[str, BaseImage | None] = field(default_factory=dict)

    @cached
    def purpose(self) -> Purpose:
        """What the image is for (dockerfile/purpose.py states the rule)."""
        return purpose_of(self)

    @cached
    def runs_python(self) -> bool:
        """Whether the final image runs Python (dockerfile/facts.py)."""
        return runs_python(self)

    @cached
    def drops_root(self) -> str:
        """How the final image, started as root, runs as another user; "" when nothing does."""
        return drops_root(self)

    @cached
    def final_build_tools(self) -> tuple[tuple[object, PackageChange, list[str], list[str], int], ...]:
        """(RUN, package change, build packages kept, those a later RUN removes, the line that
        removes them) for the final stage's lineage (dockerfile/packages.py): read by DH801,
        DH501 and the matrix's detail alike."""
        return tuple(build_tools_of(self, self.final))

    @cached
    def windows(self) -> bool:
        """Whether the final image is a Windows image (dockerfile/facts.py)."""
        return is_windows(self)

    @property
    def path(self) -> str:
        return self.dockerfile.path

    @cached
    def final(self) -> Stage:
        return self.stages[self.target]

    @cached
    def _stage_names(self) -> dict[str, int]:
        return _name_index(self.stages)

    def source_stage(self, copy: Copy, stage: Stage) -> Stage | None:
        """The earlier stage a COPY --from names, or None for an image or the context."""
        return None if copy.from_ref is None else self.stage_before(copy.from_ref, stage.index)

    def stage_before(self, ref: str, before: int) -> Stage | None:
        """The stage before stage `before` that `ref` (a --from= or FROM word) names, by name or number."""
        index = _find_stage(ref, self._stage_names, before)
        return None if index is None else self.stages[index]

    @cached
    def arguments(self) -> tuple[ArgDeclaration, ...]:
        """Every ARG declaration, global ones first, in file order."""
        found: list[ArgDeclaration] = []
        stage_of = {i.start_line: s.index for s in self.stages for i in s.instructions}
        for instruction in self.dockerfile.instructions:
            if instruction.name != "ARG":
                continue
            for word in parse_words(instruction.args):
                name, sep, default = word.partition("=")
                found.append(ArgDeclaration(name, unquote(default) if sep else None, instruction.start_line, stage_of.get(instruction.start_line)))
        return tuple(found)

    def visible_in_a_stage(self, argument: ArgDeclaration) -> bool:
        """Whether a RUN can see the ARG: a stage declares it, or it is a global ARG that a
        stage redeclares (a global ARG alone reaches FROM lines only)."""
        return argument.stage is not None or any(a.name == argument.name and a.stage is not None for a in self.arguments)

    def lineage(self, stage: Stage) -> tuple[Stage, ...]:
        """The stage and the stages it is built FROM, nearest first."""
        chain = [stage]
        while chain[-1].parent is not None:
            chain.append(self.stages[chain[-1].parent])
        return tuple(chain)

    def image_copies(self, stage: Stage) -> tuple[Copy, ...]:
        """Every COPY/ADD whose layer is in the stage's image: its own and its parents', oldest first."""
        return tuple(c for s in reversed(self.lineage(stage)) for c in s.copies)

    @cached
    def shipped(self) -> frozenset[int]:
        """Stages whose layers can end in a shipped image: the final stage's lineage, and the
        lineage of every stage that no later stage builds on or takes files from (another
        target, such as a `cpu` or `test` stage), with the stages a FROM by a platform variable
        can name (`FROM ${TARGETARCH}-base`). A builder whose output alone is copied on
        (COPY --from, RUN --mount=from=) never ships."""
        used = {s.parent for s in self.stages if s.parent is not None}
        used |= {i for s in self.stages for i in self.stages_used(s)}
        used |= {i for s in self.stages if s.parent is None for i in self._stages_a_variable_names(s)}
        ends = [s for s in self.stages if s.index not in used] + [self.final]
        shipped: set[int] = set()
        while ends:
            lineage = [s for s in self.lineage(ends.pop()) if s.index not in shipped]
            shipped.update(s.index for s in lineage)
            ends += [self.stages[i] for s in lineage if s.parent is None for i in self._stages_a_variable_names(s)]
        return frozenset(shipped)

    def _stages_a_variable_names(self, stage: Stage) -> tuple[int, ...]:
        """The earlier stages a FROM by a variable with no value here can name: `FROM
        ${TARGETARCH}-golang` builds on amd64-golang or arm64-golang, as the platform decides."""
        words = parse_words(stage.instructions[0].args) if stage.instructions else []
        if not words or "$" not in words[0] or try_expand(words[0], self.global_args) is not None \
                or not _REFERENCE.sub("", words[0]).strip("-_."):
            return ()  # no variable, one with a value, or nothing but variables (any stage at all)
        pattern = _stage_pattern(words[0])
        return tuple(s.index for s in self.stages[:stage.index] if s.name and pattern.fullmatch(s.name.lower()))

    def stages_used(self, stage: Stage) -> tuple[int, ...]:
        """The earlier stages a stage takes files from: COPY --from=<stage> and RUN
        --mount=from=<stage>."""
        refs = image_sources(stage)
        return tuple(i for ref in refs if (i := _find_stage(ref, self._stage_names, stage.index)) is not None)


def shell_script(instruction: Instruction) -> str | None:
    """The script a shell runs for RUN/CMD/ENTRYPOINT (shell form, or exec form `sh -c SCRIPT`);
    None when the program itself is started."""
    argv = instruction.exec_form
    if argv is None:
        return instruction.args
    return shell_c_script(argv)


def shell_stays_pid1(instruction: Instruction, runner: str | None = None) -> bool:
    """Whether the shell stays PID 1 (so SIGTERM never reaches the server): its script does
    not end by exec-ing the server, and the shell that runs it (`runner`: "busybox ash",
    "bash", "dash" or None when not known) does not exec it by itself. busybox ash runs a
    `-c` string with EV_EXIT and execs its last simple command when no trap is set; bash
    execs a `-c` string that is one simple command; Debian patches dash not to."""
    script = shell_script(instruction)
    if script is None:
        return False
    commands = split_script(script, lambda offset: instruction.start_line)
    if not commands or commands[-1].execs:
        return not commands
    bare = _QUOTED.sub("''", script)  # what quotes hold is a word's text: `nginx -g "daemon off;"` is one command
    if runner == "busybox ash" and not _NOT_A_SIMPLE_LIST.search(bare) and not any(c.program == "trap" for c in commands):
        return False
    return not (runner == "bash" and len(commands) == 1 and not _NOT_A_SIMPLE_LIST.search(bare) and not re.search(r"[;&\n]", bare.strip()))


_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"")
# What keeps the last command of a `-c` script from being exec'd: pipes, background jobs,
# `||`, subshells, backquotes and compound commands.
_NOT_A_SIMPLE_LIST = re.compile(r"\|\||\||(?<!&)&(?!&)|[()`]|(?:^|[\s;&])(?:if|then|else|elif|fi|for|while|until|do|done|case|esac|\{|\})(?=\s|;|$)")


def command_shell(stage: Stage, instruction: Instruction) -> str | None:
    """The shell that runs a CMD/ENTRYPOINT script: bash, or the image's /bin/sh ("dash",
    "busybox ash", "bash"); None when not known."""
    argv = instruction.exec_form or stage.shell
    program = argv[0].rsplit("/", 1)[-1] if argv else ""
    if program == "bash":
        return "bash"
    if program not in ("sh", "ash"):
        return None
    found = shells(stage.root_image)
    return None if found is None else found.sh


@record
class Script:
    """A script a shell runs for a RUN, with the Dockerfile line of each of its lines."""

    text: str
    lines: tuple[int, ...]  # lines[n]: the Dockerfile line of the script's line n (from 0)

    def line_of(self, offset: int) -> int:
        """The Dockerfile line of an offset into the text."""
        return self.lines[min(self.text.count("\n", 0, offset), len(self.lines) - 1)]


def shell_scripts(instruction: Instruction, escape: str) -> tuple[Script, ...]:
    """What a shell runs for a RUN: the shell-form text as the shell reads it (continuation
    lines kept, the comment lines BuildKit drops left out, heredoc bodies after the command
    line), the body of `RUN <<EOF` alone, or SCRIPT of exec-form `sh -c SCRIPT`; nothing
    when the RUN starts a program itself."""
    if instruction.exec_form is not None:
        script = shell_c_script(instruction.exec_form)
        return () if script is None else (Script(script, (instruction.start_line,) * (script.count("\n") + 1)),)
    if instruction.heredocs and not split_script(instruction.args, lambda offset: 0):
        heredoc = instruction.heredocs[0]  # `RUN <<EOF` alone: BuildKit runs the first body
        first = heredoc.end_line - heredoc.content.count("\n")
        body = Script(heredoc.content, tuple(range(first, heredoc.end_line + 1)))
        return (body,) if _shell_shebang(heredoc.content) else ()
    return (_source_script(instruction),)


def _source_script(instruction: Instruction) -> Script:
    """The shell-form RUN's own lines from where its command starts, each continuation line
    ending in a backslash (the shell joins them as BuildKit does), then any heredoc bodies."""
    lines = instruction.source.split("\n")
    pieces = instruction.pieces or ((instruction.start_line, lines[0]),)
    last = pieces[-1][0]
    kept = [(number, text + "\\") for number, text in pieces[:-1]] + [pieces[-1]]
    kept += list(enumerate(lines[last - instruction.start_line + 1 :], start=last + 1))
    joined = "".join(text[:-1] if text.endswith("\\") else text for _, text in kept)
    start = max(joined.rfind(instruction.args), 0)
    for index, (number, text) in enumerate(kept):
        width = len(text) - (1 if text.endswith("\\") else 0)
        if start < width or index == len(kept) - 1:
            rest = kept[index:]
            text = "\n".join([rest[0][1][start:]] + [line for _, line in rest[1:]])
            return Script(text, tuple(number for number, _ in rest))
        start -= width
    return Script(instruction.args, (instruction.start_line,))


@record
class _Scope:
    """What every instruction of a file sees besides its stage."""

    global_args: dict[str, str | None]
    escape: str
    stage_names: dict[str, int]  # lower-case name -> the first stage so named
    base_images: BaseImages
    stages: list[Stage]  # the stages read so far
    read_runs: Mapping[int, Run] = field(default_factory=dict)  # an earlier model's RUNs, by id of their instruction


class _StageBuilder:
    """A stage while its instructions are read: mutated in place, frozen into a Stage once
    (copying a frozen Stage per instruction made the model quadratic in stage length)."""

    def __init__(self, index: int, name: str | None, instruction: Instruction, image: str, parent: Stage | None,
                 known: BaseImage | None = None) -> None:
        self.index, self.name, self.line, self.base = index, name, instruction.start_line, image
        self.parent = None if parent is None else parent.index
        self.root_image = image if parent is None else parent.root_image
        self.known = known if parent is None else parent.base_facts
        self.instructions = [instruction]
        # A stage built FROM another inherits its ARGs (Docker's build-variables docs: `FROM stage-a AS stage-c`).
        self.args: dict[str, str | None] = {} if parent is None else dict(parent.args)
        self.env: Mapping[str, EnvVar] = Inherited() if parent is None else parent.env  # shared, never copied
        self.env_set: dict[str, None] = {}  # names this stage's ENV instructions set, in order
        self.user = None if parent is None else parent.user
        self.healthcheck = None if parent is None else parent.healthcheck
        self.workdir = "/" if parent is None else parent.workdir
        self.cmd = None if parent is None else parent.cmd
        self.entrypoint = None if parent is None else parent.entrypoint
        self.copies: list[Copy] = []
        self.runs: list[Run] = []
        self.accounts = Chained() if parent is None else Chained.of(parent.accounts)
        self.packages = Chained() if parent is None else Chained.of(parent.packages)
        self.labels: Mapping[str, tuple[str, int]] = Inherited() if parent is None else parent.labels
        self.shell = DEFAULT_SHELL if parent is None else parent.shell

    def variables(self) -> Mapping[str, str | None]:
        """ARG and ENV values so far (ENV wins)."""
        return Variables(self.args, self.env)

    def freeze(self) -> Stage:
        return Stage(
            self.index, self.name, self.line, self.base, self.parent, self.root_image, tuple(self.instructions),
            self.args, self.env, self.user, self.healthcheck, self.workdir, self.cmd, self.entrypoint,
            tuple(self.copies), tuple(self.runs), self.accounts, self.packages, self.labels,
            tuple([self.env[name] for name in self.env_set]), self.known, self.shell,
        )


BaseImages = Callable[[str], "BaseImage | None"]


def build_model(dockerfile: Dockerfile, target: str | None = None, dockerignore: bool | None = None,
                base_images: BaseImages | None = None, previous: Model | None = None) -> Model:
    """The model of a parsed Dockerfile; `base_images` says what is known of an external
    image a stage is built FROM (by default the well-known table). `previous`, the model of
    an earlier parse that lent this one instructions (parse's `previous`), lends what their
    RUNs run when that depends on nothing but the instruction (_read_commands)."""
    read_runs: dict[int, Run] = {}
    if previous is not None and previous.dockerfile.escape == dockerfile.escape:
        read_runs = {id(run.instruction): run for stage in previous.stages for run in stage.runs}
    stages: list[Stage] = []
    scope = _Scope({}, dockerfile.escape, {}, base_images or well_known, stages, read_runs)
    current: _StageBuilder | None = None
    with expansion_budget():
        for instruction in dockerfile.instructions:
            try:
                current = _read_instruction(instruction, current, stages, scope)
            except ExpansionTooLarge as error:
                raise ParseError(dockerfile.path, instruction.start_line, str(error)) from None
    if current is None:
        raise ParseError(dockerfile.path, dockerfile.instructions[0].start_line, "no FROM instruction")
    stages.append(current.freeze())
    return Model(dockerfile, tuple(stages), scope.global_args, _target_index(stages, target, dockerfile.path), dockerignore,
                 source_images=_source_images(stages, scope))


def _source_images(stages: list[Stage], scope: _Scope) -> dict[str, BaseImage | None]:
    names = _name_index(tuple(stages))
    refs = [ref for stage in stages for ref in image_sources(stage) if _find_stage(ref, names, stage.index) is None]
    return {ref: scope.base_images(ref) for ref in refs if "$" not in ref and ref != "scratch"}


def image_sources(stage: Stage) -> list[str]:
    """What its COPY --from= and RUN --mount=from= name, stages and images alike."""
    refs = [c.from_ref for c in stage.copies if c.from_ref is not None]
    return refs + [ref for run in stage.runs for mount in run.mounts if (ref := mount_option(mount, "from"))]


def _read_instruction(instruction: Instruction, current: _StageBuilder | None, stages: list[Stage],
                      scope: _Scope) -> _StageBuilder | None:
    """Apply one instruction; returns the stage being read after it."""
    if instruction.name == "FROM":
        if current is not None:
            stages.append(current.freeze())
            scope.stage_names.setdefault((current.name or "").lower(), current.index)
        return _start_stage(instruction, stages, scope)
    if current is not None:
        current.instructions.append(instruction)
        handler = _HANDLERS.get(instruction.name)
        if handler is not None:
            handler(current, instruction, scope)
    elif instruction.name == "ARG":
        scope.global_args.update(_arg_values(instruction, scope.global_args, scope.global_args))
    return current


def _target_index(stages: list[Stage], target: str | None, path: str) -> int:
    if target is None:
        return len(stages) - 1
    for stage in stages:
        if stage.name and stage.name.lower() == target.lower():
            return stage.index
    raise ParseError(path, 0, f"no stage named {target!r}")


def _start_stage(instruction: Instruction, stages: list[Stage], scope: _Scope) -> _StageBuilder:
    words = parse_words(instruction.args)
    image = expand(words[0], scope.global_args) if words else ""
    name = words[2] if len(words) >= 3 and words[1].lower() == "as" else None
    parent = _find_stage(image, scope.stage_names, len(stages))
    if parent is not None:
        return _StageBuilder(len(stages), name, instruction, image, stages[parent])
    known = scope.base_images(image) if image and image != "scratch" and "$" not in image else None
    return _StageBuilder(len(stages), name, instruction, image, None, known)


def _name_index(stages: tuple[Stage, ...]) -> dict[str, int]:
    names: dict[str, int] = {}
    for stage in stages:
        names.setdefault((stage.name or "").lower(), stage.index)
    return names


_REFERENCE = re.compile(r"\$(?:\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)")


def _stage_pattern(word: str) -> re.Pattern[str]:
    """A FROM word with each variable reference taken as any stage-name text."""
    parts = _REFERENCE.split(word.lower())
    return re.compile("[a-z0-9_.-]*".join(re.escape(p) for p in parts))


def _find_stage(ref: str, names: dict[str, int], before: int) -> int | None:
    """The first of the stages before `before` named `ref` (any case), else the one numbered `ref`."""
    index = names.get(ref.lower()) if ref else None
    if index is not None and index < before:
        return index
    if ref.isdigit() and int(ref) < before:
        return int(ref)
    return None


def _arg_values(instruction: Instruction, global_args, variables) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for word in parse_words(instruction.args):
        name, sep, default = word.partition("=")
        if sep:
            values[name] = unquote(expand(default, ChainMap(values, variables)))
        else:
            values[name] = global_args.get(name)
    return values


def _on_arg(stage: _StageBuilder, instruction: Instruction, scope: _Scope) -> None:
    stage.args.update(_arg_values(instruction, scope.global_args, stage.variables()))


def _on_env(stage: _StageBuilder, instruction: Instruction, scope: _Scope) -> None:
    # Every value of one ENV instruction sees the variables from before it, as in Docker.
    before = stage.variables()
    for name, value in env_pairs(instruction):
        stage.env = stage.env.set(name, EnvVar(name, unquote(expand(value, before, keep_unknown=True)), instruction.start_line))  # type: ignore[attr-defined]
        stage.env_set[name] = None


def _on_label(stage: _StageBuilder, instruction: Instruction, scope: _Scope) -> None:
    for name, value in env_pairs(instruction):
        stage.labels = stage.labels.set(unquote(name), (unquote(value), instruction.start_line))  # type: ignore[attr-defined]


def env_pairs(instruction: Instruction) -> list[tuple[str, str]]:
    words = parse_words(instruction.args)
    if words and "=" not in words[0]:
        name, _, value = instruction.args.strip().partition(" ")
        return [(name, value.strip())]
    return [tuple(word.split("=", 1)) for word in words if "=" in word]  # type: ignore[misc]


def _on_user(stage: _StageBuilder, instruction: Instruction, scope: _Scope) -> None:
    variables = stage.variables()
    if "$" in instruction.source and stage.known is not None and stage.known.env:  # USER ${NB_UID}, set by the base image's ENV
        variables = {**stage.known.env_values(), **variables}
    setting = user_setting(instruction, variables, stage.accounts)
    shipped = dict(stage.known.accounts) if stage.known is not None else {}
    if setting.uid is None and setting.user in shipped:
        setting = replace(setting, uid=shipped[setting.user], uid_source=f"shipped by {normalized(stage.root_image)}")
    elif setting.uid is None and setting.user and (fixed := system_uid(stage.root_image, setting.user)) is not None:
        setting = replace(setting, uid=fixed, uid_source=f"a system user of {normalized(stage.root_image)}")
    stage.user = setting


def _on_workdir(stage: _StageBuilder, instruction: Instruction, scope: _Scope) -> None:
    path = unquote(expand(instruction.args.strip(), stage.variables()))
    stage.workdir = _resolve(stage.workdir, path)


def _on_shell(stage: _StageBuilder, instruction: Instruction, scope: _Scope) -> None:
    if instruction.exec_form:  # SHELL takes the JSON form only; BuildKit refuses any other
        stage.shell = instruction.exec_form


def _on_healthcheck(stage: _StageBuilder, instruction: Instruction, scope: _Scope) -> None:
    stage.healthcheck = healthcheck_from(instruction)


def _on_cmd(stage: _StageBuilder, instruction: Instruction, scope: _Scope) -> None:
    stage.cmd = instruction


def _on_entrypoint(stage: _StageBuilder, instruction: Instruction, scope: _Scope) -> None:
    if stage.cmd is not None and stage.cmd.start_line < stage.line:
        stage.cmd = None  # an ENTRYPOINT resets the CMD inherited from the parent stage
    stage.entrypoint = instruction


def _on_copy(stage: _StageBuilder, instruction: Instruction, scope: _Scope) -> None:
    variables = stage.variables()
    words = [expand(w, variables) for w in _copy_words(instruction)]
    dest = _resolve(stage.workdir, words[-1]) if words else stage.workdir
    # Into a directory: a trailing slash, several sources, or one that exists (the WORKDIR).
    into_dir = bool(words) and (words[-1].endswith("/") or len(words) > 2 or dest in (stage.workdir, "/"))
    written = tuple(_written(source, dest, into_dir) for source in words[:-1])
    from_ref, chown = _flag(instruction, "from", variables), _flag(instruction, "chown", variables)
    chmod = _flag(instruction, "chmod", variables)
    stage.copies.append(Copy(instruction, tuple(words[:-1]), dest, from_ref, chown, written, chmod))
    source = _find_stage(from_ref, scope.stage_names, stage.index) if from_ref is not None else None
    if source is not None and ("/etc/passwd" in written or "/etc/group" in written):
        kinds = {kind for kind, path in (("user", "/etc/passwd"), ("group", "/etc/group")) if path in written}
        stage.accounts = stage.accounts.extended(tuple([a for a in scope.stages[source].accounts if a.kind in kinds]))


def _resolve(directory: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(directory, path))


def _copy_words(instruction: Instruction) -> list[str]:
    if instruction.exec_form is not None:
        return list(instruction.exec_form)
    return [unquote(w) for w in parse_words(instruction.args)]


def _flag(instruction: Instruction, key: str, variables) -> str | None:
    value = instruction.flag(key)
    return None if value is None else expand(value, variables, keep_unknown=True)


def _written(source: str, dest: str, into_dir: bool) -> str:
    """Where a source lands: a file-like name copied into a directory keeps its name, and so
    do the files a pattern of file names matches (`COPY *.sh /` writes /*.sh: each match at
    the root under its own name); a directory (or anything that may be one, `conf/*`) fills dest."""
    name = source.rstrip("/").rpartition("/")[2]
    file_like = "." in name.strip(".").lstrip("*?") and not name.startswith(".") and not source.endswith("/")
    if into_dir and file_like:
        return posixpath.join(dest, name)
    return dest


def _on_run(stage: _StageBuilder, instruction: Instruction, scope: _Scope) -> None:
    read = scope.read_runs.get(id(instruction))
    if read is not None and read.instruction is instruction and "$" not in instruction.source:
        commands, accounts, packages = read.commands, read.accounts, read.packages
    else:
        commands, accounts, packages = _read_commands(stage, instruction, scope.escape)
    switch = opt_in_switch(instruction.args, stage.variables()) if instruction.exec_form is None and instruction.args.lstrip()[:2] in ("if", "[ ") else None
    stage.runs.append(Run(instruction, commands, instruction.flag_values("mount"), stage.workdir, packages, accounts, switch, stage.shell))
    stage.accounts = stage.accounts.extended(accounts)
    stage.packages = stage.packages.extended(packages)


def _read_commands(stage: _StageBuilder, instruction: Instruction,
                   escape: str) -> tuple[tuple[SimpleCommand, ...], tuple[CreatedAccount, ...], tuple[PackageChange, ...]]:
    """What a RUN runs, the accounts it creates and the packages it changes. Without a `$` in
    its source, a function of the instruction and the escape character alone."""
    commands = _run_commands(instruction, escape)
    for command in commands:
        if command.program in SHELLS:  # RUN bash -c "...": its script's commands run too
            commands = _with_inner_scripts(commands)
            break
    if "$" in instruction.source:  # else no word has a variable to expand
        variables: Mapping[str, str | None] = stage.variables()
        assigned = _assigned(instruction, variables) if _ASSIGNS.search(instruction.source) else None
        if assigned:  # `deps="gcc make" && apt-get install $deps`
            variables = ChainMap(assigned, variables)  # type: ignore[arg-type]  # only read
        commands = tuple([_expanded(c, variables, instruction.source) for c in commands])
    # Loops rather than map(): compiled, each call is then a direct C call.
    accounts = tuple([a for c in commands if (a := account_created(c)) is not None])
    if "/etc/passwd" in instruction.source or "/etc/group" in instruction.source:
        accounts += written_accounts(commands, instruction.source)
    packages = tuple([p for c in commands if (p := package_change(c)) is not None])
    return commands, accounts, packages


_ASSIGNS = re.compile(r"(?:^|[\s;&|(])[A-Za-z_][A-Za-z0-9_]*=")


def _assigned(instruction: Instruction, known: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
    """The shell variables a RUN's scripts assign, in the order they run (an approximation:
    a use before its assignment sees it too); values made of variables are filled in from
    those and from `known`, the stage's ARG and ENV values."""
    script = shell_script(instruction)
    if script is None:
        return {}
    found = assigned_variables(script, known)
    if instruction.exec_form is None and instruction.heredocs:
        commands = split_script(instruction.args, lambda offset: instruction.start_line)
        for heredoc in instruction.heredocs:
            if _is_script(heredoc, commands, instruction):
                found.update(assigned_variables(heredoc.content, known))
    return found


def _run_commands(instruction: Instruction, escape: str) -> tuple[SimpleCommand, ...]:
    script = shell_script(instruction)
    if script is None:
        return (SimpleCommand(instruction.exec_form, instruction.start_line),) if instruction.exec_form else ()
    if instruction.exec_form is not None:  # RUN ["sh", "-c", "..."]
        return split_script(script, lambda offset: instruction.start_line)
    commands = split_script(instruction.args, _args_lines(instruction))
    scripts = [h for h in instruction.heredocs if _is_script(h, commands, instruction)]
    return commands + tuple(c for h in scripts for c in split_script(h.content, _body_lines(h)))


def _with_inner_scripts(commands: tuple[SimpleCommand, ...]) -> tuple[SimpleCommand, ...]:
    """The commands, each `sh -c SCRIPT` followed by its script's commands (on its line)."""
    found: list[SimpleCommand] = []
    for command in commands:
        found.append(command)
        script = shell_c_script(command.words) if command.program in SHELLS else None
        if script:
            line = command.line
            found.extend(split_script(script, lambda offset: line))
    return tuple(found)


def _is_script(heredoc: Heredoc, commands: tuple[SimpleCommand, ...], instruction: Instruction) -> bool:
    """Whether a heredoc's body runs as shell: `RUN <<EOF` alone (BuildKit runs the first
    body, honouring a shebang) or a heredoc fed to a shell's stdin (`RUN bash <<EOF`)."""
    if not commands:
        return heredoc is instruction.heredocs[0] and _shell_shebang(heredoc.content)
    return any(c.stdin_heredoc == heredoc.name and c.program in SHELLS and "-c" not in c.args for c in commands)


def _shell_shebang(script: str) -> bool:
    if not script.startswith("#!"):
        return True
    words = script[2:].split("\n", 1)[0].split()
    if words and words[0].endswith("/env"):
        words = [w for w in words[1:] if not w.startswith("-")]
    return bool(words) and words[0].rsplit("/", 1)[-1] in SHELLS


def _body_lines(heredoc: Heredoc) -> LineOf:
    return counting_lines(heredoc.content, heredoc.end_line - heredoc.content.count("\n"))


def _args_lines(instruction: Instruction) -> LineOf:
    """Lines for offsets in instruction.args, whose continuation lines the parser joined."""
    if instruction.end_line == instruction.start_line:
        return lambda offset: instruction.start_line
    joined, starts, lines = _joined_source(instruction)
    base = joined.rfind(instruction.args)
    if base < 0:
        return lambda offset: instruction.start_line
    return lambda offset: lines[bisect.bisect_right(starts, base + offset) - 1]


def _joined_source(instruction: Instruction) -> tuple[str, list[int], list[int]]:
    """The instruction's text as the parser joined it, with where each line starts."""
    pieces = instruction.pieces or ((instruction.start_line, instruction.source.split("\n", 1)[0]),)
    starts, offset = [], 0
    for _, text in pieces:
        starts.append(offset)
        offset += len(text)
    return "".join([text for _, text in pieces]), starts, [number for number, _ in pieces]


def _expanded(command: SimpleCommand, variables: Mapping[str, str | None], source: str) -> SimpleCommand:
    """The command with ARG and ENV values in its words. An unquoted word that is only a
    reference is split as the shell splits it (`apt-get install $PACKAGES` installs each);
    the words carry no quotes any more, so "quoted" means the source has `"$NAME"`."""
    for word in command.words:
        if "$" in word:
            break
    else:
        return command  # nothing to expand
    words: list[str] = []
    for word in command.words:
        value = try_expand(word, variables) if "$" in word else None
        if value is None:
            words.append(word)
        elif (not value or " " in value or "\t" in value or "\n" in value) and _REFERENCE_ONLY.fullmatch(word) and f'"{word}"' not in source:
            words.extend(value.split())
        else:
            words.append(value)
    return SimpleCommand(tuple(words), command.line, command.stdin_heredoc, command.execs)


_REFERENCE_ONLY = re.compile(r"\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-+][^}]*)?\}")


_HANDLERS = {
    "ARG": _on_arg,
    "ENV": _on_env,
    "LABEL": _on_label,
    "USER": _on_user,
    "WORKDIR": _on_workdir,
    "HEALTHCHECK": _on_healthcheck,
    "CMD": _on_cmd,
    "ENTRYPOINT": _on_entrypoint,
    "COPY": _on_copy,
    "ADD": _on_copy,
    "RUN": _on_run,
    "SHELL": _on_shell,
}
