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
    """One declaration per image of values.yaml that a template with a probe deploys: the
    template names the image's values (`.Values.api.image.repository` for the image under the
    top-level key api, `.Values.image.repository` for one at the top level)."""
    templates = os.path.join(folder, "templates")
    texts = [(name, text) for name in _template_names(templates, names)[:_MAX_TEMPLATES] if (text := read(os.path.join(templates, name)))]
    defined = _defines(text for _, text in texts)
    probing = [(name, match.group(1), _with_called(text, defined)) for name, text in texts if (match := _PROBE.search(text))]
    values = read(os.path.join(folder, "values.yaml")) if probing else None
    if not values:
        return []
    chart = os.path.basename(folder)
    found: dict[str, Declaration] = {}
    for key, image in _images(values):
        uses = re.compile(r"\.Values" + (rf"\.{re.escape(key)}" if key else "") + r"(?:\.[\w-]+)*?\.(?:image|repository)\b")
        for template, probe, text in probing:
            if image not in found and uses.search(text):
                service = ComposeService(f"{key or chart} (helm chart {chart}: {probe})", os.path.join(templates, template), None, "defined", None)
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


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def _images(values: str) -> list[tuple[str, str]]:
    """(top-level key, image) for each `repository:` or `image:` with an image name, the key
    "" for one at the top level."""
    found, key = [], ""
    for line in values.splitlines():
        top = _TOP_KEY.match(line)
        if top:
            key = top.group(1)
        match = _IMAGE.match(line)
        if match:
            found.append(("" if top else key, match.group(1)))
    return found
