"""runtime/parsing.py: reading what the commands run in the container printed."""
from __future__ import annotations

import pytest

from dockharden.runtime.parsing import Identity, ListingEntry, parse_env, parse_id, parse_listing, redact_env


@pytest.mark.parametrize(("output", "identity"), [
    ("uid=1000(app) gid=1000(app) groups=1000(app)\n", Identity(1000, "app", 1000, "app")),
    ("uid=1000 gid=0(root) groups=0(root)\n", Identity(1000, None, 0, "root")),
    ("uid=0(root) gid=0(root)", Identity(0, "root", 0, "root")),
    ("id: cannot find name for user ID 7\n", None),
])
def test_parse_id(output, identity):
    assert parse_id(output) == identity


def test_parse_env_keeps_values_with_equals_and_skips_junk():
    assert parse_env("A=1\nURL=http://x/?a=b\n\nnot a line\nEMPTY=\n") == {"A": "1", "URL": "http://x/?a=b", "EMPTY": ""}


def test_parse_listing_gnu_and_busybox():
    gnu = ("total 8\ndrwxr-xr-x 1 app  app  4096 Jan  2 03:04 .\ndrwxr-xr-x 1 root root 4096 Jan  2 03:04 ..\n"
           "-rw-r--r-- 1 app  app   312 Jan  2  2024 file with spaces.py\nlrwxrwxrwx 1 root root 7 Jan  2 03:04 l -> target\n")
    assert parse_listing(gnu) == (
        ListingEntry("drwxr-xr-x", "app", "app", "."),
        ListingEntry("-rw-r--r--", "app", "app", "file with spaces.py"),
        ListingEntry("lrwxrwxrwx", "root", "root", "l"),
    )
    busybox = "drwxr-sr-x    2 1000     1000          4096 Jan  2 03:04 models\n"
    assert parse_listing(busybox) == (ListingEntry("drwxr-sr-x", "1000", "1000", "models"),)


def test_redact_env_hides_only_secret_values():
    text = "API_KEY=abc123def456\nTOKENIZERS_PARALLELISM=false\nPATH=/bin\n"
    assert redact_env(text) == "API_KEY=********\nTOKENIZERS_PARALLELISM=false\nPATH=/bin\n"
