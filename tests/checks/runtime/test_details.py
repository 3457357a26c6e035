"""details.py: a running container's matrix, each pattern judged from the steps that prove it."""
from __future__ import annotations

from dockharden.checks.verify import file_report, judge
from dockharden.core.vocabulary import Status
from dockharden.runtime.observation import CommandOutput, HealthWait, StopOutcome, VerifyOptions
from support.observations import good

OPTIONS = VerifyOptions()


def test_file_report_of_failures():
    seen = good(config_user="aiuser", stop=StopOutcome(True, 137, 10.0, 10),
                health=HealthWait("exited", 0.3, 165.0, exit_code=1), id=CommandOutput(("id",), None, ""))
    patterns = {p.pattern: (p.status, p.detail) for p in file_report(judge(seen, OPTIONS)).patterns}
    assert patterns["non_root_user"] == (
        Status.WARN, "the image's USER is the name 'aiuser'; Kubernetes runAsNonRoot cannot verify a name: "
                     "use a numeric USER such as 1000:1000")
    assert patterns["healthcheck"] == (Status.FAIL, "the container exited with code 1 after 0.3 s")
    assert patterns["exec_form"][0] is Status.FAIL
