"""What the report keeps of each check beyond its findings: an image's identity as read and as the
engine reports it, the engine's version, and why a Dockerfile is for development (its stated rule)."""
from __future__ import annotations

import pytest

from support.archives import simple_image

from dockharden.checks.evidence.collect import dockerfile_evidence, engine_details, engine_info, inspect_all
from dockharden.checks.evidence.records import EngineInfo, ImageDetails
from dockharden.core.settings import Settings
from dockharden.runtime.engine import EngineError

ATTRS = {"Id": "sha256:" + "12" * 32, "RepoDigests": ["example/app@sha256:" + "34" * 32], "Os": "linux", "Architecture": "arm64",
         "Variant": "v8", "Created": "2026-01-02T03:04:05.123Z", "Size": 284510372, "Config": {"Labels": {"b": "2", "a": "1"}}}


class FakeEngine:
    def __init__(self, attrs=None, version=None):
        self.attrs, self.server = attrs, version

    def version(self):
        if self.server is None:
            raise EngineError("version: refused")
        return self.server

    def inspect_image(self, reference):
        if self.attrs is None:
            raise EngineError(f"image {reference}: not found on the Docker engine")
        return self.attrs


def test_no_images_no_details():
    assert inspect_all([], Settings(), None) == ((), ())


def test_archive_details_come_from_the_file(tmp_path):
    from dockharden.image import read_facts

    archive = tmp_path / "app.tar"
    archive.write_bytes(simple_image().tar())
    facts = read_facts(str(archive))
    reports, details = inspect_all([str(archive)], Settings(), None)
    assert [r.path for r in reports] == [str(archive)]
    assert details == (ImageDetails(str(archive), facts.image_id, (), "linux/amd64", "", None, facts.total_size, facts.reclaimable_bytes, ()),)
    assert facts.image_id.startswith("sha256:") and facts.total_size > 0


def test_an_unreadable_image_has_a_report_and_no_details(tmp_path):
    reports, details = inspect_all([str(tmp_path / "missing.tar")], Settings(), None)
    assert [(r.path, r.error) for r in reports] == [(str(tmp_path / "missing.tar"), "no such file or directory")]
    assert details == ()


def test_inspect_all_keeps_the_facts_it_read_for_verify(tmp_path):
    archive, missing = tmp_path / "app.tar", str(tmp_path / "missing.tar")
    archive.write_bytes(simple_image().tar())
    kept: dict = {}
    inspect_all([str(archive), missing], Settings(), None, kept)
    assert list(kept) == [str(archive)]
    assert kept[str(archive)].image_id.startswith("sha256:") and kept[str(archive)].files_read


def test_images_that_only_ran_are_identified_by_the_engine():
    (found,) = engine_details(["app:1"], FakeEngine(ATTRS))
    assert found == ImageDetails("app:1", ATTRS["Id"], (ATTRS["RepoDigests"][0],), "linux/arm64/v8", "2026-01-02T03:04:05.123Z",
                                 284510372, None, None, (("a", "1"), ("b", "2")))
    assert engine_details(["app:1"], FakeEngine(None)) == ()
    assert engine_details(["app:1"], None) == ()


@pytest.mark.parametrize(("server", "info"), [
    ({"Version": "20.10.24+dfsg1", "ApiVersion": "1.41", "Os": "linux", "Arch": "amd64"}, EngineInfo("20.10.24+dfsg1", "1.41", "linux/amd64")),
    ({"Version": "28.2.2", "ApiVersion": "1.50"}, EngineInfo("28.2.2", "1.50", "")),
    (None, None),
])
def test_engine_info_as_docker_version_shows_it(server, info):
    assert engine_info(FakeEngine(version=server)) == info


def test_no_engine_no_info():
    assert engine_info(None) is None


@pytest.mark.parametrize(("name", "text", "config", "reason"), [
    ("Dockerfile.dev", "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n", (), "its name (Dockerfile.dev)"),
    ("Dockerfile", "# dockharden: development\nFROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n", (), "its # dockharden pragma says so"),
    ("Dockerfile.web", "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n", (("Dockerfile.web", "development"),),
     "the configuration says so"),  # a glob relative to the repository (here the Dockerfile's own folder)
    ("Dockerfile", "FROM python:3.12-slim\nCMD [\"uvicorn\", \"main:app\", \"--reload\"]\n", (), None),
    ("Dockerfile", "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n", (), ""),
])
def test_development_files_by_the_stated_rule(tmp_path, name, text, config, reason):
    path = tmp_path / "svc" / name
    path.parent.mkdir()
    path.write_text(text)
    found = dockerfile_evidence(path, Settings(purposes=config), f"svc/{name}")
    if reason is None:  # a development server: the reason names the command
        assert found.development and found.development_reason.startswith("its command is a development server")
        return
    assert (found.development, found.development_reason) == (bool(reason), reason)
