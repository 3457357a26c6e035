"""Which packages are build tools, and what base images ship."""
from __future__ import annotations

import re

from dockharden.dockerfile.commands import PackageChange

BUILD_PACKAGES = frozenset({
    "gcc", "g++", "cc", "clang", "make", "cmake", "build-essential", "build-base", "autoconf", "automake",
    "libtool", "pkg-config", "pkgconf", "musl-dev", "libc6-dev", "libc-dev", "gfortran", "rustc", "cargo",
    "ninja-build", "meson", "bison", "flex", "gcc-c++", "cpp", "binutils", "linux-headers", "python3-dev",
    "python3-devel", "python-dev", "dpkg-dev",
})
_DEV_PACKAGE = re.compile(r".+-(dev|devel)$")
_VERSION_START = re.compile(r"[=<>~:]")
_VERSIONED = re.compile(r"^(gcc|g\+\+|clang|cpp)-\d+$")
BUILD_PROGRAMS = frozenset({"gcc", "cc", "g++", "c++", "clang", "make", "cmake", "ld", "as", "cpp", "gfortran", "rustc", "cargo"})


def package_name(spec: str) -> str:
    """apt 'gcc=4:12.2' / apk 'gcc~12' / 'gcc>=1' -> 'gcc'."""
    return _VERSION_START.split(spec, maxsplit=1)[0].lower()


def is_build_package(spec: str) -> bool:
    name = package_name(spec)
    return name in BUILD_PACKAGES or bool(_DEV_PACKAGE.match(name)) or bool(_VERSIONED.match(name))


def build_packages_kept(run) -> list[tuple[PackageChange, list[str]]]:
    """(package change, build packages) a RUN installs with a system package manager and
    does not remove again in the same RUN, directly or as an apk --virtual group."""
    removed = {package_name(p) for c in run.packages if c.action == "remove" for p in c.packages}
    kept = []
    for change in run.packages:
        if change.action != "install" or change.manager not in ("apt", "apk", "yum") or _virtual(change) in removed:
            continue
        tools = [p for p in change.packages if is_build_package(p) and package_name(p) not in removed]
        if tools:
            kept.append((change, tools))
    return kept


def _virtual(change: PackageChange) -> str | None:
    for option in change.options:
        key, _, value = option.partition("=")
        if key in ("--virtual", "-t"):
            return value
    return None


# Images that ship compilers in their final form (python:3.12 full, CUDA devel).
_FULL_IMAGES = (
    re.compile(r"^(docker\.io/)?(library/)?python(:\d+(\.\d+)*(-(bookworm|bullseye|trixie|buster))?)?$"),
    re.compile(r"^(docker\.io/)?(library/)?buildpack-deps(:.*)?$"),
    re.compile(r"^(docker\.io/)?nvidia/cuda:.*-devel.*$"),
    re.compile(r"^.*:.*-devel(-.*)?$"),
)


_ANY_FULL_IMAGE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern in _FULL_IMAGES))


def base_ships_build_tools(image: str) -> bool:
    return _ANY_FULL_IMAGE.match(image.split("@", 1)[0]) is not None


# Programs a base image family provides without installing anything.
_IMAGE_PROGRAMS = (
    (re.compile(r"(^|/)python:.*alpine"), frozenset({"python", "python3", "sh", "wget"})),
    (re.compile(r"(^|/)python:"), frozenset({"python", "python3", "sh", "bash"})),
    (re.compile(r"(^|/)alpine(:|$)"), frozenset({"sh", "wget"})),
    (re.compile(r"(^|/)(debian|ubuntu)(:|$)"), frozenset({"sh", "bash"})),
    (re.compile(r"(^|/)(buildpack-deps|curlimages/curl)(:|$)"), frozenset({"sh", "bash", "curl", "wget"})),
    (re.compile(r"(^|/)nvidia/cuda(:|$)"), frozenset({"sh", "bash"})),
    (re.compile(r"^local/python-base"), frozenset({"python3", "sh", "bash"})),
)


def programs_of_base(image: str) -> frozenset[str] | None:
    """Programs the image is known to have; None when the image is not known."""
    for pattern, programs in _IMAGE_PROGRAMS:
        if pattern.search(image):
            return programs
    return None
