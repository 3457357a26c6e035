"""IM402 image-files-not-owned: paths under the working directory belong to another user."""
from __future__ import annotations

from support.archives import directory, file
from support.inspect_support import APP_LAYER, findings


def test_files_of_another_user_under_the_workdir(image_facts):
    layer = APP_LAYER + [file("app/stale.py", b"", uid=1001, gid=1001), file("app/old.py", b"", uid=1001, gid=1001)]
    assert findings(image_facts(layer), "IM4") == [
        ("IM402", 0, "/app: 2 of 3 paths owned by 1001:1001, not by the runtime user 1000"),
    ]


def test_root_owned_read_only_code_passes(image_facts):
    layer = [directory("app"), file("app/main.py", b"print(1)\n"), directory("app/models", uid=1000, gid=1000)]
    assert findings(image_facts(layer), "IM4") == []


def test_ownership_is_not_judged_without_a_workdir_or_a_known_user(image_facts):
    foreign = APP_LAYER + [file("app/x.py", b"", uid=1001, gid=1001)]
    assert findings(image_facts(foreign, WorkingDir=None), "IM4") == []
    assert findings(image_facts(foreign, WorkingDir="/srv"), "IM4") == []
    assert findings(image_facts(foreign, User="ghost"), "IM4") == []


def test_ownership_is_not_judged_for_a_root_image(image_facts):
    assert findings(image_facts(User=None), "IM4") == []
