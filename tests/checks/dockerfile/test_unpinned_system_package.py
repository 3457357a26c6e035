"""DH926 unpinned-system-package (info, optional): OS packages installed without a version."""
from dockharden.checks.dockerfile import unpinned_system_package
from support.lintcase import flagged, rule_tests

ON = frozenset({"unpinned-system-package"})
PASSES = {
    "apt-pinned": "FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6\n",
    "apk-pinned": "FROM alpine:3.20\nRUN apk add --no-cache curl=8.12.1-r1 libstdc++~13\n",
    "dnf-pinned": "FROM fedora:40\nRUN dnf install -y python3-3.12.4 && dnf clean all\n",
    "files-and-variables": "FROM ubuntu:24.04\nRUN apt-get install -y ./x.deb $EXTRA_PACKAGES\n",
    "removal": "FROM ubuntu:24.04\nRUN apt-get purge -y curl\n",
    "apk-virtual-name-is-no-package": "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0\n",
}
FLAGS = {
    "apt": ("FROM ubuntu:24.04\nRUN apt-get install -y curl git=1:2.43.0-1ubuntu7\n", [2]),
    "apk": ("FROM alpine:3.20\nRUN apk add --no-cache curl\n", [2]),
    "dnf-name-only": ("FROM fedora:40\nRUN dnf install -y gcc-c++ && dnf clean all\n", [2]),
}

test_passes, test_flagged = rule_tests(unpinned_system_package, PASSES, FLAGS, enabled=ON)


def test_off_unless_enabled():
    assert flagged("FROM alpine:3.20\nRUN apk add --no-cache curl\n", unpinned_system_package) == []
