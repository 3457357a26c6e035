"""Fast paths give exactly what the regexes they stand in for give; each regex is the oracle."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dockharden.knowledge import secrets
from dockharden.dockerfile import flags, shell, words

# Blanks of every kind that matters: ASCII ones, Go-only and Python-only separators, the rest.
_ALPHABET = st.sampled_from(list("aB1 \t\v\f\r\n\x1c\x1d\x1e\x1f\x85\xa0\u2003\u3000é$({\\'\"<>#-=_"))
_TEXT = st.text(_ALPHABET, max_size=40)


@settings(max_examples=1500, deadline=None)
@given(st.text(st.sampled_from(list("aB1 \t-=\"'\\é\n")), max_size=40))
def test_the_flags_are_the_byte_walk(line):
    assert flags.extract_flags(line) == flags.extract_flags_reference(line)


def test_plain_flags_take_the_line_only_when_its_flags_hold_no_quote_or_backslash():
    assert flags.plain_flags("--mount=type=cache,target=/root/.cache  pip install x") == ("pip install x", ["--mount=type=cache,target=/root/.cache"])
    assert flags.plain_flags('--chown="app" a b') is None
    assert flags.extract_flags('--chown="app" a b') == ("a b", ["--chown=app"])


@settings(max_examples=1500, deadline=None)
@given(_TEXT, st.sampled_from(["\\", "`"]))
def test_words_and_unquoting_are_the_regex_readings(text, escape):
    assert words.parse_words(text, escape) == words.parse_words_reference(text, escape)
    assert words.unquote(text) == words.unquote_reference(text)


def test_blank_separated_words_keep_the_separators_python_splits_at_and_go_does_not():
    assert words.blank_separated("a\x1cb c\u2003d") == ["a\x1cb", "c", "d"]
    assert "a\x1cb c".split() == ["a", "b", "c"]  # what str.split alone would give


_OLD_NEEDS_TOKENS = re.compile(r"[\\'\"`<>#\x0b\x0c\x1c-\x1f]|\$[({]|[^\x00-\x7f]")


@settings(max_examples=1500, deadline=None)
@given(_TEXT)
def test_a_script_takes_the_plain_split_exactly_when_the_old_regex_found_nothing(script):
    plain = shell._NEEDS_TOKENS.search(script) is None and not ("$" in script and ("$(" in script or "${" in script))
    assert plain == (_OLD_NEEDS_TOKENS.search(script) is None)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_no_secret_shape_matches_less_than_the_shortest_secret(data):
    for kind, pattern in secrets._VALUE_PATTERNS:
        value = data.draw(st.from_regex(pattern, fullmatch=True), label=kind)
        assert len(value) >= secrets._SHORTEST_SECRET, (kind, value)
        assert secrets.secret_in_value(value) is not None


_OLD_SECRETISH = re.compile("PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|APIKEY|PASSPHRASE|KEY")
_NAME_PARTS = st.sampled_from(["PASS", "BYPASS", "PASSWORD", "KEY", "MONKEY", "API", "TOKEN", "TOKENIZERS", "SECRET", "CREDENTIAL", "FILE", "hf", "Db", "_", "-", "."])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_NAME_PARTS, max_size=5).map("".join))
def test_a_name_is_secret_only_where_the_old_prefilter_also_matched(name):
    if secrets.is_secret_name(name):
        assert _OLD_SECRETISH.search(name.upper())


def test_the_prefilters_still_let_the_secrets_through():
    assert [secrets.is_secret_name(n) for n in ("DB_PASSWORD", "API_KEY", "BYPASS_CACHE", "TOKENIZERS_PARALLELISM", "HF_TOKEN_FILE")] == [True, True, False, False, False]
    assert secrets.secret_in_value("AKIA" + "ABCDEFGHIJKLMNOP") == "AWS access key"
    assert secrets.secret_in_value("https://user:pw@example.com/simple") == "password in URL"
    assert secrets.secret_in_value("https://pypi.org/simple") is None
