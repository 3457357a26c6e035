"""IM301 image-missing-env: the image does not set a required ENV key."""
from __future__ import annotations

from dockharden.core.settings import Settings
from support.inspect_support import findings


def test_required_env_present(image_facts):
    assert findings(image_facts(), "IM3") == []


def test_required_env_missing(image_facts):
    facts = image_facts(Env=["PATH=/usr/bin:/bin", "PYTHONUNBUFFERED=1"])
    assert findings(facts, "IM3") == [("IM301", 0, "the image does not set PYTHONDONTWRITEBYTECODE")]


def test_required_env_from_the_settings(image_facts):
    settings = Settings(required_env=("HF_HOME", "PYTHONUNBUFFERED"))
    assert findings(image_facts(), "IM3", settings) == [("IM301", 0, "the image does not set HF_HOME")]
    assert findings(image_facts(Env=["HF_HOME=/m", "PYTHONUNBUFFERED=1"]), "IM3", settings) == []


def test_an_empty_value_still_sets_the_key(image_facts):
    facts = image_facts(Env=["PYTHONUNBUFFERED=", "PYTHONDONTWRITEBYTECODE=1"])
    assert findings(facts, "IM3") == []
