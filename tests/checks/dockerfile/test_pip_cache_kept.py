"""DH903 pip-cache-kept: pip/uv installs that keep their download cache in the layer."""
import pytest
from dockharden.checks.dockerfile import pip_cache_kept
from support.lintcase import messages, rule_tests

PASSES = {
    "no-cache-dir": "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
    "python-m-pip": "FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir flask\n",
    "cache-mount": "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n",
    "env-switch": "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n",
    "uv-no-cache": "FROM python:3.12-slim\nRUN uv pip install --system --no-cache -r requirements.txt\n",
    "uv-env-switch": "FROM python:3.12-slim\nENV UV_NO_CACHE=1\nRUN uv sync --frozen\n",
    "download-is-not-install": "FROM python:3.12-slim\nRUN pip download -d /wheels flask\n",
    # '#' inside a word is not a comment: the flag after the URL still counts.
    "egg-fragment": "FROM python:3.12-slim\nRUN pip install git+https://github.com/org/pkg.git#egg=pkg --no-cache-dir\n",
    "cache-removed-in-the-same-run": "FROM python:3.12-slim\nRUN pip install flask && rm -rf /root/.cache/pip\n",
    "pip-prefix-of-no-cache-dir": "FROM python:3.12-slim\nRUN pip install --no-cache flask\n",
    "uv-alias-no-cache-dir": "FROM python:3.12-slim\nRUN uv pip install --system --no-cache-dir flask\n",
    "uv-global-option": "FROM python:3.12-slim\nRUN uv --no-cache pip install --system flask\n",
    "env-switch-from-an-arg": "FROM python:3.12-slim\nARG PIP_NO_CACHE_DIR=1\nRUN pip install flask\n",
    "pip-cache-purge": "FROM python:3.12-slim\nRUN pip install flask && pip cache purge\n",
    "python-m-pip-cache-purge": "FROM python:3.12-slim\nRUN python3 -m pip install -U 'app[core]>=3.4' && python3 -m pip cache purge\n",
    "uv-cache-clean": "FROM python:3.12-slim\nRUN uv pip install --system flask && uv cache clean\n",
    "poetry-cache-removed": "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install poetry && poetry install --no-root && rm -rf $(poetry config cache-dir)\n",
    "poetry-cache-dir-in-a-cache-mount": "FROM python:3.12-slim\nENV POETRY_CACHE_DIR=/var/cache/pypoetry PIP_NO_CACHE_DIR=1\nRUN --mount=type=cache,target=\"$POETRY_CACHE_DIR\" pip install poetry && poetry sync\n",
    "poetry-no-cache": "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install poetry && poetry --no-cache install\n",
    "cache-dir-in-a-cache-mount": "FROM python:3.12-slim\nRUN --mount=type=cache,target=/cache pip install --cache-dir=/cache flask\n",
    "local-wheels-without-dependencies": "FROM python:3.12-slim\nRUN pip install --no-deps /wheels/app-1.0-py3-none-any.whl\n",
    # --no-index: pip consults no index; everything comes from the local --find-links folder
    "no-index-with-local-find-links": "FROM python:3.12-slim\nRUN pip install --no-index --find-links=/wheels mitmproxy\n",
    "no-index-with-short-find-links": "FROM python:3.12-slim\nRUN pip install --no-index -f /wheels app\n",
    "builder-whose-output-alone-is-copied": """
        FROM python:3.12-slim AS build
        RUN python -m venv /opt/venv && /opt/venv/bin/pip install flask
        FROM python:3.12-slim
        COPY --from=build /opt/venv /opt/venv
    """,
    "builder-mounted-from": """
        FROM python:3.12-slim AS wheels
        RUN pip wheel --wheel-dir /w flask && pip install build
        FROM python:3.12-slim
        RUN --mount=type=bind,from=wheels,source=/w,target=/w pip install --no-cache-dir /w/*
    """,
    # the wheelhouse stage built every requirement with its dependencies: nothing to download
    "wheelhouse-mounted-from-a-pip-wheel-stage": """
        FROM python:3.12 AS wheels
        RUN pip3 wheel --wheel-dir=/wheels -r /requirements.txt
        FROM python:3.12-slim
        RUN --mount=type=bind,from=wheels,source=/wheels,target=/deps/wheels pip3 install -U /deps/wheels/*.whl
    """,
    "wheelhouse-copied-from-a-pip-wheel-stage": """
        FROM python:3.12 AS wheels
        RUN python -m pip wheel -w /out/wheels flask gunicorn
        FROM python:3.12-slim
        COPY --from=wheels /out /opt
        RUN pip install /opt/wheels/*.whl
    """,
}

FLAGS = {
    "pip": ("FROM python:3.12-slim\nRUN pip install flask\n", [2]),
    "python-m-pip": ("FROM python:3.12-slim\nRUN python -m pip install flask\n", [2]),
    "python-m-pip-cache-list": ("FROM python:3.12-slim\nRUN python3 -m pip install flask && python3 -m pip cache list\n", [2]),
    "venv-pip": ("FROM python:3.12-slim\nRUN /opt/venv/bin/pip install -r requirements.txt\n", [2]),
    "uv-pip": ("FROM python:3.12-slim\nRUN uv pip install --system flask\n", [2]),
    "no-index-with-remote-find-links": ("FROM python:3.12-slim\nRUN pip install --no-index -f https://example.com/wheels/ app\n", [2]),
    "no-index-with-a-url-package": ("FROM python:3.12-slim\nRUN pip install --no-index https://example.com/app-1.0.tar.gz\n", [2]),
    "no-index-with-a-requirements-file": ("FROM python:3.12-slim\nRUN pip install --no-index -f /wheels -r requirements.txt\n", [2]),
    "second-install-of-a-long-run": ("""
        FROM python:3.12-slim
        RUN pip install --no-cache-dir -U pip && \\
            pip install -r requirements.txt
    """, [3]),
    # a stage nothing takes files from is another build target: it can ship
    "unused-stage-counts": ("""
        FROM python:3.12-slim AS builder
        RUN pip install -r requirements.txt
        FROM python:3.12-slim
    """, [2]),
    "parent-of-the-final-stage-ships": ("""
        FROM python:3.12-slim AS base
        RUN pip install flask
        FROM base
    """, [2]),
    "env-set-after-the-run": ("FROM python:3.12-slim\nRUN pip install flask\nENV PIP_NO_CACHE_DIR=1\n", [2]),
    "uv-env-switch-off": ("FROM python:3.12-slim\nENV UV_NO_CACHE=0\nRUN uv sync\n", [3]),
    "a-cache-mount-elsewhere": ("FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/cache/apt pip install flask\n", [2]),
    "poetry-install": ("FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install poetry && poetry install --no-root\n", [3]),
    "poetry-in-bash-c": ("FROM python:3.12-slim\nRUN bash -c \"poetry install --only main\"\n", [2]),
    "one-finding-for-both-branches": ("FROM python:3.12-slim\nRUN bash -c \"if [ $DEV ] ; then poetry install ; else poetry install --only main ; fi\"\n", [2]),
    "spacy-download-runs-pip": ("FROM python:3.12-slim\nRUN python -m spacy download en_core_web_sm\n", [2]),
    "get-pip-runs-pip": ("FROM ubuntu:24.04\nRUN wget https://bootstrap.pypa.io/get-pip.py \\\n  && python3 get-pip.py --break-system-packages\n", [3]),
    # built with --no-deps: their dependencies come from the index
    "wheelhouse-without-dependencies": ("""
        FROM python:3.12 AS wheels
        RUN pip wheel --no-deps --wheel-dir /wheels app
        FROM python:3.12-slim
        RUN --mount=type=bind,from=wheels,source=/wheels,target=/wheels pip install /wheels/*.whl
    """, [4]),
    "wheels-from-a-folder-no-pip-wheel-filled": ("""
        FROM python:3.12 AS wheels
        RUN pip wheel --wheel-dir /built app
        FROM python:3.12-slim
        RUN --mount=type=bind,from=wheels,source=/other,target=/wheels pip install /wheels/*.whl
    """, [4]),
}

test_passes, test_flagged = rule_tests(pip_cache_kept, PASSES, FLAGS)


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

@pytest.mark.parametrize(("line", "expected"), [
    ("RUN pip install flask", "RUN pip install --no-cache-dir flask"),
    ("RUN python3 -m pip install -r requirements.txt", "RUN python3 -m pip install --no-cache-dir -r requirements.txt"),
    ("RUN /opt/venv/bin/pip3 install flask", "RUN /opt/venv/bin/pip3 install --no-cache-dir flask"),
    ("RUN uv pip install --system flask", "RUN uv pip install --no-cache --system flask"),
    ("RUN uv sync --frozen", "RUN uv sync --no-cache --frozen"),
    ("RUN poetry install --no-root", "RUN poetry install --no-cache --no-root"),
    ("RUN pip install a && pip install b", "RUN pip install a && pip install b"),  # two on one line: which is meant?
])
def test_fix(line, expected):
    assert fixed(f"FROM python:3.12-slim\n{line}\n", pip_cache_kept) == f"FROM python:3.12-slim\n{expected}\n"


def test_fix_is_safe():
    assert fix_of("FROM python:3.12-slim\nRUN pip install flask\n", pip_cache_kept) == ("safe", "add --no-cache-dir to pip install")


@pytest.mark.parametrize("text, said", [
    ("FROM python:3.12-slim\nRUN --mount=type=cache,target=/tmp/uv-cache uv pip install --system flask\n",
     "uv install keeps its download cache (~/.cache/uv) in the layer: the cache mount at /tmp/uv-cache is not that folder; set UV_CACHE_DIR=/tmp/uv-cache"),
    # a mount for another tool's cache says nothing of pip's
    ("FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/cache/apt pip install flask\n",
     "pip install keeps its download cache (~/.cache/pip) in the layer; add --no-cache-dir (or ENV PIP_NO_CACHE_DIR=1) or a cache mount"),
])
def test_a_cache_mount_meant_for_the_installer_but_elsewhere_is_named(text, said):
    assert messages(text, "DH903") == [said]


@pytest.mark.parametrize("text, folder", [
    ("FROM python:3.12-slim\nENV PIP_CACHE_DIR=/.cache\nRUN pip install flask\n", "/.cache"),
    ("FROM python:3.12-slim\nRUN pip install --cache-dir /opt/pip-cache flask\n", "/opt/pip-cache"),
    ("FROM python:3.12-slim\nARG UV_CACHE_DIR=/tmp/uvc\nRUN uv pip install --system flask\n", "/tmp/uvc"),
    # set after the install: not its folder
    ("FROM python:3.12-slim\nRUN pip install flask\nENV PIP_CACHE_DIR=/.cache\n", "~/.cache/pip"),
])
def test_the_message_names_the_folder_the_cache_is_in(text, folder):
    (message,) = messages(text, "DH903")
    assert message.split(" keeps its download cache (", 1)[1].split(")", 1)[0] == folder


@pytest.mark.parametrize("mount", ["target", "dst", "destination"])  # BuildKit's three names of a mount's target
def test_every_spelling_of_a_mount_target_counts(mount):
    cache = f"FROM python:3.12-slim\nRUN --mount=type=cache,{mount}=/root/.cache/pip pip install flask\n"
    wheels = ("FROM python:3.12 AS wheels\nRUN pip3 wheel --wheel-dir=/wheels -r /requirements.txt\nFROM python:3.12-slim\n"
              f"RUN --mount=type=bind,from=wheels,source=/wheels,{mount}=/deps/wheels pip3 install -U /deps/wheels/*.whl\n")
    assert (messages(cache, "DH903"), messages(wheels, "DH903")) == ([], [])


def test_info_when_the_install_waits_for_a_build_setting_that_is_off():
    from dockharden.core.vocabulary import Severity
    from support.lintcase import report

    text = 'FROM python:3.12-slim\nARG INSTALL_DEBUG\nRUN if [ "$INSTALL_DEBUG" ]; then pip install ipython; fi\n'
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH903"]
    assert finding.rule.severity == Severity.INFO
    assert finding.message.endswith("(info: only when INSTALL_DEBUG is set, a build setting that is off by default)")
    on = text.replace("ARG INSTALL_DEBUG\n", "ARG INSTALL_DEBUG=1\n")
    assert [f.rule.severity for f in report(on).findings if f.rule.code == "DH903"] == [Severity.WARNING]


@pytest.mark.parametrize(("base_env", "lines"), [("ENV PIP_NO_CACHE_DIR=1\n", []), ("ENV PIP_DEFAULT_TIMEOUT=60\n", [2])])
def test_the_env_of_a_base_built_in_the_repository_counts(tmp_path, base_env, lines):
    from support.lintcase import report
    (tmp_path / ".git").mkdir()
    (tmp_path / "images" / "app-base").mkdir(parents=True)
    (tmp_path / "images" / "app-base" / "Dockerfile").write_text("FROM python:3.12-slim\n" + base_env)
    found = report("FROM acme/app-base:1\nRUN pip install flask\nCMD [\"flask\", \"run\"]\n", context_dir=tmp_path).findings
    assert [f.line for f in found if f.rule.code == "DH903"] == lines


def test_get_pip_is_named_and_passes_with_its_cache_off():
    text = "FROM ubuntu:24.04\nRUN python3 get-pip.py\n"
    assert messages(text, "DH903") == [
        "python get-pip.py (a pip install) keeps its download cache (~/.cache/pip) in the layer; add --no-cache-dir (or ENV PIP_NO_CACHE_DIR=1) or a cache mount"]
    assert fixed(text, pip_cache_kept) == text  # no install verb to put the option after
    assert messages("FROM ubuntu:24.04\nRUN python3 get-pip.py --no-cache-dir\n", "DH903") == []
    assert messages("FROM ubuntu:24.04\nENV PIP_NO_CACHE_DIR=1\nRUN python3 get-pip.py\n", "DH903") == []
