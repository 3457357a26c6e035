"""The three rule families: every module registered once, one contract, codes and names
that say what they are, complete docs; the catalog holds them all."""
from __future__ import annotations

import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import dockharden.checks.dockerfile
import dockharden.checks.image
import dockharden.checks.runtime
from dockharden.checks.lessons import sections_of
from dockharden.checks.catalog import LINT_RULES, all_rules, by_key, image_rules, runtime_rules
from dockharden.core.vocabulary import PATTERNS, Rule, Severity

FAMILIES = {
    "dockerfile": (dockharden.checks.dockerfile, dockharden.checks.dockerfile.RULES + dockharden.checks.dockerfile.PRAGMA_RULES, "DH"),
    "image": (dockharden.checks.image, dockharden.checks.image.RULES, "IM"),
    "runtime": (dockharden.checks.runtime, dockharden.checks.runtime.RULES, "VF"),
}
NOT_RULES = {"details", "shared", "reads"}  # a family's matrix details and helpers sit beside its rules (reads: what image rules read)
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")
# Names describe the bad pattern (`root-user`), not the advice (`use-non-root-user`).
ADVICE_WORDS = ("use-", "prefer-", "require-", "ensure-", "avoid-", "should-", "must-", "enforce-", "check-")
# The hundreds of a code name its matrix column; 0 and 9 are rules outside the matrix.
CODE_GROUPS = {"0": None, "1": "non_root_user", "2": "healthcheck", "3": "env_config", "4": "chown", "5": "multi_stage",
               "6": "no_secrets", "7": "exec_form", "8": "no_build_tools", "9": None}
RULES = [(name, module) for name, (_, modules, _) in FAMILIES.items() for module in modules]
TESTS = Path(__file__).resolve().parent  # tests/checks/ mirrors src/dockharden/checks/


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_rule_module_is_registered_exactly_once(family):
    package, modules, _ = FAMILIES[family]
    files = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name not in NOT_RULES)
    registered = [module.__name__.rsplit(".", 1)[-1] for module in modules]
    assert sorted(registered) == files
    assert len(set(registered)) == len(registered)


@pytest.mark.parametrize("family, module", RULES, ids=lambda v: v if isinstance(v, str) else v.RULE.code)
def test_one_contract_an_immutable_rule_and_a_check_of_subject_and_settings(family, module):
    assert isinstance(module.RULE, Rule)
    assert list(inspect.signature(module.check).parameters)[1] == "settings"
    assert len(inspect.signature(module.check).parameters) == 2
    assert sections_of(module.__doc__).items() <= sections_of(module.RULE.docs).items(), "the docstring is the rule's own docs"
    assert module.RULE.code.startswith(FAMILIES[family][2])


@pytest.mark.parametrize("family, module", RULES, ids=lambda v: v if isinstance(v, str) else v.RULE.code)
def test_the_module_is_named_after_its_rule(family, module):
    """Its words come from the rule's name, in order (the family's folder says image or runtime)."""
    words = iter(module.RULE.name.split("-"))
    assert all(word in words for word in module.__name__.rsplit(".", 1)[-1].split("_")), module.RULE.name


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_rule_module_has_its_test_file(family):
    """Tests mirror the tree: checks/<family>/<module>.py is tested in tests/checks/<family>/test_<module>.py."""
    _, modules, _ = FAMILIES[family]
    files = [f"test_{module.__name__.rsplit('.', 1)[-1]}.py" for module in modules]
    assert [name for name in files if not (TESTS / family / name).is_file()] == []


def test_codes_and_names_are_unique_across_families():
    rules = all_rules()
    assert len({rule.code for rule in rules}) == len(rules) == len({rule.name for rule in rules})
    assert rules == LINT_RULES + image_rules() + runtime_rules()
    assert by_key()["IM401"] is by_key()["chown-duplicate-layer"]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_code_and_name_shape(rule):
    assert re.fullmatch(r"(DH|IM|VF)\d{3}", rule.code)
    assert CODE_GROUPS[rule.code[2]] == rule.pattern
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name), "kebab-case, at least two words"
    assert not rule.name.startswith(ADVICE_WORDS)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_docs_have_the_four_sections_in_order(rule):
    positions = [rule.docs.find(section) for section in SECTIONS]
    assert -1 not in positions, f"{rule.code} lacks {[s for s, p in zip(SECTIONS, positions) if p < 0]}"
    assert positions == sorted(positions)
    assert rule.docs.count("```") >= 4, "Example and Use instead each show code"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_summary_is_one_sentence(rule):
    assert rule.summary.endswith(".") and "\n" not in rule.summary


@pytest.mark.parametrize("rule", image_rules(), ids=lambda rule: rule.code)
def test_image_docs_say_where_a_finding_is_reported(rule):
    text = " ".join(rule.docs.split())
    assert "Reported on line 0" in text or "Reported at the history step" in text


def test_every_matrix_column_has_a_rule():
    assert {rule.pattern for rule in all_rules()} == set(PATTERNS) | {None}


def test_an_optional_rule_runs_only_where_the_configuration_enables_it():
    from dockharden.checks.running import is_enabled

    optional = Rule("DH999", "unpinned-thing", None, Severity.INFO, "An example.", "", optional=True)
    assert not is_enabled(optional, frozenset(), frozenset())
    assert is_enabled(optional, frozenset(), frozenset({"DH999"}))
    assert is_enabled(optional, frozenset(), frozenset({"unpinned-thing"}))
    assert not is_enabled(optional, frozenset({"DH999"}), frozenset({"DH999"}))
    plain = Rule("DH998", "plain-thing", None, Severity.INFO, "An example.", "")
    assert is_enabled(plain, frozenset(), frozenset()) and not is_enabled(plain, frozenset({"plain-thing"}), frozenset())


def test_each_image_rule_says_which_instructions_set_what_it_reads():
    """inspect --dockerfile puts a finding about the config on such an instruction (checks/image_at_dockerfile.py)."""
    keywords = {"USER", "HEALTHCHECK", "ENV", "WORKDIR", "ENTRYPOINT", "CMD", "LABEL", "ARG"}
    modules = dockharden.checks.image.RULES
    assert {module.RULE.code: module.SET_BY for module in modules if module.SET_BY} == {
        "IM101": ("USER",), "IM102": ("USER",), "IM103": ("USER",), "IM104": ("USER",),
        "IM202": ("HEALTHCHECK",), "IM203": ("HEALTHCHECK",), "IM204": ("HEALTHCHECK",),
        "IM302": ("ENV",), "IM402": ("WORKDIR",), "IM601": ("ENV",), "IM701": ("ENTRYPOINT", "CMD"),
    }
    assert all(set(module.SET_BY) <= keywords for module in modules)
