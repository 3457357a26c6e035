"""DH916 update-without-install: the package index refreshed in a RUN that installs nothing."""
from dockharden.checks.dockerfile import update_without_install
from support.lintcase import rule_tests

PASSES = {
    "update-and-install": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
    "update-and-upgrade": "FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade\n",
    "apk-update-and-add": "FROM alpine:3.20\nRUN apk update && apk add curl\n",
    "update-then-a-script-that-may-install": "FROM debian:12\nRUN apt-get update && ./install-deps.sh\n",
    "update-then-xargs-install": "FROM debian:12\nRUN apt-get update && xargs apt-get install -y < packages.txt\n",
    "yum-update-is-an-upgrade": "FROM centos:7\nRUN yum update -y\n",
    # the lists fetched are removed: nothing is kept for a later install
    "update-then-rm-the-lists": "FROM debian:12\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\n",
    "apk-update-then-rm-its-cache": "FROM alpine:3.20\nRUN apk update && rm -rf /var/cache/apk/*\n",
}

FLAGS = {
    "update-alone": ("FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n", [2]),
    "with-a-repository-added": ("FROM ubuntu:22.04\nRUN add-apt-repository ppa:deadsnakes/ppa && \\\n    apt update\n", [3]),
    "apk-update-alone": ("FROM alpine:3.20\nRUN apk update\n", [2]),
    "update-then-rm-of-another-folder": ("FROM debian:12\nRUN apt-get update && rm -rf /var/cache/apt/*\n", [2]),
    # the mount keeps the lists for a later RUN, which uses them stale when the build cache skips this one
    "update-under-a-cache-mount": ("FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\n", [2]),
    "apk-update-then-rm-of-the-apt-lists": ("FROM alpine:3.20\nRUN apk update && rm -rf /var/lib/apt/lists/*\n", [2]),
}

test_passes, test_flagged = rule_tests(update_without_install, PASSES, FLAGS)
