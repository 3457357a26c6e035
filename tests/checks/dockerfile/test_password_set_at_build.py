"""DH606 password-set-at-build: a RUN of a shipped stage sets an account's password
(LibreTranslate's root-with-sshd `echo root:... | chpasswd`, gpt4free's user named password)."""
import pytest

from dockharden.checks.dockerfile import password_set_at_build
from dockharden.core.vocabulary import Severity
from support.lintcase import report, rule_tests

PASSES = {
    "password-removed": "FROM debian:12\nRUN useradd -m app && passwd -d app\nCMD [\"app\"]\n",
    "account-locked": "FROM debian:12\nRUN passwd -l root\nCMD [\"app\"]\n",
    "usermod-lock-hash": "FROM debian:12\nRUN usermod -p '!' app\nCMD [\"app\"]\n",
    "useradd-star": "FROM debian:12\nRUN useradd -m -p '*' app\nCMD [\"app\"]\n",
    "useradd-without-password": "FROM debian:12\nRUN useradd -m -u 1000 app\nCMD [\"app\"]\n",
    "passwd-status": "FROM debian:12\nRUN passwd -S root\nCMD [\"app\"]\n",
    "openssl-passwd-alone": "FROM debian:12\nRUN openssl passwd -6 x > /tmp/h\nCMD [\"app\"]\n",
    "x11vnc-runs": "FROM debian:12\nRUN x11vnc -version\nCMD [\"app\"]\n",
    "in-a-builder-that-does-not-ship": """
        FROM debian:12 AS build
        RUN echo 'root:x' | chpasswd
        FROM debian:12-slim
        COPY --from=build /out /out
        CMD ["app"]
    """,
}

FLAGS = {
    "chpasswd-root": ('FROM debian:12\nARG root_password\nRUN echo "root:${root_password}" | chpasswd\nCMD ["app"]\n', [3]),
    "chpasswd-hash": ("FROM debian:12\nRUN echo 'app:$6$salt$hash' | chpasswd -e\nCMD [\"app\"]\n", [2]),
    "user-named-password": ('FROM debian:12\nARG U=g4f\nRUN useradd -m $U \\\n && echo "${U}:${U}" | chpasswd\nCMD ["app"]\n', [4]),
    "passwd-stdin": ("FROM fedora:40\nRUN echo secret | passwd --stdin app\nCMD [\"app\"]\n", [2]),
    "passwd-fed-by-a-pipe": ("FROM debian:12\nRUN printf 'x\\nx\\n' | passwd root\nCMD [\"app\"]\n", [2]),
    "useradd-p": ("FROM debian:12\nRUN useradd -m -p $(openssl passwd -1 rhea) rhea\nCMD [\"app\"]\n", [2]),
    "usermod-password": ("FROM debian:12\nRUN usermod --password '$6$s$h' app\nCMD [\"app\"]\n", [2]),
    "x11vnc-storepasswd": ("FROM debian:12\nRUN x11vnc -storepasswd secret /home/app/.vncpass\nCMD [\"app\"]\n", [2]),
    "one-finding-per-run": ("FROM debian:12\nRUN echo 'a:x' | chpasswd && echo 'b:y' | chpasswd\nCMD [\"app\"]\n", [2]),
    "in-a-stage-the-final-one-is-built-on": ("""
        FROM debian:12 AS base
        RUN echo 'root:x' | chpasswd
        FROM base
        CMD ["app"]
    """, [2]),
}

test_passes, test_flagged = rule_tests(password_set_at_build, PASSES, FLAGS)


def _findings(text):
    return [(f.line, f.rule.severity, f.message) for f in report(text).findings if f.rule.code == "DH606"]


def test_the_message_names_whose_password_and_what_to_do():
    assert _findings(FLAGS["chpasswd-root"][0]) == [(3, Severity.ERROR, (
        "chpasswd sets the password of root at build time: every container of the image has the same one, and anyone "
        "who pulls the image can read its hash in /etc/shadow; set it when the container starts, from a secret, or use keys"))]


@pytest.mark.parametrize("case, what", [
    ("chpasswd-hash", "chpasswd sets the password of app"),
    ("user-named-password", "chpasswd sets the password of g4f"),
    ("passwd-stdin", "passwd sets the password of app"),
    ("passwd-fed-by-a-pipe", "passwd sets the password of root"),
    ("useradd-p", "useradd -p sets the password of rhea"),
    ("usermod-password", "usermod -p sets the password of app"),
])
def test_each_setter_says_whose_password(case, what):
    ((_, _, message),) = _findings(FLAGS[case][0])
    assert message.split(" at build time", 1)[0] == what


def test_several_users_of_one_chpasswd_are_named():
    ((_, _, message),) = _findings("FROM debian:12\nRUN printf 'a:x\\nb:y\\n' | chpasswd\nCMD [\"app\"]\n")
    assert message.startswith("chpasswd sets the passwords of a, b at build time: ")


def test_vnc_password_file_is_said_to_only_obscure_it():
    ((_, _, message),) = _findings(FLAGS["x11vnc-storepasswd"][0])
    assert message.startswith("x11vnc -storepasswd sets the VNC password at build time: ")
    assert "can read it back (x11vnc's file only obscures it);" in message


def test_root_login_over_ssh_is_told():
    text = """FROM debian:12
RUN apt-get install -y --no-install-recommends openssh-server \\
 && echo 'root:pw' | chpasswd \\
 && sed -i 's/^#?\\(PermitRootLogin\\) .*$/\\1 yes/' /etc/ssh/sshd_config
CMD ["/usr/sbin/sshd", "-D"]
"""
    ((_, _, message),) = _findings(text)
    assert message.startswith(
        "chpasswd sets the password of root at build time (and sshd_config lets root log in with it: PermitRootLogin yes): ")


@pytest.mark.parametrize("user, config", [
    ("app", "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config"),
    ("rootless", "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config"),
    ("root", "sed -i 's/PermitRootLogin yes/PermitRootLogin no/' /etc/ssh/sshd_config"),
    ("root", "sed -i 's/^#PermitRootLogin .*/PermitRootLogin prohibit-password/' /etc/ssh/sshd_config"),
])
def test_root_login_is_told_only_of_root_when_sshd_takes_it(user, config):
    text = f"FROM debian:12\nRUN echo '{user}:pw' | chpasswd && {config}\nCMD [\"app\"]\n"
    ((_, _, message),) = _findings(text)
    assert message.startswith(f"chpasswd sets the password of {user} at build time: ")


def test_info_on_a_development_image():
    ((line, severity, message),) = _findings("FROM debian:12\nRUN echo 'root:x' | chpasswd\nCMD [\"sleep\", \"infinity\"]\n")
    assert (line, severity) == (2, Severity.INFO) and "(info: " in message
