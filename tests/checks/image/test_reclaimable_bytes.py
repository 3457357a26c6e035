"""IM903 image-reclaimable-bytes: lower layers store bytes that later layers hide."""
from __future__ import annotations

from dockharden.checks.inspect import check_facts
from dockharden.core.vocabulary import Severity
from support.archives import file
from support.inspect_support import MB


def _reclaimable(image_facts, hidden: int, kept: int):
    layers = ([file("kept.bin", bytes(kept)), file("cache.bin", bytes(hidden))], [file(".wh.cache.bin")])
    return check_facts(image_facts(*layers, steps=("COPY . / # buildkit", "RUN /bin/sh -c rm /cache.bin # buildkit")),
                       "image.tar")


def test_reclaimable_bytes_info_and_warning(image_facts):
    [info] = [f for f in _reclaimable(image_facts, 2 * MB, 30 * MB).findings if f.rule.code == "IM903"]
    assert (info.rule.severity, info.line, info.message) == (
        Severity.INFO, 0, "2.0 MB (6% of the image) overwritten or deleted by later layers; most by step 4 (RUN rm /cache.bin)")
    [warning] = [f for f in _reclaimable(image_facts, 2 * MB, 1 * MB).findings if f.rule.code == "IM903"]
    assert (warning.rule.severity, warning.message) == (
        Severity.WARNING, "2.0 MB (67% of the image) overwritten or deleted by later layers; most by step 4 (RUN rm /cache.bin)")
    assert [f for f in _reclaimable(image_facts, MB - 1, 0).findings if f.rule.code == "IM903"] == []


def test_chown_duplicates_are_left_to_im401(image_facts):
    copied = [file("data.bin", bytes(3 * MB))]
    chowned = [file("data.bin", bytes(3 * MB), uid=1000, gid=1000)]
    report = check_facts(image_facts(copied, chowned), "image.tar")
    assert [f.rule.code for f in report.findings] == ["IM401"]
