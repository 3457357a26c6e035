"""Build context discovery: what the project declares, where the copied files are, the
Dockerfile's folder; the ignore file that applies; compose facts for the services that
build the file."""
from pathlib import Path

import pytest

from dockharden.dockerfile.context import ContextFinder
from support.lintcase import model_of

COPY_ALL = "FROM python:3.12-slim\nCOPY . /app\n"


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith("/"):
            path.mkdir(exist_ok=True)
        else:
            path.write_text(text)
    return root


def context_of(root: Path, dockerfile: str, text: str = COPY_ALL, cwd: Path | None = None):
    (root / dockerfile).parent.mkdir(parents=True, exist_ok=True)
    (root / dockerfile).write_text(text)
    return ContextFinder(str(cwd or root)).context(str(root / dockerfile), model_of(text))


def test_compose_in_a_subfolder_builds_with_the_parent_as_context(tmp_path):
    tree(tmp_path, {".git/": "", ".dockerignore": ".git\n", "docker/docker-compose.yml":
                    "services:\n  app:\n    build:\n      context: ../\n      dockerfile: ./docker/Dockerfile\n"})
    context = context_of(tmp_path, "docker/Dockerfile")
    assert (context.root, context.evidence, context.dockerignore) == (".", "docker-compose.yml, service app", ".dockerignore")


def test_devcontainer_json_with_comments(tmp_path):
    tree(tmp_path, {".git/": "", ".dockerignore": "", ".devcontainer/devcontainer.json":
                    '{\n  // the repository is the context\n  "build": {"dockerfile": "Dockerfile", "context": "..",},\n}\n'})
    context = context_of(tmp_path, ".devcontainer/Dockerfile")
    assert (context.root, context.evidence, context.devcontainer) == (".", "devcontainer.json", True)


def test_a_workflow_build_step(tmp_path):
    tree(tmp_path, {".git/": "", ".dockerignore": "", ".github/workflows/build.yml":
                    "jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n"
                    "        with: {context: ./, file: ./.github/test/Dockerfile-alpine}\n"})
    context = context_of(tmp_path, ".github/test/Dockerfile-alpine")
    assert (context.root, context.evidence) == (".", ".github/workflows/build.yml")


def test_a_docker_build_command_in_the_comments(tmp_path):
    tree(tmp_path, {".git/": "", ".dockerignore": ""})
    text = "# build from the repository root: docker build -f docker/Dockerfile_patch -t app:patch .\nFROM python:3.12-slim\nCOPY . /src\n"
    context = context_of(tmp_path, "docker/Dockerfile_patch", text)
    assert (context.root, context.evidence) == (".", "a docker build command in its comments")


def test_a_build_script_beside_the_dockerfile_run_from_the_repository_root(tmp_path):
    tree(tmp_path, {".git/": "", "deploy/offline/build.sh": "cd \"$(git rev-parse --show-toplevel)\"\n"
                    "docker build --tag offline -f deploy/offline/Dockerfile.offline .\n"})
    context = context_of(tmp_path, "deploy/offline/Dockerfile.offline")
    assert (context.root, context.evidence) == (".", "build.sh (a build script)")


def test_a_build_script_with_paths_from_its_own_folder(tmp_path):
    tree(tmp_path, {".git/": "", "deploy/build.sh": "docker build -t api -f Dockerfile.api ..\n"})
    context = context_of(tmp_path, "deploy/Dockerfile.api")
    assert (context.root, context.evidence) == (".", "build.sh (a build script)")


def test_copied_sources_that_exist_only_at_an_ancestor(tmp_path):
    tree(tmp_path, {".git/": "", ".dockerignore": "", "go/main.go": "", "idl/api.proto": ""})
    context = context_of(tmp_path, "go/Dockerfile", "FROM golang:1.22\nCOPY ./go ./go\nCOPY ./idl ./idl\n")
    assert (context.root, context.evidence, context.dockerignore) == (".", "where the files it copies are", ".dockerignore")
    assert context.directories == frozenset({"./go", "./idl"})


def test_the_dockerfiles_folder_by_default(tmp_path):
    tree(tmp_path, {".git/": "", ".dockerignore": "", "app/main.py": ""})
    context = context_of(tmp_path, "app/Dockerfile")
    assert (context.root, context.evidence, context.dockerignore) == ("app", "the Dockerfile's folder", None)


def test_the_search_stops_at_the_repository_root(tmp_path):
    tree(tmp_path, {".dockerignore": "", "compose.yaml": "services:\n  a:\n    build: {context: ., dockerfile: repo/Dockerfile}\n",
                    "repo/.git/": ""})
    context = context_of(tmp_path / "repo", "Dockerfile", cwd=tmp_path)
    assert (context.evidence, context.dockerignore) == ("the Dockerfile's folder", None)


def test_outside_a_repository_up_to_the_working_directory(tmp_path):
    tree(tmp_path, {".dockerignore": "", "compose.yaml": "services:\n  a:\n    build: {context: ., dockerfile: sub/Dockerfile}\n"})
    assert context_of(tmp_path, "sub/Dockerfile").dockerignore == ".dockerignore"
    assert context_of(tmp_path, "sub/Dockerfile", cwd=tmp_path / "sub").dockerignore is None


def test_compose_services_with_user_healthcheck_and_an_override_file(tmp_path):
    tree(tmp_path, {".git/": "", "compose.yaml": (
        "services:\n  web:\n    build: .\n    user: \"${APP_UID:-1000}:${APP_GID:-1000}\"\n"
        "    healthcheck:\n      test: [CMD, curl, -f, http://localhost/]\n"
        "  worker:\n    build: {context: ., target: worker}\n    healthcheck: {disable: true}\n"),
        "docker-compose.prod.yml": "services:\n  web:\n    build: {target: production}\n"})
    services = context_of(tmp_path, "Dockerfile").services
    assert sorted(((s.name, s.user, s.healthcheck, s.target) for s in services), key=str) == [
        ("web", "1000:1000", "defined", "production"), ("web", "1000:1000", "defined", None), ("worker", None, "disabled", "worker")]


def test_an_npmrc_without_a_token_is_harmless(tmp_path):
    tree(tmp_path, {".npmrc": "engine-strict=true\nauto-install-peers=true\n", "token/.npmrc": "//registry.npmjs.org/:_authToken=abc\n"})
    context = context_of(tmp_path, "Dockerfile", "FROM node:20\nCOPY .npmrc token/.npmrc ./\n")
    assert context.harmless == frozenset({".npmrc"})


def test_a_github_action_beside_the_dockerfile(tmp_path):
    tree(tmp_path, {"action.yml": "name: scan\nruns:\n  using: docker\n  image: Dockerfile\n"})
    assert context_of(tmp_path, "Dockerfile").github_action is True


def test_a_docker_build_command_continued_over_comment_lines(tmp_path):
    tree(tmp_path, {".git/": "", ".dockerignore": ""})
    text = "# Build (from repository root):\n#   docker build -f docker/Dockerfile_patch \\\n#     --build-arg X=1 \\\n#     -t app .\nFROM python:3.12-slim\nCOPY . .\n"
    assert context_of(tmp_path, "docker/Dockerfile_patch", text).root == "."


def test_a_docker_build_command_in_a_workflow_script(tmp_path):
    tree(tmp_path, {".git/": "", ".dockerignore": "", ".github/workflows/dev.yml":
                    "jobs:\n  b:\n    steps:\n      - run: |\n          docker build . -f docker/Dockerfile_dev -t ${TAG}\n"})
    context = context_of(tmp_path, "docker/Dockerfile_dev")
    assert (context.root, context.evidence) == (".", ".github/workflows/dev.yml")


def test_a_compose_service_that_runs_the_image_a_workflow_builds_from_this_file(tmp_path):
    tree(tmp_path, {".git/": "", ".github/workflows/cd.yml":
                    'jobs:\n  b:\n    steps:\n      - run: docker build -t "$ORG/app:${TAG}" -f deploy/Dockerfile .\n',
                    "deploy/docker-compose.yml": "services:\n  app:\n    image: ${APP_IMAGE:-acme/app:latest}\n    user: '1000'\n"
                                                 "  db:\n    image: postgres:16\n"})
    services = context_of(tmp_path, "deploy/Dockerfile").services
    assert [(s.name, s.user) for s in services] == [("app", "1000")]


def test_a_compose_file_in_a_deployment_folder_of_the_repository(tmp_path):
    tree(tmp_path, {".git/": "", "web/.dockerignore": "node_modules\n", "deployment/docker_compose/docker-compose.yml":
                    "services:\n  web_server:\n    build:\n      context: ../../web\n      dockerfile: Dockerfile\n"
                    "    healthcheck:\n      test: [CMD, node, -e, '1']\n"})
    context = context_of(tmp_path, "web/Dockerfile")
    assert (context.root, context.evidence) == ("web", "docker-compose.yml, service web_server")
    assert [(s.name, s.healthcheck is not None) for s in context.services] == [("web_server", True)]


def test_the_ancestor_where_most_copied_sources_are_when_one_is_made_before_the_build(tmp_path):
    tree(tmp_path, {".git/": "", ".dockerignore": "", "requirements/base.txt": "", "app/main.py": "", "docker/files/Dockerfile.gpu": ""})
    text = "FROM python:3.12-slim\nCOPY requirements/base.txt ./\nCOPY app app\nCOPY build/generated.lock ./\nCOPY . .\n"
    context = context_of(tmp_path, "docker/files/Dockerfile.gpu", text)
    assert (context.root, context.evidence, context.dockerignore) == (".", "where the files it copies are", ".dockerignore")
    nowhere = "FROM python:3.12-slim\nCOPY build/generated.lock ./\nCOPY . .\n"
    assert context_of(tmp_path, "docker/files/Dockerfile.gpu", nowhere).evidence == "the Dockerfile's folder"


BAKE = """
variable "MEDIA_IMAGE" { default = "" }
target "media" {
  context    = "."
  dockerfile = "docker/files/Dockerfile.media"
}
target "server" {
  context    = "."
  dockerfile = "docker/files/Dockerfile.server"
  contexts = {
    media = MEDIA_IMAGE != "" ? "docker-image://${MEDIA_IMAGE}" : "target:media"
  }
  tags = ["example/server:latest"]
}
"""


def test_a_bake_file_declares_its_targets_builds(tmp_path):
    tree(tmp_path, {".git/": "", ".dockerignore": "", "docker/docker-bake.hcl": BAKE, "docker/files/Dockerfile.media": COPY_ALL})
    context = context_of(tmp_path, "docker/files/Dockerfile.server", "FROM media\nCOPY . /app\n")
    assert (context.root, context.evidence, context.feeds) == (".", "docker-bake.hcl (target server)", "")
    media = context_of(tmp_path, "docker/files/Dockerfile.media")
    assert (media.root, media.feeds) == (".", "the media context of target server")


def test_an_override_file_with_compose_reset_and_override_tags_is_read(tmp_path):
    tree(tmp_path, {".git/": "", "compose.yaml": "services:\n  web:\n    build: .\n  backup:\n    build: backup\n",
                    "docker-compose.dev.yml": ("services:\n  backup: !reset null\n  web:\n    ports: !override\n      - 8000:8000\n"
                                               "  tools:\n    build: .\n    user: \"1000\"\n")})
    services = context_of(tmp_path, "Dockerfile").services
    assert sorted((s.name, s.file.rsplit("/", 1)[-1], s.user) for s in services) == [
        ("tools", "docker-compose.dev.yml", "1000"), ("web", "compose.yaml", None), ("web", "docker-compose.dev.yml", None)]


BOARD_HCL = """
target deps {
  dockerfile = "docker/main/Dockerfile"
  target = "deps"
}
target board {
  dockerfile = "docker/board/Dockerfile"
  contexts = {
    deps = "target:deps",
  }
}
"""


def test_another_hcl_file_with_unquoted_targets_is_a_bake_file(tmp_path):
    tree(tmp_path, {".git/": "", "docker/board/board.hcl": BOARD_HCL, "docker/main/Dockerfile": "FROM python:3.12-slim AS deps\nFROM deps AS app\n"})
    context = context_of(tmp_path, "docker/board/Dockerfile", "FROM deps\nCOPY . /app\n")
    assert (context.root, context.evidence) == (".", "board.hcl (target board)")


def test_a_bake_target_that_builds_an_earlier_stage_does_not_make_the_file_a_base(tmp_path):
    tree(tmp_path, {".git/": "", "docker/board/Dockerfile": "FROM deps\n"})
    main = "FROM python:3.12-slim AS deps\nFROM deps AS app\nCMD [\"python\", \"-m\", \"app\"]\n"
    (tmp_path / "docker-bake.hcl").write_text(BOARD_HCL)
    assert context_of(tmp_path, "docker/main/Dockerfile", main).feeds == ""
    (tmp_path / "docker-bake.hcl").write_text(BOARD_HCL.replace('  target = "deps"\n', ""))
    assert context_of(tmp_path, "docker/main/Dockerfile", main).feeds == "the deps context of target board"


def test_bake_targets_inherit_and_interpolate_variable_defaults():
    from dockharden.dockerfile.bake import bake_declarations

    text = ('variable "REPO" {\n  default = "app"\n}\nvariable "TAG" {}\ntarget "_common" {\n  context = "."\n}\n'
            'target "_gpu" {\n  inherits = ["_common"]\n  dockerfile = "docker/Dockerfile.gpu"\n}\n'
            'target "gpu" {\n  inherits = ["_gpu"]\n  tags = ["ghcr.io/acme/${REPO}-gpu:1.0", "ghcr.io/acme/${REPO}:${TAG}"]\n}\n')
    found = bake_declarations("/r", "/r", "docker-bake.hcl", text, lambda path: path == "/r/docker/Dockerfile.gpu")
    assert [(d.where, d.dockerfile, d.context, d.tags) for d in found] == [
        ("docker-bake.hcl (target _gpu)", "/r/docker/Dockerfile.gpu", "/r", ()),
        ("docker-bake.hcl (target gpu)", "/r/docker/Dockerfile.gpu", "/r", ("ghcr.io/acme/app-gpu:1.0",)),
    ]


def _chain(levels):
    """A target t0 that inherits t1, ..., t<levels>; only the last names the Dockerfile."""
    blocks = [f'target "t{i}" {{\n  inherits = ["t{i + 1}"]\n}}\n' for i in range(levels)]
    return "".join(blocks) + f'target "t{levels}" {{\n  dockerfile = "deep.Dockerfile"\n}}\n'


def test_bake_inherits_are_followed_eight_deep_and_no_deeper():
    from dockharden.dockerfile.bake import bake_declarations

    def targets_building(text):
        return sorted(d.where for d in bake_declarations("/r", "/r", "docker-bake.hcl", text, lambda path: path == "/r/deep.Dockerfile"))

    assert "docker-bake.hcl (target t0)" in targets_building(_chain(8))  # t0 -> ... -> t8: eight inherits
    assert "docker-bake.hcl (target t0)" not in targets_building(_chain(9))
    assert "docker-bake.hcl (target t1)" in targets_building(_chain(9))


@pytest.mark.parametrize("name, text, bake", [
    ("docker-bake.hcl", 'target "app" {}\n', True),
    ("docker-bake.hcl", 'variable "TAG" {}\n', False),
    ("board.hcl", 'target "board" {\n  dockerfile = "Dockerfile"\n}\n', True),
    ("board.hcl", 'variable "TAG" {\n  default = "dockerfile"\n}\n', False),  # no target block
    ("main.hcl", 'target "x" {\n  context = "."\n}\n', False),  # names no dockerfile
])
def test_which_hcl_files_are_bake_files(name, text, bake):
    from dockharden.dockerfile.bake import is_bake_file

    assert is_bake_file(name, text) is bake


def test_an_unclosed_target_block_reads_to_the_end_of_the_file():
    from dockharden.dockerfile.bake import bake_declarations

    text = 'target "app" {\n  dockerfile = "app.Dockerfile"\n  tags = ["acme/app:1"]\n'
    found = bake_declarations("/r", "/r", "docker-bake.hcl", text, lambda path: path == "/r/app.Dockerfile")
    assert [(d.where, d.tags) for d in found] == [("docker-bake.hcl (target app)", ("acme/app:1",))]


TEMPLATED_ACTION = ("runs:\n  using: composite\n  steps:\n    - run: |\n        for ARCH in arm64 amd64; do\n"
                    "          podman build --file images/${{ inputs.name }}/Containerfile --tag acme/${{ inputs.name }}:ci-${ARCH} .\n"
                    "        done\n      shell: bash\n")


def test_a_composite_action_builds_each_dockerfile_its_templated_path_matches(tmp_path):
    tree(tmp_path, {".git/": "", ".github/actions/build_image/action.yml": TEMPLATED_ACTION, "images/worker/Containerfile": COPY_ALL,
                    "images/compose/compose.yml": "services:\n  web:\n    image: acme/web:latest\n    user: app\n"
                                                  "  worker:\n    image: acme/worker:latest\n"})
    context = context_of(tmp_path, "images/web/Containerfile")
    # compose runs acme/web:latest, the manifest the per-arch builds acme/web:ci-${ARCH} are published as
    assert (context.root, context.evidence, [s.name for s in context.services]) == (".", ".github/actions/build_image/action.yml", ["web"])
    assert [s.name for s in context_of(tmp_path, "images/worker/Containerfile").services] == ["worker"]


def test_a_fixed_tag_part_still_tells_variants_apart():
    from dockharden.dockerfile.compose import same_image
    assert (same_image("acme/web:latest", "acme/web:ci-${ARCH}"), same_image("acme/web:latest", "acme/web:${TAG}-gpu")) == (True, False)
    assert same_image("acme/web:1.0-gpu", "acme/web:${TAG}-gpu") is True


def test_a_run_script_that_runs_the_built_image_is_read_as_a_service(tmp_path):
    tree(tmp_path, {".git/": "", "bench/build.sh": "docker build --file bench/Dockerfile -t my-bench .\n",
                    "bench/run.sh": "docker run \\\n  -it --rm --memory=12g \\\n  -v `pwd`:/src -e KEY=$KEY \\\n  my-bench \\\n  bash\n"})
    (service,) = context_of(tmp_path, "bench/Dockerfile").services
    assert (service.name, service.command, service.user, service.healthcheck, service.toolbox) == ("docker run", "bash", None, None, True)


def test_a_run_script_with_a_command_a_user_and_a_healthcheck(tmp_path):
    tree(tmp_path, {".git/": "", "build.sh": "docker build -t api .\n",
                    "serve.sh": "docker run -d -p 8000:8000 --user 1000:1000 --health-cmd 'curl -f localhost:8000' api gunicorn app:app\n"
                                "docker run --rm other-image bash\n"})
    (service,) = context_of(tmp_path, "Dockerfile").services
    assert (service.command, service.user, service.healthcheck, service.toolbox) == ("gunicorn app:app", "1000:1000", "defined", False)


METADATA_WORKFLOW = """jobs:
  docker:
    steps:
      - id: meta
        uses: docker/metadata-action@v5
        with:
          images: |
            ghcr.io/acme/api
            name=docker.io/acme/api,enable=${{ github.event_name == 'push' }}
            ghcr.io/${{ github.repository }}
            enable=false
          tags: type=semver,pattern={{version}}
      - id: old
        uses: crazy-max/ghaction-docker-meta@v1
        with: {images: "acme/worker, acme/worker-gpu"}
      - uses: docker/build-push-action@v6
        with: {file: ./docker/Dockerfile, tags: "${{ steps.meta.outputs.tags }}"}
      - uses: docker/build-push-action@v6
        with: {file: ./docker/Dockerfile.worker, tags: "${{ steps.old.outputs.tags }}\\nacme/worker:edge"}
      - uses: docker/build-push-action@v6
        with: {file: ./docker/Dockerfile.other, tags: "${{ steps.missing.outputs.tags }}"}
"""


def test_the_images_a_metadata_step_names_are_the_tags_a_build_step_takes_from_it():
    from dockharden.dockerfile.compose import same_image, workflow_declarations

    found = {d.dockerfile.rsplit("/", 1)[-1]: d.tags for d in workflow_declarations("/r", ".github/workflows/build.yml", METADATA_WORKFLOW)}
    assert found == {
        "Dockerfile": ("ghcr.io/acme/api:${{ steps.meta.outputs.tags }}", "docker.io/acme/api:${{ steps.meta.outputs.tags }}"),
        "Dockerfile.worker": ("acme/worker:${{ steps.old.outputs.tags }}", "acme/worker-gpu:${{ steps.old.outputs.tags }}", "acme/worker:edge"),
        "Dockerfile.other": ("${{ steps.missing.outputs.tags }}",),
    }
    assert same_image("acme/api:1.4.2", found["Dockerfile"][1]) and not same_image("acme/worker:1", found["Dockerfile"][0])


SIBLING_BUILD = "jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with: {context: ., file: ./docker/Dockerfile}\n"


def test_copy_dot_from_a_folder_of_dockerfiles_only_takes_the_context_of_the_one_built_beside_it(tmp_path):
    # LibreTranslate: docker/ holds Dockerfile (built from the root), arm.Dockerfile...; COPY . . is written for the root.
    tree(tmp_path, {".git/": "", ".dockerignore": ".git*\n", "main.py": "", "docker/Dockerfile": "", "docker/arm.Dockerfile": "",
                    ".github/workflows/publish.yml": SIBLING_BUILD})
    text = "FROM python:3.12-slim\nCOPY . .\nRUN pip install .\n"
    context = context_of(tmp_path, "docker/arm.Dockerfile", text)
    assert (context.root, context.evidence, context.dockerignore) == (".", "as .github/workflows/publish.yml builds Dockerfile beside it", ".dockerignore")
    assert context_of(tmp_path, "docker/arm.Dockerfile", "FROM python:3.12-slim\nCOPY main.py .\n").root == "."  # found by its file


@pytest.mark.parametrize("files", [
    {"docker/Dockerfile": "", "docker/arm.Dockerfile": ""},  # nothing builds the other: nothing tells
    {"docker/Dockerfile": "", "docker/arm.Dockerfile": "", "docker/entrypoint.sh": ""},  # a folder with files of its own
])
def test_a_folder_of_dockerfiles_no_build_tells_or_with_other_files_stays_the_context(tmp_path, files):
    build = {} if len(files) == 2 else {".github/workflows/publish.yml": SIBLING_BUILD}
    tree(tmp_path, {".git/": "", ".dockerignore": "", **files, **build})
    assert context_of(tmp_path, "docker/arm.Dockerfile", "FROM python:3.12-slim\nCOPY . .\n").root == "docker"


def test_a_folder_of_dockerfiles_whose_others_are_built_from_two_contexts_stays_the_context(tmp_path):
    builds = SIBLING_BUILD + "      - uses: docker/build-push-action@v6\n        with: {context: ./docker, file: ./docker/cuda.Dockerfile}\n"
    tree(tmp_path, {".git/": "", ".dockerignore": "", "docker/Dockerfile": "", "docker/cuda.Dockerfile": "", "docker/arm.Dockerfile": "",
                    ".github/workflows/publish.yml": builds})
    context = context_of(tmp_path, "docker/arm.Dockerfile", "FROM python:3.12-slim\nCOPY . .\n")
    assert (context.root, context.evidence) == ("docker", "the Dockerfile's folder")


def test_a_folder_of_dockerfiles_copied_from_by_name_stays_the_context(tmp_path):
    tree(tmp_path, {".git/": "", ".dockerignore": "", "docker/Dockerfile": "", "docker/arm.Dockerfile": "",
                    ".github/workflows/publish.yml": SIBLING_BUILD})
    assert context_of(tmp_path, "docker/arm.Dockerfile", "FROM python:3.12-slim\nCOPY requirements.txt .\n").root == "docker"


OUTPUT_WORKFLOW = """
env:
  REGISTRY_BASE: acme
jobs:
  build:
    steps:
      - id: version
        run: |
          echo "REGISTRY_IMAGE=${{ env.REGISTRY_BASE }}/cluster-prod" >> $GITHUB_OUTPUT
          echo "CHANNEL=stable" >> "$GITHUB_OUTPUT"
          echo "CHANNEL=edge" >> "$GITHUB_OUTPUT"
          echo "VERSION=$(cat VERSION)" >> $GITHUB_OUTPUT
      - uses: docker/build-push-action@v5
        with:
          file: ./services/clustering/Dockerfile
          tags: "${{ steps.version.outputs.REGISTRY_IMAGE }}:latest"
      - uses: docker/build-push-action@v5
        with:
          file: ./services/other/Dockerfile
          tags: "acme/other:${{ steps.version.outputs.CHANNEL }},acme/other:${{ steps.version.outputs.VERSION }}"
"""


def test_a_step_output_echoed_once_as_a_constant_names_the_tag():
    # R2R: REGISTRY_IMAGE set through a step output, the workflow's env filled in first.
    from dockharden.dockerfile.compose import workflow_declarations

    found = {d.dockerfile: d.tags for d in workflow_declarations("/r", ".github/workflows/build.yml", OUTPUT_WORKFLOW)}
    assert found == {"/r/services/clustering/Dockerfile": ("acme/cluster-prod:latest",),
                     "/r/services/other/Dockerfile": ("acme/other:${{ steps.version.outputs.CHANNEL }}", "acme/other:${{ steps.version.outputs.VERSION }}")}


def test_an_image_without_a_tag_runs_latest():
    from dockharden.dockerfile.compose import same_image

    assert (same_image("acme/cluster-prod", "acme/cluster-prod:latest"), same_image("acme/cluster-prod", "acme/cluster-prod:1.0"),
            same_image("localhost:5000/acme/app", "acme/app:latest")) == (True, False, True)


MATRIX_WORKFLOW = """
jobs:
  build:
    strategy:
      matrix:
        docker-image: [django, nginx]
        os: [alpine, debian]
    steps:
      - uses: docker/build-push-action@v6
        with:
          file: ./Dockerfile.${{ matrix.docker-image }}-${{ matrix.os }}
          target: release
          tags: acme/${{ matrix.docker-image }}:${{ matrix.os }}
      - uses: docker/build-push-action@v6
        with:
          file: ./Dockerfile.${{ matrix.flavour }}
"""


def test_a_build_step_file_of_matrix_values_is_each_combination_with_its_target():
    # DefectDojo's release workflow: ./Dockerfile.${{ matrix.docker-image }}-${{ matrix.os }}, target release.
    from dockharden.dockerfile.compose import workflow_declarations

    found = [(d.dockerfile, d.target, d.tags) for d in workflow_declarations("/r", ".github/workflows/release.yml", MATRIX_WORKFLOW)]
    assert found == [("/r/Dockerfile.django-alpine", "release", ("acme/django:alpine",)), ("/r/Dockerfile.django-debian", "release", ("acme/django:debian",)),
                     ("/r/Dockerfile.nginx-alpine", "release", ("acme/nginx:alpine",)), ("/r/Dockerfile.nginx-debian", "release", ("acme/nginx:debian",))]
