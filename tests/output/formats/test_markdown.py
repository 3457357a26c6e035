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


def test_matrix_marks_a_development_file_and_what_it_need_not_meet():
    patterns = (PatternResult("non_root_user", Status.PASS, "UID 1000"), PatternResult("multi_stage", Status.PASS, "No"),
                PatternResult("no_build_tools", Status.PASS, "build-essential"))
    files = (FileReport("Dockerfile.dev", patterns=patterns, facts=(("development", "its name (Dockerfile.dev)"),)),
             FileReport("Dockerfile", patterns=patterns))
    lines = MATRIX_FORMATS["markdown"](Report(files, ())).splitlines()
    assert lines[2] == ("| `Dockerfile.dev` *(development only: its name (Dockerfile.dev))* | ✅ UID 1000 | ➖ not checked "
                        "| ➖ not checked | ➖ not checked | ✅ No (not required for development) | ➖ not checked "
                        "| ➖ not checked | ✅ build-essential (not required for development) |")
    assert lines[3] == ("| `Dockerfile` | ✅ UID 1000 | ➖ not checked | ➖ not checked | ➖ not checked | ✅ No "
                        "| ➖ not checked | ➖ not checked | ✅ build-essential |")
    assert lines[5:] == ["Legend: ✅ pass · ⚠️ warning · ❌ fail · ➖ not checked", "",
                         "*development only*: a Dockerfile for development, and what says so; Multi-Stage, No Build Tools "
                         "are not required of it (marked \"not required for development\")."]


def test_verify_steps_table_then_findings(verify_report):
    text = FORMATS["markdown"](verify_report)
    assert text == "\n".join([
        "# dockharden findings", "", "1 container, 1 error, 0 warnings", "", "## `app:1`", "",
        "| Step | Checked | Verdict | Seen | Command |",
        "|------|---------|---------|------|---------|",
        "| 1 | Start the container | pass | started; kept running "
        "| `docker run -d --name c1 --network none --label io.dockharden.verify=true app:1` |",
        "| 2 | File ownership in the working directory | not checked | not checked: the image sets no WORKDIR | - |",
        "| 3 | Graceful stop | fail | exit 137 after 10.0 s (stop timeout 10 s) | `docker stop --time 10 c1` |",
        "",
        "| Line | Rule | Severity | Message |", "|------|------|----------|---------|",
        "| 3 | VF701 `ungraceful-stop` | error | exit 137 after 10.0 s: killed \\| not stopped |",
    ]) + "\n"


def test_markdown_goldens(sample_report, golden):
    golden("report.md", FORMATS["markdown"](sample_report))
    golden("matrix.md", MATRIX_FORMATS["markdown"](sample_report))
