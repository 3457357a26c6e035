"""shared.py: how image rules name the history step that made a layer, its text left out when it
may hold a secret."""
from __future__ import annotations

from dockharden.checks.inspect import check_facts
from support.archives import directory, file
from support.inspect_support import AWS_SECRET, GITHUB_TOKEN, GOOD_ENV


def test_secret_values_never_reach_a_message(image_facts):
    steps = (f"RUN |1 GH={GITHUB_TOKEN} /bin/sh -c chown -R 1000 /app # buildkit",)
    copied = [directory("app"), file("app/main.py", b"print(1)\n")]
    chowned = [directory("app", uid=1000), file("app/main.py", b"print(1)\n", uid=1000)]
    facts = image_facts(copied, chowned, steps=("COPY . /app # buildkit", *steps),
                        Env=GOOD_ENV + [f"AWS_SECRET_ACCESS_KEY={AWS_SECRET}"])
    messages = [f.message for f in check_facts(facts, "image.tar").findings]
    assert not [m for m in messages if GITHUB_TOKEN in m or AWS_SECRET in m]
    assert "step 4 (RUN chown -R 1000 /app) stores 1 file again" in " ".join(messages)
