"""Reading captured outputs, the run command, the health deadline and the CLI's option types."""
from __future__ import annotations

import click
import pytest

from dockharden.cli.verify import Duration, _publish
from dockharden.runtime.observation import HealthTimings, VerifyOptions
from dockharden.knowledge.history import build_args, step_secrets
from dockharden.knowledge.history import is_run_step, shown_step, step_text
from dockharden.runtime.parsing import Identity, ListingEntry, parse_env, parse_id, parse_listing, redact_env
from dockharden.runtime.timing import health_deadline, run_spec


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


@pytest.mark.parametrize(("created_by", "is_run"), [
    ("RUN /bin/sh -c true # buildkit", True), ("/bin/sh -c true", True), ("|1 A=b /bin/sh -c true", True),
    ("RUN |1 A=b /bin/sh -c true # buildkit", True), ("/bin/sh -c #(nop)  ENV A=b", False),
    ("COPY a /b # buildkit", False), ("ENV A=b", False), ("", False),
])
def test_is_run_step(created_by, is_run):
    assert is_run_step(created_by) is is_run


def test_build_args_like_the_image_reader():
    assert build_args("RUN |2 A=1 B=two words /bin/sh -c x") == (("A", "1"), ("B", "two"))
    assert build_args("/bin/sh -c x") == ()


def test_step_text_hides_build_argument_values_and_long_text():
    assert step_text("RUN |1 TOKEN=ghp_x /bin/sh -c chown -R 1000 /app # buildkit") == "RUN chown -R 1000 /app"
    assert step_text("/bin/sh -c " + "x" * 100) == f"RUN {'x' * 55}…"
    assert step_text("/bin/sh -c #(nop)  USER 1000:1000") == "USER 1000:1000"
    assert step_text("RUN /bin/sh -c echo ghp_" + "a" * 36) == ""


def test_shown_step_redacts():
    assert shown_step("RUN |1 TOKEN=ghp_0123 /bin/sh -c make # buildkit") == "RUN |1 TOKEN=******** /bin/sh -c make # buildkit"
    assert shown_step("RUN /bin/sh -c curl https://u:pw@example.com/x") == "[step text hidden: it holds a password in URL]"


def test_secret_reasons_kinds():
    assert step_secrets("ENV A_TOKEN=abc123 B=1") == [("ENV", "A_TOKEN", "ENV A_TOKEN: secret-like name with a literal value")]
    assert step_secrets("LABEL x=1") == []


def test_run_spec_and_the_command_it_shows():
    options = VerifyOptions(publish=(("127.0.0.1", 18000, 8000),), network="bridge",
                            health=HealthTimings(interval=1.0, start_period=0.5, retries=2))
    spec = run_spec("img:1", "c1", options)
    assert (spec.ports, spec.network, spec.labels) == ({"8000/tcp": ("127.0.0.1", 18000)}, "bridge",
                                                       {"io.dockharden.verify": "true"})
    assert spec.healthcheck == {"interval": 1_000_000_000, "start_period": 500_000_000, "retries": 2}
    assert spec.command_line() == (
        "docker run -d --name c1 --network bridge -p 127.0.0.1:18000:8000/tcp --label io.dockharden.verify=true "
        "--health-interval 1s --health-start-period 500ms --health-retries 2 img:1")
    assert run_spec("img:1", "c1", VerifyOptions()).healthcheck == {}


@pytest.mark.parametrize(("check", "health", "timeout", "deadline"), [
    (None, HealthTimings(), None, 0 + 4 * 60 + 5),
    ({"Interval": 30 * 10**9, "Timeout": 10 * 10**9, "StartPeriod": 10 * 10**9, "Retries": 3}, HealthTimings(), None,
     10 + 4 * 40 + 5),
    ({"Interval": 30 * 10**9}, HealthTimings(interval=1, timeout=5, start_period=10), None, 10 + 4 * 6 + 5),
    ({"Interval": 30 * 10**9}, HealthTimings(), 12.5, 12.5),
])
def test_health_deadline(check, health, timeout, deadline):
    assert health_deadline(check, VerifyOptions(timeout=timeout, health=health)) == deadline


@pytest.mark.parametrize(("text", "seconds"), [("1s", 1.0), ("500ms", 0.5), ("1m30s", 90.0), ("2", 2.0), ("1.5s", 1.5)])
def test_durations(text, seconds):
    assert Duration().convert(text, None, None) == seconds


@pytest.mark.parametrize("text", ["", "1x", "s", "1s2", "-1s"])
def test_bad_durations(text):
    with pytest.raises(click.BadParameter):
        Duration().convert(text, None, None)


def test_publish_defaults_to_loopback():
    assert _publish(None, None, ("18000:8000", "0.0.0.0:8080:80")) == (("127.0.0.1", 18000, 8000), ("0.0.0.0", 8080, 80))
    with pytest.raises(click.BadParameter):
        _publish(None, None, ("8000",))
