"""IM603 secret-file-in-image: a layer of the image stores a secret file."""
from __future__ import annotations

from support.archives import directory, file
from support.inspect_support import APP_LAYER, findings


def test_secret_files_present_and_deleted(image_facts):
    key = b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n-----END OPENSSH PRIVATE KEY-----\n"
    added = APP_LAYER + [file("app/.env", b"A=1\n"), file("app/.env.example", b"A=\n"), directory("root"),
                         directory("root/.ssh"), file("root/.ssh/id_ed25519", key), file("app/notes.txt", key)]
    deleted = [directory("root/.ssh"), file("root/.ssh/.wh.id_ed25519")]
    steps = ("COPY . /app # buildkit", "RUN /bin/sh -c rm /root/.ssh/id_ed25519 # buildkit")
    assert findings(image_facts(added, deleted, steps=steps), "IM6") == [
        ("IM603", 3, "/app/.env: dotenv file, added by step 3 (COPY . /app)"),
        ("IM603", 3, "/app/notes.txt: private key, added by step 3 (COPY . /app)"),
        ("IM603", 3, ("/root/.ssh/id_ed25519: SSH private key, added by step 3 (COPY . /app), "
                      "deleted later but still stored in its layer")),
    ]


def test_examples_and_plain_files_pass(image_facts):
    layer = APP_LAYER + [file("app/.env.example", b"A=\n"), file("app/.env.template", b"A=\n"),
                         file("app/notes.txt", b"no key here\n"), file("app/id_rsa.pub", b"ssh-ed25519 AAAA\n")]
    assert findings(image_facts(layer), "IM6") == []
