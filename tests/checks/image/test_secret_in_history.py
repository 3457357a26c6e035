"""IM601-IM603: secrets in the config's Env, in the history, and in files of any layer."""
from __future__ import annotations

import pytest

from dockharden.checks.inspect import check_facts
from support.archives import directory, file
from support.inspect_support import APP_LAYER, findings

GOOD_ENV = ["PATH=/usr/bin:/bin", "PYTHONUNBUFFERED=1", "PYTHONDONTWRITEBYTECODE=1"]
GITHUB_TOKEN = "ghp_" + "A1b2C3d4E5" * 3 + "f6G7h8"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


@pytest.mark.parametrize(("env", "expected"), [
    ([f"AWS_SECRET_ACCESS_KEY={AWS_SECRET}"], ["Env AWS_SECRET_ACCESS_KEY: secret-like name with a literal value"]),
    ([f"SOME_SETTING={GITHUB_TOKEN}"], ["Env SOME_SETTING: value looks like a GitHub token"]),
    (["DATABASE_URL=postgres://app:hunter2@db/app"], ["Env DATABASE_URL: value looks like a password in URL"]),
    (["TOKENIZERS_PARALLELISM=false", "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
      "HF_TOKEN_FILE=/run/secrets/hf", "API_KEY=$API_KEY", "TOKEN_EXPIRY=3600"], []),
])
def test_secret_in_env(image_facts, env, expected):
    assert findings(image_facts(Env=GOOD_ENV + env), "IM6") == [("IM601", 0, message) for message in expected]


def test_build_argument_in_a_run_step(image_facts):
    step = "RUN |2 TOKEN=abc123secret MODE=fast /bin/sh -c ./build.sh # buildkit"
    facts = image_facts(APP_LAYER, steps=(step,))
    assert findings(facts, "IM6") == [("IM602", 3, "step 3: build argument TOKEN: secret-like name with a literal value")]


def test_classic_builder_build_argument(image_facts):
    facts = image_facts(APP_LAYER, steps=({"created_by": "/bin/sh -c #(nop)  ARG TOKEN", "empty_layer": True},
                                          "|1 TOKEN=abc123secret /bin/sh -c echo done"))
    assert findings(facts, "IM6") == [("IM602", 4, "step 4: build argument TOKEN: secret-like name with a literal value")]


def test_env_step_reported_once(image_facts):
    """An ENV secret still in the final Env is IM601's; one overwritten later is only in the history."""
    steps = ({"created_by": f"ENV AWS_SECRET_ACCESS_KEY={AWS_SECRET}", "empty_layer": True},
             {"created_by": f"/bin/sh -c #(nop)  ENV GITHUB_PAT={GITHUB_TOKEN}", "empty_layer": True},
             {"created_by": "ENV GITHUB_PAT=", "empty_layer": True}, "COPY . /app # buildkit")
    facts = image_facts(APP_LAYER, steps=steps, Env=GOOD_ENV + [f"AWS_SECRET_ACCESS_KEY={AWS_SECRET}", "GITHUB_PAT="])
    assert findings(facts, "IM6") == [
        ("IM601", 0, "Env AWS_SECRET_ACCESS_KEY: secret-like name with a literal value"),
        ("IM602", 4, "step 4: ENV GITHUB_PAT: value looks like a GitHub token"),
    ]


def test_arg_default_and_credential_shaped_text(image_facts):
    steps = ({"created_by": "ARG DB_PASSWORD=hunter2hunter2", "empty_layer": True},
             f"RUN /bin/sh -c git clone https://{GITHUB_TOKEN}@github.com/org/repo # buildkit")
    assert findings(image_facts(APP_LAYER, steps=steps), "IM6") == [
        ("IM602", 3, "step 3: ARG DB_PASSWORD: secret-like name with a literal value"),
        ("IM602", 4, "step 4: the step's text holds a GitHub token"),
    ]


def test_secret_values_never_reach_a_message(image_facts):
    steps = (f"RUN |1 GH={GITHUB_TOKEN} /bin/sh -c chown -R 1000 /app # buildkit",)
    copied = [directory("app"), file("app/main.py", b"print(1)\n")]
    chowned = [directory("app", uid=1000), file("app/main.py", b"print(1)\n", uid=1000)]
    facts = image_facts(copied, chowned, steps=("COPY . /app # buildkit", *steps),
                        Env=GOOD_ENV + [f"AWS_SECRET_ACCESS_KEY={AWS_SECRET}"])
    messages = [f.message for f in check_facts(facts, "image.tar").findings]
    assert not [m for m in messages if GITHUB_TOKEN in m or AWS_SECRET in m]
    assert "step 4 (RUN chown -R 1000 /app) stores 1 file again" in " ".join(messages)


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
