"""Engine fixtures for the verify tests: the catalog images and the templates from `new`, each built once."""
from __future__ import annotations

import pytest

from verify_support import VerifyLab


@pytest.fixture(scope="session")
def verify_lab(docker_engine, tmp_path_factory):
    lab = VerifyLab(docker_engine, tmp_path_factory.mktemp("verify-lab"))
    yield lab
    lab.close()
