"""The image config JSON (Docker's and OCI's share these keys) as typed records."""
from __future__ import annotations

import re
from typing import Any

from dockharden.knowledge.history import build_args
from dockharden.image.parts import Healthcheck, HistoryEntry, ImageConfig
from dockharden.image.tarheaders import Fail

_DURATIONS = (("Interval", "interval_ns"), ("Timeout", "timeout_ns"), ("StartPeriod", "start_period_ns"),
              ("StartInterval", "start_interval_ns"))
_MAX_INT64 = 2**63 - 1  # Docker keeps durations and retries in Go's int64
# USER as runc reads it: a name or a number, optionally `:group`; a name holds no colon,
# whitespace or control character, and numbers are ASCII digits (int() also takes "١٠٠٠").
_USER = re.compile(r"[^:\s\x00-\x1f\x7f]+(:[^:\s\x00-\x1f\x7f]*)?")
_ASCII_DIGITS = re.compile(r"[0-9]+")


def parse_config(section: Any, fail: Fail) -> ImageConfig:
    """The `config` object of an image config (or `Config` from the Engine API)."""
    if section is None:
        return ImageConfig()
    if not isinstance(section, dict):
        raise fail("image config: config must be an object")
    return ImageConfig(
        user=_user(section, fail),
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
    durations = {name: _bounded(value, key, fail) for key, name in _DURATIONS}
    retries = _bounded(value, "Retries", fail)
    return Healthcheck(test=_optional_strings(value, "Test", fail) or (), retries=retries, **durations)


def _bounded(section: dict[str, Any], key: str, fail: Fail) -> int:
    number = _typed(section, key, int, 0, fail)
    if not 0 <= number <= _MAX_INT64:
        raise fail(f"image config: Healthcheck {key} must be between 0 and {_MAX_INT64}")
    return number


def _user(section: dict[str, Any], fail: Fail) -> str:
    user = _typed(section, "User", str, "", fail)
    if user and not (_USER.fullmatch(user) and all(_ascii_number(part) for part in user.split(":"))):
        raise fail(f"image config: User {user[:80]!r} is not a valid user (name or UID, optionally :group or :GID)")
    return user


def _ascii_number(part: str) -> bool:
    """A part made of digits is a number only in ASCII and within a uid_t."""
    if not part.isdigit():
        return True  # a name
    return bool(_ASCII_DIGITS.fullmatch(part)) and int(part) <= 2**32 - 1


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
