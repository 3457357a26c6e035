"""VF401 workdir-not-owned: entries in the working directory belong to neither the runtime user nor root."""
from __future__ import annotations

from dockharden.runtime.observation import CommandOutput
from support.observations import findings, good


def test_workdir_entries_of_another_user():
    listing = ("total 8\ndrwxr-xr-x 1 app app 4096 Jan  2 03:04 .\ndrwxr-xr-x 1 root root 4096 Jan  2 03:04 ..\n"
               "-rw-r--r-- 1 1001 1001 10 Jan  2 03:04 a.py\n-rw-r--r-- 1 root root 10 Jan  2 03:04 b.py\n"
               "lrwxrwxrwx 1 nobody nogroup 4 Jan  2 03:04 my link -> a.py\n")
    seen = good(listing=CommandOutput(("ls", "-la", "/app"), 0, listing))
    assert findings(seen) == [
        ("VF401", 7, "/app: 2 of 3 entries owned by neither app nor root: a.py (1001:1001), my link (nobody:nogroup)")]


def test_the_directory_itself_is_named_and_not_counted_as_an_entry():
    listing = ("drwxr-xr-x 1 1001 1001 4096 Jan  2 03:04 .\ndrwxr-xr-x 1 root root 4096 Jan  2 03:04 ..\n"
               "-rw-r--r-- 1 app app 10 Jan  2 03:04 a.py\n")
    seen = good(listing=CommandOutput(("ls", "-la", "/app"), 0, listing))
    assert findings(seen) == [
        ("VF401", 7, "/app: 0 of 1 entry owned by neither app nor root: the directory itself (1001:1001)")]


def test_workdir_owned_by_uid_without_a_name():
    listing = "drwxr-xr-x 1 1000 1000 4096 Jan  2 03:04 .\n-rw-r--r-- 1 1000 1000 10 Jan  2 03:04 a.py\n"
    seen = good(id=CommandOutput(("id",), 0, "uid=1000 gid=1000 groups=1000\n"),
                listing=CommandOutput(("ls", "-la", "/app"), 0, listing))
    assert findings(seen) == []


def test_workdir_not_judged_for_root():
    listing = "-rw-r--r-- 1 1001 1001 10 Jan  2 03:04 a.py\n"
    seen = good(id=CommandOutput(("id",), 0, "uid=0(root) gid=0(root)\n"), config_user="",
                listing=CommandOutput(("ls", "-la", "/app"), 0, listing))
    assert [code for code, _, _ in findings(seen)] == ["VF101"]
