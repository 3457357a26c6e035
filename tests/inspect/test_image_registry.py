"""The image rule registry: every module registered once, codes by pattern, docs that say where."""
from __future__ import annotations

import pkgutil
import re

import pytest

import dockharden.image_rules
from dockharden.catalog import ALL_RULES, by_key
from dockharden.image_rules import IMAGE_RULE_LIST, IMAGE_RULES

MODULES = sorted(m.name for m in pkgutil.iter_modules(dockharden.image_rules.__path__) if not m.name.startswith("_"))
CODE_GROUPS = {"1": "non_root_user", "2": "healthcheck", "3": "env_config", "4": "chown", "6": "no_secrets",
               "7": "exec_form", "8": "no_build_tools", "9": None}


def test_every_image_rule_module_is_registered_exactly_once():
    registered = [module.__name__.rsplit(".", 1)[-1] for module in IMAGE_RULES]
    assert sorted(registered) == MODULES
    assert len(set(registered)) == len(registered)


def test_each_module_has_a_rule_a_check_and_its_docstring_as_docs():
    for module in IMAGE_RULES:
        assert callable(module.check), module.__name__
        assert module.RULE.docs == module.__doc__, module.__name__


def test_each_module_says_which_instructions_set_what_it_reads():
    """inspect --dockerfile puts a finding about the config on such an instruction (image_at_dockerfile.py)."""
    keywords = {"USER", "HEALTHCHECK", "ENV", "WORKDIR", "ENTRYPOINT", "CMD", "LABEL", "ARG"}
    assert {module.RULE.code: module.SET_BY for module in IMAGE_RULES if module.SET_BY} == {
        "IM101": ("USER",), "IM102": ("USER",), "IM103": ("USER",), "IM104": ("USER",),
        "IM202": ("HEALTHCHECK",), "IM203": ("HEALTHCHECK",), "IM204": ("HEALTHCHECK",),
        "IM302": ("ENV",), "IM402": ("WORKDIR",), "IM601": ("ENV",), "IM701": ("ENTRYPOINT", "CMD"),
    }
    assert all(set(module.SET_BY) <= keywords for module in IMAGE_RULES)


@pytest.mark.parametrize("rule", IMAGE_RULE_LIST, ids=lambda rule: rule.code)
def test_code_names_its_pattern(rule):
    assert re.fullmatch(r"IM\d{3}", rule.code)
    assert CODE_GROUPS[rule.code[2]] == rule.pattern


@pytest.mark.parametrize("rule", IMAGE_RULE_LIST, ids=lambda rule: rule.code)
def test_docs_say_where_a_finding_is_reported(rule):
    text = " ".join(rule.docs.split())
    assert "Reported on line 0" in text or "Reported at the history step" in text


def test_image_rules_are_in_the_catalog_and_findable():
    assert set(IMAGE_RULE_LIST) <= set(ALL_RULES)
    assert by_key()["IM401"] is by_key()["chown-duplicate-layer"]
