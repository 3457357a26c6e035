"""DH801 build-tools-in-final: compilers and headers installed in the final stage's lineage."""
from dockharden.checks.dockerfile import build_tools_in_final
from support.lintcase import report, rule_tests

PASSES = {
    "apk-virtual-group-removed": """
        FROM python:3.12-alpine
        RUN apk add --no-cache --virtual .build-deps gcc musl-dev \\
            && pip install --no-cache-dir psycopg2 \\
            && apk del .build-deps
    """,
    "apk-t-group-removed": """
        FROM python:3.12-alpine
        RUN apk add --no-cache -t .build-deps gcc && pip install --no-cache-dir x && apk del .build-deps
    """,
    "apk-virtual-equals": """
        FROM python:3.12-alpine
        RUN apk add --no-cache --virtual=.build-deps gcc && pip install --no-cache-dir x && apk del .build-deps
    """,
    "apt-purged-in-the-same-run": """
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y gcc && pip install --no-cache-dir x \\
            && apt-get purge -y --auto-remove gcc && rm -rf /var/lib/apt/lists/*
    """,
    "dnf-autoremove-names-the-build-packages": """
        FROM registry.access.redhat.com/ubi9
        RUN BUILD="gcc openssl-devel" && dnf -y install python3.12 ${BUILD} \\
            && python3.12 -m pip install --no-cache-dir x && dnf -y autoremove ${BUILD} && dnf clean all
    """,
    "yum-erase-in-the-same-run": """
        FROM rockylinux:9
        RUN yum -y install gcc make && make -C /src && yum -y erase gcc make && yum clean all
    """,
    "builder-only": """
        FROM python:3.12-slim AS builder
        RUN apt-get update && apt-get install -y build-essential
        FROM python:3.12-slim
        COPY --from=builder /opt/venv /opt/venv
    """,
    "runtime-libraries": """
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends libpq5 libgomp1
    """,
    "pip-package-named-like-a-tool": """
        FROM python:3.12-slim
        RUN pip install --no-cache-dir cmake
    """,
}

FLAGS = {
    "gcc": ("""
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y gcc
    """, [2]),
    "build-essential-on-its-own-line": ("""
        FROM python:3.12-slim
        RUN apt-get update && \\
            apt-get install -y --no-install-recommends \\
              build-essential \\
            && rm -rf /var/lib/apt/lists/*
    """, [3]),
    "dev-headers-and-versioned-gcc": ("""
        FROM python:3.12-slim
        RUN apt-get install -y libpq-dev gcc-12
    """, [2]),
    "dnf-autoremove-of-other-packages": ("""
        FROM registry.access.redhat.com/ubi9
        RUN dnf -y install gcc vim-minimal && dnf -y autoremove vim-minimal && dnf clean all
    """, [2]),
    "alpine-build-base": ("""
        FROM python:3.12-alpine
        RUN apk add --no-cache build-base
    """, [2]),
    "removed-only-in-a-later-run": ("""
        FROM python:3.12-alpine
        RUN apk add --no-cache --virtual .build-deps gcc
        RUN apk del .build-deps
    """, [2]),
    "package-outside-the-removed-group": ("""
        FROM python:3.12-alpine
        RUN apk add --virtual .b gcc && apk add --no-cache libpq-dev && apk del .b
    """, [2]),
    "installed-in-the-parent-stage": ("""
        FROM python:3.12-slim AS base
        RUN apt-get install -y gcc
        FROM base
    """, [2]),
}

test_passes, test_flagged = rule_tests(build_tools_in_final, PASSES, FLAGS)


def test_matrix_detail_lists_the_tools_left_in_the_image():
    (pattern,) = [p for p in report(FLAGS["dev-headers-and-versioned-gcc"][0]).patterns if p.pattern == "no_build_tools"]
    assert (pattern.status.value, pattern.detail, pattern.lines) == ("fail", "gcc-12, libpq-dev", (2,))


def _judged(text):
    return [(f.line, f.rule.severity.label, f.message) for f in report(text).findings if f.rule.code == "DH801"]


def test_recommends_of_python3_pip_bring_build_essential():
    text = "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN apt-get update && apt-get install -y python3-venv python3-pip && rm -rf /var/lib/apt/lists/*\n"
    (line, severity, message), = _judged(text)
    assert (line, severity) == (2, "error")
    assert message == ("build tools in the final image: build-essential (recommended by python3-pip; add --no-install-recommends), "
                       "python3-dev (recommended by python3-pip; add --no-install-recommends)")


def test_pip_is_the_name_python3_pip_provides():
    text = "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3 pip ffmpeg && rm -rf /var/lib/apt/lists/*\n"
    (line, severity, message), = _judged(text)
    cause = "recommended by python3-pip, which apt installs for pip; add --no-install-recommends"
    assert (line, severity, message) == (2, "error", f"build tools in the final image: build-essential ({cause}), python3-dev ({cause})")
    assert _judged("FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends pip\n") == []
    assert _judged("FROM ubuntu:24.04\nRUN apt-get install -y pip && apt-get purge -y pip\n") == []
    assert _judged("FROM python:3.12-alpine\nRUN apk add pip\n") == []


def test_no_recommends_however_said():
    for flag in ("--no-install-recommends", "-o APT::Install-Recommends=false", "--install-recommends=no"):
        assert _judged(f"FROM ubuntu:24.04\nRUN apt-get install -y {flag} python3-pip\n") == []
    configured = "FROM ubuntu:24.04\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/01norec\nRUN apt-get install -y python3-pip\n"
    assert _judged(configured) == []


def test_dkms_depends_on_gcc_even_without_recommends():
    (_, _, message), = _judged("FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends dkms\n")
    assert message == "build tools in the final image: gcc (a dependency of dkms), make (a dependency of dkms)"


def test_the_saved_apt_mark_pattern_removes_what_it_installed():
    text = """
        FROM python:3.12-slim
        RUN set -eux; saved="$(apt-mark showmanual)"; apt-get update; \\
            apt-get install -y --no-install-recommends gcc libc6-dev libpq5; \\
            pip install --no-cache-dir psutil; \\
            apt-mark auto '.*' > /dev/null; apt-mark manual $saved libpq5; \\
            apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; rm -rf /var/lib/apt/lists/*
    """
    assert _judged(text) == []


def test_purge_auto_remove_alone_keeps_what_was_installed_by_name():
    text = "FROM python:3.12-slim\nRUN apt-get install -y gcc && pip install x && apt-get purge -y --auto-remove\n"
    assert [line for line, _, _ in _judged(text)] == [2]


def test_info_when_a_build_argument_turns_the_install_on():
    text = 'FROM python:3.12-slim\nARG DEBUG_TOOLS=0\nRUN if [ "$DEBUG_TOOLS" = "1" ]; then apt-get install -y gdb build-essential; fi\n'
    (_, severity, message), = _judged(text)
    assert severity == "info" and message.endswith("(info: installed only when DEBUG_TOOLS=1, a build setting that is off by default)")


def test_a_dev_package_whose_library_an_env_names():
    text = "FROM python:3.12-slim\nRUN apt-get install -y libjemalloc-dev\nENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so\n"
    assert _judged(text) == []


def test_info_when_a_package_compiles_at_run_time():
    text = "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN apt-get install -y --no-install-recommends build-essential python3-pip\nRUN pip3 install --no-cache-dir triton==2.3.1\n"
    (_, severity, message), = _judged(text)
    assert severity == "info" and "triton (installed at line 3) compiles code with the host compiler at run time" in message


def test_info_when_the_comment_above_says_why():
    text = "FROM python:3.12-slim\n# build-essential: vLLM shells out to the host compiler for its JIT at run time\nRUN apt-get install -y --no-install-recommends build-essential\n"
    (_, severity, _), = _judged(text)
    assert severity == "info"


def test_info_on_a_notebook_image():
    text = "FROM quay.io/jupyter/minimal-notebook:2024-05-27\nUSER root\nRUN apt-get install -y --no-install-recommends build-essential\nUSER 1000\n"
    (_, severity, message), = _judged(text)
    assert severity == "info" and "a notebook image: its users build packages in it" in message


def test_the_cuda_toolkit_is_a_compiler():
    assert [line for line, _, _ in _judged("FROM ubuntu:22.04\nRUN apt-get install -y --no-install-recommends cuda-toolkit-12-6\n")] == [2]


def test_info_when_a_comment_elsewhere_in_the_final_stage_says_why():
    text = ("FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN apt-get install -y --no-install-recommends gcc libc6-dev libpython3.10-dev\n"
            "COPY app /app\n# this runtime ships gcc + libc6-dev + libpython3.10-dev for Triton's JIT kernels\nRUN python3 -m app.verify\n")
    (_, severity, message), = _judged(text)
    assert severity == "info" and "a comment in the final stage says they are needed at run time" in message
    builder = "FROM ubuntu:22.04 AS b\n# gcc: needed at run time by the JIT\nRUN true\nFROM ubuntu:22.04\nRUN apt-get install -y --no-install-recommends gcc\n"
    assert [severity for _, severity, _ in _judged(builder)] == ["error"]


def test_info_when_a_stage_whose_files_are_copied_in_installs_a_package_that_compiles_at_run_time():
    text = ("FROM ubuntu:24.04 AS builder\nRUN pip wheel --wheel-dir /tmp/w /src/triton && set -- /tmp/w/triton-3.2.0-*.whl && pip install --no-cache-dir \"$1\"\n"
            "FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends gcc python3.12-dev\nCOPY --from=builder /usr/local/lib/python3.12/dist-packages /usr/local/lib/python3.12/dist-packages\n")
    (_, severity, message), = _judged(text)
    assert severity == "info" and "triton (installed at line 2) compiles code with the host compiler at run time" in message
    wheel = ("FROM ubuntu:24.04 AS builder\nRUN pip install --no-cache-dir --target /opt/rt /opt/wheels/triton-*.whl\n"
             "FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends gcc libc6-dev\nCOPY --from=builder /opt/rt /opt/rt\n")
    assert [severity for _, severity, _ in _judged(wheel)] == ["info"]


def test_a_comment_naming_only_a_word_of_a_package_says_nothing():
    text = "FROM python:3.12-slim\nRUN apt-get install -y --no-install-recommends build-essential\n# download the model during the build so that it is there at runtime\nRUN python -m spacy download en_core_web_lg\n"
    assert [severity for _, severity, _ in _judged(text)] == ["error"]


def test_a_comment_wins_over_a_package_that_compiles_at_run_time():
    text = ("FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends build-essential zlib1g-dev\n"
            "# build-essential/zlib1g-dev: required for Triton JIT kernel compilation at runtime\nRUN pip install --no-cache-dir triton\n")
    (_, severity, message), = _judged(text)
    assert severity == "info" and "zlib1g-dev" in message


REMOVED_LATER = """
    FROM python:3.12-slim AS base
    RUN apt-get update && apt-get install -y --no-install-recommends git gcc g++ libpq-dev
    FROM base
    RUN pip install --no-cache-dir -r requirements.txt && apt-get purge -y gcc g++ && apt-get autoremove -y
"""


def test_tools_a_later_run_removes_are_gone_but_their_layer_keeps_them():
    assert _judged(REMOVED_LATER) == [
        (2, "error", "build tools in the final image: libpq-dev"),
        (2, "warning", "build tools removed again at line 4 (gcc, g++), but the layer of line 2 still holds their files: "
                       "install and remove them in the same RUN, or build in a builder stage"),
    ]


def test_a_removal_by_another_package_manager_or_before_the_install_removes_nothing():
    other_manager = "FROM python:3.12-slim\nRUN apt-get install -y gcc\nRUN apk del gcc\n"
    assert [(line, severity) for line, severity, _ in _judged(other_manager)] == [(2, "error")]
    before = "FROM python:3.12-slim\nRUN apt-get purge -y gcc\nRUN apt-get install -y gcc\n"
    assert [(line, severity) for line, severity, _ in _judged(before)] == [(3, "error")]


def test_the_first_line_that_removes_them_is_named():
    text = "FROM python:3.12-slim\nRUN apt-get install -y make gcc\nRUN apt-get purge -y gcc\nRUN apt-get purge -y make\n"
    (_, severity, message), = _judged(text)
    assert (severity, message.split(",")[0]) == ("warning", "build tools removed again at line 3 (make")


def test_a_tool_the_images_own_command_runs_is_not_a_build_tool_left_behind():
    text = ('FROM python:3.12-slim\nCOPY . /src\nRUN apt-get install -y --no-install-recommends cmake g++ \\\n    && pip install --no-cache-dir /src\n'
            'CMD ["/usr/bin/cmake", "--build", "/src/out"]\n')
    assert _judged(text) == [(3, "error", "build tools in the final image: g++ (not cmake: the image's command runs it)")]
    assert _judged(text.replace(" g++", "")) == []
