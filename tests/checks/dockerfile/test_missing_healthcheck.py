"""DH201 missing-healthcheck: the final stage has no effective HEALTHCHECK."""
import pytest
from dockharden.checks.dockerfile import missing_healthcheck
from support.lintcase import flagged, report, rule_tests

PROBE = """["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=5)"]"""

PASSES = {
    "healthcheck-in-final": f"""
        FROM python:3.12-slim
        HEALTHCHECK CMD {PROBE}
    """,
    "inherited-through-from-builder": f"""
        FROM python:3.12-slim AS base
        HEALTHCHECK CMD {PROBE}
        FROM base
        CMD ["python"]
    """,
    "inherited-through-two-stages": f"""
        FROM python:3.12-slim AS base
        HEALTHCHECK CMD {PROBE}
        FROM base AS middle
        FROM middle
    """,
    "none-is-another-rule": """
        FROM python:3.12-slim
        HEALTHCHECK NONE
    """,
}

FLAGS = {
    "no-healthcheck": ("""
        FROM python:3.12-slim
        CMD ["python"]
    """, [1]),
    # checkov CKV_DOCKER_2 and hadolint DL3057 accept a HEALTHCHECK in any stage.
    "healthcheck-only-in-builder": (f"""
        FROM python:3.12-slim AS builder
        HEALTHCHECK CMD {PROBE}
        FROM python:3.12-slim
        CMD ["python"]
    """, [3]),
    "not-carried-across-from-image": (f"""
        FROM python:3.12-slim AS base
        HEALTHCHECK CMD {PROBE}
        FROM python:3.12-alpine
    """, [3]),
}

test_passes, test_flagged = rule_tests(missing_healthcheck, PASSES, FLAGS)


def test_the_target_stage_is_checked():
    text = f"""
        FROM python:3.12-slim AS prod
        HEALTHCHECK CMD {PROBE}
        FROM python:3.12-slim AS test
    """
    assert flagged(text, missing_healthcheck, target="prod") == []
    assert flagged(text, missing_healthcheck, target="test") == [("DH201", 3)]


def _judged(text, context_dir=None):
    return [(f.rule.severity.label, f.message) for f in report(text, context_dir=context_dir).findings if f.rule.code == "DH201"]


def test_inherited_from_a_base_image_that_defines_one():
    assert _judged("FROM quay.io/jupyter/base-notebook:2024-05-27\nRUN pip install --no-cache-dir flake8\n") == []


def test_info_on_a_one_shot_job():
    (severity, message), = _judged('FROM python:3.12-slim\nENTRYPOINT ["alembic", "upgrade", "head"]\n')
    assert severity == "info" and "a one-shot job, as its command runs once and exits (alembic upgrade head)" in message


def test_info_when_compose_defines_one(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    build: .\n    healthcheck:\n      test: [CMD, python, -c, 'print(1)']\n")
    (severity, message), = _judged('FROM python:3.12-slim\nCMD ["python", "-m", "http.server"]\n', tmp_path)
    assert severity == "info" and "compose.yaml service web defines a healthcheck; the image alone has none" in message


HELM_SERVICE = 'FROM python:3.12-slim\nCMD ["gunicorn", "api:app"]\n'
HELM_BAKE = ('variable "VERSION" {\n  default = "1.0"\n}\ntarget "_gpu" {\n  dockerfile = "Dockerfile"\n}\n'
             'target "gpu-amd64" {\n  inherits = ["_gpu"]\n  tags = ["ghcr.io/acme/api-gpu:${VERSION}-amd64"]\n}\n')


def _helm_project(tmp_path, templates):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text(HELM_SERVICE)
    (tmp_path / "docker-bake.hcl").write_text(HELM_BAKE)
    chart = tmp_path / "charts" / "api"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: api\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text('api:\n  repository: "ghcr.io/acme/api-gpu"\n  tag: "latest"\ncache:\n  image:\n    repository: redis\n')
    for name, text in templates.items():
        (chart / "templates" / name).parent.mkdir(exist_ok=True)
        (chart / "templates" / name).write_text(text)


API_POD = 'spec:\n  containers:\n    - name: api\n      image: "{{ .Values.api.repository }}:{{ .Values.api.tag }}"\n'
PROBE_LINES = "      livenessProbe:\n        httpGet:\n          path: /health\n"


def test_info_when_a_helm_chart_probes_the_image_a_bake_target_tags(tmp_path):
    _helm_project(tmp_path, {"deployment.yaml": API_POD + PROBE_LINES})
    assert _judged(HELM_SERVICE, tmp_path) == [
        ("info", "the final stage has no HEALTHCHECK (info: deployment.yaml service api (helm chart api: livenessProbe) defines a healthcheck; "
                 "the image alone has none)")]


def test_info_when_a_template_in_a_folder_of_templates_probes_it(tmp_path):
    _helm_project(tmp_path, {"api/deployment.yaml": API_POD + PROBE_LINES})
    assert [s for s, _ in _judged(HELM_SERVICE, tmp_path)] == ["info"]


HELPERS = ('{{- define "images.image" -}}\n{{ .repository }}:{{ .tag }}\n{{- end -}}\n\n'
           '{{- define "api.image" -}}\n{{ include "images.image" (dict "repository" .Values.api.repository "tag" .Values.api.tag) }}\n{{- end -}}\n')
NAMED_POD = 'spec:\n  containers:\n    - name: api\n      image: \'{{ template "api.image" . }}\'\n'


def test_info_when_the_probed_container_names_its_image_through_a_named_template(tmp_path):
    # DefectDojo: `image: '{{ template "django.uwsgi.image" . }}'`, defined in _helpers.tpl.
    _helm_project(tmp_path, {"_helpers.tpl": HELPERS, "deployment.yaml": NAMED_POD + PROBE_LINES})
    assert [s for s, _ in _judged(HELM_SERVICE, tmp_path)] == ["info"]


def test_a_named_template_the_probing_template_does_not_call_checks_nothing(tmp_path):
    _helm_project(tmp_path, {"_helpers.tpl": HELPERS, "deployment.yaml": NAMED_POD.replace("api.image", "cache.image") + PROBE_LINES})
    assert [s for s, _ in _judged(HELM_SERVICE, tmp_path)] == ["error"]


def _own_chart(tmp_path, image="acme/phoenix", dockerfile="Dockerfile", files=None):
    """A repository checked out as phoenix, whose chart deploys `image` with a probe and whose
    builds do not name it."""
    repo = tmp_path / "phoenix"
    chart = repo / "helm"
    (chart / "templates").mkdir(parents=True)
    (repo / ".git").mkdir()
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: phoenix\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text(f'image:\n  registry: docker.io\n  repository: "{image}"\n  tag: "1.0"\n')
    (chart / "templates" / "deployment.yaml").write_text('spec:\n  containers:\n    - name: app\n      image: "{{ .Values.image.repository }}"\n'
                                                          + PROBE_LINES)
    for name, text in {dockerfile: HELM_SERVICE, **(files or {})}.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    return (repo / dockerfile).parent


def test_info_when_the_chart_probes_the_image_named_like_the_repository_its_root_dockerfile_builds(tmp_path):
    assert _judged(HELM_SERVICE, _own_chart(tmp_path)) == [
        ("info", "the final stage has no HEALTHCHECK (info: deployment.yaml service image (helm chart helm: livenessProbe) defines a "
                 "healthcheck; the image alone has none)")]


def test_info_when_a_manifest_probes_the_image_named_like_the_repository(tmp_path):
    repo = tmp_path / "phoenix"
    (repo / ".git").mkdir(parents=True)
    (repo / "Dockerfile").write_text(K8S_SERVICE)
    (repo / "k8s").mkdir()
    (repo / "k8s" / "deployment.yaml").write_text(K8S_DEPLOYMENT.replace("IMAGE", "acme/phoenix:2.1").replace("PROBE", K8S_PROBE))
    assert [s for s, _ in _judged(K8S_SERVICE, repo)] == ["info"]


@pytest.mark.parametrize(("image", "dockerfile", "files"), [
    ("acme/other", "Dockerfile", None),  # not the repository's name
    ("acme/phoenix", "app/Dockerfile", None),  # not the root Dockerfile
    ("acme/phoenix", "Dockerfile", {"build.sh": "docker build -t acme/phoenix -f server/Dockerfile .\n", "server/Dockerfile": HELM_SERVICE}),
    ("acme/phoenix", "Dockerfile", {"build.sh": "docker build -t acme/phoenix-dev .\n"}),  # its build names another image
])
def test_the_repository_name_is_not_taken_for_another_image_or_dockerfile(tmp_path, image, dockerfile, files):
    assert [s for s, _ in _judged(HELM_SERVICE, _own_chart(tmp_path, image, dockerfile, files))] == ["error"]


def test_a_probe_of_another_image_of_the_chart_checks_nothing(tmp_path):
    cache = 'spec:\n  containers:\n    - name: cache\n      image: "{{ .Values.cache.image.repository }}"\n' + PROBE_LINES
    _helm_project(tmp_path, {"deployment.yaml": API_POD, "cache.yaml": cache})
    assert _judged(HELM_SERVICE, tmp_path) == [("error", "the final stage has no HEALTHCHECK")]


WEB_VALUES = ('image: ghcr.io/acme/web:1.4\nworker:\n  image:\n    repository: ghcr.io/acme/worker\n'
              'api:\n  image: ghcr.io/acme/api:2\napi-gateway:\n  image: ghcr.io/acme/gateway:2\n')


@pytest.mark.parametrize("built, template, probe", [
    ("ghcr.io/acme/web", "web.yaml", "readinessProbe"),  # a top-level image: the template that names .Values.image
    ("ghcr.io/acme/worker", "a-worker.yaml", "livenessProbe"),
    ("ghcr.io/acme/api", "api.yaml", "startupProbe"),  # not api-gateway's template, sorted first
])
def test_the_helm_template_named_is_the_one_that_deploys_this_image(tmp_path, built, template, probe):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text(HELM_SERVICE)
    (tmp_path / "build.sh").write_text(f"docker build -t {built} .\n")
    chart = tmp_path / "charts" / "acme"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: acme\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text(WEB_VALUES)
    pod = 'spec:\n  containers:\n    - name: c\n      image: "{{ VALUE }}"\n      PROBE:\n        httpGet:\n          path: /health\n'
    for name, value, kind in (("a-worker.yaml", ".Values.worker.image.repository", "livenessProbe"), ("web.yaml", ".Values.image", "readinessProbe"),
                              ("a-gateway.yaml", ".Values.api-gateway.image", "livenessProbe"), ("api.yaml", ".Values.api.image", "startupProbe")):
        (chart / "templates" / name).write_text(pod.replace("VALUE", value).replace("PROBE", kind))
    (severity, message), = _judged(HELM_SERVICE, tmp_path)
    assert severity == "info" and f"(info: {template} service " in message and f"(helm chart acme: {probe}) defines a healthcheck" in message


K8S_SERVICE = 'FROM python:3.12-slim\nCMD ["gunicorn", "api:app"]\n'
K8S_DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: api-web
spec:
  template:
    spec:
      containers:
        - name: proxy
          image: envoyproxy/envoy:v1.31
          livenessProbe:
            tcpSocket: {port: 9901}
        - name: web
          image: IMAGE
PROBE
"""
K8S_PROBE = "          readinessProbe:\n            httpGet: {path: /health, port: 8000}"


def _k8s_project(tmp_path, image, probe=K8S_PROBE, folder="k8s"):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text(K8S_SERVICE)
    (tmp_path / "build.sh").write_text("#!/bin/sh\ndocker build -t ghcr.io/acme/api:2.1 .\n")
    (tmp_path / folder).mkdir(parents=True)
    (tmp_path / folder / "deployment.yaml").write_text(K8S_DEPLOYMENT.replace("IMAGE", image).replace("PROBE", probe))


def test_info_when_a_kubernetes_manifest_probes_the_container_that_runs_the_image(tmp_path):
    _k8s_project(tmp_path, "ghcr.io/acme/api:2.1")
    assert _judged(K8S_SERVICE, tmp_path) == [
        ("info", "the final stage has no HEALTHCHECK (info: deployment.yaml service api-web (Deployment, readinessProbe) defines a "
                 "healthcheck; the image alone has none)")]


@pytest.mark.parametrize(("image", "probe", "folder"), [
    ("ghcr.io/acme/api:2.1", "", "k8s"),  # only the proxy beside it has a probe
    ("ghcr.io/acme/api:1.0", K8S_PROBE, "k8s"),  # another tag than the build makes
    ("ghcr.io/acme/worker:2.1", K8S_PROBE, "k8s"),  # another image
    ("ghcr.io/acme/api:2.1", K8S_PROBE, "docker"),  # a deployment folder, but not one of manifests
])
def test_a_manifest_probe_of_another_container_or_image_checks_nothing(tmp_path, image, probe, folder):
    _k8s_project(tmp_path, image, probe, folder)
    assert _judged(K8S_SERVICE, tmp_path) == [("error", "the final stage has no HEALTHCHECK")]


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

PROBE = ('HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["python3", "-c", "import sys, urllib.request as u, '
         'urllib.error as e\\ntry: u.urlopen(\'http://127.0.0.1:{port}/\', timeout=4)\\nexcept e.HTTPError as x: sys.exit(x.code >= 500)\\n'
         'except Exception: sys.exit(1)"]')


@pytest.mark.parametrize(("lines", "port"), [
    ('CMD ["gunicorn", "app:app"]', 8000),
    ('EXPOSE 8080/tcp\nCMD ["gunicorn", "app:app"]', 8080),
    ('CMD ["gunicorn", "--bind", "0.0.0.0:9000", "app:app"]', 9000),
    ('ENTRYPOINT ["python3", "app.py"]\nCMD ["--port", "8300"]', 8300),
    ('ENV PORT=7000\nCMD ["python3", "app.py"]', 7000),
])
def test_fix_adds_a_python_probe_of_the_app_port(lines, port):
    text = f"FROM python:3.12-slim\n{lines}\n"
    assert fixed(text, missing_healthcheck, unsafe=True) == text + PROBE.format(port=port) + "\n"


def test_no_fix_where_python_is_not_known_to_be_there():
    assert fix_of('FROM nginx:1.27\nCMD ["nginx"]\n', missing_healthcheck) is None


def test_info_when_the_image_sets_no_command_on_a_base_that_starts_only_an_interpreter():
    (severity, message), = _judged("FROM python:3.12-slim\nCOPY . /src\nRUN pip install --no-cache-dir /src\n")
    assert severity == "info" and message == (
        "the final stage has no HEALTHCHECK (info: it sets no command of its own and python:3.12-slim starts only a shell "
        "or interpreter: there is no service to probe until whatever runs it gives one)")


@pytest.mark.parametrize("text", [
    'FROM python:3.12-slim\nCOPY . /src\nCMD ["gunicorn", "app:app"]\n',  # its own command
    "FROM ghcr.io/org/runtime:1\nCOPY . /src\n",  # a base whose command is not known
])
def test_an_image_with_a_command_or_an_unknown_base_stays_an_error(text):
    assert [s for s, _ in _judged(text)] == ["error"]


def test_a_compose_service_that_gives_the_command_keeps_it_an_error(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    build: .\n    command: gunicorn app:app\n")
    assert [s for s, _ in _judged("FROM python:3.12-slim\nCOPY . /src\n", tmp_path)] == ["error"]


def test_info_on_a_node_image_that_sets_no_command():
    """node's own CMD is `node`, a REPL: a test runner built on it serves nothing."""
    (severity, _), = _judged("FROM node:22\nWORKDIR /src\nRUN npm install --no-save jest\n")
    assert severity == "info"


WRAPPER = """ENTRYPOINT ["/bin/bash", "-c", "export MODEL_SOURCE=local && exec \\"$@\\"", "--"]"""


@pytest.mark.parametrize("entrypoint", [
    WRAPPER,
    """ENTRYPOINT ["/bin/sh", "-c", "cd /app; . /opt/venv/bin/activate && exec ${@}", "--"]""",
    'ENTRYPOINT ["tini", "--"]',
])
def test_info_when_the_entrypoint_only_runs_the_command_it_is_given_and_no_cmd_gives_one(entrypoint):
    """A serving base (vllm's own command is its API server) whose ENTRYPOINT the file
    replaces: Docker drops the base's CMD, so the image run bare starts nothing."""
    (severity, message), = _judged(f"FROM vllm/vllm-openai:v0.21.0\nRUN pip install --no-cache-dir mineru\n{entrypoint}\n")
    assert severity == "info" and message == (
        "the final stage has no HEALTHCHECK (info: its ENTRYPOINT (line 3) only runs the command it is given, and it sets "
        "no CMD: there is no service to probe until whatever runs it gives one)")


@pytest.mark.parametrize("text", [
    f'FROM vllm/vllm-openai:v0.21.0\n{WRAPPER}\nCMD ["mineru-api", "--port", "8000"]\n',  # a CMD gives the command
    f'FROM vllm/vllm-openai:v0.21.0\nCMD ["mineru-api"]\n{WRAPPER}\n',  # ... also before the ENTRYPOINT
    'FROM vllm/vllm-openai:v0.21.0\nENTRYPOINT ["/bin/sh", "-c", "gunicorn app:app && exec \\"$@\\"", "--"]\n',  # a server first
    'FROM vllm/vllm-openai:v0.21.0\nENTRYPOINT ["/bin/sh", "-c", "export A=1 && exec gunicorn app:app"]\n',  # runs its own
    'FROM vllm/vllm-openai:v0.21.0\nENTRYPOINT ["tini", "--", "mineru-api"]\n',
])
def test_an_entrypoint_that_runs_a_program_of_its_own_or_a_cmd_keeps_it_an_error(text):
    assert [s for s, _ in _judged(text)] == ["error"]


def test_a_compose_service_that_gives_the_wrapper_a_command_keeps_it_an_error(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "compose.yaml").write_text("services:\n  api:\n    build: .\n    command: mineru-api --port 8000\n")
    assert [s for s, _ in _judged(f"FROM vllm/vllm-openai:v0.21.0\n{WRAPPER}\n", tmp_path)] == ["error"]


def test_info_when_compose_probes_the_untagged_image_a_workflow_pushes_through_a_step_output(tmp_path):
    # R2R: services/clustering/Dockerfile.clustering, pushed as ragtoriches/cluster-prod:latest.
    (tmp_path / ".git").mkdir()
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "build.yml").write_text(
        "env:\n  BASE: acme\njobs:\n  b:\n    steps:\n      - id: version\n"
        "        run: echo \"IMAGE=${{ env.BASE }}/cluster\" >> $GITHUB_OUTPUT\n"
        "      - uses: docker/build-push-action@v5\n        with:\n          context: .\n          file: ./Dockerfile\n"
        "          push: true\n          tags: ${{ steps.version.outputs.IMAGE }}:latest\n")
    (tmp_path / "docker").mkdir()
    (tmp_path / "docker" / "compose.yaml").write_text(
        "services:\n  cluster:\n    image: acme/cluster\n    healthcheck:\n      test: [CMD, curl, -f, http://localhost:7276/health]\n")
    text = 'FROM python:3.12-slim\nCMD ["python", "main.py"]\n'
    assert _judged(text, tmp_path) == [
        ("info", "the final stage has no HEALTHCHECK (info: compose.yaml service cluster defines a healthcheck; the image alone has none)")]


SCRIPT_IMAGE = 'FROM vllm/vllm-openai:v0.21.0\nWORKDIR /workspace/app\nCOPY . .\nENTRYPOINT ["/workspace/app/scripts/entrypoint.sh"]\n'


@pytest.mark.parametrize(("script", "command", "severity"), [
    # axolotl's uv-entrypoint.sh: sets the environment up, then runs its arguments; compose only keeps it up.
    ('#!/bin/bash\nif [ -f /workspace/app/env.sh ]; then\n    source /workspace/app/env.sh\nfi\n\nexec "$@"\n', "tail -f /dev/null", "info"),
    ('#!/bin/sh\nexport HF_HOME=/data\nexec "$@"\n', "sleep infinity", "info"),
    ('#!/bin/sh\nexport HF_HOME=/data\nexec "$@"\n', "vllm serve model", "error"),  # the service gives a server
    ('#!/bin/sh\npython -m app.migrate\nexec "$@"\n', "tail -f /dev/null", "error"),  # runs a program first
    ('#!/bin/sh\nexec gunicorn app:app\n', "tail -f /dev/null", "error"),  # runs its own command
])
def test_an_entrypoint_script_from_the_context_that_only_runs_its_arguments(tmp_path, script, command, severity):
    (tmp_path / ".git").mkdir()
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "entrypoint.sh").write_text(script)
    (tmp_path / "compose.yaml").write_text(f"services:\n  app:\n    build: .\n    command: {command}\n")
    assert [s for s, _ in _judged(SCRIPT_IMAGE, tmp_path)] == [severity]


ANALYZER = 'FROM python:3.12-slim\nWORKDIR /worker\nCOPY . scanner/\n{entry}\n'
ONE_SHOT = "from reportkit import Worker\n\nclass Scan(Worker):\n    def run(self):\n        self.report({'ok': 1})\n\nif __name__ == '__main__':\n    Scan().run()\n"


@pytest.mark.parametrize(("entry", "code", "severity"), [
    # a Cortex-like analyzer: started per job, reads its input, writes a report, exits
    ('ENTRYPOINT ["python", "scanner/scan.py"]', ONE_SHOT, "info"),
    ('ENTRYPOINT ["python3.11", "/worker/scanner/scan.py", "--mode", "full"]', ONE_SHOT, "info"),
    ('ENTRYPOINT ["scanner/scan.py"]', ONE_SHOT, "info"),
    ("ENTRYPOINT scanner/scan.py", ONE_SHOT, "info"),  # shell form
    ('ENTRYPOINT ["python", "scanner/scan.py"]\nEXPOSE 9090', ONE_SHOT, "error"),  # a port: it serves
    ('ENTRYPOINT ["python", "scanner/scan.py"]\nCMD ["--watch"]', ONE_SHOT, "error"),  # a CMD may start something else
    ('ENTRYPOINT ["python", "scanner/missing.py"]', ONE_SHOT, "error"),  # not in the context: unknown
    ('ENTRYPOINT ["python", "-m", "scanner.scan"]', ONE_SHOT, "error"),  # a module, not a script read here
    ('ENTRYPOINT ["python", "scanner/scan.py"]', "from flask import Flask\napp = Flask(__name__)\napp.run(host='0.0.0.0')\n", "error"),
    ('ENTRYPOINT ["python", "scanner/scan.py"]', "import time\nwhile True:\n    poll()\n    time.sleep(5)\n", "error"),
    ('ENTRYPOINT ["python", "scanner/scan.py"]', "import http.server\nhttp.server.HTTPServer(('', 7000), H).serve_forever()\n", "error"),
    ('ENTRYPOINT ["python", "scanner/scan.py"]', "bot = make_bot()\nbot.infinity_polling()\n", "error"),
])
def test_an_entrypoint_script_that_neither_serves_nor_loops_is_a_one_shot_job(tmp_path, entry, code, severity):
    (tmp_path / ".git").mkdir()
    (tmp_path / "scan.py").write_text(code)
    found = _judged(ANALYZER.format(entry=entry), tmp_path)
    assert [s for s, _ in found] == [severity]
    if severity == "info":
        assert "a one-shot job, as its ENTRYPOINT runs scan.py, a script that neither serves nor loops, with no CMD" in found[0][1]


@pytest.mark.parametrize(("last", "severity"), [
    ("exec python scanner/scan.py", "info"),
    ("exec python scanner/serve.py", "error"),  # the script it ends with serves
    ("exec gunicorn app:app", "error"),  # a server, not a script
])
def test_an_entrypoint_shell_script_that_ends_running_a_one_shot_script(tmp_path, last, severity):
    (tmp_path / ".git").mkdir()
    (tmp_path / "scan.py").write_text(ONE_SHOT)
    (tmp_path / "serve.py").write_text("import uvicorn\nuvicorn.run('api:app', port=8700)\n")
    (tmp_path / "start.sh").write_text(f"#!/bin/sh\nset -e\n/usr/sbin/scand &\nsleep 3\n{last}\n")
    found = _judged(ANALYZER.format(entry='ENTRYPOINT ["/bin/sh", "scanner/start.sh"]'), tmp_path)
    assert [s for s, _ in found] == [severity]
    if severity == "info":
        assert "its entrypoint start.sh ends running scan.py, a script that neither serves nor loops" in found[0][1]


def test_a_one_shot_script_among_several_files_copied_into_a_folder(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "ask.py").write_text("import sys\nprint(query(sys.argv[1]))\n")
    text = 'FROM ubuntu:24.04\nWORKDIR /demo\nCOPY ask.py tokens.py ./\nENTRYPOINT ["python3", "ask.py", "--question", "why"]\n'
    assert [s for s, _ in _judged(text, tmp_path)] == ["info"]


def test_a_compose_service_that_runs_the_script_keeps_it_an_error(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "scan.py").write_text(ONE_SHOT)
    (tmp_path / "compose.yaml").write_text("services:\n  scanner:\n    build: .\n")
    assert [s for s, _ in _judged(ANALYZER.format(entry='ENTRYPOINT ["python", "scanner/scan.py"]'), tmp_path)] == ["error"]


@pytest.mark.parametrize("command, said", [
    ('CMD ["/bin/bash"]', "/bin/bash"),
    ("CMD bash -l", "bash -l"),  # shell form: sh -c 'bash -l'
    ('ENTRYPOINT ["/usr/bin/zsh"]', "/usr/bin/zsh"),
])
def test_info_when_the_command_only_starts_a_shell_whatever_the_image_holds(command, said):
    text = f"FROM rocm/pytorch:rocm6.1_ubuntu22.04\nCOPY . /workspace/engine\nRUN pip install --no-cache-dir /workspace/engine\n{command}\n"
    (severity, message), = _judged(text)
    assert severity == "info" and message == (
        f"the final stage has no HEALTHCHECK (info: its command only starts a shell ({said}): there is no service to probe "
        "until whatever runs it gives one)")


@pytest.mark.parametrize("command", [
    'CMD ["/bin/bash", "-c", "python -m engine.server"]',  # the shell runs a server
    'CMD ["bash", "serve.sh"]',  # ... or a script
    'ENTRYPOINT ["/entrypoint.sh"]\nCMD ["bash"]',  # the entrypoint may start one
])
def test_a_shell_that_runs_something_keeps_it_an_error(command):
    assert [s for s, _ in _judged(f"FROM rocm/pytorch:rocm6.1_ubuntu22.04\nCOPY . /workspace/engine\n{command}\n")] == ["error"]


def test_a_compose_service_that_gives_the_shell_image_a_command_keeps_it_an_error(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "compose.yaml").write_text("services:\n  api:\n    build: .\n    command: python -m engine.server\n")
    assert [s for s, _ in _judged('FROM rocm/pytorch:rocm6.1_ubuntu22.04\nCOPY . /src\nCMD ["/bin/bash"]\n', tmp_path)] == ["error"]
