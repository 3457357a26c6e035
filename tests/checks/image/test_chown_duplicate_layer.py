"""IM401 chown-duplicate-layer: a layer copies lower files only to change their owner or mode."""
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
