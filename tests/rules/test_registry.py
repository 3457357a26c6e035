"""The rule registry: every module registered once, unique codes and names, complete docs."""
import pkgutil
import re

import pytest

import dockharden.rules
from dockharden.catalog import ALL_RULES
from dockharden.rules import DOCKERFILE_RULES

MODULES = sorted(m.name for m in pkgutil.iter_modules(dockharden.rules.__path__))
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")
# Names describe the bad pattern (`root-user`), not the advice (`use-non-root-user`).
ADVICE_WORDS = ("use-", "prefer-", "require-", "ensure-", "avoid-", "should-", "must-", "enforce-", "check-")


def test_every_rule_module_is_registered_exactly_once():
    registered = [module.__name__.rsplit(".", 1)[-1] for module in DOCKERFILE_RULES]
    assert sorted(registered) == MODULES
    assert len(set(registered)) == len(registered)


def test_each_module_has_a_rule_and_a_check():
    for module in DOCKERFILE_RULES:
        assert callable(module.check), module.__name__
        assert module.RULE.docs == module.__doc__, module.__name__


def test_codes_and_names_are_unique():
    codes = [rule.code for rule in ALL_RULES]
    names = [rule.name for rule in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_code_and_name_shape(rule):
    assert re.fullmatch(r"(DH|IM|VF)\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name), "kebab-case, at least two words"
    assert not rule.name.startswith(ADVICE_WORDS)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_docs_have_the_four_sections_in_order(rule):
    positions = [rule.docs.find(section) for section in SECTIONS]
    assert -1 not in positions, f"{rule.code} lacks {[s for s, p in zip(SECTIONS, positions) if p < 0]}"
    assert positions == sorted(positions)
    assert rule.docs.count("```") >= 4, "Example and Use instead each show code"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_summary_is_one_sentence(rule):
    assert rule.summary.endswith(".") and "\n" not in rule.summary


def test_file_rules_belong_to_a_matrix_pattern_or_to_none():
    from dockharden.vocabulary import PATTERNS

    assert {rule.pattern for rule in ALL_RULES} <= set(PATTERNS) | {None}
    assert {rule.pattern for rule in ALL_RULES} >= set(PATTERNS), "every matrix column has a rule"
