"""The image config JSON (Docker's and OCI's share these keys) as typed records."""
from __future__ import annotations

from typing import Any

from dockharden.knowledge.history import build_args
from dockharden.image.parts import Healthcheck, HistoryEntry, ImageConfig
from dockharden.image.tarheaders import Fail

_DURATIONS = (("Interval", "interval_ns"), ("Timeout", "timeout_ns"), ("StartPeriod", "start_period_ns"),
              ("StartInterval", "start_interval_ns"))


def parse_config(section: Any, fail: Fail) -> ImageConfig:
    """The `config` object of an image config (or `Config` from the Engine API)."""
    if section is None:
        return ImageConfig()
    if not isinstance(section, dict):
        raise fail("image config: config must be an object")
    return ImageConfig(
        user=_typed(section, "User", str, "", fail),
        env=tuple(_env_pair(item) for item in _strings(section, "Env", fail)),
        cmd=_optional_strings(section, "Cmd", fail),
        entrypoint=_optional_strings(section, "Entrypoint", fail),
        healthcheck=_healthcheck(section.get("Healthcheck"), fail),
        working_dir=_typed(section, "WorkingDir", str, "", fail),
        labels=tuple(sorted(_string_map(section, "Labels", fail).items())),
        exposed_ports=tuple(sorted(_typed(section, "ExposedPorts", dict, {}, fail))),
        stop_signal=_typed(section, "StopSignal", str, "", fail),
    )


def parse_history(doc: dict[str, Any], layer_count: int, fail: Fail) -> tuple[HistoryEntry, ...]:
    items = doc.get("history") or []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise fail("image config: history must be a list of objects")
    entries, next_layer = [], 0
    for item in items:
        empty = bool(item.get("empty_layer", False))
        layer = None if empty or next_layer >= layer_count else next_layer
        next_layer += not empty
        created_by = _text(item.get("created_by"))
        entries.append(HistoryEntry(created_by, _text(item.get("comment")), empty, layer, build_args(created_by)))
    return tuple(entries)


def parse_diff_ids(doc: dict[str, Any], fail: Fail) -> tuple[str, ...]:
    rootfs = doc.get("rootfs") or {}
    diff_ids = rootfs.get("diff_ids", []) if isinstance(rootfs, dict) else None
    if not isinstance(diff_ids, list) or not all(isinstance(d, str) for d in diff_ids):
        raise fail("image config: rootfs.diff_ids must be a list of digests")
    return tuple(diff_ids)


def _healthcheck(value: Any, fail: Fail) -> Healthcheck | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise fail("image config: Healthcheck must be an object")
    durations = {name: _typed(value, key, int, 0, fail) for key, name in _DURATIONS}
    retries = _typed(value, "Retries", int, 0, fail)
    return Healthcheck(test=_optional_strings(value, "Test", fail) or (), retries=retries, **durations)


def _typed(section: dict[str, Any], key: str, kind: type, default: Any, fail: Fail) -> Any:
    value = section.get(key)
    if value is None:
        return default
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise fail(f"image config: {key} must be {_KIND_NAMES[kind]}")
    return value


_KIND_NAMES = {str: "a string", int: "an integer", dict: "an object", list: "a list"}


def _strings(section: dict[str, Any], key: str, fail: Fail) -> list[str]:
    value = _typed(section, key, list, [], fail)
    if not all(isinstance(item, str) for item in value):
        raise fail(f"image config: {key} must be a list of strings")
    return value


def _optional_strings(section: dict[str, Any], key: str, fail: Fail) -> tuple[str, ...] | None:
    return None if section.get(key) is None else tuple(_strings(section, key, fail))


def _string_map(section: dict[str, Any], key: str, fail: Fail) -> dict[str, str]:
    value = _typed(section, key, dict, {}, fail)
    if not all(isinstance(item, str) for item in value.values()):
        raise fail(f"image config: {key} values must be strings")
    return value


def _env_pair(item: str) -> tuple[str, str]:
    name, _, value = item.partition("=")
    return name, value


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
