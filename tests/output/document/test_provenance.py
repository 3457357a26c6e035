"""The generation time comes from SOURCE_DATE_EPOCH, else the clock; the block names what was in force."""
import datetime as dt
from dataclasses import replace

import pytest
from support.document_evidence import image_details, sample_context, sample_evidence

from dockharden.checks.evidence.records import Evidence
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import Severity
from dockharden.output.document.provenance import generation_time, section

CLOCK = dt.datetime(2030, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc)


def test_source_date_epoch_wins_over_the_clock():
    assert generation_time({"SOURCE_DATE_EPOCH": "1767323045"}, lambda: CLOCK) == (
        dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc), "SOURCE_DATE_EPOCH")
    assert generation_time({}, lambda: CLOCK) == (CLOCK, "the clock")
    assert generation_time({"SOURCE_DATE_EPOCH": " "}, lambda: CLOCK) == (CLOCK, "the clock")


@pytest.mark.parametrize("value", ["-1", "12.5", "yesterday"])
def test_a_source_date_epoch_that_is_not_seconds_is_an_error(value):
    with pytest.raises(ValueError, match=f"SOURCE_DATE_EPOCH='{value}' is not a number of seconds since 1970-01-01 UTC"):
        generation_time({"SOURCE_DATE_EPOCH": value}, lambda: CLOCK)


def _rows(text):
    return [line for line in text.splitlines() if line.startswith("| ")]


def test_settings_in_force_and_the_engine_and_images():
    settings = Settings(threshold=Severity.ERROR, disabled=frozenset({"DH905", "DH103"}), enabled=frozenset({"DH950"}),
                        required_uid=10001, required_env=("PYTHONUNBUFFERED",), target="runtime")
    text = section(sample_evidence(), sample_context(settings=settings, config_file="/repo/.dockharden.toml"))
    assert _rows(text) == [
        "| Item | Value |",
        "| Generated | 2026-01-02 03:04:05 UTC (from SOURCE_DATE_EPOCH) |",
        "| dockharden | 0.1.0 (pure Python) |",
        "| Command line | `dockharden report app --verify app:1` |",
        "| Threshold | error (findings of this severity or worse fail the report) |",
        "| Required UID | 10001 |",
        "| Required ENV | `PYTHONUNBUFFERED` |",
        "| Disabled rules | `DH103`, `DH905` |",
        "| Optional rules enabled | `DH950` |",
        "| Build stage checked | `runtime` |",
        "| Configuration file | `/repo/.dockharden.toml` |",
        "| Docker Engine | 20.10.24+dfsg1, API 1.41, linux/amd64 |",
        "| Image | Digest or ID | Platform | Created | Size (as Docker reports it) |",
        f"| `app:1` | `registry.example/app@sha256:{'cd' * 32}` | linux/amd64 | 2026-01-01T00:00:00Z | 284.6 MB (284,600,000 bytes) |",
    ]


def test_an_image_read_from_a_file_has_its_id_and_no_docker_size():
    archive = replace(image_details(), reference="app.tar", repo_digests=(), docker_size=None, platform="", created="")
    text = section(Evidence(image_details=(archive,)), sample_context())
    assert "| Docker Engine | not used |" in text
    assert f"| `app.tar` | ID `sha256:{'ab' * 32}` | not recorded | not recorded | not from Docker (read from a file) |" in text
    assert "| Configuration file | none found (defaults) |" in text
