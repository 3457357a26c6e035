from __future__ import annotations

from dockharden.output.formats import FORMATS, MATRIX_FORMATS
from dockharden.core.vocabulary import FileReport, PatternResult, Report, Status

MATRIX_HEADER = (
    "| File | Non-Root User | Health Check | ENV/ARG Config | --chown | Multi-Stage "
    "| No Secrets | Exec Form | No Build Tools |"
)


def test_findings_table_escapes_markdown(sample_report):
    rows = FORMATS["markdown"](sample_report).splitlines()
    assert rows[0] == "# dockharden findings"
    assert (
        '| 7-9 | DH101 `pip-cache-kept` | info | pip install keeps its cache \\| add --no-cache-dir \\<flag\\> & "quote" |'
    ) in rows
    assert "**Not checked:** line 4: unterminated heredoc \\<\\<EOF" in rows
    assert rows[rows.index("## `services/api/Dockerfile`") + 2] == "No findings."


def test_matrix_rows_match_the_specification_table(sample_report):
    lines = MATRIX_FORMATS["markdown"](sample_report).splitlines()
    assert lines[0] == MATRIX_HEADER
    assert lines[1] == "|---|---|---|---|---|---|---|---|---|"
    assert lines[2] == ("| `legacy/Dockerfile` | ❌ root | ⚠️ missing | ✅ Full config | ✅ All COPY | ❌ No "
                        "| ✅ pass | ✅ exec form | ➖ not checked |")
    assert lines[3] == ("| `services/api/Dockerfile` | ✅ UID 1000 | ✅ 30s/10s/5s | ✅ Full config + Gunicorn vars "
                        "| ✅ All COPY | ✅ Yes | ✅ pass | ✅ exec form | ✅ pass |")
    assert lines[4] == "| `broken/Dockerfile.dev` |" + " ➖ not checked |" * 8
    assert lines[6] == "Legend: ✅ pass · ⚠️ warning · ❌ fail · ➖ not checked"
    assert lines[8:] == ["Not checked:", "- `broken/Dockerfile.dev`: line 4: unterminated heredoc \\<\\<EOF"]


def test_matrix_adds_columns_for_extra_patterns_and_escapes_details():
    file = FileReport("img `x`.tar", patterns=(PatternResult("layer_waste", Status.WARN, "a|b"),), kind="image")
    lines = MATRIX_FORMATS["markdown"](Report((file,), ())).splitlines()
    assert lines[0] == MATRIX_HEADER + " layer_waste |"
    assert lines[2] == "| `` img `x`.tar `` |" + " ➖ not checked |" * 8 + " ⚠️ a\\|b |"


def test_markdown_goldens(sample_report, golden):
    golden("report.md", FORMATS["markdown"](sample_report))
    golden("matrix.md", MATRIX_FORMATS["markdown"](sample_report))
