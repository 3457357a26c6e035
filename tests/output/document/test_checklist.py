"""Checklist items are judged from evidence; missing evidence means not checked, never ticked."""
from dockharden.output.document.checklist import ITEMS, SIZE_LIMIT, judge_all
from dockharden.checks.evidence.records import Build, DockerfileEvidence, Evidence, RuntimeEvidence
from dockharden.output.document.patterns import pattern
from dockharden.core.vocabulary import FileReport, PatternResult, Status


def _file(path, **statuses):
    return FileReport(path, patterns=tuple(PatternResult(p, s, "") for p, s in statuses.items()))


def _judged(evidence, text):
    return next(j for item, j in judge_all(evidence) if item.text == text)


def test_no_evidence_marks_every_item_not_checked():
    assert {j.status for _, j in judge_all(Evidence())} == {Status.NOT_CHECKED}
    assert len(ITEMS) == 18


def test_pattern_item_is_the_worst_of_lint_inspect_and_verify():
    evidence = Evidence(
        (DockerfileEvidence(_file("a", non_root_user=Status.PASS), (), False),),
        (_file("img", non_root_user=Status.PASS),),
        (RuntimeEvidence("img", _file("img", non_root_user=Status.FAIL)),),
    )
    judged = _judged(evidence, "Non-root user with specific UID (1000)")
    assert (judged.status, judged.evidence) == (Status.FAIL, "lint: 1/1 pass; inspect: 1/1 pass; verify: 0/1 pass")


def test_production_only_items_leave_development_files_out():
    evidence = Evidence((
        DockerfileEvidence(_file("prod", multi_stage=Status.PASS), (), False),
        DockerfileEvidence(_file("dev", multi_stage=Status.FAIL), (), True),
    ))
    assert _judged(evidence, "Multi-stage build - production only").status is Status.PASS
    assert _judged(evidence, "File ownership optimized with --chown").status is Status.NOT_CHECKED


def test_image_size_item_uses_inspected_sizes():
    big = FileReport("big:1", facts=(("size_bytes", "600000000"),), kind="image")
    small = FileReport("small:1", facts=(("size_bytes", "285000000"),), kind="image")
    judged = _judged(Evidence(images=(small, big)), "Image size < 500MB")
    assert (judged.status, judged.evidence) == (Status.FAIL, "inspect: small:1 285.0 MB, big:1 600.0 MB")
    just_under = FileReport("edge:1", facts=(("size_bytes", str(SIZE_LIMIT - 1)),), kind="image")
    assert _judged(Evidence(images=(just_under,)), "Image size < 500MB").status is Status.PASS
    at_limit = FileReport("edge:1", facts=(("size_bytes", str(SIZE_LIMIT)),), kind="image")
    assert _judged(Evidence(images=(at_limit,)), "Image size < 500MB").status is Status.FAIL


def test_image_size_is_dockers_figure_when_the_engine_gave_one():
    from dockharden.checks.evidence.records import ImageDetails

    read = FileReport("app:1", facts=(("size_bytes", "499999000"),), kind="image")
    evidence = Evidence(images=(read,), image_details=(ImageDetails("app:1", "sha256:1", docker_size=500_000_001),))
    judged = _judged(evidence, "Image size < 500MB")
    assert (judged.status, judged.evidence) == (Status.FAIL, "inspect: app:1 500.0 MB")


def test_unreadable_files_are_not_evidence():
    evidence = Evidence((DockerfileEvidence(FileReport("bad", error="line 1: boom"), (), False),))
    assert _judged(evidence, ".dockerignore for build context").status is Status.NOT_CHECKED


def _image(path, base=None, **statuses):
    facts = (("size_bytes", "285000000"),) + ((("base_image", base),) if base else ())
    return FileReport(path, patterns=tuple(PatternResult(p, s, "") for p, s in statuses.items()), kind="image", facts=facts)


def test_images_built_from_a_development_file_are_development_too():
    dev = DockerfileEvidence(_file("Dockerfile.dev", no_build_tools=Status.FAIL), (), True)
    evidence = Evidence((dev,), (_image("dev:1", no_build_tools=Status.FAIL), _image("prod:1", no_build_tools=Status.PASS)),
                        builds=(Build("Dockerfile.dev", "dev:1", "base:1"),))
    judged = _judged(evidence, "No build tools in final image - production only")
    assert (judged.status, judged.evidence) == (Status.PASS, "inspect: 1/1 pass; not judged (development only): Dockerfile.dev, dev:1")
    assert pattern("no_build_tools")(evidence) == judged
    assert pattern("non_root_user")(evidence).evidence == "no check of non_root_user ran"


def test_minimal_base_prefers_the_image_it_was_built_into_and_names_images_without_one():
    slim = DockerfileEvidence(_file("Dockerfile.slim"), (), False, "python:3.12-slim")
    alpine = DockerfileEvidence(_file("Dockerfile.alpine"), (), False, "python:3.12-alpine")
    evidence = Evidence((slim, alpine), (_image("slim:1", "debian:bookworm"), _image("given:1")),
                        builds=(Build("Dockerfile.slim", "slim:1", "debian:bookworm"),))
    judged = _judged(evidence, "Minimal base image (alpine/slim) - production only")
    assert (judged.status, judged.evidence) == (Status.FAIL, "base images: python:3.12-alpine (Dockerfile.alpine), "
                                                "debian:bookworm (slim:1); not minimal: debian:bookworm; base not recorded: given:1")
    only_unknown = _judged(Evidence(images=(_image("given:1"),)), "Minimal base image (alpine/slim) - production only")
    assert (only_unknown.status, only_unknown.evidence) == (Status.NOT_CHECKED, "no image records its base: given:1")


def test_not_checked_reasons_come_from_the_evidence():
    evidence = Evidence(not_inspected="images were not built (--no-build)", not_run="no Docker Engine (refused)")
    assert _judged(evidence, "Image size < 500MB").evidence == "no image was inspected: images were not built (--no-build)"
    assert _judged(evidence, "Health endpoint in application").evidence == "no container was run: no Docker Engine (refused)"
    failed = Evidence(runtime=(RuntimeEvidence("img:1", FileReport("img:1", error="image img:1: not found", kind="verify")),))
    assert _judged(failed, "Health endpoint in application").evidence == "no container was run: img:1: image img:1: not found"
    assert _judged(failed, "ARG for build-time config").evidence == "no Dockerfile was given"


def _linted(path, *severities, code="DH303"):
    from dockharden.core.vocabulary import Finding, Rule, Severity

    findings = tuple(Finding(Rule(code, "r", None, Severity[s], "", ""), 1, "m") for s in severities)
    return DockerfileEvidence(FileReport(path, findings), (), False)


def test_checklist_items_follow_the_rules_severities():
    item = "ARG for build-time config"
    info = _judged(Evidence((_linted("a", "INFO"), _linted("b"))), item)
    assert (info.status, info.info_only, info.evidence) == (Status.PASS, True, "lint (DH303): 1/2 pass; info only: a")
    warned = _judged(Evidence((_linted("a", "INFO"), _linted("b", "WARNING", "INFO"))), item)
    assert (warned.status, warned.info_only, warned.evidence) == (Status.WARN, False, "lint (DH303): 0/2 pass; warns: b; info only: a")
    failed = _judged(Evidence((_linted("a", "ERROR"), _linted("b", "WARNING"), _linted("c"))), item)
    assert (failed.status, failed.evidence) == (Status.FAIL, "lint (DH303): 1/3 pass; fails: a; warns: b")
    clean = _judged(Evidence((_linted("a"),)), item)
    assert (clean.status, clean.info_only, clean.evidence) == (Status.PASS, False, "lint (DH303): 1/1 pass")


def _labelled(path, **labels):
    from dockharden.checks.evidence.records import ImageDetails

    return ImageDetails(path, "sha256:1", labels=tuple((f"org.opencontainers.image.{k}", v) for k, v in labels.items()))


def test_version_metadata_is_judged_from_the_image_labels_not_the_declared_args():
    item = "Version/build metadata (OCI labels from build args)"
    declared = _linted("Dockerfile.slim")  # DH905 passes: the Dockerfile declares the ARGs and LABELs
    unknown = _labelled("slim:1", version="1.0.0", created="unknown", revision="UNKNOWN")
    evidence = Evidence((declared,), (_image("slim:1"),), builds=(Build("Dockerfile.slim", "slim:1", "base:1"),), image_details=(unknown,))
    judged = _judged(evidence, item)
    assert (judged.status, judged.evidence) == (
        Status.FAIL, "image labels: 0/1 set; unset or unknown: slim:1 (created='unknown', revision='UNKNOWN')")
    good = _labelled("slim:1", version="1.0.0", created="2026-01-02T03:04:05Z", revision="0a1b2c")
    judged = _judged(Evidence((declared,), (_image("slim:1"),), builds=evidence.builds, image_details=(good,)), item)
    assert (judged.status, judged.evidence) == (Status.PASS, "image labels: 1/1 set")
    missing = _judged(Evidence(images=(_image("given:1"),), image_details=(_labelled("given:1", version=" "),)), item)
    assert (missing.status, missing.evidence) == (
        Status.FAIL, "image labels: 0/1 set; unset or unknown: given:1 (version=' ', created missing, revision missing)")


def test_version_metadata_of_a_dockerfile_not_built_is_its_lint_and_both_count():
    item = "Version/build metadata (OCI labels from build args)"
    lint_only = _judged(Evidence((_linted("Dockerfile", "INFO", code="DH905"),)), item)
    assert (lint_only.status, lint_only.info_only, lint_only.evidence) == (Status.PASS, True, "lint (DH905): 0/1 pass; info only: Dockerfile")
    both = Evidence((_linted("Dockerfile"),), (_image("app:1"),), image_details=(_labelled("app:1"),))
    judged = _judged(both, item)
    assert (judged.status, judged.info_only) == (Status.FAIL, False)
    assert judged.evidence == ("lint (DH905): 1/1 pass; image labels: 0/1 set; unset or unknown: app:1 "
                               "(version missing, created missing, revision missing)")


def test_health_endpoint_says_containers_ran_without_a_health_status():
    ran = Evidence(runtime=(RuntimeEvidence("img:1", _file("img:1")),))
    assert _judged(ran, "Health endpoint in application").evidence == "verify: no health status from img:1"
