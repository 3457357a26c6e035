"""knowledge/end_of_life.py: the releases an image reference names, and which had ended by a day."""
from datetime import date

import pytest

from dockharden.knowledge.end_of_life import ended, releases


@pytest.mark.parametrize("image, named", [
    ("python:3.8-slim-stretch", [("Python 3.8", "2024-10-07"), ("Debian 9 (stretch)", "2022-06-30")]),
    ("docker.io/library/python:3.7@sha256:0123", [("Python 3.7", "2023-06-27")]),
    ("python:3.11.4-slim-bookworm", [("Python 3.11", "2027-10-31"), ("Debian 12 (bookworm)", "2028-06-30")]),
    ("python:3.9-alpine3.18", [("Python 3.9", "2025-10-31"), ("Alpine 3.18", "2025-05-09")]),
    ("nvidia/cuda:12.1.0-base-ubuntu20.04", [("Ubuntu 20.04 (focal)", "2025-05-31")]),
    ("node:18-alpine3.17", [("Node.js 18", "2025-04-30"), ("Alpine 3.17", "2024-11-22")]),
    ("node:10-alpine", [("Node.js 10", "2021-04-30")]),  # 10 is Node's, not Debian 10
    ("debian:10.13-slim", [("Debian 10 (buster)", "2024-06-30")]),
    ("debian:bullseye", [("Debian 11 (bullseye)", "2026-08-31")]),
    ("ubuntu:focal-20240101", [("Ubuntu 20.04 (focal)", "2025-05-31")]),
    ("ubuntu:22.04", [("Ubuntu 22.04 (jammy)", "2027-06-01")]),
    ("alpine:3.12.4", [("Alpine 3.12", "2022-05-01")]),
    ("buildpack-deps:buster-scm", [("Debian 10 (buster)", "2024-06-30")]),
    ("python:3.12-slim", [("Python 3.12", "2028-10-31")]),  # the Debian of the day: no release named
    ("centos:7.9.2009", [("CentOS Linux 7", "2024-06-30")]),
    ("docker.io/centos/nginx-116-centos7", [("CentOS Linux 7", "2024-06-30")]),  # the name says it, no tag
    ("centos/python-36-centos7:latest", [("CentOS Linux 7", "2024-06-30")]),
    ("quay.io/centos/centos:stream9", []),  # CentOS Stream is not CentOS Linux
    ("acme/buster-tools:1.0", []),  # a codename in a name is no release
    ("python", []), ("python:3", []), ("python:${PY}-slim", []),
    ("python:3.8-${VARIANT}", [("Python 3.8", "2024-10-07")]),  # an unknown variant does not hide the version
    ("nvidia/cuda:${CUDA}-base-ubuntu20.04", [("Ubuntu 20.04 (focal)", "2025-05-31")]),
    ("cimg/python:3.8", [("Python 3.8", "2024-10-07")]),  # a Docker Hub namespace's python image
    ("gcr.io/iguazio/python:3.9-slim", [("Python 3.9", "2025-10-31")]),  # a mirror of the official image
    ("ghcr.io/acme/python-tools:3.8", []),  # another image: its 3.8 may be anything
    ("quay.io/mlrun/jupyter-scipy-notebook:python-3.9", [("Python 3.9", "2025-10-31")]),  # docker-stacks' tag word
    ("tiangolo/uvicorn-gunicorn-fastapi:python3.8-slim", [("Python 3.8", "2024-10-07")]),
    ("acme/tools:cpython-3.8", []), ("acme/tools:python-3", []),
    ("123.dkr.ecr.us-east-1.amazonaws.com/thirdparty-chainguard-python310:latest-fips-dev", [("Python 3.10", "2026-10-31")]),
    ("cgr.dev/chainguard/python:3.9-dev", [("Python 3.9", "2025-10-31")]), ("cgr.dev/chainguard/python:latest", []),
    ("registry.access.redhat.com/ubi8/python-39", []),  # Red Hat backports fixes for the life of RHEL
    ("pytorch/pytorch:2.1.0-cuda12.1-cudnn8-runtime", []),
])
def test_the_releases_an_image_names(image, named):
    assert [(r.name, r.ends.isoformat()) for r in releases(image)] == named


def test_a_release_has_ended_the_day_after_its_last_day():
    assert ended("python:3.10-slim", date(2026, 10, 31)) == ()
    assert [r.name for r in ended("python:3.10-slim", date(2026, 11, 1))] == ["Python 3.10"]
    assert [r.name for r in ended("python:3.10-slim-bullseye", date(2026, 9, 1))] == ["Debian 11 (bullseye)"]
