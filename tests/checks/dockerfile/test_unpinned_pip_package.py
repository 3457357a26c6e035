"""DH927 unpinned-pip-package (info, optional): pip installs of named packages without a version."""
from dockharden.checks.dockerfile import unpinned_pip_package
from support.lintcase import flagged, report, rule_tests
from dockharden.core.settings import Settings

ON = frozenset({"DH927"})
PASSES = {
    "pinned": "FROM python:3.12-slim\nRUN pip install --no-cache-dir gunicorn==23.0.0 'uvicorn>=0.30'\n",
    "requirements": "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n",
    "constraints": "FROM python:3.12-slim\nRUN pip install -c constraints.txt torch\n",
    "local-paths-and-wheels": "FROM python:3.12-slim\nRUN pip install . /w/x-1.0-py3-none-any.whl ./pkg\n",
    "vcs-at-a-revision": "FROM python:3.12-slim\nRUN pip install git+https://github.com/x/y.git@v1.2\n",
    "option-values-are-no-packages": "FROM python:3.12-slim\nRUN pip install --index-url https://x/simple --target /opt/x y==1\n",
    "uv-sync": "FROM python:3.12-slim\nRUN uv sync --locked\n",
    "pip-other-verbs": "FROM python:3.12-slim\nRUN pip download torch && pip uninstall -y torch\n",
}
FLAGS = {
    "pip": ("FROM python:3.12-slim\nRUN pip install --no-cache-dir gunicorn\n", [2]),
    "options-before-the-verb": ("FROM python:3.12-slim\nRUN pip3 --no-cache-dir install --upgrade pip\n", [2]),
    "python-m-pip-and-uv-pip": ("FROM python:3.12-slim\nRUN python -m pip install a==1 b && \\\n    uv pip install --system c\n", [2, 3]),
    "pipx": ("FROM python:3.12-slim\nRUN pipx install --include-deps transformers\n", [2]),
    "vcs-without-revision": ("FROM python:3.12-slim\nRUN pip install git+ssh://git@github.com/x/y.git\n", [2]),
}

test_passes, test_flagged = rule_tests(unpinned_pip_package, PASSES, FLAGS, enabled=ON)


def test_off_unless_enabled_and_then_info():
    text = "FROM python:3.12-slim\nRUN pip install --no-cache-dir gunicorn\n"
    assert flagged(text, unpinned_pip_package) == []
    (finding,) = [f for f in report(text, Settings(enabled=ON)).findings if f.rule.code == "DH927"]
    assert (finding.rule.severity.label, finding.message) == ("info", "gunicorn without a version")
