"""The verify catalog's good image is also clean under inspect, on the engine and as a saved tarball."""
import subprocess

import pytest

from dockharden.runtime.engine import Engine
from dockharden.checks.inspect import inspect
from dockharden.core.vocabulary import Severity

pytestmark = pytest.mark.engine


def test_good_image_has_no_inspect_finding_at_warning_or_above(verify_lab, tmp_path):
    tag = verify_lab.image("good")
    saved = tmp_path / "good.tar"
    subprocess.run(["/usr/bin/docker", "save", "-o", str(saved), tag], check=True, timeout=300)
    for source, engine in ((tag, Engine.connect()), (str(saved), None)):
        report = inspect(source, engine=engine)
        assert report.error is None
        assert [f.rule.code for f in report.findings if f.rule.severity >= Severity.WARNING] == []
