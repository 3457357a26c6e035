"""When the releases an image is built on stop getting security fixes: the last day of the
last free support their makers give (Python's security releases; Debian LTS; Ubuntu's
standard support; Alpine's community repository; Node.js maintenance), read from an image
reference's name and tag (`python:3.8-slim-stretch` is Python 3.8 on Debian 9,
`nvidia/cuda:12.1.0-base-ubuntu20.04` Ubuntu 20.04, a mirror's `gcr.io/org/python:3.9-slim` and
`jupyter/scipy-notebook:python-3.9` Python 3.9, a Chainguard `chainguard-python310` Python 3.10, `centos:7` and `centos/nginx-116-centos7` CentOS Linux 7, `node:18-alpine3.17` Node.js 18 on
Alpine 3.17). A tag that names no release (`python:3.12-slim` follows Debian's current
release) says nothing of it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from dockharden.core.records import record
from dockharden.knowledge.base_images import normalized


@record
class Release:
    name: str  # "Python 3.8", "Debian 9 (stretch)"
    ends: date  # the last day of its security support


def _dates(table: dict[str, str]) -> dict[str, date]:
    return {key: date.fromisoformat(day) for key, day in table.items()}


_PYTHON = _dates({"2.7": "2020-01-01", "3.4": "2019-03-18", "3.5": "2020-09-30", "3.6": "2021-12-23", "3.7": "2023-06-27",
                  "3.8": "2024-10-07", "3.9": "2025-10-31", "3.10": "2026-10-31", "3.11": "2027-10-31", "3.12": "2028-10-31",
                  "3.13": "2029-10-31", "3.14": "2030-10-31"})
# Debian by codename: (version, the end of its LTS)
_DEBIAN = {name: (version, date.fromisoformat(day)) for name, version, day in (
    ("wheezy", "7", "2018-05-31"), ("jessie", "8", "2020-06-30"), ("stretch", "9", "2022-06-30"), ("buster", "10", "2024-06-30"),
    ("bullseye", "11", "2026-08-31"), ("bookworm", "12", "2028-06-30"), ("trixie", "13", "2030-06-30"))}
_DEBIAN_BY_VERSION = {version: name for name, (version, _) in _DEBIAN.items()}
# Ubuntu by version: (codename, the end of standard support)
_UBUNTU = {version: (name, date.fromisoformat(day)) for version, name, day in (
    ("14.04", "trusty", "2019-04-30"), ("16.04", "xenial", "2021-04-30"), ("18.04", "bionic", "2023-05-31"),
    ("18.10", "cosmic", "2019-07-18"), ("19.04", "disco", "2020-01-23"), ("19.10", "eoan", "2020-07-17"),
    ("20.04", "focal", "2025-05-31"), ("20.10", "groovy", "2021-07-22"), ("21.04", "hirsute", "2022-01-20"),
    ("21.10", "impish", "2022-07-14"), ("22.04", "jammy", "2027-06-01"), ("22.10", "kinetic", "2023-07-20"),
    ("23.04", "lunar", "2024-01-25"), ("23.10", "mantic", "2024-07-11"), ("24.04", "noble", "2029-05-31"),
    ("24.10", "oracular", "2025-07-10"), ("25.04", "plucky", "2026-01-15"), ("25.10", "questing", "2026-07-09"))}
_UBUNTU_BY_NAME = {name: version for version, (name, _) in _UBUNTU.items()}
_ALPINE = _dates({"3.9": "2020-11-01", "3.10": "2021-05-01", "3.11": "2021-11-01", "3.12": "2022-05-01", "3.13": "2022-11-01",
                  "3.14": "2023-05-01", "3.15": "2023-11-01", "3.16": "2024-05-23", "3.17": "2024-11-22", "3.18": "2025-05-09",
                  "3.19": "2025-11-01", "3.20": "2026-04-01", "3.21": "2026-11-01", "3.22": "2027-05-01", "3.23": "2027-11-01"})
_NODE = _dates({"10": "2021-04-30", "11": "2019-06-01", "12": "2022-04-30", "13": "2020-06-01", "14": "2023-04-30", "15": "2021-06-01",
                "16": "2023-09-11", "17": "2022-06-01", "18": "2025-04-30", "19": "2023-06-01", "20": "2026-04-30", "21": "2024-06-01",
                "22": "2027-04-30", "23": "2025-06-01", "24": "2028-04-30", "25": "2026-06-01"})
_VERSION = re.compile(r"^v?(\d+)(?:\.(\d+))?")
_CENTOS = _dates({"6": "2020-11-30", "7": "2024-06-30", "8": "2021-12-31"})  # CentOS Linux (not Stream)
_CENTOS_TOKEN = re.compile(r"^centos-?([678])(?:\.[\d.]+)?$")
_VERSIONED = re.compile(r"^(centos|ubuntu|alpine)-?\d")  # a name word that says its release
_UBUNTU_TOKEN = re.compile(r"^ubuntu-?(\d\d\.\d\d)$")
_ALPINE_TOKEN = re.compile(r"^alpine-?(\d+\.\d+)(?:\.\d+)?$")
_PYTHON_WORD = re.compile(r"(?:^|-)python-?(\d\.\d+)(?:\.\d+)?(?=$|-)")
_CHAINGUARD_PYTHON = re.compile(r"chainguard[^:]*?(?:^|[-/])python-?3(\d{1,2})$")


def releases(image: str) -> tuple[Release, ...]:
    """The releases the image reference names, each once: its language runtime (python, node)
    and its distribution, by the image's own name or a tag word (`-bullseye`, `-ubuntu22.04`),
    or a versioned word of its name (`centos/nginx-116-centos7`)."""
    name, _, tag = normalized(image).partition(":")
    last = name.rsplit("/", 1)[-1]
    repository = last if name.count("/") <= 1 or last == "python" else ""
    found = [r for word in last.lower().split("-") if _VERSIONED.match(word) for r in _named(word)]
    found = _chainguard_python(name) + found
    if tag:  # a word holding an unexpanded variable names nothing
        found = _runtime(repository, tag) + _tagged_python(tag) + _distribution(repository, tag) + found
    return tuple(dict.fromkeys(found))


def _python(version: str) -> list[Release]:
    return [Release(f"Python {version}", _PYTHON[version])] if version in _PYTHON else []


def _tagged_python(tag: str) -> list[Release]:
    """The Python a tag word names: docker-stacks' `python-3.9`, tiangolo's `python3.9-slim`."""
    match = _PYTHON_WORD.search(tag.lower())
    return _python(match.group(1)) if match else []


def _chainguard_python(name: str) -> list[Release]:
    """A Chainguard Python stream mirrored under a name of its own (`chainguard-python310`):
    Chainguard stops building a Python when its upstream support ends."""
    match = _CHAINGUARD_PYTHON.search(name.lower())
    return _python(f"3.{match.group(1)}") if match else []


def ended(image: str, on: date) -> tuple[Release, ...]:
    """The releases of `releases(image)` whose support ended before `on`."""
    return past(releases(image), on)


def past(found: Iterable[Release | None], on: date) -> tuple[Release, ...]:
    """Those of `found` (None: not known) whose support ended before `on`."""
    return tuple(release for release in found if release is not None and release.ends < on)


def built_on(ended_releases: Sequence[Release]) -> str:
    """What an image is built on, for a message: "a release whose security support ended:
    Python 3.8 on 2024-10-07" (releases, joined by "and", when there are several)."""
    said = " and ".join(f"{r.name} on {r.ends.isoformat()}" for r in ended_releases)
    return f"{'releases' if len(ended_releases) > 1 else 'a release'} whose security support ended: {said}"


def _runtime(repository: str, tag: str) -> list[Release]:
    match = _VERSION.match(tag)
    if match is None:
        return []
    if repository == "python" and match.group(2) is not None:
        return _python(f"{match.group(1)}.{match.group(2)}")
    if repository == "node" and match.group(1) in _NODE:
        return [Release(f"Node.js {match.group(1)}", _NODE[match.group(1)])]
    return []


def _distribution(repository: str, tag: str) -> list[Release]:
    words = tag.lower().split("-")
    if repository in ("debian", "ubuntu", "alpine", "centos"):
        words.append(repository + words[0])  # debian:10-slim, ubuntu:20.04, alpine:3.12
    found: list[Release] = []
    for word in words:
        found += _named(word)
    return found


def _named(word: str) -> list[Release]:
    if word.startswith("debian"):  # debian's own tags: debian10, debian10.13, debianbullseye
        version = word[6:].split(".", 1)[0]
        word = _DEBIAN_BY_VERSION.get(version, word[6:])
    if word in _DEBIAN:
        return [_debian(word)]
    if (match := _UBUNTU_TOKEN.match(word)) and match.group(1) in _UBUNTU:
        return [_ubuntu(match.group(1))]
    name = word.removeprefix("ubuntu")
    if name in _UBUNTU_BY_NAME:
        return [_ubuntu(_UBUNTU_BY_NAME[name])]
    if (match := _CENTOS_TOKEN.match(word)) is not None:
        return [Release(f"CentOS Linux {match.group(1)}", _CENTOS[match.group(1)])]
    if (match := _ALPINE_TOKEN.match(word)) and match.group(1) in _ALPINE:
        return [Release(f"Alpine {match.group(1)}", _ALPINE[match.group(1)])]
    return []


def _debian(codename: str) -> Release:
    version, ends = _DEBIAN[codename]
    return Release(f"Debian {version} ({codename})", ends)


def _ubuntu(version: str) -> Release:
    codename, ends = _UBUNTU[version]
    return Release(f"Ubuntu {version} ({codename})", ends)


def distribution_release(os_id: str, version_id: str, codename: str = "") -> Release | None:
    """The release an os-release file names (ID, VERSION_ID, VERSION_CODENAME), if known."""
    os_id = os_id.lower()
    if os_id == "debian":
        name = _DEBIAN_BY_VERSION.get(version_id.split(".", 1)[0], codename.lower())
        return _debian(name) if name in _DEBIAN else None
    if os_id == "ubuntu":
        return _ubuntu(version_id) if version_id in _UBUNTU else None
    if os_id == "alpine":
        version = ".".join(version_id.split(".")[:2])
        return Release(f"Alpine {version}", _ALPINE[version]) if version in _ALPINE else None
    return None


def python_release(version: str) -> Release | None:
    """The Python release of a version string (`3.8.18`, the official images' PYTHON_VERSION)."""
    match = _VERSION.match(version)
    key = f"{match.group(1)}.{match.group(2)}" if match is not None and match.group(2) is not None else ""
    return Release(f"Python {key}", _PYTHON[key]) if key in _PYTHON else None
