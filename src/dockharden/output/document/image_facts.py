"""An inspected image's facts in words and units, its size beside Docker's own figure and why they differ."""
from __future__ import annotations

from dockharden.checks.evidence.records import ImageDetails
from dockharden.core.vocabulary import FileReport
from dockharden.output.document.units import size_in_words
from dockharden.output.formats.common import code_span, table_cell

_FACT_NAMES = {"layout": "Read from", "image_id": "Image ID", "user": "User (Config.User)", "layers": "Layers",
               "base_image": "Base image (org.opencontainers.image.base.name)"}
_LAYOUTS = {"engine": "the Docker Engine (docker save)", "docker-archive": "a docker save archive", "oci-layout": "an OCI image layout"}
WHY_MORE = "symbolic links, which Docker counts as the length of the path each points to (dockharden counts regular files only)"


def image_facts(report: FileReport, details: ImageDetails | None) -> list[tuple[str, str]]:
    """The inspected facts in words and units, sizes beside Docker's own figure."""
    facts = dict(report.facts)
    rows = [(_FACT_NAMES[k], _fact_value(k, facts[k])) for k in ("layout", "image_id", "user", "layers") if k in facts]
    if "size_bytes" in facts:
        rows.append(("Size", _size(int(facts["size_bytes"]), details)))
    if "reclaimable_bytes" in facts:
        rows.append(("Reclaimable bytes", size_in_words(int(facts["reclaimable_bytes"])) +
                     ": files stored in lower layers that later layers hide (replaced, deleted, or chown/chmod copies)"))
    rows += [(_FACT_NAMES["base_image"], code_span(facts["base_image"]))] if "base_image" in facts else []
    return rows


def _fact_value(key: str, value: str) -> str:
    if key == "layout":
        return _LAYOUTS.get(value, table_cell(value))
    if key == "user":
        return code_span(value) if value else "not set (root)"
    return code_span(value) if key == "image_id" else table_cell(value)


def _size(files: int, details: ImageDetails | None) -> str:
    counted = f"{size_in_words(files)} of files in its layers"
    if details is None or details.docker_size is None:
        return counted + " (read from a file: Docker's own figure is not available)"
    if details.docker_size == files:
        return f"{size_in_words(files)}, as Docker reports it"
    difference = size_in_words(abs(details.docker_size - files))
    why = f"the {difference} more is {WHY_MORE}" if details.docker_size > files else f"Docker's figure is {difference} less"
    return f"{size_in_words(details.docker_size)} as Docker reports it; {counted}: {why}"
