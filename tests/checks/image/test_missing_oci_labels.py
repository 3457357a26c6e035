"""IM904 image-missing-oci-labels: the image lacks OCI version/created/revision labels."""
from __future__ import annotations

import pytest

from support.inspect_support import findings


@pytest.mark.parametrize(("labels", "missing"), [
    (None, "org.opencontainers.image.version, org.opencontainers.image.created, org.opencontainers.image.revision"),
    ({"org.opencontainers.image.version": "1.0"}, "org.opencontainers.image.created, org.opencontainers.image.revision"),
    ({"org.opencontainers.image.version": "1.0", "org.opencontainers.image.created": "",
      "org.opencontainers.image.revision": "abc"}, "org.opencontainers.image.created"),
])
def test_oci_labels(image_facts, labels, missing):
    assert findings(image_facts(Labels=labels), "IM904") == [("IM904", 0, f"no label {missing}")]


def test_all_three_labels_pass(image_facts):
    labels = {"org.opencontainers.image.version": "1.0", "org.opencontainers.image.created": "2026-01-02",
              "org.opencontainers.image.revision": "0123abcd", "maintainer": "someone"}
    assert findings(image_facts(Labels=labels), "IM904") == []
