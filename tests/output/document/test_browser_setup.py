"""On a bare machine the browser tests install Debian's chromium and poppler-utils themselves,
saying so (as the engine tests install docker.io); where they cannot, the reason is kept."""
import pytest

from support import browser, engine


@pytest.fixture
def bare(monkeypatch, tmp_path):
    said, installed = [], []
    monkeypatch.setattr(browser, "PACKAGES", {str(tmp_path / "chromium"): "chromium", str(tmp_path / "pdftotext"): "poppler-utils"})
    monkeypatch.setattr(engine, "say", said.append)
    monkeypatch.setattr(engine, "apt_install", lambda *packages: installed.append(packages))
    return said, installed, tmp_path


def test_missing_packages_are_installed_with_visible_progress(bare):
    said, installed, _ = bare
    assert browser.ensure_browser() == browser.CHROMIUM
    assert installed == [("chromium", "poppler-utils")]
    assert said == ["installing chromium and poppler-utils with apt-get for the browser tests (a minute or two)",
                    "chromium and poppler-utils installed"]


def test_only_what_is_missing_is_installed(bare):
    said, installed, folder = bare
    (folder / "chromium").touch()
    browser.ensure_browser()
    assert installed == [("poppler-utils",)]


def test_nothing_to_install_says_nothing(bare):
    said, installed, folder = bare
    (folder / "chromium").touch()
    (folder / "pdftotext").touch()
    browser.ensure_browser()
    assert (said, installed) == ([], [])


def test_a_failed_install_keeps_apt_s_reason(bare, monkeypatch):
    def refuse(*packages):
        raise engine.EngineUnavailable("apt-get install -y chromium failed: E: Unable to locate package chromium")

    monkeypatch.setattr(engine, "apt_install", refuse)
    with pytest.raises(browser.BrowserUnavailable, match="^apt-get install -y chromium failed: E: Unable to locate package chromium$"):
        browser.ensure_browser()
