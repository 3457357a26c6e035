"""ImageFacts: everything the image checks need, computed once from the merged layers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dockharden.image import programs as progs
from dockharden.image.accounts import parse_group, parse_passwd, resolve_user
from dockharden.image.reading import ImageContents
from dockharden.image.config_json import parse_config, parse_diff_ids, parse_history
from dockharden.image.filesystem import FileTree, Node, Shadowing
from dockharden.image.base_layers import base_layer_count
from dockharden.image.parts import (
    Account, FileStat, Group, HistoryEntry, ImageConfig, Layer, LayerWaste, OwnerCount, Probe,
    Program, RuntimeUser, SecretFile, SpecialFile, Workdir,
)
from dockharden.image.tarheaders import DIR, FILE, HARDLINK, SYMLINK, Fail

_WORKDIR_CHILDREN = 200
# What the config (and the manifest) alone say, without a layer read: what `--config-only` knows.
CONFIG_FACTS = frozenset({"reference", "layout", "image_id", "repo_tags", "config", "history", "files_read",
                          "fetched_bytes", "platform", "created"})


@dataclass(frozen=True)
class ImageFacts:
    reference: str  # what was read: a path, or an engine reference
    layout: str  # "docker-archive", "oci-layout" or "engine"
    image_id: str
    repo_tags: tuple[str, ...]
    config: ImageConfig
    history: tuple[HistoryEntry, ...]
    layers: tuple[Layer, ...]
    base_layers: int  # how many bottom layers belong to the base image (see history.py)
    total_size: int  # bytes of regular files over all layers (about `docker image ls` SIZE)
    accounts: tuple[Account, ...]  # /etc/passwd
    groups: tuple[Group, ...]  # /etc/group
    user: RuntimeUser
    special_files: tuple[SpecialFile, ...]  # setuid / setgid
    secret_files: tuple[SecretFile, ...]
    build_tools: tuple[Program, ...]  # only those present
    programs: tuple[Program, ...]  # common probes, the healthcheck's and CMD's programs
    probe: Probe | None  # None: no healthcheck, or NONE
    workdir: Workdir | None  # None: no WorkingDir in the config
    waste: tuple[LayerWaste, ...]  # layers that hide bytes of lower layers
    reclaimable_bytes: int  # sum of hidden copies (N-1 per path)
    platform: str = ""  # os/architecture[/variant] from the config, "" when it records none
    created: str = ""  # the config's created date, as written
    files_read: bool = True  # False: only the config was read (`inspect --config-only`)
    fetched_bytes: int = 0  # from a registry: bytes received (manifests and blobs)
    os_release: tuple[tuple[str, str], ...] = ()  # /etc/os-release's KEY=value pairs (ID, VERSION_ID, ...)

    def program(self, name: str) -> str | None:
        return next((p.path for p in self.programs if p.name == name), None)

    @property
    def duplicate_layers(self) -> tuple[LayerWaste, ...]:
        """Layers that copy lower files only to change owner or mode (chown/chmod)."""
        return tuple(w for w in self.waste if w.duplicate_files)


def build_facts(contents: ImageContents, reference: str, fail: Fail, config_section: Any = None,
                layout: str | None = None, symlink_hops: int = 40, max_nodes: int = 2_000_000) -> ImageFacts:
    doc = contents.config
    config = parse_config(doc.get("config") if config_section is None else config_section, fail)
    history = parse_history(doc, len(contents.layers), fail)
    diff_ids = parse_diff_ids(doc, fail)
    if len(diff_ids) != len(contents.layers):
        raise fail(f"the manifest lists {len(contents.layers)} layers but the config's rootfs has {len(diff_ids)}")
    tree = FileTree(max_nodes, symlink_hops)
    shadows = [tree.apply(i, layer.scan, _in_layer(layer.name, fail)) for i, layer in enumerate(contents.layers)]
    base = base_layer_count(history)
    accounts, groups = _accounts(contents, tree)
    path = progs.search_path(config.env_dict())
    probe = progs.probe(config.healthcheck, tree, path)
    extra = (probe.program if probe else "", progs.command_program(config.entrypoint or config.cmd))
    return ImageFacts(
        reference=reference,
        layout=layout or contents.plan.layout,
        image_id=contents.plan.image_id,
        repo_tags=contents.plan.repo_tags,
        config=config,
        history=history,
        layers=_layers(contents, diff_ids, history, base),
        base_layers=base,
        total_size=sum(layer.scan.size for layer in contents.layers),
        accounts=accounts,
        groups=groups,
        user=resolve_user(config.user, accounts, groups),
        special_files=_special_files(tree, base),
        secret_files=_secret_files(contents, tree),
        build_tools=progs.build_tools(tree, path),
        programs=progs.programs(tree, path, extra),
        probe=probe,
        workdir=_workdir(tree, config.working_dir),
        waste=_waste(shadows, history),
        reclaimable_bytes=sum(s.reclaimable_bytes for s in shadows),
        platform=platform_of(doc),
        created=_text_field(doc, "created"),
        os_release=_os_release(contents, tree),
    )


def _text_field(doc: dict[str, Any], key: str) -> str:
    value = doc.get(key)
    return value if isinstance(value, str) else ""


def platform_of(doc: dict[str, Any]) -> str:
    """os/architecture[/variant], as `docker image inspect` and OCI indexes write a platform."""
    parts = [doc.get(key) for key in ("os", "architecture", "variant")]
    return "/".join(p for p in parts if isinstance(p, str) and p) if isinstance(parts[0], str) and parts[0] else ""


def _in_layer(name: str, fail: Fail) -> Fail:
    return lambda message: fail(f"layer {name}: {message}")


def _layers(contents: ImageContents, diff_ids: tuple[str, ...], history: tuple[HistoryEntry, ...],
            base: int) -> tuple[Layer, ...]:
    made_by = {entry.layer: entry.created_by for entry in history if entry.layer is not None}
    return tuple(
        Layer(i, diff_ids[i], read.name, read.blob_bytes, read.scan.size, len(read.scan.entries),
              made_by.get(i, ""), i < base)
        for i, read in enumerate(contents.layers)
    )


def _accounts(contents: ImageContents, tree: FileTree) -> tuple[tuple[Account, ...], tuple[Group, ...]]:
    return parse_passwd(_captured(contents, tree, "/etc/passwd")), parse_group(_captured(contents, tree, "/etc/group"))


def _captured(contents: ImageContents, tree: FileTree, path: str) -> str:
    """The captured text of the file `path` names in the merged tree (through links); "" if none."""
    real = tree.resolve(path)
    node = tree.nodes.get(real) if real else None
    if node is None or node.kind != FILE:
        return ""
    notes = contents.layers[node.layer].scan.notes
    data = next((n for p, _, n in notes if p == real and isinstance(n, bytes)), b"")
    return data.decode("utf-8", "replace")


def _os_release(contents: ImageContents, tree: FileTree) -> tuple[tuple[str, str], ...]:
    """KEY=value pairs of /etc/os-release, else /usr/lib/os-release (os-release(5)), values unquoted."""
    text = _captured(contents, tree, "/etc/os-release") or _captured(contents, tree, "/usr/lib/os-release")
    pairs = []
    for line in text.splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key.isidentifier():
            value = value.strip()
            pairs.append((key, value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" else value))
    return tuple(pairs)


def _special_files(tree: FileTree, base: int) -> tuple[SpecialFile, ...]:
    special = [(path, node) for path, node in tree.nodes.items() if node.mode & 0o6000 and node.kind in (FILE, HARDLINK)]
    return tuple(SpecialFile(path, node.mode, node.uid, node.gid, node.layer, node.layer >= base)
                 for path, node in sorted(special))


def _secret_files(contents: ImageContents, tree: FileTree) -> tuple[SecretFile, ...]:
    found = []
    for index, read in enumerate(contents.layers):
        for path, size, note in read.scan.notes:
            if isinstance(note, str):
                node = tree.nodes.get(path)
                found.append(SecretFile(path, note, index, size, node is not None and node.layer == index))
    return tuple(found)


def _workdir(tree: FileTree, working_dir: str) -> Workdir | None:
    if not working_dir:
        return None
    real = tree.resolve(working_dir)
    node = tree.nodes.get(real) if real else None
    if real is None or node is None or node.kind != DIR:
        return Workdir(working_dir, None, (), (), 0, 0)
    children = tuple(_stat(p, tree.nodes[p]) for p in tree.children(real)[:_WORKDIR_CHILDREN])
    owners, writable, total = _ownership(tree, real)
    return Workdir(real, _stat(real, node), children, owners, writable, total)


def _ownership(tree: FileTree, directory: str) -> tuple[tuple[OwnerCount, ...], int, int]:
    """Paths below `directory` counted by owner; and how many are group- or other-writable."""
    owners: dict[tuple[int, int], int] = {}
    writable = 0
    for _, node in tree.walk(directory):
        owners[(node.uid, node.gid)] = owners.get((node.uid, node.gid), 0) + 1
        writable += node.kind != SYMLINK and bool(node.mode & 0o022)
    counts = tuple(OwnerCount(uid, gid, n) for (uid, gid), n in sorted(owners.items()))
    return counts, writable, sum(owners.values())


def _stat(path: str, node: Node) -> FileStat:
    return FileStat(path, node.kind, node.mode, node.uid, node.gid, node.size, node.layer)


def _waste(shadows: list[Shadowing], history: tuple[HistoryEntry, ...]) -> tuple[LayerWaste, ...]:
    made_by = {entry.layer: entry.created_by for entry in history if entry.layer is not None}
    return tuple(
        LayerWaste(s.layer, made_by.get(s.layer, ""), s.overwritten_files, s.overwritten_bytes,
                   s.deleted_files, s.deleted_bytes, s.metadata_files, s.metadata_bytes, s.metadata_samples)
        for s in shadows
        if s.overwritten_files or s.deleted_files
    )
