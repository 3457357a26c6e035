"""Which packages are build tools, and what base images ship."""
from __future__ import annotations

import re


BUILD_PACKAGES = frozenset({
    "gcc", "g++", "cc", "clang", "make", "cmake", "build-essential", "build-base", "autoconf", "automake",
    "libtool", "pkg-config", "pkgconf", "musl-dev", "libc6-dev", "libc-dev", "gfortran", "rustc", "cargo",
    "ninja-build", "meson", "bison", "flex", "gcc-c++", "cpp", "binutils", "linux-headers", "python3-dev",
    "python3-devel", "python-dev", "dpkg-dev",
})
_DEV_PACKAGE = re.compile(r".+-(dev|devel)$")
_VERSION_START = re.compile(r"[=<>~:]")
_VERSIONED = re.compile(r"^(gcc|g\+\+|clang|cpp)-\d+$|^(nvidia-)?cuda-(toolkit|nvcc|compiler)(-[\d.-]+)?$")
# Packages that bring build tools with them: apt installs Recommends unless told not to
# (--no-install-recommends), Depends always. Debian and Ubuntu's python3-pip recommends
# build-essential and python3-dev; dkms depends on gcc and make.
PULLS_BUILD_TOOLS: dict[str, tuple[str, tuple[str, ...]]] = {
    "python3-pip": ("recommends", ("build-essential", "python3-dev")),
    "python-pip": ("recommends", ("build-essential", "python-dev")),
    "dkms": ("depends", ("gcc", "make")),
}
# Names apt installs another package for: a virtual name with a single provider. Debian 12's
# python3-pip declares `Provides: pip` (apt-cache show python3-pip), so `apt-get install pip`
# installs python3-pip and its Recommends.
APT_PROVIDED_BY = {"pip": "python3-pip"}
# C compilers and headers a program may need at run time to compile kernels.
RUNTIME_COMPILERS = frozenset({"gcc", "g++", "cc", "clang", "build-essential", "build-base", "ninja-build", "python3-dev", "libc6-dev", "libpython3-dev"})
# Python packages that compile code with the host compiler when they run.
JIT_PACKAGES = frozenset({"triton", "deepspeed", "vllm", "pycuda", "cupy"})


def package_name(spec: str) -> str:
    """apt 'gcc=4:12.2' / apk 'gcc~12' / 'gcc>=1' -> 'gcc'."""
    return _VERSION_START.split(spec, maxsplit=1)[0].lower()


def is_build_package(spec: str) -> bool:
    name = package_name(spec)
    return name in BUILD_PACKAGES or bool(_DEV_PACKAGE.match(name)) or bool(_VERSIONED.match(name))


def is_runtime_compiler(name: str) -> bool:
    return name in RUNTIME_COMPILERS or bool(re.fullmatch(r"(gcc|g\+\+|clang)-\d+|(lib)?python3\.\d+-dev", name))


_FULL_PYTHON = re.compile(
    r"^(docker\.io/)?(library/)?python(:(latest|(\d+(\.\d+)*-)?(bookworm|bullseye|trixie|buster)|\d+(\.\d+)*))?$")
# Images that ship compilers in their final form (python:3.12 full, CUDA devel).
_FULL_IMAGES = (
    _FULL_PYTHON,
    re.compile(r"^(docker\.io/)?(library/)?buildpack-deps(:.*)?$"),
    re.compile(r"^(docker\.io/)?nvidia/cuda:.*-devel.*$"),
    re.compile(r"^.*:.*-devel(-.*)?$"),
)


_ANY_FULL_IMAGE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern in _FULL_IMAGES))


def base_ships_build_tools(image: str) -> bool:
    return _ANY_FULL_IMAGE.match(image.split("@", 1)[0]) is not None


# What every Debian and Ubuntu image has: the Essential packages (coreutils, grep, sed,
# findutils, tar, gzip, hostname) and mawk.
_ESSENTIAL = frozenset({
    "sh", "bash", "grep", "sed", "awk", "find", "xargs", "tar", "gzip", "hostname", "cat", "ls", "head", "tail", "sleep",
    "test", "timeout", "date", "id", "env", "touch", "stat", "wc", "cut", "tr", "sort",
})
# The applets of BusyBox that a probe may run (alpine's sh is BusyBox; Debian's busybox package
# links them with `busybox --install`).
BUSYBOX_APPLETS = frozenset({
    "sh", "ash", "wget", "nc", "grep", "sed", "awk", "find", "xargs", "ps", "pgrep", "pidof", "nslookup", "ping", "tar",
    "gzip", "cat", "ls", "head", "tail", "sleep", "test", "timeout", "date", "id", "env", "touch", "stat", "wc", "cut", "tr",
})
# What CentOS Stream 9 and 10's container images install besides bash: coreutils-single and
# curl-minimal (CentOS-Stream-N-container-common.ks).
_CENTOS_STREAM = frozenset({
    "sh", "bash", "curl", "cat", "ls", "head", "tail", "sleep", "test", "timeout", "date", "id", "env", "touch", "stat", "wc",
    "cut", "tr", "sort",
})
# Programs a base image family provides without installing anything.
_IMAGE_PROGRAMS = (
    (re.compile(r"(^|/)python:.*alpine"), frozenset({"python", "python3"}) | BUSYBOX_APPLETS),
    # the full python images are built on buildpack-deps, whose -curl layer installs curl and wget
    (_FULL_PYTHON, frozenset({"python", "python3", "curl", "wget"}) | _ESSENTIAL),
    (re.compile(r"(^|/)python:"), frozenset({"python", "python3"}) | _ESSENTIAL),
    (re.compile(r"(^|/)alpine(:|$)"), BUSYBOX_APPLETS),
    (re.compile(r"(^|/)(debian|ubuntu)(:|$)"), _ESSENTIAL),
    (re.compile(r"(^|/)(buildpack-deps|curlimages/curl)(:|$)"), frozenset({"curl", "wget"}) | _ESSENTIAL),
    (re.compile(r"(^|/)nvidia/cuda(:|$)"), _ESSENTIAL),
    (re.compile(r"^local/python-base"), frozenset({"python3"}) | _ESSENTIAL),
    (re.compile(r"(^|/)centos/centos:stream(9|10)(-development)?$"), _CENTOS_STREAM),
)


def programs_of_base(image: str) -> frozenset[str] | None:
    """Programs the image is known to have; None when the image is not known."""
    name = image.split("@", 1)[0]
    for pattern, programs in _IMAGE_PROGRAMS:
        if pattern.search(name):
            return programs
    return None
