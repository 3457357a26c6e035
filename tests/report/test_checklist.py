"""Checklist items are judged from evidence; missing evidence means not checked, never ticked."""
from dockharden.verification_report.checklist import ITEMS, judge_all
from dockharden.verification_report.evidence import DockerfileEvidence, Evidence, RuntimeEvidence
from dockharden.vocabulary import FileReport, PatternResult, Status


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
    from dockharden.verification_report.markdown import _excerpt

    lines = ("FROM a", "RUN <<EOF", "useradd -u 1000 app \\", "EOF", "USER 1000")
    assert _excerpt(lines, ((1, 1), (2, 4), (5, 5)), (2, 5)) == "RUN <<EOF\nuseradd -u 1000 app \\\nEOF\nUSER 1000"
