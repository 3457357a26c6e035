"""DH104 uid-mismatch: the final USER's UID is known and is not the required one."""
from dockharden.checks.dockerfile import uid_mismatch
from support.lintcase import flagged, rule_tests

PASSES = {
    "uid-1000": """
        FROM python:3.12-slim
        USER 1000:1000
    """,
    "created-with-1000": """
        FROM python:3.12-slim
        RUN useradd -u 1000 app
        USER app
    """,
    "unknown-uid-is-another-rule": """
        FROM python:3.12-slim
        USER app
    """,
    "root-is-another-rule": """
        FROM python:3.12-slim
        USER 0
    """,
}

FLAGS = {
    "uid-1001": ("""
        FROM python:3.12-slim
        USER 1001
    """, [2]),
    "created-with-another-uid": ("""
        FROM python:3.12-slim
        RUN useradd -r -m -u 999 app
        USER app
    """, [3]),
}

test_passes, test_flagged = rule_tests(uid_mismatch, PASSES, FLAGS)


def test_required_uid_comes_from_settings():
    text = """
        FROM python:3.12-slim
        USER 1001
    """
    assert flagged(text, uid_mismatch, required_uid=1001) == []
    assert flagged(text, uid_mismatch, required_uid=2000) == [("DH104", 2)]


def test_the_message_says_the_uid_is_not_root_and_how_to_require_it():
    from support.lintcase import report
    text = "FROM python:3.12-slim\nRUN groupadd -g 997 svc && useradd -u 997 -g svc svc\nUSER svc\n"
    (found,) = [f for f in report(text).findings if f.rule.code == "DH104"]
    assert (found.line, found.message) == (3, "the final user has UID 997, which is not root but is not the required UID 1000: "
                                              "use USER 1000:1000, or, if 997 is what volumes and deployments are written for, "
                                              "set required-uid = 997 (.dockharden.toml) or --required-uid 997")
