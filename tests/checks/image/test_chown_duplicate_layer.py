"""IM401-IM402: chown/chmod duplicate layers, and who owns the working directory."""
from __future__ import annotations

from support.archives import directory, file
from support.inspect_support import APP_LAYER, findings

DATA = b"x" * 5000
COPIED = [directory("app"), file("app/main.py", b"print(1)\n"), file("app/data.bin", DATA)]
CHOWNED = [directory("app", uid=1000, gid=1000), file("app/main.py", b"print(1)\n", uid=1000, gid=1000),
           file("app/data.bin", DATA, uid=1000, gid=1000)]
COPY, CHOWN = "COPY . /app # buildkit", "RUN /bin/sh -c chown -R 1000:1000 /app # buildkit"


def test_copy_with_chown_has_no_duplicate(image_facts):
    assert findings(image_facts(), "IM4") == []


def test_chown_after_copy_duplicates_the_files(image_facts):
    facts = image_facts(COPIED, CHOWNED, steps=(COPY, CHOWN))
    assert findings(facts, "IM4") == [("IM401", 4, (
        "step 4 (RUN chown -R 1000:1000 /app) stores 2 files again only to change owner or mode "
        "(/app/main.py, /app/data.bin): 5.0 kB reclaimable"))]


def test_chmod_after_copy_duplicates_the_files(image_facts):
    chmodded = [directory("app"), file("app/main.py", b"print(1)\n", mode=0o600, uid=1000, gid=1000)]
    copied = [directory("app"), file("app/main.py", b"print(1)\n", uid=1000, gid=1000)]
    facts = image_facts(copied, chmodded, steps=(COPY, "RUN /bin/sh -c chmod 600 /app/main.py # buildkit"))
    assert findings(facts, "IM4") == [("IM401", 4, (
        "step 4 (RUN chmod 600 /app/main.py) stores 1 file again only to change owner or mode (/app/main.py): "
        "9 B reclaimable"))]


def test_rewriting_a_file_is_not_a_duplicate(image_facts):
    rewritten = [directory("app", uid=1000, gid=1000), file("app/main.py", b"print(2)  # new\n", uid=1000, gid=1000)]
    assert findings(image_facts(APP_LAYER, rewritten, steps=(COPY, COPY)), "IM4") == []


def test_a_chown_in_a_classic_builder_history(image_facts):
    facts = image_facts(COPIED, CHOWNED, steps=("/bin/sh -c #(nop) COPY dir:abc in /app ", "/bin/sh -c chown -R 1000 /app"))
    assert [(code, line) for code, line, _ in findings(facts, "IM4")] == [("IM401", 4)]
    assert findings(facts, "IM4")[0][2].startswith("step 4 (RUN chown -R 1000 /app) stores 2 files")


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
