"""IM302 image-deprecated-transformers-cache: the image sets the deprecated TRANSFORMERS_CACHE."""
from __future__ import annotations

from support.inspect_support import findings


def test_transformers_cache(image_facts):
    env = ["PYTHONUNBUFFERED=1", "PYTHONDONTWRITEBYTECODE=1", "HF_HOME=/app/models", "TRANSFORMERS_CACHE=/app/models"]
    assert findings(image_facts(Env=env), "IM3") == [("IM302", 0, "TRANSFORMERS_CACHE is deprecated; set HF_HOME only")]


def test_hf_home_alone_passes(image_facts):
    env = ["PYTHONUNBUFFERED=1", "PYTHONDONTWRITEBYTECODE=1", "HF_HOME=/app/models"]
    assert findings(image_facts(Env=env), "IM3") == []
