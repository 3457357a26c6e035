"""Which image rules need the image's files, derived from their code."""
from __future__ import annotations

import types

from dockharden.checks.image import RULES
from dockharden.checks.image.reads import facts_read, reads_files

CONFIG_RULES = ["missing_healthcheck", "healthcheck_disabled", "healthcheck_unsafe_timing", "missing_env",
                "deprecated_transformers_cache", "secret_in_env", "secret_in_history", "shell_form_command",
                "missing_oci_labels"]


def test_the_rules_that_read_the_config_only():
    assert [m.__name__.rsplit(".", 1)[1] for m in RULES if not reads_files(m)] == CONFIG_RULES


def test_what_a_rule_reads_includes_the_shared_helpers_it_hands_facts_to():
    from dockharden.checks.image import chown_duplicate_layer, root_user

    assert facts_read(root_user) == {"user"}
    assert facts_read(chown_duplicate_layer) == {"duplicate_layers", "history"}


def test_handing_facts_to_unknown_code_counts_as_reading_everything(tmp_path, monkeypatch):
    source = tmp_path / "rule_like.py"
    source.write_text("def check(facts, settings):\n    return helper(facts)\n")
    module = types.ModuleType("rule_like")
    module.__file__ = str(source)
    monkeypatch.setattr("inspect.getsource", lambda m: source.read_text())
    assert facts_read(module) == {"*"} and reads_files(module)
