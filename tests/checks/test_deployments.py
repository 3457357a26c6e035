"""The images a deployment uses, each once, with every place it is used."""
from __future__ import annotations

import os

import pytest

from dockharden.checks.deployments import DeploymentError, images_from_compose, images_from_k8s, images_from_list

K8S = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers:
        - {name: migrate, image: ghcr.io/org/app:1.2}
      containers:
        - {name: app, image: ghcr.io/org/app:1.2}
        - {name: sidecar, image: envoyproxy/envoy:v1.30}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: job, image: "ghcr.io/org/batch@sha256:%s"}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: debug}
    spec:
      containers: [{name: shell, image: busybox}]
      ephemeralContainers: [{name: dbg, image: busybox}]
""" % ("0" * 64)


def test_kubernetes_workloads_init_containers_included(tmp_path):
    path = tmp_path / "app.yaml"
    path.write_text(K8S)
    assert images_from_k8s(str(path)) == [
        ("ghcr.io/org/app:1.2", ("app.yaml: Deployment web, init container migrate",
                                 "app.yaml: Deployment web, container app")),
        ("envoyproxy/envoy:v1.30", ("app.yaml: Deployment web, container sidecar",)),
        ("ghcr.io/org/batch@sha256:" + "0" * 64, ("app.yaml: CronJob nightly, container job",)),
        ("busybox", ("app.yaml: Pod debug, container shell", "app.yaml: Pod debug, ephemeral container dbg")),
    ]


@pytest.mark.parametrize("kind, path", [
    ("StatefulSet", "spec.template.spec"), ("DaemonSet", "spec.template.spec"), ("Job", "spec.template.spec"),
    ("ReplicaSet", "spec.template.spec"), ("Pod", "spec"),
])
def test_each_workload_kind(tmp_path, kind, path):
    spec = "containers: [{name: c, image: img:1}]"
    for key in reversed(path.split(".")):
        spec = f"{key}: {{{spec}}}"
    (tmp_path / "w.yml").write_text(f"kind: {kind}\nmetadata: {{name: w}}\n{spec}\n")
    assert images_from_k8s(str(tmp_path / "w.yml")) == [("img:1", (f"w.yml: {kind} w, container c",))]


def test_a_folder_of_manifests_is_read_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.yaml").write_text("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: two}]}\n")
    (tmp_path / "a.yml").write_text("kind: Pod\nmetadata: {name: q}\nspec: {containers: [{name: c, image: one}]}\n")
    (tmp_path / "notes.txt").write_text("kind: Pod")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.yaml").write_text("kind: Pod\nspec: {containers: [{image: hidden}]}\n")
    assert images_from_k8s(str(tmp_path)) == [("one", ("a.yml: Pod q, container c",)),
                                              ("two", (f"b{os.sep}z.yaml: Pod p, container c",))]


def test_compose_services_with_interpolated_defaults(tmp_path):
    (tmp_path / "compose.yaml").write_text("""\
services:
  web: {image: "ghcr.io/org/app:${TAG:-1.2}"}
  worker: {image: ghcr.io/org/app:1.2}
  built: {build: .}
  db: {image: postgres:16}
""")
    assert images_from_compose(str(tmp_path / "compose.yaml")) == [
        ("ghcr.io/org/app:1.2", ("compose.yaml, service web", "compose.yaml, service worker")),
        ("postgres:16", ("compose.yaml, service db",)),
    ]


def test_a_list_of_references(tmp_path):
    (tmp_path / "images.txt").write_text("# deployed\nghcr.io/org/app:1.2\n\n  python:3.12  # base\nghcr.io/org/app:1.2\n")
    assert images_from_list(str(tmp_path / "images.txt")) == [
        ("ghcr.io/org/app:1.2", ("images.txt:2", "images.txt:5")), ("python:3.12", ("images.txt:4",))]


def test_unreadable_inputs_are_one_line(tmp_path):
    (tmp_path / "bad.yaml").write_text("kind: [unclosed\n")
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    cases = [(images_from_k8s, "bad.yaml", "bad.yaml: not valid YAML"),
             (images_from_k8s, "fifo.yaml", "fifo.yaml: is a FIFO (named pipe), not a regular file"),
             (images_from_compose, "list.yaml", "list.yaml: not a compose file (no YAML mapping)"),
             (images_from_list, "absent.txt", "absent.txt: No such file or directory")]
    for read, name, message in cases:
        with pytest.raises(DeploymentError) as caught:
            read(str(tmp_path / name))
        assert str(caught.value) == f"{tmp_path}/{message}"
