"""The containers of Kubernetes manifests, as `inspect --from-k8s` and the linter read them."""
from dockharden.dockerfile.compose import load_yaml_documents
from dockharden.dockerfile.kubernetes import Container, manifest_declarations, workload_containers

CRONJOB = """apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - {name: fetch, image: "busybox:1.37"}
          containers:
            - name: train
              image: ghcr.io/acme/train:3
              startupProbe: {exec: {command: [cat, /ready]}}
              livenessProbe: {exec: {command: [cat, /alive]}}
"""
LIST = """apiVersion: v1
kind: List
items:
  - kind: Pod
    spec:
      containers:
        - {image: "redis:7"}
  - kind: Service
    spec: {ports: [{port: 80}]}
"""


def _containers(text):
    return [c for d in load_yaml_documents(text) for c in workload_containers(d)]


def test_a_cronjob_gives_its_init_and_main_containers_with_their_probes_in_order():
    assert _containers(CRONJOB) == [
        Container("CronJob", "nightly", "init container", "fetch", "busybox:1.37", ()),
        Container("CronJob", "nightly", "container", "train", "ghcr.io/acme/train:3", ("livenessProbe", "startupProbe")),
    ]


def test_a_list_gives_the_containers_of_its_workloads_only():
    assert [(c.kind, c.workload, c.name, c.image, c.place) for c in _containers(LIST)] == [
        ("Pod", "?", "?", "redis:7", "Pod ?, container ?")]


def test_a_folder_declares_each_probed_image_once_with_the_first_workload_that_probes_it(tmp_path):
    second = CRONJOB.replace("nightly", "hourly")
    (tmp_path / "a.yaml").write_text(CRONJOB)
    (tmp_path / "b.yml").write_text(second + "---\n" + LIST)
    (tmp_path / "notes.txt").write_text(CRONJOB)
    files = {p.name: p.read_text() for p in tmp_path.iterdir()}
    declared = manifest_declarations(str(tmp_path), lambda _: frozenset(files), lambda p: files[p.rsplit("/", 1)[-1]])
    assert [(d.image, d.where, d.service.name, d.service.file, d.service.healthcheck) for d in declared] == [
        ("ghcr.io/acme/train:3", "a.yaml (kubernetes manifest)", "nightly (CronJob, livenessProbe)", str(tmp_path / "a.yaml"), "defined")]
