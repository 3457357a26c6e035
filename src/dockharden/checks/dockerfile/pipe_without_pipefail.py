"""## What it does
Flags a RUN whose shell runs a pipeline (`curl ... | sh`) without `pipefail` where a command
on the left can fail. Pipes whose left side cannot fail (`echo ... | tr`, `printf`, `seq 1 8`, `cat <<EOF`,
`cat` of files that an earlier COPY or ADD put in the image: `cat /tmp/repo.key | gpg --dearmor`)
are left alone, and so are pipes that `pipefail` would break: `yes | cmd`, and a right side
that may stop reading early (`head`, `grep -q`, `read`), which ends the left side with SIGPIPE.
A pipe inside a `$(...)` that is a command's argument (`chmod +x $(a | b)/run`) is left alone
too: the RUN's status is that command's, with or without pipefail. So is a pipeline whose
status the script never looks at: without `set -e` (in the RUN or in SHELL), one that a `;`
or newline ends, or the `if`/`for`/`{ }` block that it ends, with another command after it
(`if ...; then grep -rl x /etc/apt | xargs sed -i s/a/b/; fi; apt-get update`), or one that
`|| true` follows, directly, after the subshell it ends (`( ls | xargs rm ) || true`, also
inside `$(...)`) or after more `&&` commands of its list (`a | b && c || true`): the build
goes on whatever its status, and pipefail changes nothing. Nor does it for a pipeline that
ends in `xargs` (without `-r`/`--no-run-if-empty` or `-I`) running `pip install` or
`pip uninstall` with no requirement of its own (`pip list | grep x | cut -d= -f1 | xargs pip
install -U`): a failure on the left leaves xargs no input, xargs still runs pip once with no
arguments, and pip exits 1 ("You must give at least one requirement"), so the build fails.
Nor does it where the failure is seen anyway: the last command extracts a compressed archive
or decompresses (`unzip -p x.zip | tar -xz`, `| gunzip`, `| xz -d`) or reads a key
(`| gpg --dearmor -o k.gpg`, `| gpg --import`, `| apt-key add -`), and exits non-zero on the
empty or cut input a failed left side leaves, or the left side downloads a known install script (install.python-poetry.org,
sh.rustup.rs, astral.sh/uv, nvm's install.sh, ...) and a later RUN of the stage runs its program
in a plain `&&` list (`RUN poetry --version`), or a later command of the same plain `&&` list
runs it or sources its file (`| bash && . "$NVM_DIR/nvm.sh" && nvm install 22`, the RUN's last
list: no `||`, `;` or other command after it), which fails
the build when the program is missing (unless a COPY or a package of that name gives the
program too). These two, where the build fails
anyway, are reported at info, saying how (hadolint's DL4006 flags them too).
`set -o pipefail` earlier in the same RUN (on an earlier line, or the pipeline's), or
`pipefail` in SHELL, passes.

The message says which fix the image's shell takes: Debian's and Ubuntu's /bin/sh is dash,
which has no pipefail before Debian 13 and Ubuntu 25.04, and bash is always there; Alpine's is
busybox ash, which has it, and bash is not there. PowerShell and Windows images are skipped.

## Why is this bad?
A pipeline's status is its last command's: `curl -fsSL URL | sh` succeeds when the download
fails (sh runs an empty script and exits 0), and the image ships without what it installs.

## Example
```dockerfile
FROM python:3.12-slim
RUN curl -fsSL https://astral.sh/uv/install.sh | sh
```

## Use instead
```dockerfile
FROM python:3.12-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://astral.sh/uv/install.sh | sh
```
"""
import posixpath
import re

from dockharden.checks.dockerfile.shared import lowered, shell_runs
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.commands import package_change
from dockharden.dockerfile.model import Script, shell_script, shell_scripts
from dockharden.dockerfile.shell import SimpleCommand, checked_pipelines, last_and_list
from dockharden.knowledge.build_tools import package_name
from dockharden.knowledge.image_shells import shells
from dockharden.knowledge.installers import installed_programs
from dockharden.knowledge.options import parse_argv

RULE = Rule("DH910", "pipe-without-pipefail", None, Severity.WARNING,
            "A RUN pipeline hides a failure of its left side: no pipefail.", __doc__, peers=("DL4006",))
_CANNOT_FAIL = frozenset({"echo", "printf", "true", ":", "seq"})  # seq of literal numbers prints them
_NEVER_ENDS = frozenset({"yes"})
_DECOMPRESSORS = frozenset({"gunzip", "zcat", "unxz", "xzcat", "bunzip2", "bzcat", "unzstd", "zstdcat"})
_COMPRESSION_OPTIONS = frozenset({"--gzip", "--gunzip", "--bzip2", "--xz", "--zstd"})
_KEY_READS = frozenset({"--dearmor", "--dearmour", "--import"})
_GPG_VALUED = frozenset({"-o", "--output", "--keyring", "--primary-keyring", "--homedir", "--keyserver"})  # options with a value
# What lets a command of a RUN fail without failing the build: `||`, `;`, newlines, `&`, pipes.
_NOT_AN_AND_LIST = re.compile(r"\|\||[;\n|]|(?<!&)&(?!&)")
_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"")
_BASH = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]'


def check(model, settings):
    for stage in model.stages:
        for run in shell_runs(stage):
            if "|" in run.instruction.source.replace("||", "") and "pipefail" not in run.shell:
                yield from _check_run(model, stage, run)


def _check_run(model, stage, run):
    copied = None
    seen_anyway = None
    for script in shell_scripts(run.instruction, model.dockerfile.escape):
        for pipeline, checked in checked_pipelines(_commands_part(script, run.instruction), script.line_of):
            if not checked and not _errexit_before(run, pipeline[0].line):
                continue  # the script goes on whatever the pipeline's status
            copied = _copied_files(model, stage, run) if copied is None else copied
            if _hides_failure(pipeline, copied, run.workdir) and not _pipefail_before(run, pipeline[0].line):
                left = " | ".join(command.program for command in pipeline)
                finding = Finding(RULE, pipeline[0].line, f"`{left}` hides a failure on its left: {_fix(model, stage, run)}",
                                  run.instruction.end_line)
                anyway = _fails_anyway(model, stage, run, pipeline)
                if not anyway:
                    yield finding
                    return  # one finding per RUN: one fix covers it
                seen_anyway = seen_anyway or lowered(finding, f"the build fails anyway: {anyway}")
    if seen_anyway is not None:
        yield seen_anyway  # every pipeline of the RUN whose failure is hidden makes the build fail anyway


def _commands_part(script: Script, instruction) -> str:
    """The script without the heredoc bodies after its command line (data, not commands)."""
    if not instruction.heredocs or script.lines[0] > instruction.start_line:
        return script.text
    first_body = instruction.heredocs[0].end_line - instruction.heredocs[0].content.count("\n")
    return "\n".join(script.text.split("\n")[: max(1, first_body - script.lines[0])])


def _hides_failure(pipeline, copied: frozenset[str], workdir: str) -> bool:
    left, right = pipeline[:-1], pipeline[1:]
    if any(c.program in _NEVER_ENDS for c in left) or any(_may_stop_reading(c) for c in right):
        return False  # pipefail would fail the build on the left side's SIGPIPE
    return not all(_cannot_fail(c, copied, workdir) for c in left)


def _fails_on_no_input(command) -> bool:
    """`xargs pip install -U`: xargs runs its command once even with no input (unless -r, or
    -I, which runs it per input line), and pip install and uninstall with no requirement exit 1
    (pip's req_command: "You must give at least one requirement to install")."""
    if command.program != "xargs":
        return False
    argv = parse_argv("xargs", command.args)
    if argv.unknown or argv.has("--no-run-if-empty") or argv.has("-I") or argv.has("--replace") or not argv.operands:
        return False
    change = package_change(SimpleCommand(argv.operands, command.line))
    return (change is not None and change.manager == "pip" and not change.packages
            and not change.has("--requirement") and not change.has("--editable"))


def _fails_anyway(model, stage, run, pipeline) -> str:
    """How the build fails anyway when the left side does ("" when it need not): the last
    command is `xargs pip install` (it still runs pip, with no requirement), or a decompressor
    (`tar -xz`, `gunzip`), which exits non-zero on the empty or cut input a failed download
    leaves, or the left side downloads an install script whose program a later command of the
    same plain `&&` list or a later RUN of the stage in one (`RUN poetry --version`) runs, and
    nothing else of the stage gives that program (a COPY, a package of that name)."""
    last = pipeline[-1]
    if _fails_on_no_input(last):
        return "xargs still runs pip once, with no requirement, and pip exits 1"
    if _fails_on_cut_input(last):
        return f"{last.program} exits non-zero on the empty or cut input a failed left side leaves"
    programs = frozenset().union(*(installed_programs(a) for c in pipeline[:-1] for a in c.args))
    programs -= {posixpath.basename(path.rstrip("/")) for copy in model.image_copies(stage) for path in (*copy.sources, *copy.written)}
    programs -= {package_name(p) for change in stage.packages if change.action == "install" for p in change.packages}
    if programs and (same := _used_later_in_the_list(run, pipeline, programs)):
        return f"{same} later in the same && list needs what the downloaded script installs, and fails without it"
    later = [r for r in shell_runs(stage) if r.instruction.start_line > run.instruction.start_line]
    for other in later:
        used = sorted(programs.intersection(other.programs))
        if used and _an_and_list(shell_script(other.instruction)):
            return f"line {other.instruction.start_line} runs {used[0]}, which the downloaded script installs"
    return ""


def _used_later_in_the_list(run, pipeline, programs: frozenset[str]) -> str:
    """What of `programs` a pipeline after this one in the RUN's last list, a plain `&&` list,
    runs, or the file of it that one sources (`curl ... | bash && . "$NVM_DIR/nvm.sh" && nvm
    install 20`): when the download fails, that command fails and so does the RUN. Empty when
    none does."""
    script = shell_script(run.instruction)
    own = tuple(c.program for c in pipeline)
    chain = last_and_list(script) if script is not None else ()
    if chain:
        after = next((chain[i + 1:] for i, p in enumerate(chain) if p == own), ())
        for later in after:
            if later[0] in (".", "source") and len(later) > 1:
                name = posixpath.basename(later[1])
                if name.rsplit(".", 1)[0] in programs:
                    return f"{later[0]} {name}"
            elif runs := sorted(programs.intersection(later)):
                return runs[0]
    return ""


def _an_and_list(script: str | None) -> bool:
    """Whether every command of the script fails the RUN when it fails: `a && b`, no `||`, `;`, pipe or background job."""
    return script is not None and not _NOT_AN_AND_LIST.search(_QUOTED.sub("''", script.strip()))


def _fails_on_cut_input(command) -> bool:
    if command.program in _DECOMPRESSORS or _reads_a_key_from_stdin(command):
        return True
    if command.program in ("gzip", "xz", "bzip2", "zstd"):
        return any(a in ("-d", "--decompress") or a.startswith("-") and not a.startswith("--") and "d" in a for a in command.args)
    return command.program == "tar" and _extracts_compressed_stdin(command.args)


def _reads_a_key_from_stdin(command) -> bool:
    """`gpg --dearmor -o k.gpg`, `gpg --import`, `apt-key add -`: on empty or cut input they
    find "no valid OpenPGP data" and exit 2 (gpg 2.2, apt-key of Debian 12)."""
    if command.program == "apt-key":
        return tuple(command.args) == ("add", "-")
    if command.program not in ("gpg", "gpg2") or not _KEY_READS.intersection(command.args):
        return False
    operands, args = [], list(command.args)
    for i, arg in enumerate(args):
        if not arg.startswith("-") and not (i and args[i - 1] in _GPG_VALUED):
            operands.append(arg)
    return all(o == "-" for o in operands)  # no file of its own: it reads the pipe


def _extracts_compressed_stdin(args: tuple[str, ...]) -> bool:
    """`tar -xz`, `tar xzf -`, `tar --zstd -x`: extracts a compressed archive from stdin."""
    letters = args[0] if args and not args[0].startswith("-") else ""  # the old style: tar xzf
    letters += "".join(a[1:] for a in args if a.startswith("-") and not a.startswith("--"))
    long = {a.split("=", 1)[0] for a in args if a.startswith("--")}
    compressed = any(c in letters for c in "zjJ") or bool(long & _COMPRESSION_OPTIONS)
    from_stdin = ("f" not in letters and "--file" not in long) or "-" in args or "--file=-" in args
    return ("x" in letters or "--extract" in long) and compressed and from_stdin


def _cannot_fail(command, copied: frozenset[str], workdir: str) -> bool:
    if command.program in _CANNOT_FAIL or command.program == "cat" and command.stdin_heredoc:
        return True
    files = [posixpath.normpath(posixpath.join(workdir, a)) for a in command.args if not a.startswith("-")]
    return command.program == "cat" and bool(files) and all(path in copied for path in files)


def _copied_files(model, stage, run) -> frozenset[str]:
    """Where the COPY and ADD instructions before the RUN, in its stage and the stages it is
    built on, put single files (`COPY repo.key /tmp/repo.key`, `COPY a.txt b.txt /opt/`)."""
    return frozenset(path for copy in model.image_copies(stage) if copy.instruction.start_line < run.instruction.start_line
                     for source, path in zip(copy.sources, copy.written) if _file_like(source))


def _file_like(source: str) -> bool:
    """A source named like one file (`repo.gpg.key`), not a folder or a pattern (`keys/`, `*.key`, `conf`)."""
    name = source.rpartition("/")[2]
    return "." in name.strip(".") and not any(c in name for c in "*?[")


def _may_stop_reading(command) -> bool:
    if command.program in ("head", "read"):
        return True
    return command.program == "grep" and any(a.startswith(("-q", "-m", "-l", "--quiet", "--max-count")) for a in command.args)


def _pipefail_before(run, line: int) -> bool:
    return "set" in run.programs and any(c.program == "set" and "pipefail" in c.args and c.line <= line for c in run.commands)


def _errexit_before(run, line: int) -> bool:
    """`set -e` (-eux, -o errexit) in SHELL or earlier in the RUN: every status is looked at."""
    if any(map(_sets_errexit, run.shell[1:])):
        return True
    return "set" in run.programs and any(c.program == "set" and c.line <= line and (any(map(_sets_errexit, c.args)) or "errexit" in c.args)
                                         for c in run.commands)


def _sets_errexit(flag: str) -> bool:
    return flag.startswith("-") and not flag.startswith("--") and "e" in flag[1:]


def _fix(model, stage, run) -> str:
    program = run.shell[0]
    if program.rsplit("/", 1)[-1] != "sh":
        return f'add -o pipefail to SHELL: SHELL ["{program}", "-o", "pipefail", "-c"]'
    found = shells(stage.root_image)
    if found is None:
        return f"start the RUN with `set -o pipefail &&` (bash, busybox ash, dash from Debian 13) or put {_BASH} before it where bash exists"
    if found.sh == "dash":
        return f"/bin/sh is dash here, without pipefail before Debian 13 and Ubuntu 25.04: put {_BASH} before this RUN"
    if found.bash:
        return f"/bin/sh is bash here: start the RUN with `set -o pipefail &&` or put {_BASH} before it"
    return ('/bin/sh is busybox ash here, which has pipefail (bash is not installed): start the RUN with '
            '`set -o pipefail &&` or put SHELL ["/bin/ash", "-o", "pipefail", "-c"] before it')
