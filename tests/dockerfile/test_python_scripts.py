"""The docker and podman commands of Python scripts, as shell lines for the script readers."""
import pytest

from dockharden.dockerfile.compose import build_commands, script_runs
from dockharden.dockerfile.python_scripts import docker_commands


@pytest.mark.parametrize("code, line", [
    ('subprocess.check_call(["docker", "run", "--rm", "-v", here + ":/src", "acme/packager:" + tag])\n',
     "docker run --rm -v '${here}:/src' 'acme/packager:${tag}'"),
    ('cmd = ("docker", "buildx", "build", "-t", f"pkg-env:{dist}") + self.extra + ("ci",)\n',
     "docker buildx build -t 'pkg-env:${dist}' ${self_extra} ci"),
    ('subprocess.run(["podman", "run", *opts, "tool:2", "make", "all"])\n', "podman run ${opts} tool:2 make all"),
    ('os.system(f"docker run --rm gen:{v} render --out /o")\n', "docker run --rm gen:${v} render --out /o"),
    ('subprocess.run("docker build -t " + name + " deploy", shell=True)\n', "docker build -t ${name} deploy"),
])
def test_argument_lists_and_command_strings_become_shell_lines(code, line):
    assert docker_commands(code) == line


@pytest.mark.parametrize("code", [
    'subprocess.run(["docker", "kill", name])\n',  # no build or run: still a docker line, read by nobody
    'subprocess.run(["git", "run", "x"])\n',
    'print("see the docs to run it")\n',
])
def test_other_commands_give_no_build_or_run(code):
    lines = docker_commands(code)
    assert build_commands(lines) == [] and script_runs("s.py", lines) == []


def test_a_file_that_is_not_python_gives_nothing():
    assert docker_commands('docker run --rm acme/app:1 make test\nif [ -f x ]; then\n') == ""


def test_a_joined_list_is_one_command_and_its_build_args_are_read():
    code = ('args = ("docker", "build", "--tag", "env:" + tag, "--build-arg", "distro=" + dist, "-f", "docker/Dockerfile.env")'
            ' + tuple(extra) + ("docker",)\nsubprocess.check_call(args)\n')
    (command,) = build_commands(docker_commands(code))
    assert (command.file, command.context, command.tags, command.args) == ("docker/Dockerfile.env", "docker", ("env:${tag}",), ("distro",))


def test_a_run_with_a_variable_tag_is_read_as_that_image():
    (run,) = script_runs("build.py", docker_commands('subprocess.check_call(["docker", "run", "--rm", "--name", n, "env:" + tag])\n'))
    assert (run.image, run.service.command, run.service.foreground) == ("env:${tag}", None, True)


def test_commands_are_found_deep_in_a_long_script_and_in_a_decorator_above_its_def():
    filler = "".join(f"def step_{n}(x):\n    return [x, {n}]\n\n" for n in range(200))
    text = (filler + '@retried(["docker", "run", "--rm", "acme/probe:2"])\ndef check():\n    pass\n\n'
            'class Release:\n    def build(self, tag):\n        if tag:\n'
            '            subprocess.check_call(["docker", "build", "-t", "acme/app:" + tag, "."])\n' + filler)
    assert docker_commands(text) == "docker run --rm acme/probe:2\ndocker build -t 'acme/app:${tag}' ."
