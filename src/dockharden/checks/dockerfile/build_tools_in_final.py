"""## What it does
Flags compilers and build tools installed in the final stage or a stage it is built FROM:
gcc, g++, clang, make, cmake, build-essential, build-base, `*-dev` headers, rustc, cargo,
the CUDA toolkit (nvcc), and the ones a package brings: apt installs Recommends by
default, so `apt-get install python3-pip` without `--no-install-recommends` brings
build-essential and python3-dev (dkms depends on gcc and make). Packages removed again in
the same RUN (`apk add --virtual .build-deps ... && apk del .build-deps`, `apt-get purge`,
`apt-mark auto '.*'` then `apt-get purge --auto-remove`) are not flagged; removed in a later
RUN, they are gone from the image's files but their layer still holds them, which is a
warning (install and remove them in one RUN). Nor is a `-dev`
package whose unversioned library an ENV names (`LD_PRELOAD=.../libjemalloc.so`). It is
info when the install waits for a build argument that is off (`if [ "$DEBUG" = 1 ]`), when
the comment above it (or another comment in the final stage naming the packages) or a
package that compiles at run time (triton, deepspeed; installed in the final image or in a
stage whose files it copies, also as a wheel file `triton-*.whl`) says why a compiler is
needed, on notebook images (their users build packages), and on development, base and tool
images. A compiler there means gcc, g++, clang, build-essential, ninja and the headers it
compiles against: python3-dev, libpython3.X-dev, libc6-dev. A tool that the image's own
CMD or ENTRYPOINT runs (`make` of `CMD ["make", "test-system"]`) is what the image is for,
and is left out (the message says so).

## Why is this bad?
Compilers in a production image are tools for an attacker, hundreds of megabytes and
a stream of CVEs. Build wheels in a builder stage and copy the venv.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y gcc && pip install --no-cache-dir -r requirements.txt
```

## Use instead
```dockerfile
FROM python:3.12-slim AS builder
RUN apt-get update && apt-get install -y gcc
FROM python:3.12-slim
COPY --from=builder /opt/venv /opt/venv
```
"""
import re

from dockharden.checks.dockerfile.shared import comment_above, for_purpose, lowered, notebook, says_needed_at_run_time
from dockharden.dockerfile.facts import command_words
from dockharden.dockerfile.packages import build_tools_kept, build_tools_removed_later
from dockharden.knowledge.build_tools import JIT_PACKAGES, is_runtime_compiler, package_name
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH801", "build-tools-in-final", "no_build_tools", Severity.ERROR, "Build tools are installed in the final stage.", __doc__)


def check(model, settings):
    for change, tools, note, aside in kept_tools(model):
        finding = Finding(RULE, change.line, f"build tools in the final image: {', '.join(tools)}{aside}")
        judged = lowered(finding, note) if note else for_purpose(model, finding)
        if judged is not None:
            yield judged
    for run, change, tools, line in build_tools_removed_later(model, model.final):
        finding = Finding(RULE, change.line, f"build tools removed again at line {line} ({', '.join(tools)}), but the layer of "
                          f"line {run.instruction.start_line} still holds their files: install and remove them in the same RUN, "
                          "or build in a builder stage").with_severity(Severity.WARNING)
        if (judged := for_purpose(model, finding)) is not None:
            yield judged


def kept_tools(model):
    """(package change, build tools, why they are kept: "" when nothing says, a remark) for
    the final image. -dev packages an ENV needs are left out; so are the compilers a package
    that compiles at run time needs, when the RUN installs other build tools too (those stay,
    and the remark names the ones left out)."""
    found = []
    jit = None
    own = _own_programs(model)
    for run, change, tools in build_tools_kept(model, model.final):
        tools = [t for t in tools if not _library_in_env(model, t)]
        commanded = [t for t in tools if package_name(t.split(" ", 1)[0]) in own]
        tools = [t for t in tools if t not in commanded]
        ran = f" (not {', '.join(commanded)}: the image's command runs it)" if commanded else ""
        jit = _jit_package(model) if jit is None and tools else jit
        needed = [t for t in tools if jit and is_runtime_compiler(package_name(t.split(" ", 1)[0]))]
        if needed and len(needed) < len(tools) and not _commented(model, run, tools):
            aside = f" (not {', '.join(needed)}: {jit} compiles with them at run time)"
            found.append((change, [t for t in tools if t not in needed], "", ran + aside))
        elif tools:
            found.append((change, tools, _why_kept(model, run, tools, jit), ran))
    return found


def _own_programs(model) -> frozenset[str]:
    """The programs the image's CMD and ENTRYPOINT run (`make` of CMD ["make", "test-system"]):
    what the image is for, not a build tool left behind."""
    return frozenset(words[0].rsplit("/", 1)[-1] for words in command_words(model) if words)


def _why_kept(model, run, tools, jit):
    names = [package_name(t.split(" ", 1)[0]) for t in tools]
    if run.switch:
        return f"installed only when {run.switch}, a build setting that is off by default"
    if note := _comment_note(model, run, names):
        return note
    if jit and all(is_runtime_compiler(n) for n in names):
        return f"{jit} compiles code with the host compiler at run time"
    if notebook(model):
        return "a notebook image: its users build packages in it"
    return ""


def _commented(model, run, tools):
    return bool(_comment_note(model, run, [package_name(t.split(" ", 1)[0]) for t in tools]))


def _comment_note(model, run, names):
    if says_needed_at_run_time(comment_above(model, run.instruction.start_line), [n.split("-")[0] for n in names]):
        return "the comment above it says they are needed at run time"
    if _commented_in_stage(model, names):
        return "a comment in the final stage says they are needed at run time"
    return ""


def _library_in_env(model, tool):
    """A -dev package kept for its unversioned library, which an ENV names (LD_PRELOAD)."""
    name = package_name(tool.split(" ", 1)[0])
    if not name.endswith("-dev") or not name.startswith("lib"):
        return False
    library = re.compile(re.escape(name[: -len("-dev")]) + r"\.so(?!\.)")
    return any(library.search(var.value) for var in model.final.env.values())


def _commented_in_stage(model, names):
    """A comment elsewhere in the final stage names one of the packages in full (a word such
    as `build` says nothing there) and says it is needed at run time."""
    return any(says_needed_at_run_time(comment, names) for comment in _stage_comments(model))


def _stage_comments(model):
    """The comment blocks inside the final stage (after its FROM), each as one text."""
    final, lines = model.final, model.dockerfile.lines
    blocks, block = [], []
    for line in lines[final.line : final.end_line]:
        if line.lstrip().startswith("#"):
            block.append(line.lstrip()[1:].strip())
        elif block:
            blocks.append(" ".join(block))
            block = []
    return blocks + [" ".join(block)] if block else blocks


def _jit_package(model):
    """A package that compiles with the host compiler at run time, installed in the final
    image or in a stage whose files it copies: by name, as a wheel file named for it
    (`/opt/wheels/triton-*.whl`, `"$1"` after `set -- /tmp/w/triton-*.whl`), or as the
    wheels of a stage named for it (`--mount=from=build_triton`)."""
    for stage in _installing_stages(model):
        for run in stage.runs:
            for change in run.packages:
                if change.manager not in ("pip", "uv") or change.action != "install":
                    continue
                named = [package_name(p) for p in change.packages]
                named += [w for ref in _mounted_stages(run) for w in re.split(r"[._-]", ref.lower())]
                named += [_wheel_name(w) for c in run.commands for w in c.args if w.endswith(".whl")]
                found = next((n for n in named if n in JIT_PACKAGES), None)
                if found:
                    return f"{found} (installed at line {change.line})"
    return ""


def _installing_stages(model):
    """The final stage's lineage, then the lineages of the stages it copies files from."""
    lineage = model.lineage(model.final)
    sources = [model.source_stage(c, model.final) for s in lineage for c in s.copies]
    seen, ordered = set(), []
    for stage in [*lineage, *(s for source in sources if source is not None for s in model.lineage(source))]:
        if stage.index not in seen:
            seen.add(stage.index)
            ordered.append(stage)
    return ordered


def _wheel_name(path):
    """/opt/wheels/triton-3.2.0-cp312-linux_aarch64.whl (or triton-*.whl) -> triton."""
    return path.rsplit("/", 1)[-1].split("-", 1)[0].lower()


def _mounted_stages(run):
    return [part.partition("=")[2] for mount in run.mounts for part in mount.split(",") if part.partition("=")[0].strip() == "from"]

