"""The `docker run` commands of scripts and Makefiles, read as services that run an image."""
import pytest

from dockharden.dockerfile.compose import make_expanded, script_copies_out, script_runs


@pytest.mark.parametrize("image, kept", [
    ("acme/compiler:1", True),
    ("$(PREFIX)/compiler:latest", True),  # a registry prefix: the name and tag still say which image
    ("${REGISTRY}/acme/compiler@sha256:" + "ab" * 32, True),
    ("$IMAGE", False),
    ("${NAME}:${TAG}", False),
    ("acme/builder:${TAG}", True),  # a fixed name with a variable's tag is still that image
    ("acme/builder:$TAG-slim", True),
    ("acme/builder:$(VERSION)", True),
    ("$(PREFIX)/compiler:$(shell echo dev | sed 's/x/y/')", False),  # a make function: no name to match
])
def test_only_an_image_with_a_name_of_its_own_is_matched(image, kept):
    runs = script_runs("run.sh", f"docker run --rm {image} make compile\n")
    assert [d.image for d in runs] == ([image] if kept else [])


@pytest.mark.parametrize("options, foreground", [
    ("--rm -v $PWD:/app", True),
    ("--rm -it", True),
    ("-d", False),
    ("--detach", False),
    ("-p 8000:8000", False),
    ("--restart=always", False),
    ("--network host", False),
    ("--network=bridge", True),
])
def test_a_run_the_script_waits_for_is_in_the_foreground(options, foreground):
    (run,) = script_runs("run.sh", f"docker run {options} acme/app:1 python -m app\n")
    assert (run.service.foreground, run.service.command) == (foreground, "python -m app")


@pytest.mark.parametrize("command, task", [
    ("make compile", True),
    ("python -m app --version", False),  # a smoke test
    ("app help", False),
    ("bash", False),  # with -it: a terminal
    ("", False),
])
def test_a_task_is_a_foreground_run_with_a_command_that_does_the_work(command, task):
    (run,) = script_runs("run.sh", f"docker run -it --rm acme/app:1 {command}\n")
    assert run.service.task is task


def test_a_makefiles_runs_name_the_image_with_its_own_variables():
    text = "IMAGE ?= acme/compiler:1\ncompile:\n\tdocker run \\\n\t\t-v $(CURDIR):/app \\\n\t\t$(IMAGE) make compile-local\n"
    (run,) = script_runs("Makefile", make_expanded(text))
    assert (run.image, run.service.command, run.service.task, run.where) == ("acme/compiler:1", "make compile-local", True, "Makefile (a run script)")


def test_build_and_run_commands_start_where_docker_or_podman_is_a_word_of_its_own():
    from dockharden.dockerfile.compose import build_commands

    text = ("mydocker build -t no/one .\nsudo podman build -f Containerfile.web -t acme/web:2 web \\\n  && docker build -t inside/it .\n"
            "docker buildx build --tag acme/api:7 api\necho $HOME; $CONTAINER_RUNTIME build -t acme/job:3 jobs\n")
    assert [(c.file, c.context, c.tags) for c in build_commands(text)] == [
        ("Containerfile.web", "web", ("acme/web:2",)), (None, "api", ("acme/api:7",)), (None, "jobs", ("acme/job:3",))]
    runs = script_runs("/r/run.sh", "xpodman run acme/not:1\ndocker run --rm acme/tool:3 lint docker run acme/inner:4\n")
    assert [r.image for r in runs] == ["acme/tool:3"]


@pytest.mark.parametrize("cli", ["$CONTAINER_RUNTIME", "${DOCKER}", "$PODMAN_CMD"])
def test_a_variable_that_names_the_container_cli_runs_an_image(cli):
    (run,) = script_runs("run.sh", f"{cli} run --rm acme/app:1 make test\n")
    assert (run.image, run.service.command) == ("acme/app:1", "make test")


@pytest.mark.parametrize("cli", ["$PYTHON", "$DOCKER_COMPOSE", "${COMPOSE_RUNTIME}"])  # compose's run takes a service
def test_a_variable_that_names_something_else_runs_nothing(cli):
    assert script_runs("run.sh", f"{cli} run --rm acme/app:1 make test\n") == []


@pytest.mark.parametrize("text, images", [
    ("docker cp $(docker create --rm acme/plugin-build:2):/out/libplugin.so ./lib/\n", ["acme/plugin-build:2"]),
    ("id=$(podman create acme/plugin-build)\npodman cp $id:/out/libplugin.so .\npodman rm $id\n", ["acme/plugin-build"]),
    ("ID=$$(docker container create -v $(CURDIR):/src acme/pkg:3) && \\\n\tdocker cp $$ID:/pkg.tar dist/\n", ["acme/pkg:3"]),
    ("docker create --name c acme/plugin-build\n", []),  # nothing is copied out
    ("id=$(docker create acme/plugin-build)\ndocker cp $id:/out/a.so .\ndocker start $id\n", []),  # it runs the container
    ("id=$(docker create acme/plugin-build)\ndocker cp ./conf $id:/etc/app\ndocker commit $id acme/app\n", []),
    ("docker cp $(docker create $IMAGE):/out/a.so .\n", []),  # a variable: no name to match
])
def test_a_container_created_only_to_copy_files_out_of_it(text, images):
    found = script_copies_out("Makefile", text)
    assert [d.image for d in found] == images
    assert all(d.copied_out and d.service is None and d.where == "Makefile (docker cp)" for d in found)


def test_assignments_indented_inside_a_makefile_conditional_are_filled_in():
    text = "ifeq ($(OS),redhat)\n  DIST = redhat\nelse\n  DIST = ubuntu\nendif\nbuild:\n\tDIST=x docker build -f Dockerfile.$(DIST) .\n"
    assert make_expanded(text).endswith("\tDIST=x docker build -f Dockerfile.redhat .\n")  # the first of each name; a recipe's tab is no assignment


def test_a_plain_assignment_overrides_a_default_and_appends_are_left_out():
    text = ("IMAGE ?= acme/server\nOS ?= $(BASE)\nifeq ($(BUILD),dbg)\n  IMAGE := $(IMAGE)-dbg\nendif\nifeq ($(BASE),ubuntu24)\n  OS=ubuntu\nendif\n"
            "FLAGS += -v\nbuild:\n\tdocker build -f Dockerfile.$(OS) -t $(IMAGE):1 .\n")
    assert make_expanded(text).endswith("\tdocker build -f Dockerfile.ubuntu -t acme/server:1 .\n")


@pytest.mark.parametrize("command", ["docker $(BUILDX) build", "docker ${BUILDX} build", "docker buildx build", "podman build"])
def test_a_build_through_a_variable_that_may_say_buildx(command):
    from dockharden.dockerfile.compose import build_commands
    assert [(c.file, c.context, c.tags) for c in build_commands(f"{command} -f Dockerfile.app -t acme/app:1 .\n")] == [
        ("Dockerfile.app", ".", ("acme/app:1",))]
