"""Checklist items are judged from evidence; missing evidence means not checked, never ticked."""
from dockharden.output.document.checklist import ITEMS, judge_all
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
    assert (judged.status, judged.evidence) == (Status.FAIL, "inspect: small:1 285 MB, big:1 600 MB")


def test_unreadable_files_are_not_evidence():
    evidence = Evidence((DockerfileEvidence(FileReport("bad", error="line 1: boom"), (), False),))
    assert _judged(evidence, ".dockerignore for build context").status is Status.NOT_CHECKED


def test_excerpt_shows_whole_instructions_as_parsed_heredocs_included():
    from dockharden.output.document.markdown import numbered_excerpt
    from dockharden.output.document.units import spans_of

    lines = ("FROM a", "RUN <<EOF", "useradd -u 1000 app \\", "EOF", "USER 1000")
    spans = spans_of((2, 5), ((1, 1), (2, 4), (5, 5)))
    assert numbered_excerpt(lines, spans) == "2 | RUN <<EOF\n3 | useradd -u 1000 app \\\n4 | EOF\n5 | USER 1000"


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
