"""Lint Dockerfiles: parse, model, run the rules, apply ignores and settings, derive the matrix."""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from dockharden.checks.catalog import LINT_RULES, by_key
from dockharden.checks.dockerfile import PRAGMA_RULES, RULES
from dockharden.checks.dockerfile.details import DETAILS
from dockharden.checks.ignores import Ignores
from dockharden.checks.matrix import pattern_results
from dockharden.checks.running import RuleModule, check_subject
from dockharden.core.file_kinds import kind_of
from dockharden.core.settings import Settings, configured_purpose
from dockharden.core.vocabulary import FileReport, Finding, Rule
from dockharden.dockerfile.base_images import RepositoryImages
from dockharden.dockerfile.context import ContextFinder, context_inputs
from dockharden.dockerfile.model import Model, build_model
from dockharden.dockerfile.lines import MAX_BYTES, decode
from dockharden.dockerfile.parser import parse
from dockharden.dockerfile.pragmas import Pragma, pragmas
from dockharden.knowledge.peers import SHELLCHECK_CODE
from dockharden.knowledge.purposes import STAGE_WORDS
from dockharden.dockerfile.syntax import ParseError

_KNOWN = by_key(LINT_RULES)


def lint_text(text: str, path: str, context_dir: Path | str | None = None, settings: Settings = Settings()) -> FileReport:
    return check_text(text, path, context_dir, settings)[0]


def check_text(text: str, path: str, context_dir: Path | str | None = None, settings: Settings = Settings(),
               project: RepositoryImages | None = None, matrix: bool = True, previous: Model | None = None,
               rules: Sequence[RuleModule] = RULES) -> tuple[FileReport, Model | None]:
    """The report and the model it was derived from (None when the text is not a Dockerfile).
    `context_dir` is the folder the Dockerfile is in: from it the build context, the project's
    compose files and the base images the repository builds are found. Without `matrix`
    the report has no patterns (fix's passes need the findings only; with_matrix adds them).
    `previous` is the model of an earlier text of the same file, checked with the same
    arguments (fix's last pass): what of it the new text leaves as it was is taken, not
    derived again (parse and build_model say what; the same report either way). `rules` are
    the Dockerfile rules that run (fix's first pass runs none here: see model_report)."""
    model = model_of(text, path, context_dir, settings, project, previous)
    if isinstance(model, FileReport):
        return model, None
    return model_report(model, settings, matrix, rules), model


def model_of(text: str, path: str, context_dir: Path | str | None = None, settings: Settings = Settings(),
             project: RepositoryImages | None = None, previous: Model | None = None) -> Model | FileReport:
    """The model check_text reports on (with its build context), or the report of why the text has none."""
    fs_path = None if context_dir is None else os.path.abspath(os.path.join(os.fspath(context_dir), path.rpartition("/")[2]))
    if fs_path is not None:
        project = project or RepositoryImages()
    try:
        base_images = None if project is None or fs_path is None else project.resolver(fs_path)
        dockerfile = parse(text, path, None if previous is None else previous.dockerfile)
        model = build_model(dockerfile, settings.target, base_images=base_images, previous=previous)
    except ParseError as error:
        return FileReport(path, error=describe_error(error))
    if project is not None and fs_path is not None:
        return _with_context(model, fs_path, project.finder, settings, previous)
    if settings.purposes:
        return replace(model, configured_purpose=configured_purpose(settings, path))
    return model


def _with_context(model: Model, fs_path: str, finder: ContextFinder, settings: Settings, previous: Model | None = None) -> Model:
    if previous is not None and previous.context is not None and context_inputs(previous) == context_inputs(model):
        return replace(model, dockerignore=previous.dockerignore, context=previous.context, configured_purpose=previous.configured_purpose)
    try:
        context = finder.context(fs_path, model)
    except OSError:
        return model
    purpose = None
    if settings.purposes:
        purpose = configured_purpose(settings, os.path.relpath(fs_path, context.repository) if context.repository else model.path)
    target = model.target if settings.target is not None else _compose_target(model, context)
    return replace(model, dockerignore=context.dockerignore is not None, context=context, configured_purpose=purpose, target=target)


_SHIPS_NOT = frozenset(word for word, kind in STAGE_WORDS.items() if kind in ("development", "tool"))


def _compose_target(model: Model, context) -> int:
    """The stage that every compose service building this file names as its `target`
    (the image the project ships; a development or test target beside it, `target: dev` in
    compose.dev.yaml, does not count), else the last stage, which a plain build ships: also
    when compose builds only development or test targets (`target: devcontainer` for
    devcontainer.json, `target: testing` for the API tests), which the project does not ship."""
    targets = context.build_targets
    shipped = {t for t in targets if t is not None and not _ships_not(t)}
    if None in targets or len(shipped) != 1:
        return _workflow_target(model, context) if not shipped else model.target
    name = next(iter(shipped)).lower()
    return next((stage.index for stage in model.stages if (stage.name or "").lower() == name), model.target)


def _workflow_target(model: Model, context) -> int:
    """When the last stage is a test or development stage (`django-unittests`, `testing`):
    the one other stage the workflows and bake targets build as their `target` (DefectDojo's
    release workflow builds `release`), which is what the project ships. A workflow that
    builds an earlier stage beside a plain last one is a CI check of that stage."""
    last = model.stages[-1].name
    shipped = {t.lower() for t in context.other_targets if not _ships_not(t)}
    if model.target != len(model.stages) - 1 or not last or not _ships_not(last) or len(shipped) != 1:
        return model.target
    name = next(iter(shipped))
    return next((stage.index for stage in model.stages if (stage.name or "").lower() == name), model.target)


def _ships_not(name: str) -> bool:
    return bool(_SHIPS_NOT.intersection(re.split(r"[._-]", name.lower())))


def describe_error(error: ParseError) -> str:
    """The error without the path, which the report already carries."""
    return f"line {error.line}: {error.message}" if error.line else error.message


def lint_file(path: Path, settings: Settings = Settings(), display: str | None = None, project: RepositoryImages | None = None) -> FileReport:
    return check_file(path, settings, display, project)[0]


def check_file(path: Path, settings: Settings = Settings(), display: str | None = None,
               project: RepositoryImages | None = None) -> tuple[FileReport, Model | None]:
    fs_path = str(path)
    name = display or fs_path
    try:
        text = decode(read_source(fs_path), name)
    except UnreadableSource as unreadable:  # its own name: compiled, one variable has one type
        return FileReport(name, error=str(unreadable)), None
    except ParseError as error:
        return FileReport(name, error=describe_error(error)), None
    # The folder as text: Path.parent would build a Path, and os.fspath format it again.
    return check_text(text, name, os.path.dirname(fs_path) or ".", settings, project)


def read_source(fs_path: str) -> bytes:
    """A Dockerfile's bytes (at most MAX_BYTES + 1, so decode can refuse a larger file);
    UnreadableSource says why a path cannot be read."""
    try:
        return _read_capped(fs_path, MAX_BYTES + 1)
    except OSError as error:
        raise UnreadableSource(f"cannot read: {error.strerror or error}") from None
    except _NotAFile as error:
        raise UnreadableSource(f"is {error}, not a regular file") from None


class UnreadableSource(Exception):
    """A path whose text cannot be read; the message says why, without the path."""


def _read_capped(path: str | Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file: O_NONBLOCK keeps a FIFO from blocking the
    open, and fstat refuses it, a device (a symlink to /dev/zero never ends) or a socket."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    with open(fd, "rb") as file:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _NotAFile(kind_of(mode))
        return file.read(limit)


class _NotAFile(Exception):
    """A path that is not a regular file; the message says what it is."""


def lint_files(paths: list[Path], settings: Settings = Settings(), jobs: int = 1) -> tuple[FileReport, ...]:
    """The reports of `paths`, in order; with `jobs` > 1, on that many cores where so many files pay for it."""
    if jobs > 1:
        from dockharden.checks.lint_workers import lint_in_workers, worthwhile_jobs

        workers = worthwhile_jobs(len(paths), jobs)
        if workers > 1:
            return lint_in_workers(paths, settings, workers, lint_file)
    project = RepositoryImages()  # one per batch: each folder and project file is read once
    return tuple([lint_file(path, settings, None, project) for path in paths])


def model_report(model: Model, settings: Settings, matrix: bool = True, rules: Sequence[RuleModule] = RULES,
                 ran: Sequence[Finding] = ()) -> FileReport:
    """The report on a model: the findings of `rules`, and those run_rules gave for the other
    rules that `ran` on it before (fix's first pass runs the rules that can fix first), judged
    by the file's pragmas."""
    found = _pragmas(model, settings)
    ignores = Ignores(found, _known(found, settings), PRAGMA_RULES) if found else None  # most files have none
    outside = _shellcheck(model) if settings.shellcheck else ()
    findings = check_subject(rules, model, settings, ignores, outside, ran)
    purpose = model.purpose
    facts = (("development", purpose.reason),) if purpose.kind == "development" else ()  # the matrix marks these files
    report = FileReport(model.path, findings, facts=facts)
    return with_matrix(report, model, settings) if matrix else report


def with_matrix(report: FileReport, model: Model, settings: Settings) -> FileReport:
    """The report with the patterns its findings give."""
    return replace(report, patterns=pattern_results(DETAILS, model, list(report.findings), settings))


def _pragmas(model: Model, settings: Settings) -> tuple[Pragma, ...]:
    """The file's pragmas; without --shellcheck, their ShellCheck codes suppress nothing and are
    not judged (nothing could tell whether they are still needed)."""
    found = pragmas(model.dockerfile)
    if settings.shellcheck or not found:
        return found
    kept = [replace(p, codes=tuple(c for c in p.codes if not SHELLCHECK_CODE.fullmatch(c.upper()))) for p in found]
    return tuple(p for p in kept if p.codes)


def _known(found: tuple[Pragma, ...], settings: Settings) -> Mapping[str, Rule]:
    """Every rule lint knows, and with --shellcheck the ShellCheck codes the pragmas name."""
    if not settings.shellcheck:
        return _KNOWN
    from dockharden.checks.shellcheck import shellcheck_rule

    codes = {c.upper() for p in found for c in p.codes if SHELLCHECK_CODE.fullmatch(c.upper())}
    return {**_KNOWN, **{code: shellcheck_rule(code) for code in codes}}


def _shellcheck(model: Model) -> tuple[Finding, ...]:
    from dockharden.checks.shellcheck import shellcheck_findings  # a subprocess seam: only when asked for

    return shellcheck_findings(model)
