"""The slim and gunicorn templates from `dockharden new`, built on the engine, pass every step of `verify`."""
from __future__ import annotations

import pytest

from dockharden.checks.verify import file_report, verify_image
from dockharden.core.vocabulary import Status
from dockharden.runtime.engine import Engine
from support.verify_support import FAST_OPTIONS, containers_of

pytestmark = pytest.mark.engine


@pytest.mark.parametrize("template", ["slim", "gunicorn"])
def test_templates_from_new_pass_completely(verify_lab, template):
    tag = verify_lab.image(template)
    result = verify_image(Engine.connect(), tag, FAST_OPTIONS)
    assert result.findings == ()
    assert [step.verdict for step in result.steps] == [Status.PASS] * 9
    assert result.step("id").output == "uid=1000(app) gid=1000(app) groups=1000(app)\n"
    assert result.step("stop").output.startswith("exit code 0\n")
    patterns = file_report(result).patterns
    assert [(p.pattern, p.status) for p in patterns] == [
        (name, Status.PASS) for name in ("non_root_user", "healthcheck", "env_config", "chown", "no_secrets", "exec_form")]
    assert containers_of(tag) == []

