from __future__ import annotations

from pathlib import Path

from dockharden.core.vocabulary import Safety
from dockharden.core.vocabulary import Rule, Severity
from dockharden.output.docs import doc_section, main, render_index, render_peers, render_rule_doc, stale_docs, write_docs

from .conftest import MISSING_HEALTHCHECK, PIP_CACHE, ROOT_USER, SAMPLE_RULES


def test_rule_page_header_then_dedented_docs():
    page = render_rule_doc(ROOT_USER, Safety.UNSAFE).splitlines()
    assert page[:9] == [
        "# DH001: root-user",
        "",
        "The final stage runs as root.",
        "",
        "- Pattern: Non-Root User (`non_root_user`)",
        "- Severity: error",
        "- Fix: unsafe (`dockharden fix --unsafe`)",
        "",
        "## What it does",
    ]
    assert page[-2:] == ['CMD ["python", "app.py"]', "```"]


def test_rule_without_pattern_or_docs():
    page = render_rule_doc(PIP_CACHE.__class__(**{**PIP_CACHE.__dict__, "docs": ""}))
    assert page == (
        "# DH101: pip-cache-kept\n\npip install keeps its download cache | in the image.\n\n"
        "- Pattern: none (general hardening)\n- Severity: info\n- Fix: not available\n"
    )


def test_fix_label_names_the_safety_and_the_command():
    assert render_rule_doc(ROOT_USER, Safety.SAFE).splitlines()[6] == "- Fix: safe (`dockharden fix`)"
    assert render_rule_doc(ROOT_USER).splitlines()[6] == "- Fix: not available"


def test_index_says_each_rules_fix_safety():
    index = render_index(SAMPLE_RULES, {"DH001": Safety.UNSAFE, "DH040": Safety.SAFE}).splitlines()
    assert [line.split(" | ")[4] for line in index[6:]] == ["unsafe", "no", "safe", "no"]


def test_doc_section_reads_one_section():
    assert doc_section(ROOT_USER.docs, "Why is this bad?") == (
        "A process running as root in the container is root on the host once it escapes."
    )
    assert doc_section(ROOT_USER.docs, "Fix safety") == ""


def test_index_is_sorted_by_code_and_escapes_pipes():
    index = render_index(reversed(SAMPLE_RULES), {}).splitlines()
    assert [line.split(" | ")[0] for line in index[6:]] == [
        "| [DH001](DH001.md)", "| [DH010](DH010.md)", "| [DH040](DH040.md)", "| [DH101](DH101.md)"
    ]
    assert index[-1] == (
        "| [DH101](DH101.md) | pip-cache-kept | — | info | no "
        "| pip install keeps its download cache \\| in the image. |"
    )


def test_write_docs_writes_only_what_changed_and_removes_stale(tmp_path: Path):
    out = tmp_path / "rules"
    first = write_docs(SAMPLE_RULES, {}, out)
    assert sorted(path.name for path in first) == ["DH001.md", "DH010.md", "DH040.md", "DH101.md", "PEERS.md", "README.md"]
    assert write_docs(SAMPLE_RULES, {}, out) == []
    (out / "DH999.md").write_text("old rule\n", encoding="utf-8")
    (out / "DH010.md").write_text("edited by hand\n", encoding="utf-8")
    assert stale_docs(SAMPLE_RULES, {}, out) == ["DH010.md", "DH999.md"]
    assert write_docs(SAMPLE_RULES, {}, out) == [out / "DH010.md", out / "DH999.md"]
    assert not (out / "DH999.md").exists()
    assert (out / "DH010.md").read_text(encoding="utf-8") == render_rule_doc(MISSING_HEALTHCHECK)


def test_docs_goldens(golden):
    golden("DH001.md", render_rule_doc(ROOT_USER, Safety.UNSAFE))
    golden("rules-index.md", render_index(SAMPLE_RULES, {"DH001": Safety.UNSAFE}))


def test_main_writes_then_checks(tmp_path: Path, monkeypatch, capsys):
    # Stands in for the real rules so the entry point is tested apart from them.
    monkeypatch.setattr("dockharden.output.docs._rules_and_fixes", lambda: (SAMPLE_RULES, {}))
    out = tmp_path / "rules"
    assert main([str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"updated {out / 'DH001.md'}"
    assert main(["--check", str(out)]) == 0
    (out / "README.md").write_text("hand edit\n", encoding="utf-8")
    assert main(["--check", str(out)]) == 1
    assert capsys.readouterr().out == f"{out / 'README.md'}: stale, run python -m dockharden.output.docs\n"


PEERED = Rule("DH909", "apt-recommends-installed", None, Severity.WARNING, "apt installs Recommends.",
              "## What it does\nFinds apt-get install without --no-install-recommends.", peers=("DL3015", "DS-0029"))
OPTIONAL = Rule("DH926", "unpinned-system-package", None, Severity.INFO, "An OS package has no version.", "",
                peers=("DL3008", "CKV_DOCKER_7"), optional=True)


def test_rule_page_names_the_peers_and_whether_the_rule_is_optional():
    page = render_rule_doc(PEERED).splitlines()
    assert page[5:8] == ["- Severity: warning", "- Fix: not available", "- Peers: DL3015 (hadolint), DS-0029 (trivy)"]
    assert render_rule_doc(OPTIONAL).splitlines()[5] == (
        "- Severity: info (optional: off unless the configuration's `enable` names it)"
    )
    assert not any(line.startswith("- Peers") for line in render_rule_doc(ROOT_USER).splitlines())


def test_peers_page_lists_each_peer_id_under_its_tool_with_the_rules_that_cover_it():
    page = render_peers([OPTIONAL, PEERED, ROOT_USER]).splitlines()
    hadolint = page.index("## hadolint (suppressed by `# hadolint ignore=`)")
    assert page[hadolint + 3 : hadolint + 7] == [
        "|---|---|",
        "| DL3008 | [DH926](DH926.md) unpinned-system-package |",
        "| DL3015 | [DH909](DH909.md) apt-recommends-installed |",
        "",
    ]
    assert "| DS-0029 | [DH909](DH909.md) apt-recommends-installed |" in page
    assert "| CKV_DOCKER_7 | [DH926](DH926.md) unpinned-system-package |" in page
    assert "## BuildKit" not in page, "a tool no rule maps to has no section"
