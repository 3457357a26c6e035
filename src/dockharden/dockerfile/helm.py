"""The images a Helm chart deploys with Kubernetes probes: a chart folder (Chart.yaml) whose
templates define a livenessProbe, readinessProbe or startupProbe, and whose values.yaml names
the images (`repository: ghcr.io/org/app`, `image: org/app:1.0`); templates in a folder of
templates/ (templates/api/deployment.yaml) count. Like a compose service's
`healthcheck:`, the probes check the running container where the image sets no HEALTHCHECK;
the chart's images are matched to the Dockerfiles that build them by name, as compose
services' `image:` are."""
from __future__ import annotations

import os
import re
from collections.abc import Callable

from dockharden.dockerfile.compose import ComposeService, Declaration

_PROBE = re.compile(r"^\s*(livenessProbe|readinessProbe|startupProbe)\s*:", re.MULTILINE)
_IMAGE = re.compile(r"""^\s*(?:repository|image)\s*:\s*["']?([\w.-]+(?:[/:][\w.-]+)+)["']?\s*(?:#.*)?$""", re.MULTILINE)
_TEMPLATES = (".yaml", ".yml", ".tpl")
_MAX_TEMPLATES = 50


def chart_declarations(folder: str, names: Callable[[str], frozenset[str]], read: Callable[[str], str | None]) -> list[Declaration]:
    """One declaration per image of values.yaml that a template with a probe deploys, naming
    that template: the template names the block of values that holds the image
    (`.Values.api.image.repository` or `with .Values.api.image` for `repository:` under
    api.image, `.Values.image` for a top-level `image:`; `.Values.api-gateway` is not api's)."""
    templates = os.path.join(folder, "templates")
    texts = [(name, text) for name in _template_names(templates, names)[:_MAX_TEMPLATES] if (text := read(os.path.join(templates, name)))]
    defined = _defines(text for _, text in texts)
    probing = [(name, match.group(1), _with_called(text, defined)) for name, text in texts if (match := _PROBE.search(text))]
    values = read(os.path.join(folder, "values.yaml")) if probing else None
    if not values:
        return []
    chart = os.path.basename(folder)
    found: dict[str, Declaration] = {}
    for top, block, image in _images(values):
        uses = re.compile(r"\.Values" + "".join(rf"\.{re.escape(k)}" for k in block) + r"(?![\w-])")
        for template, probe, text in probing:
            if image not in found and uses.search(text):
                service = ComposeService(f"{top or chart} (helm chart {chart}: {probe})", os.path.join(templates, template), None, "defined", None)
                found[image] = Declaration("", "", f"{chart}/values.yaml (helm chart)", service, image)
    return list(found.values())


_DEFINE = re.compile(r"""\{\{-?\s*define\s+"([^"]+)"\s*-?\}\}""")
_CALL = re.compile(r'\{\{-?\s*(?:template|include)\s+"([^"]+)"')
_MAX_CALL_DEPTH = 3


def _defines(texts) -> dict[str, str]:
    """The body of each named template (`{{- define "django.uwsgi.image" -}}`, in _helpers.tpl),
    taken as the text up to the next define: an `{{ end }}` cannot be told from an `if`'s."""
    found: dict[str, str] = {}
    for text in texts:
        starts = list(_DEFINE.finditer(text))
        for match, after in zip(starts, [*starts[1:], None]):
            found.setdefault(match.group(1), text[match.end():after.start() if after else len(text)])
    return found


def _with_called(text: str, defined: dict[str, str], depth: int = 0) -> str:
    """The template with the bodies of the named templates it calls appended (`image: {{ template
    "django.uwsgi.image" . }}` names .Values.images.django.image only in the define), three calls deep."""
    if depth >= _MAX_CALL_DEPTH:
        return text
    bodies = [_with_called(defined[name], defined, depth + 1) for name in dict.fromkeys(_CALL.findall(text)) if name in defined]
    return "\n".join([text, *bodies])


def _template_names(templates: str, names: Callable[[str], frozenset[str]]) -> list[str]:
    """The templates of templates/ and of its folders one level down (templates/api/deployment.yaml)."""
    entries = sorted(names(templates))
    found = [n for n in entries if n.endswith(_TEMPLATES)]
    return found + [f"{d}/{n}" for d in entries if not d.endswith(_TEMPLATES) for n in sorted(names(os.path.join(templates, d))) if n.endswith(_TEMPLATES)]


_KEY = re.compile(r"^(\s*)([A-Za-z_][\w-]*)\s*:")
def _images(values: str) -> list[tuple[str, tuple[str, ...], str]]:
    """(top-level key, block, image) for each `repository:` or `image:` with an image name (the
    key "" for one at the top level), the block being the keys that hold it, by indentation: ("api", "image") for `repository:` under
    `api.image` (a template names `.Values.api.image.repository`, or `with .Values.api.image`),
    ("image",) for a top-level `image: org/app:1.0`."""
    found: list[tuple[str, tuple[str, ...], str]] = []
    stack: list[tuple[int, str]] = []  # (indent, key) of the keys enclosing the line
    for line in values.splitlines():
        key = _KEY.match(line)
        if key is None:
            continue
        indent = len(key.group(1).expandtabs())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        match = _IMAGE.match(line)
        if match:
            keys = tuple(k for _, k in stack)
            block = (*keys, key.group(2)) if key.group(2) == "image" or not keys else keys
            found.append((keys[0] if keys else "", block, match.group(1)))
        stack.append((indent, key.group(2)))
    return found
