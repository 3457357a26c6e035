"""The plain, frozen records an image is described by (the parts of ImageFacts)."""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_INTERVAL_NS = 30_000_000_000
DEFAULT_TIMEOUT_NS = 30_000_000_000
DEFAULT_RETRIES = 3


@dataclass(frozen=True)
class Healthcheck:
    """The config's Healthcheck; durations in nanoseconds, 0 meaning Docker's default."""

    test: tuple[str, ...]
    interval_ns: int = 0
    timeout_ns: int = 0
    start_period_ns: int = 0
    start_interval_ns: int = 0
    retries: int = 0

    @property
    def disabled(self) -> bool:
        return not self.test or self.test[0] == "NONE"

    @property
    def effective_interval_ns(self) -> int:
        return self.interval_ns or DEFAULT_INTERVAL_NS

    @property
    def effective_timeout_ns(self) -> int:
        return self.timeout_ns or DEFAULT_TIMEOUT_NS

    @property
    def effective_retries(self) -> int:
        return self.retries or DEFAULT_RETRIES


@dataclass(frozen=True)
class ImageConfig:
    user: str = ""
    env: tuple[tuple[str, str], ...] = ()
    cmd: tuple[str, ...] | None = None
    entrypoint: tuple[str, ...] | None = None
    healthcheck: Healthcheck | None = None
    working_dir: str = ""
    labels: tuple[tuple[str, str], ...] = ()
    exposed_ports: tuple[str, ...] = ()
    stop_signal: str = ""

    def env_dict(self) -> dict[str, str]:
        return dict(self.env)

    def labels_dict(self) -> dict[str, str]:
        return dict(self.labels)


@dataclass(frozen=True)
class HistoryEntry:
    created_by: str
    comment: str = ""
    empty_layer: bool = False
    layer: int | None = None  # index of the layer this step made
    build_args: tuple[tuple[str, str], ...] = ()  # `|1 TOKEN=... /bin/sh -c` prefixes of RUN steps


@dataclass(frozen=True)
class Layer:
    index: int
    diff_id: str  # from the config's rootfs
    blob: str  # the blob's path in the archive
    blob_bytes: int  # as stored (compressed or not)
    size: int  # bytes of regular files: `docker history` SIZE of a built layer
    entries: int
    created_by: str
    in_base: bool


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    gid: int
    home: str = ""
    shell: str = ""


@dataclass(frozen=True)
class Group:
    name: str
    gid: int
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuntimeUser:
    """The config User resolved through the image's /etc/passwd and /etc/group."""

    spec: str  # as written in the config ("" means root)
    name: str | None
    uid: int | None  # None: a name that /etc/passwd does not know
    gid: int | None
    numeric: bool  # the user part is a number (what Kubernetes runAsNonRoot can verify)

    @property
    def is_root(self) -> bool:
        return self.uid == 0


@dataclass(frozen=True)
class FileStat:
    path: str
    kind: str  # file, dir, symlink, hardlink, other
    mode: int  # permission and setuid/setgid/sticky bits
    uid: int
    gid: int
    size: int
    layer: int


@dataclass(frozen=True)
class SpecialFile:
    """A setuid or setgid file (directories excluded: setgid dirs only pass on a group)."""

    path: str
    mode: int
    uid: int
    gid: int
    layer: int
    above_base: bool

    @property
    def setuid(self) -> bool:
        return bool(self.mode & 0o4000)

    @property
    def setgid(self) -> bool:
        return bool(self.mode & 0o2000)


@dataclass(frozen=True)
class SecretFile:
    path: str
    reason: str
    layer: int
    size: int
    present: bool  # still in the merged filesystem (False: deleted above, yet in the layer)


@dataclass(frozen=True)
class Program:
    name: str
    path: str | None  # where PATH finds it (None: absent)


@dataclass(frozen=True)
class Probe:
    """What the healthcheck runs and whether the image has it."""

    program: str
    program_path: str | None
    shell: str | None  # CMD-SHELL needs /bin/sh: its path, or None when absent
    shell_form: bool


@dataclass(frozen=True)
class OwnerCount:
    uid: int
    gid: int
    paths: int


@dataclass(frozen=True)
class Workdir:
    """Ownership of the working directory: itself, its children (like `ls -la`), and a count."""

    path: str
    stat: FileStat | None  # None: the directory does not exist in the image
    children: tuple[FileStat, ...]
    owners: tuple[OwnerCount, ...]  # every path below it, grouped by owner
    group_or_other_writable: int
    total: int


@dataclass(frozen=True)
class LayerWaste:
    """Bytes one layer hides below it: overwritten or deleted copies (reclaimable), and the
    metadata-only copies among the overwritten (a chown/chmod duplicate layer)."""

    layer: int
    created_by: str
    overwritten_files: int
    overwritten_bytes: int
    deleted_files: int
    deleted_bytes: int
    duplicate_files: int
    duplicate_bytes: int
    duplicate_samples: tuple[str, ...]

    @property
    def reclaimable_bytes(self) -> int:
        return self.overwritten_bytes + self.deleted_bytes
