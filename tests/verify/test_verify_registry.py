"""The verify rules: every module registered once, in the catalog, with unique codes and names."""
import pkgutil
import re

import dockharden.verify_rules
from dockharden.catalog import ALL_RULES
from dockharden.verify_rules import VERIFY_RULE_MODULES, VERIFY_RULES

PATTERN_OF_HUNDREDS = {"1": "non_root_user", "2": "healthcheck", "3": "env_config", "4": "chown",
                       "6": "no_secrets", "7": "exec_form", "9": None}


def test_every_module_is_registered_exactly_once():
    registered = [module.__name__.rsplit(".", 1)[-1] for module in VERIFY_RULE_MODULES]
    assert sorted(registered) == sorted(m.name for m in pkgutil.iter_modules(dockharden.verify_rules.__path__))
    assert len(set(registered)) == len(registered)


def test_module_names_are_rule_names():
    for module in VERIFY_RULE_MODULES:
        assert module.__name__.rsplit(".", 1)[-1] == module.RULE.name.replace("-", "_")
        assert module.RULE.docs == module.__doc__


def test_codes_follow_the_pattern_groups():
    assert [rule.code for rule in VERIFY_RULES] == sorted(rule.code for rule in VERIFY_RULES)
    for rule in VERIFY_RULES:
        assert re.fullmatch(r"VF\d{3}", rule.code)
        assert PATTERN_OF_HUNDREDS[rule.code[2]] == rule.pattern, rule.code


def test_verify_rules_are_in_the_catalog_and_unique_there():
    assert ALL_RULES[-len(VERIFY_RULES):] == VERIFY_RULES
    assert len({rule.name for rule in ALL_RULES}) == len(ALL_RULES)
    assert len({rule.code for rule in ALL_RULES}) == len(ALL_RULES)
