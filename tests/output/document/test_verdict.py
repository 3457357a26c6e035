"""The verdict fails when a finding reaches the threshold, counted per subject; it is incomplete
when something asked for could not be done, and never passes on nothing checked."""
from dataclasses import replace

from support.document_evidence import NO_LABELS, UNRESOLVED_UID, sample_evidence

from dockharden.checks.evidence.records import DockerfileEvidence, Evidence, Problem, RuntimeEvidence
from dockharden.core.vocabulary import FileReport, Finding, Severity, Status
from dockharden.output.document.verdict import SubjectCount, headline, section, verdict


def _dockerfile(*findings, error=None):
    return DockerfileEvidence(FileReport("Dockerfile", tuple(findings), error=error), (), False)


def test_counts_per_subject_and_fails_at_the_threshold():
    judged = verdict(sample_evidence(), Severity.WARNING)
    assert judged.status is Status.FAIL
    assert judged.counts == (SubjectCount("Dockerfiles", 2, 0, 1, 1, 1, Status.FAIL), SubjectCount("Images", 1, 0, 0, 0, 0, Status.PASS),
                             SubjectCount("Containers", 1, 0, 0, 0, 0, Status.PASS))
    assert headline(judged) == ("**Verdict: ❌ fail** (threshold: warning): Dockerfiles: 1 error, 1 warning; "
                                "Images: 0 errors, 0 warnings; Containers: 0 errors, 0 warnings.")


def test_a_finding_below_the_threshold_passes_and_one_at_it_fails():
    warned = Evidence((_dockerfile(Finding(UNRESOLVED_UID, 3, "uid")),))
    assert verdict(warned, Severity.ERROR).status is Status.PASS
    assert verdict(warned, Severity.WARNING).status is Status.FAIL
    info = Evidence((_dockerfile(Finding(NO_LABELS, 1, "labels")),))
    assert verdict(info, Severity.WARNING).status is Status.PASS
    assert verdict(info, Severity.INFO).status is Status.FAIL


def test_something_not_done_makes_it_incomplete_not_a_pass():
    unreadable = Evidence((_dockerfile(), _dockerfile(error="line 1: boom")))
    judged = verdict(unreadable, Severity.WARNING)
    assert (judged.status, judged.problems, judged.counts[0]) == (
        Status.NOT_CHECKED, 1, SubjectCount("Dockerfiles", 1, 1, 0, 0, 0, Status.PASS))
    assert headline(judged) == ("**Verdict: ➖ incomplete** (threshold: warning): Dockerfiles: 0 errors, 0 warnings; "
                                "Images: none given; Containers: none given. 1 thing asked for could not be done (see Problems).")
    asked = Evidence((_dockerfile(),), problems=(Problem("dockharden", "cannot build"),))
    assert verdict(asked, Severity.WARNING).status is Status.NOT_CHECKED
    assert verdict(Evidence(), Severity.WARNING).status is Status.NOT_CHECKED


def test_a_failure_outweighs_what_could_not_be_done():
    failed_run = RuntimeEvidence("app:1", FileReport("app:1", error="not found", kind="verify"))
    evidence = replace(Evidence((_dockerfile(Finding(UNRESOLVED_UID, 3, "uid")),)), runtime=(failed_run,))
    judged = verdict(evidence, Severity.WARNING)
    assert (judged.status, judged.problems) == (Status.FAIL, 1)
    assert judged.counts[2] == SubjectCount("Containers", 0, 1, 0, 0, 0, Status.NOT_CHECKED)
    assert "| Containers | 0 | 1 | 0 | 0 | 0 | ➖ 1 not checked |" in section(judged)
    assert "| Images | 0 | 0 | 0 | 0 | 0 | ➖ none given |" in section(judged)
