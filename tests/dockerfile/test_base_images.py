"""Base images another Dockerfile of the same repository builds, and the well-known table."""
import pytest
from dockharden.checks.lint import lint_text
from dockharden.dockerfile.base_images import RepositoryImages
from dockharden.knowledge.base_images import well_known

BASE = """\
FROM python:3.12-slim
ARG APP_UID=1000
ENV APP_UID=${APP_UID} PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
RUN useradd -u ${APP_UID} app
USER ${APP_UID}
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "-m", "http.server"]
"""
CHILD = "FROM registry.example.com/acme/app-runtime:2.1\nUSER root\nRUN pip install --no-cache-dir flask\nUSER ${APP_UID}\n"


def codes(tmp_path, text=CHILD):
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "images" / "app-runtime").mkdir(parents=True, exist_ok=True)
    (tmp_path / "images" / "app-runtime" / "Dockerfile").write_text(BASE)
    (tmp_path / "service").mkdir(exist_ok=True)
    report = lint_text(text, "Dockerfile", tmp_path / "service")
    return sorted({f.rule.code for f in report.findings})


def test_a_base_built_in_the_repository_gives_its_env_user_and_healthcheck(tmp_path):
    found = codes(tmp_path)
    # USER ${APP_UID} resolves through the base's ENV; HEALTHCHECK and the ENV pair are inherited
    assert not {"DH103", "DH201", "DH301"} & set(found)


def test_without_the_repository_the_image_is_unknown(tmp_path):
    report = lint_text(CHILD, "Dockerfile")
    assert {"DH103", "DH201"} <= {f.rule.code for f in report.findings}


def test_facts_read_from_the_base_dockerfile(tmp_path):
    codes(tmp_path)
    resolver = RepositoryImages().resolver(str(tmp_path / "service" / "Dockerfile"))
    facts = resolver("registry.example.com/acme/app-runtime:2.1")
    assert (facts.user, facts.healthcheck, facts.python, facts.env_values()["APP_UID"]) == ("1000", True, True, "1000")
    assert facts.source == "built by images/app-runtime/Dockerfile"


def test_an_official_image_is_never_looked_up_in_the_repository(tmp_path):
    (tmp_path / "python").mkdir()
    (tmp_path / "python" / "Dockerfile").write_text(BASE)
    resolver = RepositoryImages().resolver(str(tmp_path / "Dockerfile"))
    assert resolver("python:3.12-slim") == well_known("python:3.12-slim")


def test_well_known_images():
    assert well_known("tiangolo/uvicorn-gunicorn-fastapi:python3.11-slim").env_names() >= {"PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"}
    assert well_known("tiangolo/uvicorn-gunicorn:python3.11").ships_compilers is True
    assert well_known("quay.io/jupyter/scipy-notebook:2024-05-27").user == "1000"
    assert well_known("docker.io/library/postgres:16").drops_root.startswith("gosu")
    assert well_known("registry.example.com/unknown:1") is None


@pytest.mark.parametrize(("image", "python"), [
    ("nvcr.io/nvidia/l4t-base:r36.2.0", None),
    ("nvcr.io/nvidia/l4t-jetpack:r36.4.0", None),
    ("swr.cn-south-1.myhuaweicloud.com/ascendhub/cann:8.3.rc1-910b-ubuntu22.04-py3.11", True),
    ("ascendai/cann:8.5.0-a3-openeuler24.03-py3.11", True),
])
def test_accelerator_environment_images_start_no_service(image, python):
    facts = well_known(image)
    assert (facts.service, facts.python, facts.ships_compilers) == (False, python, False)


def test_an_environment_image_without_a_command_of_its_own_has_nothing_to_probe():
    findings = lint_text("FROM nvcr.io/nvidia/l4t-base:r36.2.0\nRUN apt-get update\n", "Dockerfile").findings
    assert [(f.rule.code, f.rule.severity.label) for f in findings if f.rule.code == "DH201"] == [("DH201", "info")]
    assert well_known("nvcr.io/nvidia/l4t-ml:r36.2.0") is None  # its images with Jupyter are not the bare base


TOOL = 'FROM python:3.12-slim\nRUN useradd --create-home tester\nUSER tester\nENTRYPOINT ["pytest", "-q"]\n'


def test_an_image_that_runs_the_command_of_a_tool_image_built_here_is_a_tool_image(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "images" / "app-tests").mkdir(parents=True)
    (tmp_path / "images" / "app-tests" / "Dockerfile").write_text(TOOL)
    (tmp_path / "extras").mkdir()
    child = "FROM registry.example.com/acme/app-tests:2.1\nUSER root\nRUN pip install --no-cache-dir extra\nUSER tester\n"
    report = lint_text(child, "Dockerfile", tmp_path / "extras")
    healthcheck = [f for f in report.findings if f.rule.code == "DH201"]
    assert [f.rule.severity.label for f in healthcheck] == ["info"]
    assert "a tool image, as it runs the command of registry.example.com/acme/app-tests:2.1, a tool image in images/app-tests/Dockerfile" in healthcheck[0].message
    own_command = lint_text(child + 'CMD ["python", "-m", "http.server"]\n', "Dockerfile", tmp_path / "extras")
    assert [f.rule.severity.label for f in own_command.findings if f.rule.code == "DH201"] == ["error"]


def test_sclorg_images_set_their_env_and_run_as_1001():
    from support.lintcase import messages, report
    text = "FROM quay.io/sclorg/python-312-c9s:c9s\nCOPY --chown=1001:0 . /opt/app-root/src\nCMD [\"python\", \"app.py\"]\n"
    assert messages(text, "DH301") == ["the final stage does not set PYTHONDONTWRITEBYTECODE"]
    assert not {"DH101", "DH102"} & {f.rule.code for f in report(text).findings}
    nginx = "FROM docker.io/centos/nginx-116-centos7\nCOPY nginx.conf /etc/nginx/nginx.conf\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n"
    assert not {"DH101", "DH102"} & {f.rule.code for f in report(nginx).findings}
    assert messages(nginx, "DH928") == ["docker.io/centos/nginx-116-centos7 is built on a release whose security support ended: CentOS Linux 7 on 2024-06-30"]


def test_a_bake_context_target_is_the_stage_of_the_dockerfile_it_names(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "docker" / "main").mkdir(parents=True)
    (tmp_path / "docker" / "main" / "Dockerfile").write_text(
        "FROM python:3.12-slim AS deps\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nHEALTHCHECK CMD [\"python\", \"-c\", \"print(1)\"]\n"
        "FROM deps AS devcontainer\nHEALTHCHECK NONE\n")
    (tmp_path / "docker" / "board").mkdir()
    (tmp_path / "docker" / "board" / "board.hcl").write_text(
        'target deps {\n  dockerfile = "docker/main/Dockerfile"\n  target = "deps"\n}\n'
        'target board {\n  dockerfile = "docker/board/Dockerfile"\n  contexts = {\n    deps = "target:deps",\n  }\n}\n')
    child = "FROM deps AS board\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n"
    (tmp_path / "docker" / "board" / "Dockerfile").write_text(child)
    found = {f.rule.code for f in lint_text(child, "Dockerfile", tmp_path / "docker" / "board").findings}
    assert not {"DH201", "DH301"} & found and "DH102" in found
    resolver = RepositoryImages().resolver(str(tmp_path / "docker" / "board" / "Dockerfile"))
    facts = resolver("deps")
    assert (facts.healthcheck, facts.python, facts.built_by) == (True, True, "docker/main/Dockerfile, stage deps")


CORE_BASE = "FROM quay.io/centos/centos:stream9\nENV PYTHONUNBUFFERED=0\nRUN dnf -y install python3 curl && dnf clean all\n"
ACTION = ("runs:\n  using: composite\n  steps:\n    - run: |\n"
          "        podman build --file images/Containerfile.core.base --tag \"acme/base:ci-${ARCH}\" --build-arg V=${{ inputs.v }} .\n"
          "      shell: bash\n")
APP = "ARG FROM_TAG=latest\nFROM acme/base:${FROM_TAG}\nRUN pip3 install --no-cache-dir flask\nCMD [\"python3\", \"-m\", \"flask\", \"run\"]\n"


def _repository(tmp_path, action: str | None = ACTION):
    (tmp_path / ".git").mkdir()
    (tmp_path / "images" / "app").mkdir(parents=True)
    (tmp_path / "images" / "Containerfile.core.base").write_text(CORE_BASE)
    (tmp_path / "images" / "app" / "Containerfile").write_text(APP)
    if action is not None:
        (tmp_path / ".github" / "actions" / "base_images").mkdir(parents=True)
        (tmp_path / ".github" / "actions" / "base_images" / "action.yml").write_text(action)
    return lint_text(APP, "Containerfile", tmp_path / "images" / "app")


def test_a_composite_action_that_builds_the_base_ties_its_tag_to_that_dockerfile(tmp_path):
    report = _repository(tmp_path)
    # PYTHONUNBUFFERED=0 still turns it on (any non-empty value does); the base sets no PYTHONDONTWRITEBYTECODE
    assert [f.message for f in report.findings if f.rule.code == "DH301"] == ["the final stage does not set PYTHONDONTWRITEBYTECODE"]
    facts = RepositoryImages().resolver(str(tmp_path / "images" / "app" / "Containerfile"))("acme/base:latest")
    assert (facts.built_by, "curl" in facts.programs) == ("images/Containerfile.core.base", True)


def test_without_the_action_the_base_is_unknown(tmp_path):
    report = _repository(tmp_path, action=None)
    assert [f.message for f in report.findings if f.rule.code == "DH301"] == ["the final stage does not set PYTHONUNBUFFERED, PYTHONDONTWRITEBYTECODE"]


def test_bases_built_here_are_read_through_a_bounded_chain(tmp_path):
    (tmp_path / ".git").mkdir()
    for n in range(20):
        (tmp_path / "images" / f"l{n}").mkdir(parents=True)
        text = "FROM python:3.12-slim\nENV MARK=1\n" if n == 0 else f"FROM acme/l{n - 1}:1\nENV LEVEL{n}=1\n"
        (tmp_path / "images" / f"l{n}" / "Dockerfile").write_text(text)
    child = str(tmp_path / "child" / "Dockerfile")
    near, far = RepositoryImages().resolver(child)("acme/l7:1"), RepositoryImages().resolver(child)("acme/l19:1")
    assert ("MARK" in near.env_names(), "LEVEL7" in near.env_names()) == (True, True)  # 8 Dockerfiles: within the limit
    assert ("MARK" in far.env_names(), "LEVEL12" in far.env_names(), "LEVEL11" in far.env_names()) == (False, True, False)


def test_a_from_cycle_between_two_dockerfiles_resolves_to_nothing_further(tmp_path):
    (tmp_path / ".git").mkdir()
    for name, other in (("a", "b"), ("b", "a")):
        (tmp_path / "images" / name).mkdir(parents=True)
        (tmp_path / "images" / name / "Dockerfile").write_text(f"FROM acme/{other}:1\nENV FROM_{name.upper()}=1\n")
    facts = RepositoryImages().resolver(str(tmp_path / "images" / "a" / "Dockerfile"))("acme/b:1")
    # b is FROM a, whose own FROM acme/b is the cycle: a's facts stop there
    assert facts.env_names() == {"FROM_A", "FROM_B"}


ROOT_IMAGE = "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nRUN useradd -u 1000 bot\nUSER bot\nCMD [\"python\", \"-m\", \"bot\"]\n"
VARIANT = "FROM acmeorg/acme-bot:develop\nRUN pip install --user --no-cache-dir plotly\n"


def _variant_codes(tmp_path, checkout: str) -> list[str]:
    root = tmp_path / checkout
    (root / ".git").mkdir(parents=True)
    (root / "Dockerfile").write_text(ROOT_IMAGE)
    (root / "docker").mkdir()
    return sorted(f.rule.code for f in lint_text(VARIANT, "Dockerfile.plot", root / "docker").findings if f.rule.severity.label != "info")


def test_an_image_named_after_the_repository_is_built_by_its_root_dockerfile(tmp_path):
    assert not {"DH102", "DH301"} & set(_variant_codes(tmp_path, "acme-bot"))
    facts = RepositoryImages().resolver(str(tmp_path / "acme-bot" / "docker" / "Dockerfile.plot"))("acmeorg/acme-bot:develop")
    assert (facts.built_by, facts.user) == ("Dockerfile", "1000")


def test_in_a_checkout_of_another_name_the_image_is_unknown(tmp_path):
    assert {"DH102", "DH301"} <= set(_variant_codes(tmp_path, "elsewhere"))


MAKEFILE = ("PREFIX ?= quay.io/acme\nBASE_IMAGE := $(PREFIX)/cuda-base:$(CUDA)\nCUDA ?= 12.1\n\n"
            ".PHONY: base\nbase:\n\tdocker build \\\n\t\t--file docker/base.Dockerfile \\\n\t\t--tag $(BASE_IMAGE) \\\n\t\t.\n")


@pytest.mark.parametrize(("makefile", "lines"), [(MAKEFILE, []), (MAKEFILE.replace("cuda-base", "cuda-dev"), [3])])
def test_a_makefile_recipe_ties_its_tag_with_the_makefiles_variables_to_the_dockerfile(tmp_path, makefile, lines):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Makefile").write_text(makefile)
    (tmp_path / "docker" / "gpu").mkdir(parents=True)
    (tmp_path / "docker" / "base.Dockerfile").write_text("FROM nvidia/cuda:12.1.0-runtime-ubuntu22.04\nENV PIP_NO_CACHE_DIR=1\n")
    child = "ARG BASE=quay.io/acme/cuda-base:12.1\nFROM ${BASE}\nRUN pip install torch\n"
    report = lint_text(child, "Dockerfile", tmp_path / "docker" / "gpu")
    assert [f.line for f in report.findings if f.rule.code == "DH903"] == lines


def test_make_expanded_fills_in_only_the_makefiles_own_variables():
    from dockharden.dockerfile.compose import make_expanded
    assert make_expanded("A ?= x\nB := $(A)-${A}\n\t--tag $(B) $(shell date) $$HOME\n") == "A ?= x\nB := x-x\n\t--tag x-x $(shell date) $$HOME\n"


def test_a_dockerfile_that_names_the_image_comes_before_the_repositorys_root_one(tmp_path):
    _variant_codes(tmp_path, "acme-bot")
    (tmp_path / "acme-bot" / "images" / "acme-bot").mkdir(parents=True)
    (tmp_path / "acme-bot" / "images" / "acme-bot" / "Dockerfile").write_text(BASE)
    facts = RepositoryImages().resolver(str(tmp_path / "acme-bot" / "docker" / "Dockerfile.plot"))("acmeorg/acme-bot:develop")
    assert facts.built_by == "images/acme-bot/Dockerfile"


@pytest.mark.parametrize(("base_env", "expected"), [
    ("ENV PIP_NO_CACHE_DIR=1", "single-stage build: the compilers of quay.io/acme/cuda-base:12.1 ship in the final image"),
    ("ENV LANG=C.UTF-8", "single-stage build: the compilers of quay.io/acme/cuda-base:12.1; download caches (~/.cache/pip, line 3) "
                         "ship in the final image"),
])
def test_single_stage_names_no_pip_cache_that_the_bases_env_turns_off(tmp_path, base_env, expected):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Makefile").write_text(MAKEFILE)
    (tmp_path / "docker" / "gpu").mkdir(parents=True)
    (tmp_path / "docker" / "base.Dockerfile").write_text(f"FROM nvidia/cuda:12.1.0-cudnn8-devel-ubuntu22.04\n{base_env}\n")
    child = "ARG BASE=quay.io/acme/cuda-base:12.1\nFROM ${BASE}\nRUN pip install torch\nCMD [\"python3\", \"-m\", \"serve\"]\n"
    report = lint_text(child, "Dockerfile", tmp_path / "docker" / "gpu")
    assert [(f.line, f.message) for f in report.findings if f.rule.code == "DH501"] == [(2, expected)]


def test_the_env_a_root_dockerfile_sets_in_an_earlier_stage_is_inherited(tmp_path):
    root = tmp_path / "acme-bot"
    (root / ".git").mkdir(parents=True)
    (root / "Dockerfile").write_text("FROM python:3.12-slim AS base\nENV PYTHONDONTWRITEBYTECODE=1 LANG=C.UTF-8\n"
                                     "FROM base AS deps\nRUN pip install --no-cache-dir -r /tmp/req.txt\n"
                                     "FROM base AS runtime\nRUN useradd -u 1000 bot\nUSER bot\nCMD [\"python\", \"-m\", \"bot\"]\n")
    (root / "docker").mkdir()
    report = lint_text(VARIANT, "Dockerfile.plot", root / "docker")
    assert [(f.line, f.rule.severity.label, f.message) for f in report.findings if f.rule.code == "DH301"] == [
        (1, "warning", "the final stage does not set PYTHONUNBUFFERED")]


PUBLISH = """jobs:
  docker:
    steps:
      - id: meta
        uses: docker/metadata-action@v5
        with: {images: acme/app}
      - uses: docker/build-push-action@v6
        with: {file: ./docker/Dockerfile, tags: "${{ steps.meta.outputs.tags }}"}
      - uses: docker/build-push-action@v6
        with: {file: ./docker/Dockerfile.prod, tags: acme/app:backend}
"""


@pytest.mark.parametrize("tag, user_finding", [
    ("nightly", []),  # the metadata step's tags: docker/Dockerfile, which ends USER 1001
    ("backend", ["DH102"]),  # docker/Dockerfile.prod, which sets no USER
])
def test_of_several_dockerfiles_built_under_one_name_the_tag_picks_the_base(tmp_path, tag, user_finding):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "publish.yml").write_text(PUBLISH)
    (tmp_path / "docker").mkdir()
    (tmp_path / "docker" / "Dockerfile").write_text('FROM python:3.12-slim\nRUN useradd -u 1001 app\nUSER 1001\nCMD ["gunicorn", "app:app"]\n')
    (tmp_path / "docker" / "Dockerfile.prod").write_text('FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n')
    text = f"FROM acme/app:{tag}\nCOPY heroku.yml /app/\n"
    report = lint_text(text, "Dockerfile.heroku", tmp_path / "docker")
    assert [f.rule.code for f in report.findings if f.rule.code == "DH102"] == user_finding


@pytest.mark.parametrize("variant, user_finding", [("nightly", []), ("stable", ["DH102"])])
def test_of_several_dockerfiles_built_under_one_tag_the_one_beside_it_is_the_base(tmp_path, variant, user_finding):
    (tmp_path / ".git").mkdir()
    (tmp_path / "build.sh").write_text("docker build -f images/nightly/Containerfile.core -t acme/app:ci .\n"
                                       "docker build -f images/stable/Containerfile.core -t acme/app:ci .\n")
    for name, user in (("nightly", "RUN useradd -u 1001 app\nUSER 1001\n"), ("stable", "")):
        (tmp_path / "images" / name).mkdir(parents=True)
        (tmp_path / "images" / name / "Containerfile.core").write_text(f'FROM python:3.12-slim\n{user}CMD ["gunicorn", "app:app"]\n')
    report = lint_text("FROM acme/app:ci\nCOPY nginx.conf /etc/nginx/\n", "Containerfile.web", tmp_path / "images" / variant)
    assert [f.rule.code for f in report.findings if f.rule.code == "DH102"] == user_finding


def _dev_compose(tmp_path, name, value):
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1 PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\n"
                                         "RUN useradd -u 1000 web\nUSER web\n")
    (tmp_path / "ops" / "compose").mkdir(parents=True)
    (tmp_path / "ops" / "compose" / name).write_text(
        "services:\n  runtime:\n    build:\n      context: ../../\n"
        f"  devtools:\n    build:\n      context: .\n      dockerfile: Dockerfile.tools\n      additional_contexts:\n        {value}\n")
    text = "FROM runtime_img\nUSER root\nRUN pip install debugpy\nUSER web\n"
    return {f.rule.code for f in lint_text(text, "Dockerfile.tools", tmp_path / "ops" / "compose").findings}


@pytest.mark.parametrize("name", ["compose.yaml", "extras.yaml"])  # in a folder named compose, any YAML file
def test_a_compose_additional_context_of_another_service_is_the_base_of_from(tmp_path, name):
    # ENV PIP_NO_CACHE_DIR, the Python pair and the user's UID 1000 come from the service's Dockerfile
    assert not {"DH903", "DH301", "DH103"} & _dev_compose(tmp_path, name, "runtime_img: service:runtime")


def test_a_compose_additional_context_that_is_no_service_gives_nothing(tmp_path):
    assert {"DH903", "DH103"} <= _dev_compose(tmp_path, "compose.yaml", "runtime_img: docker-image://python:3.12-slim")


def test_a_yaml_file_outside_a_compose_folder_is_not_a_compose_file(tmp_path):
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\n")
    (tmp_path / "ops").mkdir()
    (tmp_path / "ops" / "extras.yaml").write_text(
        "services:\n  runtime:\n    build:\n      context: ..\n  devtools:\n    build:\n      context: .\n"
        "      dockerfile: Dockerfile.tools\n      additional_contexts:\n        runtime_img: service:runtime\n")
    found = {f.rule.code for f in lint_text("FROM runtime_img\nRUN pip install debugpy\n", "Dockerfile.tools", tmp_path / "ops").findings}
    assert "DH903" in found
