"""The option tables and the one argv parser: each program's names, aliases, prefixes and
senses as its own parser reads them."""
import pytest

from dockharden.knowledge.options import PROGRAMS, parse_argv, set_by_env


@pytest.mark.parametrize("program, args, option, value", [
    ("pip", "install --no-cache-dir x", "--no-cache-dir", ""),
    ("pip", "install --no-cache x", "--no-cache-dir", ""),  # optparse: a unique prefix
    ("pip", "--no-cache-dir install x", "--no-cache-dir", ""),  # a general option before the command
    ("pip", "install -rreq.txt", "--requirement", "req.txt"),
    ("pip", "install --requirement=req.txt", "--requirement", "req.txt"),
    ("uv", "pip install --no-cache-dir x", "--no-cache", ""),  # clap: a declared alias
    ("uv", "pip install -n x", "--no-cache", ""),
    ("apt-get", "install --no-install-recommends x", "--install-recommends", "false"),
    ("apt-get", "install --NO-INSTALL-RECOMMENDS x", "--install-recommends", "false"),  # apt ignores case
    ("apt-get", "install --without-install-recommends x", "--install-recommends", "false"),
    ("apt-get", "-o APT::Install-Recommends=false install x", "--install-recommends", "false"),
    ("apt-get", "--option=APT::Install-Recommends=0 install x", "--install-recommends", "0"),
    ("apk", "add --no-cache x", "--no-cache", ""),
    ("apk", "add -t .deps x", "--virtual", ".deps"),
    ("chown", "--from=root:root -R app:app /app", "--from", "root:root"),
    ("chown", "--recur app /app", "--recursive", ""),  # getopt_long: a unique prefix
    ("useradd", "-rmu1000 app", "--uid", "1000"),
    ("adduser", "-D -u 1000 app", "--uid", "1000"),  # BusyBox's short options
    ("wget", "-nv -O - http://x", "--output-document", "-"),
    ("curl", "-fsSL http://x", "--location", ""),
])
def test_options_are_read_as_the_program_reads_them(program, args, option, value):
    assert parse_argv(program, args.split()).value(option) == value


@pytest.mark.parametrize("program, args", [
    ("uv", "pip install --no-cach x"),  # clap takes names exactly
    ("apt-get", "install --no-install-recommend x"),  # so does apt
    ("curl", "--locat http://x"),  # and curl since 8.x
    ("pip", "install --no-c x"),  # ambiguous: --no-cache-dir, --no-color, --no-compile, --no-clean
])
def test_no_prefixes_where_the_parser_takes_none(program, args):
    argv = parse_argv(program, args.split())
    assert argv.unknown and not argv.has("--no-cache") and not argv.has("--no-cache-dir") and not argv.has("--location")


@pytest.mark.parametrize("program, args, operands", [
    ("chown", "--from root:root --changes --recursive app:app /app", ("app:app", "/app")),
    ("chown", "--reference=/etc/passwd -R /app", ("/app",)),
    ("chmod", "-R -w /app", ("-w", "/app")),  # chmod reads -w as a mode
    ("chmod", "--recursive u+rwX,go-w /app", ("u+rwX,go-w", "/app")),
    ("pip", "install -c constraints.txt -e . --no-deps", ("install",)),
    ("apt-get", "install -y -- -weird-name", ("install", "-weird-name")),
])
def test_operands(program, args, operands):
    assert parse_argv(program, args.split()).operands == operands


@pytest.mark.parametrize("program, option, variables, on", [
    ("pip", "--no-cache-dir", {"PIP_NO_CACHE_DIR": "1"}, True),
    ("pip", "--no-cache-dir", {"PIP_NO_CACHE_DIR": "off"}, True),  # pip's callback: any value disables the cache
    ("pip", "--no-cache-dir", {}, False),
    ("uv", "--no-cache", {"UV_NO_CACHE": "true"}, True),
    ("uv", "--no-cache", {"UV_NO_CACHE": "0"}, False),  # clap reads a boolean
    ("uv", "--no-cache", {"UV_NO_CACHE": None}, False),  # an ARG without a value
])
def test_environment_variables(program, option, variables, on):
    assert set_by_env(program, option, variables) is on


def test_apt_ignores_the_case_of_long_names_only():
    # apt-get reads --Yes as --yes, but -V (--verbose-versions) is not -v
    assert parse_argv("apt-get", ("install", "--Yes", "curl")).has("--yes")
    argv = parse_argv("apt-get", ("install", "-V", "curl"))
    assert (argv.has("--verbose-versions"), argv.unknown, argv.operands) == (True, (), ("install", "curl"))


@pytest.mark.parametrize("program, args, option, operands", [
    ("pip", ("install", "flask", "-r"), "--requirement", ("install", "flask")),  # a value-taking option as the last word
    ("useradd", ("app", "-u"), "--uid", ("app",)),
    ("pip", ("install", "flask", "--requirement"), "--requirement", ("install", "flask")),  # the long name too
])
def test_an_option_missing_its_value_at_the_end_has_none(program, args, option, operands):
    argv = parse_argv(program, args)
    assert (argv.value(option), argv.operands) == (None, operands)


def test_every_program_has_unique_names_and_a_long_canonical_name_where_it_has_one():
    for program in PROGRAMS.values():
        names = [n.lower() if program.ignore_case and n.startswith("--") else n for o in program.options for n in o.names]
        assert len(names) == len(set(names)), program.name
        for option in program.options:
            longs = [n for n in option.names if n.startswith("--")]
            assert not longs or option.names[0] == longs[0]
