"""The compliance checklist: each item judged from evidence, or marked not checked. Never ticked by hand."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dockharden.checks.evidence.records import Evidence, image_fact
from dockharden.output.document.patterns import (
    Judgement, checked_dockerfiles, checked_images, checked_runs, not_judged, pattern, pattern_statuses, worst,
)
from dockharden.core.vocabulary import STATUS_OF_SEVERITY, FileReport, Severity, Status

SIZE_LIMIT = 500 * 1000 * 1000


@dataclass(frozen=True)
class Item:
    section: str
    text: str
    judge: Callable[[Evidence], Judgement]


MINIMAL_BASES = ("slim", "alpine", "distroless", "runtime")


def _no_dockerfile(evidence: Evidence, production_only: bool) -> Judgement:
    unreadable = [f"{d.report.path}: {d.report.error}" for d in evidence.dockerfiles if d.report.error is not None]
    if unreadable:
        return Judgement(Status.NOT_CHECKED, f"no Dockerfile could be checked ({'; '.join(unreadable)})")
    if evidence.dockerfiles:
        return Judgement(Status.NOT_CHECKED, "no production Dockerfile; " + "; ".join(not_judged(evidence, production_only)))
    return Judgement(Status.NOT_CHECKED, "no Dockerfile was given")


def no_finding(codes: tuple[str, ...], production_only: bool = False) -> Callable[[Evidence], Judgement]:
    """Judged by the rules' own severities: an error fails, a warning warns, an info finding passes (and is named)."""
    def judge(evidence: Evidence) -> Judgement:
        files = checked_dockerfiles(evidence, production_only)
        if not files:
            return _no_dockerfile(evidence, production_only)
        return _by_severity(f"lint ({', '.join(codes)})", [(d.report.path, _found(d.report, codes)) for d in files])

    return judge


def _found(report: FileReport, codes: tuple[str, ...]) -> list[Severity]:
    return [f.rule.severity for f in report.findings if f.rule.code in codes]


def _by_severity(kind: str, subjects: list[tuple[str, list[Severity]]]) -> Judgement:
    """The worst severity found over the subjects, as a status; each subject with a finding named under its severity."""
    worst_of = {path: max(found) for path, found in subjects if found}
    status = worst([STATUS_OF_SEVERITY[s] for s in worst_of.values()] + [Status.PASS])
    parts = [f"{kind}: {len(subjects) - len(worst_of)}/{len(subjects)} pass"]
    for severity in sorted(set(worst_of.values()), reverse=True):
        paths = [path for path, s in worst_of.items() if s is severity]
        parts.append(f"{_SEVERITY_WORDS[severity]}: {', '.join(paths)}")
    return Judgement(status, "; ".join(parts), info_only=bool(worst_of) and max(worst_of.values()) is Severity.INFO)


_SEVERITY_WORDS = {Severity.ERROR: "fails", Severity.WARNING: "warns", Severity.INFO: "info only"}


def dockerfile_fact(attribute: str, label: str, production_only: bool = True) -> Callable[[Evidence], Judgement]:
    def judge(evidence: Evidence) -> Judgement:
        files = checked_dockerfiles(evidence, production_only)
        if not files:
            return _no_dockerfile(evidence, production_only)
        bad = [d.report.path for d in files if not getattr(d, attribute)]
        status = Status.FAIL if bad else Status.PASS
        return Judgement(status, f"lint: {len(files) - len(bad)}/{len(files)} {label}" + (f"; not: {', '.join(bad)}" if bad else ""))

    return judge


def minimal_base(evidence: Evidence) -> Judgement:
    """An image's own base (its org.opencontainers.image.base.name label) where one was built or given;
    a Dockerfile's default base only where no image was built from it."""
    built = {b.dockerfile for b in evidence.builds if b.error is None}
    bases = [(d.base_image, d.report.path) for d in checked_dockerfiles(evidence, True) if d.report.path not in built]
    images = checked_images(evidence, True)
    bases += [(base, i.path) for i in images if (base := image_fact(i, "base_image"))]
    unknown = [i.path for i in images if not image_fact(i, "base_image")]
    if not bases:
        why = f"no image records its base: {', '.join(unknown)}" if unknown else _no_dockerfile(evidence, True).evidence
        return Judgement(Status.NOT_CHECKED, why)
    by_base: dict[str, list[str]] = {}
    for base, subject in bases:
        by_base.setdefault(base, []).append(subject)
    bad = [base for base in by_base if not any(m in base for m in MINIMAL_BASES)]
    parts = ["base images: " + ", ".join(f"{base} ({', '.join(subjects)})" for base, subjects in by_base.items())]
    parts += [f"not minimal: {', '.join(bad)}"] if bad else []
    parts += [f"base not recorded: {', '.join(unknown)}"] if unknown else []
    return Judgement(Status.FAIL if bad else Status.PASS, "; ".join(parts + not_judged(evidence, True)))


def _why_not(failed: list[FileReport], otherwise: str) -> str:
    errors = [f"{f.path}: {f.error}" for f in failed if f.error is not None]
    return "; ".join(errors) if errors else otherwise


def image_size(evidence: Evidence) -> Judgement:
    """Docker's own figure where the engine gave one (what `docker image ls` shows), else the bytes of the files read."""
    sizes = [(i.path, _size_of(evidence, i)) for i in checked_images(evidence, False) if image_fact(i, "size_bytes")]
    if not sizes:
        return Judgement(Status.NOT_CHECKED, f"no image was inspected: {_why_not(list(evidence.images), evidence.not_inspected)}")
    listed = ", ".join(f"{path} {size / 1e6:.1f} MB" for path, size in sizes)
    return Judgement(Status.FAIL if any(size >= SIZE_LIMIT for _, size in sizes) else Status.PASS, f"inspect: {listed}")


def _size_of(evidence: Evidence, image: FileReport) -> int:
    details = evidence.details_of(image.path)
    docker = details.docker_size if details is not None else None
    return docker if docker is not None else int(image_fact(image, "size_bytes") or 0)


def health_endpoint(evidence: Evidence) -> Judgement:
    runs = checked_runs(evidence, False)
    statuses = pattern_statuses(runs, "healthcheck")
    if not statuses and runs:
        return Judgement(Status.NOT_CHECKED, f"verify: no health status from {', '.join(r.path for r in runs)}")
    if not statuses:
        why = _why_not([r.report for r in evidence.runtime], evidence.not_run)
        return Judgement(Status.NOT_CHECKED, f"no container was run: {why}")
    return Judgement(worst(statuses), f"verify: {sum(s is Status.PASS for s in statuses)}/{len(statuses)} containers reached healthy through their probe")


OCI_VERSION_LABELS = ("org.opencontainers.image.version", "org.opencontainers.image.created", "org.opencontainers.image.revision")
_UNSET = ("", "unknown")


def version_metadata(evidence: Evidence) -> Judgement:
    """From the image where one was read (its labels, as built); from the Dockerfile (DH905) only where no image was
    built from it. A label that reads `unknown` is the ARG's default left in place: no metadata."""
    built = {b.dockerfile for b in evidence.builds if b.error is None}
    files = [d for d in checked_dockerfiles(evidence, False) if d.report.path not in built]
    images = [(i.path, evidence.details_of(i.path)) for i in checked_images(evidence, False)]
    if not files and not images:
        return _no_dockerfile(evidence, False)
    parts, statuses = [], []
    if files:
        linted = _by_severity("lint (DH905)", [(d.report.path, _found(d.report, ("DH905",))) for d in files])
        parts.append(linted.evidence)
        statuses.append(linted.status)
    if images:
        unset = [(path, _unset_labels(details)) for path, details in images]
        bad = [f"{path} ({', '.join(labels)})" for path, labels in unset if labels]
        parts.append(f"image labels: {len(images) - len(bad)}/{len(images)} set" + (f"; unset or unknown: {'; '.join(bad)}" if bad else ""))
        statuses.append(Status.FAIL if bad else Status.PASS)
    return Judgement(worst(statuses), "; ".join(parts), info_only=linted.info_only and worst(statuses) is Status.PASS if files else False)


def _unset_labels(details) -> list[str]:
    labels = dict(details.labels) if details is not None else {}
    return [f"{name.rsplit('.', 1)[1]}={labels.get(name, '')!r}" if name in labels else f"{name.rsplit('.', 1)[1]} missing"
            for name in OCI_VERSION_LABELS if labels.get(name, "").strip().lower() in _UNSET]


def not_checked(reason: str) -> Callable[[Evidence], Judgement]:
    return lambda evidence: Judgement(Status.NOT_CHECKED, reason)


ITEMS: tuple[Item, ...] = (
    Item("Security", "Non-root user with specific UID (1000)", pattern("non_root_user")),
    Item("Security", "No secrets in ENV statements, ARG defaults, history or files", pattern("no_secrets")),
    Item("Security", "Minimal base image (alpine/slim) - production only", minimal_base),
    Item("Security", "No build tools in final image - production only", pattern("no_build_tools")),
    Item("Security", "File ownership optimized with --chown", pattern("chown")),
    Item("Operational Readiness", "Health check configured", pattern("healthcheck")),
    Item("Operational Readiness", "Health endpoint in application", health_endpoint),
    Item("Operational Readiness", "Environment variables documented", not_checked("dockharden has no check for documentation")),
    Item("Operational Readiness", "Logging to stdout/stderr (PYTHONUNBUFFERED)", no_finding(("DH301",))),
    Item("Operational Readiness", "Graceful shutdown handling (exec form, stop)", pattern("exec_form")),
    Item("Performance", "Multi-stage build - production only", pattern("multi_stage")),
    Item("Performance", "Layer caching optimized (dependencies before code)", dockerfile_fact("dependencies_first", "install dependencies before copying code")),
    Item("Performance", "UV package manager - production only", dockerfile_fact("uses_uv", "use uv")),
    Item("Performance", "Image size < 500MB", image_size),
    Item("Performance", ".dockerignore for build context", no_finding(("DH906",))),
    Item("Configuration", "ARG for build-time config", no_finding(("DH303",))),
    Item("Configuration", "ENV with sensible defaults", pattern("env_config")),
    Item("Configuration", "Version/build metadata (OCI labels from build args)", version_metadata),
)


def judge_all(evidence: Evidence) -> tuple[tuple[Item, Judgement], ...]:
    return tuple((item, item.judge(evidence)) for item in ITEMS)
