"""The containers of Kubernetes manifests: Deployments, StatefulSets, DaemonSets, ReplicaSets,
ReplicationControllers, Jobs, CronJobs, Pods and Lists of them, init and ephemeral containers
included. `inspect --from-k8s` checks the images they name; the linter reads the probes of a
repository's plain manifests (k8s/deployment.yaml) as it reads a Helm chart's: a container
with a livenessProbe, readinessProbe or startupProbe is checked by Kubernetes where its image
sets no HEALTHCHECK.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from dockharden.core.records import record
from dockharden.dockerfile.compose import ComposeService, Declaration, load_yaml_documents

_POD_TEMPLATE = {"Deployment": ("spec", "template", "spec"), "StatefulSet": ("spec", "template", "spec"),
                 "DaemonSet": ("spec", "template", "spec"), "ReplicaSet": ("spec", "template", "spec"),
                 "ReplicationController": ("spec", "template", "spec"), "Job": ("spec", "template", "spec"),
                 "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"), "Pod": ("spec",)}
_CONTAINER_LISTS = (("initContainers", "init container"), ("containers", "container"),
                    ("ephemeralContainers", "ephemeral container"))
PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
_MANIFESTS = (".yaml", ".yml")
_MAX_MANIFESTS = 50  # manifest files read per folder by the linter
_MAX_MANIFEST_CHARS = 512 * 1024


@record
class Container:
    kind: str  # the workload's kind: Deployment, CronJob, ...
    workload: str  # its metadata.name ("?" when it has none)
    role: str  # "container", "init container" or "ephemeral container"
    name: str  # the container's name ("?" when it has none)
    image: str
    probes: tuple[str, ...]  # the probes it defines, in PROBES order

    @property
    def place(self) -> str:
        return f"{self.kind} {self.workload}, {self.role} {self.name}"


def workload_containers(document: Any) -> Iterator[Container]:
    """Each container with an image of one manifest document (the items of a List too)."""
    if not isinstance(document, dict):
        return
    kind = document.get("kind")
    if kind == "List" or (isinstance(kind, str) and kind.endswith("List")):
        for item in document.get("items") or ():
            yield from workload_containers(item)
        return
    if kind not in _POD_TEMPLATE:
        return
    workload = _name(document)
    spec = _dig(document, _POD_TEMPLATE[kind])
    for key, role in _CONTAINER_LISTS:
        for container in spec.get(key) or () if isinstance(spec, dict) else ():
            if isinstance(container, dict) and isinstance(container.get("image"), str) and container["image"].strip():
                probes = tuple(p for p in PROBES if isinstance(container.get(p), dict))
                yield Container(kind, workload, role, str(container.get("name") or "?"), container["image"].strip(), probes)


def manifest_declarations(folder: str, names: Callable[[str], frozenset[str]], read: Callable[[str], str | None]) -> list[Declaration]:
    """One declaration per image that a container with a probe runs, in the manifests of one
    folder (the first with a probe names it). Templates (`{{ ... }}`) are left to helm.py."""
    found: dict[str, Declaration] = {}
    for name in sorted(n for n in names(folder) if n.endswith(_MANIFESTS))[:_MAX_MANIFESTS]:
        path = os.path.join(folder, name)
        text = read(path)
        if not text or len(text) > _MAX_MANIFEST_CHARS or "Probe" not in text or "kind" not in text:
            continue
        for document in load_yaml_documents(text) or ():
            for container in workload_containers(document):
                if container.probes and container.image not in found:
                    service = ComposeService(f"{container.workload} ({container.kind}, {container.probes[0]})", path, None, "defined", None)
                    found[container.image] = Declaration("", "", f"{name} (kubernetes manifest)", service, container.image)
    return list(found.values())


def _name(document: dict) -> str:
    metadata = document.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    return str(name) if name else "?"


def _dig(node: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return node
