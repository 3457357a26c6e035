"""The images a deployment uses: the services of a compose file, the containers of
Kubernetes manifests (Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs,
Pods and Lists of them; init and ephemeral containers included), and plain lists of
references. Each image is listed once, with every place it is used.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from typing import Any

from dockharden.core.file_kinds import kind_of
from dockharden.core.printable import printable
from dockharden.dockerfile.compose import compose_services, interpolated, load_yaml_documents
from dockharden.dockerfile.kubernetes import workload_containers

Used = tuple[str, tuple[str, ...]]  # (image reference, where it is used)
_MAX_FILE_BYTES = 8 * 1024 * 1024
_MAX_FILES = 10_000
_MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")


class DeploymentError(Exception):
    """A file that cannot be read as what it was given as; `str()` is one line."""


def images_from_list(path: str) -> list[Used]:
    """One reference per line; blank lines and `#` comments are skipped."""
    text = _read(path)
    where = os.path.basename(path)
    lines = ((n, line.split("#", 1)[0].strip()) for n, line in enumerate(text.splitlines(), 1))
    return _merged((line, f"{where}:{n}") for n, line in lines if line)


def images_from_compose(path: str) -> list[Used]:
    """The `image:` of every service (after interpolation with the defaults it gives)."""
    documents = load_yaml_documents(_read(path))
    if documents is None or not documents or not isinstance(documents[0], dict):
        raise DeploymentError(f"{printable(path)}: not a compose file (no YAML mapping)")
    where = os.path.basename(path)
    found = ((interpolated(spec.get("image")), f"{where}, service {name}")
             for name, spec in compose_services(documents[0]).items())
    return _merged((image, place) for image, place in found if image)


def images_from_k8s(path: str) -> list[Used]:
    """The images of every workload in a manifest file, or in the manifests of a folder."""
    found: list[tuple[str, str]] = []
    for file in _manifest_files(path):
        documents = load_yaml_documents(_read(file))
        if documents is None:
            raise DeploymentError(f"{printable(file)}: not valid YAML")
        label = os.path.relpath(file, path) if os.path.isdir(path) else os.path.basename(file)
        for document in documents:
            found.extend((c.image, f"{label}: {c.place}") for c in workload_containers(document))
    return _merged(found)


def _manifest_files(path: str) -> list[str]:
    if not os.path.isdir(path):
        return [path]
    files = []
    for folder, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [os.path.join(folder, n) for n in sorted(names) if n.endswith(_MANIFEST_SUFFIXES)]
        if len(files) > _MAX_FILES:
            raise DeploymentError(f"{printable(path)}: more than {_MAX_FILES} manifest files")
    return files


def _read(path: str) -> str:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)  # a FIFO must not block the open
        with os.fdopen(fd, "rb") as file:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                raise DeploymentError(f"{printable(path)}: is {kind_of(mode)}, not a regular file")
            data = file.read(_MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DeploymentError(f"{printable(path)}: {exc.strerror or exc}") from None
    if len(data) > _MAX_FILE_BYTES:
        raise DeploymentError(f"{printable(path)}: larger than 8 MiB")
    return data.decode("utf-8", "replace")


def _merged(pairs: Iterator[tuple[str, str]] | Any) -> list[Used]:
    """Each image once, in the order first seen, with every place it is used."""
    places: dict[str, list[str]] = {}
    for image, place in pairs:
        places.setdefault(image, []).append(place)
    return [(image, tuple(where)) for image, where in places.items()]
