"""What `render` produces, read back with the project's own Dockerfile parser."""
from __future__ import annotations

import dataclasses
import re

import pytest

from dockharden.dockerfile.parser import parse
from dockharden.knowledge.musl import musl_unfriendly
from dockharden.scaffold.render import render, render_all
from dockharden.scaffold.spec import (
    DOCKERFILE_NAMES,
    TEMPLATES,
    UV_VERSION,
    HealthTimings,
    ServiceSpec,
)

PRODUCTION = ("alpine", "slim", "gunicorn")
PROBE = "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=5)"
HEALTHCHECK_FLAGS = {
    "alpine": ("--interval=30s", "--timeout=10s", "--start-period=5s", "--retries=3"),
    "slim": ("--interval=30s", "--timeout=10s", "--start-period=5s", "--retries=3"),
    "gunicorn": ("--interval=30s", "--timeout=10s", "--start-period=10s", "--retries=3"),
    "dev": ("--interval=30s", "--timeout=30s", "--start-period=5s", "--retries=3"),
}
UVICORN = ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]
CMDS = {
    "alpine": (*UVICORN, "--timeout-graceful-shutdown", "30"),
    "slim": (*UVICORN, "--timeout-graceful-shutdown", "30"),
    "gunicorn": ("gunicorn", "--config", "/app/gunicorn.conf.py", "main:app"),
    "dev": (*UVICORN, "--reload"),
}
VARIANTS = {
    "defaults": {},
    "custom": {"uid": 1234, "gid": 2345, "port": 9000, "health_path": "/healthz", "app_module": "service.api:application",
               "read_only_code": True, "uv_lock": True, "gpu": True, "k8s": True, "base_image": "nvidia/cuda:12.4.1-runtime"},
}


def dockerfile(template: str, **options):
    spec = ServiceSpec(template=template, **options)
    return parse(render(spec)[spec.dockerfile], spec.dockerfile)


def final_stage(parsed):
    starts = [i for i, instruction in enumerate(parsed.instructions) if instruction.name == "FROM"]
    return parsed.instructions[starts[-1]:]


def named(instructions, name):
    return [i for i in instructions if i.name == name]


@pytest.mark.parametrize("template", TEMPLATES)
def test_healthcheck_is_exec_form_python_probe_with_the_template_timings(template):
    (check,) = named(dockerfile(template).instructions, "HEALTHCHECK")
    assert check.flags == HEALTHCHECK_FLAGS[template]
    assert check.exec_form == ("python", "-c", PROBE)


@pytest.mark.parametrize("template", TEMPLATES)
def test_runs_as_numeric_user_in_the_final_stage_only(template):
    parsed = dockerfile(template)
    assert [u.args for u in named(parsed.instructions, "USER")] == ["1000:1000"]
    assert named(final_stage(parsed), "USER")[0].args == "1000:1000"


@pytest.mark.parametrize("template", TEMPLATES)
def test_cmd_is_exec_form(template):
    (cmd,) = named(dockerfile(template).instructions, "CMD")
    assert cmd.exec_form == CMDS[template]


@pytest.mark.parametrize(("template", "stages"), [("alpine", 2), ("slim", 2), ("gunicorn", 2), ("dev", 1)])
def test_stages_start_from_the_base_image_argument(template, stages):
    parsed = dockerfile(template)
    froms = [f.args.split()[0] for f in named(parsed.instructions, "FROM")]
    assert froms == ["${BASE_IMAGE}"] * stages
    variant = "alpine" if template == "alpine" else "slim"
    assert named(parsed.instructions, "ARG")[:2][1].args == f"BASE_IMAGE=python:${{PYTHON_VERSION}}-{variant}"


def test_base_image_option_becomes_the_argument_default():
    args = named(dockerfile("slim", base_image="local/python-base:bookworm").instructions, "ARG")
    assert args[1].args == "BASE_IMAGE=local/python-base:bookworm"


@pytest.mark.parametrize("template", TEMPLATES)
def test_user_is_created_with_numeric_ids_before_any_copy(template):
    stage = final_stage(dockerfile(template, uid=1234, gid=2345))
    user_run = next(i for i in stage if i.name == "RUN" and "1234" in i.args)
    if template == "alpine":
        assert "addgroup -g 2345 app" in user_run.args and "adduser -u 1234 -G app -D" in user_run.args
    else:
        assert "groupadd -g 2345 app" in user_run.args and "useradd -l -u 1234 -g 2345" in user_run.args
    assert "install -d -o 1234 -g 2345 /app /app/models /app/data" in user_run.args
    assert stage.index(user_run) < min(stage.index(c) for c in named(stage, "COPY"))


@pytest.mark.parametrize("read_only", (False, True))
@pytest.mark.parametrize("template", TEMPLATES)
def test_code_is_copied_with_chown_and_never_chowned_after(template, read_only):
    parsed = dockerfile(template, read_only_code=read_only)
    owner = "0:0" if read_only else "1000:1000"
    copies = [c for c in named(final_stage(parsed), "COPY") if c.flag("from") is None]
    assert copies and all(c.flag("chown") == owner for c in copies)
    assert not any("chown" in r.args for r in named(parsed.instructions, "RUN"))
    writable = "/app/models /app/data" if read_only else "/app /app/models /app/data"
    assert any(f"install -d -o 1000 -g 1000 {writable}" in r.args for r in named(parsed.instructions, "RUN"))


@pytest.mark.parametrize("template", PRODUCTION)
def test_builder_installs_with_pinned_uv_and_a_cache_mount_into_opt_venv(template):
    parsed = dockerfile(template)
    builder = parsed.instructions[: parsed.instructions.index(final_stage(parsed)[0])]
    assert f"ARG UV_VERSION={UV_VERSION}" in [f"ARG {a.args}" for a in named(builder, "ARG")]
    runs = named(builder, "RUN")
    assert '--no-cache-dir "uv==${UV_VERSION}"' in runs[0].args and "uv venv --python python3 /opt/venv" in runs[0].args
    assert runs[1].flag_values("mount")[0] == "type=cache,target=/root/.cache/uv"
    assert "uv pip install --python /opt/venv/bin/python -r /tmp/requirements.txt" in runs[1].args
    env = named(builder, "ENV")[0].args
    assert "UV_COMPILE_BYTECODE=1" in env and "UV_LINK_MODE=copy" in env


@pytest.mark.parametrize("template", PRODUCTION)
def test_final_stage_only_creates_the_user_and_copies_the_venv(template):
    stage = final_stage(dockerfile(template))
    assert len(named(stage, "RUN")) == 1
    assert [c.args for c in named(stage, "COPY") if c.flag("from") == "builder"] == ["/opt/venv /opt/venv"]


def test_uv_lock_installs_with_uv_sync_from_bind_mounted_lock_files():
    (run,) = [r for r in named(dockerfile("slim", uv_lock=True).instructions, "RUN") if r.flags]
    assert run.flag_values("mount") == (
        "type=cache,target=/root/.cache/uv",
        "type=bind,source=pyproject.toml,target=/src/pyproject.toml",
        "type=bind,source=uv.lock,target=/src/uv.lock",
    )
    assert run.args == "/opt/uv/bin/uv sync --project /src --frozen --no-dev --no-install-project"


@pytest.mark.parametrize("template", TEMPLATES)
def test_runtime_env_and_oci_labels(template):
    stage = final_stage(dockerfile(template))
    env = named(stage, "ENV")[-1].args if template != "dev" else " ".join(e.args for e in named(stage, "ENV"))
    for setting in ("PYTHONDONTWRITEBYTECODE=1", "PYTHONUNBUFFERED=1", "HF_HOME=/app/models", 'PATH="/opt/venv/bin:$PATH"'):
        assert setting in env
    assert [a.args for a in named(stage, "ARG") if a.args.split("=")[0] in {"APP_VERSION", "BUILD_DATE", "COMMIT_SHA"}] == [
        "APP_VERSION=0.1.0", "BUILD_DATE=unknown", "COMMIT_SHA=unknown"]
    labels = named(stage, "LABEL")[0].args
    for label in ('version="${APP_VERSION}"', 'created="${BUILD_DATE}"', 'revision="${COMMIT_SHA}"'):
        assert f"org.opencontainers.image.{label}" in labels


def test_gunicorn_env_carries_the_gunicorn_defaults():
    env = named(final_stage(dockerfile("gunicorn")), "ENV")[0].args.split()
    assert [e for e in env if e.startswith("GUNICORN_")] == [
        "GUNICORN_WORKERS=4", "GUNICORN_TIMEOUT=120", "GUNICORN_GRACEFUL_TIMEOUT=30", "GUNICORN_KEEPALIVE=5",
        "GUNICORN_MAX_REQUESTS=1000", "GUNICORN_MAX_REQUESTS_JITTER=100"]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_no_deprecated_cache_variable_curl_wget_syntax_line_or_heredoc(template, variant):
    files = render(ServiceSpec(template=template, **VARIANTS[variant]))
    for text in files.values():
        assert not re.search(r"TRANSFORMERS_CACHE|\bcurl\b|\bwget\b", text)
    parsed = parse(files[DOCKERFILE_NAMES[template]])
    assert parsed.directives == () and not any(i.heredocs for i in parsed.instructions)


def test_dev_template_says_it_is_for_development_only():
    text = render(ServiceSpec(template="dev"))["Dockerfile.dev"]
    assert text.startswith("# Dockerfile.dev: FOR DEVELOPMENT ONLY, never for production.\n")


def test_custom_options_reach_probe_cmd_and_user():
    parsed = dockerfile("slim", uid=1234, gid=2345, port=9000, health_path="/healthz", app_module="service.api:application")
    (check,) = named(parsed.instructions, "HEALTHCHECK")
    assert "'http://127.0.0.1:9000/healthz'" in check.exec_form[2]
    assert named(parsed.instructions, "CMD")[0].exec_form[:6] == (
        "uvicorn", "service.api:application", "--host", "0.0.0.0", "--port", "9000")
    assert named(parsed.instructions, "USER")[0].args == "1234:2345"
    assert named(parsed.instructions, "EXPOSE")[0].args == "9000"


def test_render_is_deterministic_and_lists_the_files_of_one_template():
    spec = ServiceSpec(template="gunicorn", k8s=True)
    assert render(spec) == render(spec)
    assert sorted(render(spec)) == sorted([
        "Dockerfile.production-gunicorn", "gunicorn.conf.py", ".dockerignore", "compose.yaml",
        "k8s/deployment.yaml", "k8s/service.yaml", "app/main.py", "requirements.txt"])


def test_render_all_writes_every_dockerfile_and_deploys_the_spec_template():
    files = render_all(ServiceSpec(template="gunicorn", sample_app=False))
    assert sorted(files) == sorted([*DOCKERFILE_NAMES.values(), "gunicorn.conf.py", ".dockerignore", "compose.yaml"])
    assert "dockerfile: Dockerfile.production-gunicorn" in files["compose.yaml"]


def test_sample_app_follows_app_dir_and_module_and_uv_lock_has_no_requirements():
    files = render(ServiceSpec(app_dir="src", app_module="service.api:application", uv_lock=True))
    assert "src/service/api.py" in files and "requirements.txt" not in files
    assert "application = FastAPI(" in files["src/service/api.py"]
    assert render(ServiceSpec(app_dir="."))["main.py"].startswith('"""Sample FastAPI service')


def test_sample_app_compiles_and_requirements_are_pinned():
    files = render(ServiceSpec())
    compile(files["app/main.py"], "app/main.py", "exec")
    requirements = [line for line in files["requirements.txt"].splitlines() if line and not line.startswith("#")]
    assert [r.split("==")[0] for r in requirements] == ["fastapi", "uvicorn", "gunicorn", "uvicorn-worker"]
    assert all(re.fullmatch(r"[a-z\-]+==\d+(\.\d+)+", r) for r in requirements)


def test_health_override_replaces_the_template_timings():
    spec = ServiceSpec(template="slim", health=HealthTimings("15s", "3s", "60s", 5))
    (check,) = named(parse(render(spec)[spec.dockerfile]).instructions, "HEALTHCHECK")
    assert check.flags == ("--interval=15s", "--timeout=3s", "--start-period=60s", "--retries=5")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("template", "distroless", "template 'distroless' must be one of alpine, slim, gunicorn, dev"),
    ("port", 0, "port 0 must be between 1 and 65535"),
    ("uid", 0, "uid 0 must be a non-root id (1 or more)"),
    ("gid", 0, "gid 0 must be a non-root id (1 or more)"),
    ("app_module", "main", "app_module 'main' must look like main:app"),
    ("health_path", "health", "health_path 'health' must be a path such as /health"),
    ("health_path", "/h'); import os; ('", "health_path \"/h'); import os; ('\" must be a path such as /health"),
    ("name", "My Service", "name 'My Service' must be a DNS label (a-z, 0-9, '-')"),
    ("python_version", "3", "python_version '3' must look like 3.12"),
    ("requirements", "../secrets.txt", "requirements '../secrets.txt' must be a relative file inside the project"),
    ("app_dir", "/etc", "app_dir '/etc' must be a relative folder inside the project"),
    ("base_image", "python:3.12 AS x", "base_image 'python:3.12 AS x' must be an image reference"),
])
def test_spec_rejects_values_that_would_break_or_inject_into_the_files(field, value, message):
    with pytest.raises(ValueError) as error:
        ServiceSpec(**{field: value})
    assert str(error.value) == message


def test_spec_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        ServiceSpec().port = 1  # type: ignore[misc]


@pytest.mark.parametrize(("text", "names"), [
    ("torch==2.3.0\nnumpy\nscikit_learn>=1.4  # trees\n", ("scikit-learn", "torch")),
    ("fastapi==0.115\n# torch later\n", ()),
    ('[project]\ndependencies = ["onnxruntime>=1.17", "fastapi", "SentencePiece"]\n', ("onnxruntime", "sentencepiece")),
    ('[[package]]\nname = "torch"\nversion = "2.3.0"\n', ("torch",)),
    ('description = "a torch-free service"\n', ()),
])
def test_musl_unfriendly_names_packages_without_musl_wheels(text, names):
    assert musl_unfriendly(text) == names
