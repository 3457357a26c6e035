"""The files around the Dockerfile: gunicorn.conf.py, compose.yaml, k8s manifests, .dockerignore."""
from __future__ import annotations

import runpy

import kubernetes_validate
import pytest
import yaml

from dockharden.scaffold.render import render
from dockharden.scaffold.spec import GUNICORN_DEFAULTS, STOP_GRACE_SECONDS, ServiceSpec

GRACEFUL_TIMEOUT = int(dict(GUNICORN_DEFAULTS)["GUNICORN_GRACEFUL_TIMEOUT"])


def gunicorn_settings(tmp_path, monkeypatch, **env) -> dict:
    for name, _ in GUNICORN_DEFAULTS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    path = tmp_path / "gunicorn.conf.py"
    path.write_text(render(ServiceSpec(template="gunicorn"))["gunicorn.conf.py"])
    return runpy.run_path(str(path))


def test_gunicorn_conf_defaults(tmp_path, monkeypatch):
    settings = gunicorn_settings(tmp_path, monkeypatch)
    assert {k: settings[k] for k in ("workers", "timeout", "graceful_timeout", "keepalive", "max_requests",
                                     "max_requests_jitter")} == {
        "workers": 4, "timeout": 120, "graceful_timeout": 30, "keepalive": 5, "max_requests": 1000,
        "max_requests_jitter": 100}
    assert settings["worker_class"] == "uvicorn_worker.UvicornWorker"
    assert (settings["worker_tmp_dir"], settings["accesslog"], settings["errorlog"]) == ("/dev/shm", "-", "-")
    assert settings["bind"] == "0.0.0.0:8000"


def test_gunicorn_conf_reads_every_gunicorn_variable(tmp_path, monkeypatch):
    settings = gunicorn_settings(tmp_path, monkeypatch, GUNICORN_WORKERS="2", GUNICORN_TIMEOUT="300",
                                 GUNICORN_GRACEFUL_TIMEOUT="20", GUNICORN_KEEPALIVE="75", GUNICORN_MAX_REQUESTS="50",
                                 GUNICORN_MAX_REQUESTS_JITTER="7")
    assert [settings[k] for k in ("workers", "timeout", "graceful_timeout", "keepalive", "max_requests",
                                  "max_requests_jitter")] == [2, 300, 20, 75, 50, 7]


def compose_service(**options) -> dict:
    spec = ServiceSpec(**options)
    return yaml.safe_load(render(spec)["compose.yaml"])["services"][spec.name]


def test_compose_runs_the_service_hardened():
    service = compose_service(template="gunicorn")
    assert service["build"] == {"context": ".", "dockerfile": "Dockerfile.production-gunicorn",
                                "args": {"APP_VERSION": "0.1.0"}}
    assert (service["restart"], service["read_only"], service["tmpfs"]) == ("unless-stopped", True, ["/tmp"])
    assert (service["cap_drop"], service["security_opt"]) == (["ALL"], ["no-new-privileges:true"])
    assert service["user"] == "1000:1000"
    assert service["ports"] == ["127.0.0.1:8000:8000"]
    assert service["volumes"] == ["model-cache:/app/models", "app-data:/app/data"]
    assert service["deploy"] == {"resources": {"limits": {"cpus": "2", "memory": "4g"}}}


def test_compose_stop_grace_period_exceeds_gunicorn_graceful_timeout():
    assert compose_service()["stop_grace_period"] == f"{STOP_GRACE_SECONDS}s"
    assert STOP_GRACE_SECONDS > GRACEFUL_TIMEOUT


@pytest.mark.parametrize(("template", "start_period"), [("slim", "5s"), ("gunicorn", "10s")])
def test_compose_healthcheck_matches_the_dockerfile(template, start_period):
    spec = ServiceSpec(template=template)
    assert compose_service(template=template)["healthcheck"] == {
        "test": ["CMD", *spec.probe], "interval": "30s", "timeout": "10s", "start_period": start_period, "retries": 3}


def test_compose_reserves_a_gpu_only_when_asked():
    reservations = compose_service(gpu=True)["deploy"]["resources"]["reservations"]
    assert reservations == {"devices": [{"driver": "nvidia", "count": 1, "capabilities": ["gpu"]}]}
    assert "reservations" not in compose_service()["deploy"]["resources"]


def manifests(**options) -> dict:
    files = render(ServiceSpec(k8s=True, **options))
    return {kind: yaml.safe_load(files[f"k8s/{kind}.yaml"]) for kind in ("deployment", "service")}


@pytest.mark.parametrize("options", [{}, {"gpu": True, "uid": 1234, "gid": 2345, "port": 9000}])
def test_k8s_manifests_are_valid_for_the_latest_kubernetes(options):
    for document in manifests(**options).values():
        kubernetes_validate.validate(document, kubernetes_validate.latest_version(), strict=True)


def test_k8s_pod_has_the_restricted_security_context():
    pod = manifests(uid=1234, gid=2345)["deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"] == {"runAsNonRoot": True, "runAsUser": 1234, "runAsGroup": 2345, "fsGroup": 2345,
                                      "seccompProfile": {"type": "RuntimeDefault"}}
    (container,) = pod["containers"]
    assert container["securityContext"] == {
        "allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True, "runAsNonRoot": True,
        "runAsUser": 1234, "runAsGroup": 2345, "capabilities": {"drop": ["ALL"]}}
    assert pod["automountServiceAccountToken"] is False


def test_k8s_writable_paths_are_empty_dirs():
    pod = manifests()["deployment"]["spec"]["template"]["spec"]
    mounts = {m["mountPath"]: m["name"] for m in pod["containers"][0]["volumeMounts"]}
    assert mounts == {"/tmp": "tmp", "/app/models": "model-cache", "/app/data": "app-data"}
    assert all("emptyDir" in volume for volume in pod["volumes"])


def test_k8s_probes_grace_period_and_resources():
    pod = manifests(health_path="/healthz", ready_path="/readyz")["deployment"]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    paths = {probe: container[probe]["httpGet"]["path"] for probe in ("startupProbe", "readinessProbe", "livenessProbe")}
    assert paths == {"startupProbe": "/healthz", "readinessProbe": "/readyz", "livenessProbe": "/healthz"}
    assert pod["terminationGracePeriodSeconds"] > GRACEFUL_TIMEOUT
    assert set(container["resources"]) == {"requests", "limits"}
    assert "nvidia.com/gpu" not in container["resources"]["limits"]
    gpu_limits = manifests(gpu=True)["deployment"]["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]
    assert gpu_limits["nvidia.com/gpu"] == 1


def test_k8s_service_targets_the_named_port():
    service = manifests()["service"]
    assert service["spec"]["ports"] == [{"name": "http", "port": 80, "targetPort": "http"}]
    assert service["spec"]["selector"] == manifests()["deployment"]["spec"]["selector"]["matchLabels"]
