"""IM602 secret-in-history: a history step of the image holds a secret."""
from __future__ import annotations

from support.inspect_support import APP_LAYER, AWS_SECRET, GITHUB_TOKEN, GOOD_ENV, findings


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


def test_steps_without_a_secret_pass(image_facts):
    steps = ({"created_by": "ARG TOKEN", "empty_layer": True},
             {"created_by": "ENV HF_TOKEN_FILE=/run/secrets/hf", "empty_layer": True},
             "RUN |2 APP_VERSION=1.2.3 TOKEN= /bin/sh -c ./build.sh # buildkit")
    assert findings(image_facts(APP_LAYER, steps=steps), "IM6") == []
