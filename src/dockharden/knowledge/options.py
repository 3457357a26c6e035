"""Command-line options of the programs Dockerfiles run, as data, and one argv parser.

Each program's table lists its options the way its own parser knows them: every name of an
option (the first is the canonical one a caller asks for), whether it takes a value, and
the environment variables that set it. The parser follows the program's real rules:

- optparse (pip), argparse (dnf 4, yum) and GNU getopt_long (coreutils chown and chmod,
  shadow's useradd/groupadd, wget, apk-tools 2) accept any unique prefix of a long option
  (`pip install --no-cache` is `--no-cache-dir`); Perl's Getopt::Long (Debian's adduser)
  does too (auto_abbrev).
- clap (uv) and cleo (Poetry) take names exactly; uv declares `--no-cache-dir` as a hidden alias of
  `--no-cache` (astral-sh/uv pull 1380).
- apt's CommandLine matches names exactly and case-insensitively, and reads a leading
  `no-`/`without-`/`disable-` (or `yes-`/`with-`/`enable-`) as the sense of a boolean:
  `--no-install-recommends` is `--install-recommends` set to false, as is
  `--install-recommends=no` and `-o APT::Install-Recommends=false` (apt-pkg cmndline.cc).
- curl looks long names up exactly (`findlongopt`, a bsearch, since 8.x) and also reads
  `--no-NAME` for its booleans.

Use: `parse_argv("apt-get", command.args).boolean("--install-recommends")` is False for
any spelling of "no recommends"; `.has("--no-cache-dir")`, `.value("--uid")`,
`.operands`; `set_by_env(program, name, variables)` reads the option's environment variable.
`docker build` (also read for `docker buildx build` and `podman build`) is here for the
build commands projects write in comments and scripts.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from dockharden.core.records import frozen

FALSE_WORDS = frozenset({"0", "false", "no", "off", "n", "f", "without", "disable"})
TRUE_WORDS = frozenset({"1", "true", "yes", "on", "y", "t", "with", "enable"})
_SENSE_WORDS = {"no": "false", "without": "false", "disable": "false", "yes": "true", "with": "true", "enable": "true"}


@frozen
class Option:
    names: tuple[str, ...]  # the canonical name (the first long one) first, then its aliases
    takes_value: bool = False
    env: tuple[str, ...] = ()  # environment variables that set it
    config: str = ""  # apt: the configuration key it sets (APT::Install-Recommends)


@frozen
class Program:
    name: str
    options: tuple[Option, ...]
    long_prefixes: bool  # a unique prefix of a long name is that option
    negation: bool = False  # --no-NAME (and apt's other sense words) negate a boolean
    ignore_case: bool = False  # long names only (apt); short ones are always exact
    env_prefix: str = ""  # pip: PIP_<NAME> sets every long option
    mode_words: re.Pattern[str] | None = None  # chmod: words such as -w, -rwx are modes, not options
    stops_at_operand: bool = False  # docker run: the first operand (the image) ends the options

    def find(self, word: str) -> Option | None:
        """The option a name (`--name`, `-x`) or a unique prefix of a long name stands for."""
        key = word.lower() if self.ignore_case and word.startswith("--") else word
        exact = _index(self).get(key)
        if exact is not None or not (self.long_prefixes and key.startswith("--")):
            return exact
        hits = {option for name, option in _index(self).items() if name.startswith(key) and name.startswith("--")}
        return hits.pop() if len(hits) == 1 else None


@frozen
class Argv:
    options: tuple[tuple[str, str], ...]  # (canonical name, value: "" for a switch), in order
    operands: tuple[str, ...]
    unknown: tuple[str, ...] = ()  # option words the table does not know

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self.options)

    def value(self, name: str) -> str | None:
        """The option's value (the last one given wins), None when it is not given."""
        found = None
        for key, value in self.options:
            if key == name:
                found = value
        return found

    def values(self, name: str) -> tuple[str, ...]:
        return tuple(value for key, value in self.options if key == name)

    def boolean(self, name: str) -> bool | None:
        """A switch's sense: True when given (or given a true word), False for a false word
        (`--no-install-recommends`, `=no`, `-o Key=false`), None when not given."""
        value = self.value(name)
        if value is None:
            return None
        return value.lower() not in FALSE_WORDS


_INDEXES: dict[str, dict[str, Option]] = {}


def _index(program: Program) -> dict[str, Option]:
    index = _INDEXES.get(program.name)
    if index is None:
        index = {(n.lower() if program.ignore_case and n.startswith("--") else n): o for o in program.options for n in o.names}
        _INDEXES[program.name] = index
    return index


def parse_argv(program: str | Program, args: Sequence[str]) -> Argv:
    """Options and operands of `program ARGS...` (options may follow operands, as GNU
    permutes them; `--` ends the options)."""
    spec = PROGRAMS[program] if isinstance(program, str) else program
    options: list[tuple[str, str]] = []
    operands: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--":
            operands.extend(args[i + 1 :])
            break
        if len(word) < 2 or word[0] != "-" or (spec.mode_words is not None and spec.mode_words.fullmatch(word)):
            if spec.stops_at_operand:
                operands.extend(args[i:])
                break
            operands.append(word)
        elif word.startswith("--"):
            i += _long(spec, word, args, i, options, unknown)
        else:
            i += _short(spec, word, args, i, options, unknown)
        i += 1
    return Argv(tuple(options), tuple(operands), tuple(unknown))


def _long(spec: Program, word: str, args: Sequence[str], i: int, options: list[tuple[str, str]], unknown: list[str]) -> int:
    """Read one long option into options; how many following words it took."""
    name, eq, value = word.partition("=")
    option = spec.find(name)
    if option is None and spec.negation:
        option, value, eq = _negated(spec, name, value, eq)
    if option is None:
        unknown.append(word)
        return 0
    if option.takes_value and not eq:
        if i + 1 < len(args):
            _store(spec, option, args[i + 1], options)
            return 1
        return 0
    _store(spec, option, value, options)
    return 0


def _negated(spec: Program, name: str, value: str, eq: str) -> tuple[Option | None, str, str]:
    """`--no-NAME` read as NAME with a false value (apt also takes with-, enable-, yes-...)."""
    sense, dash, rest = name[2:].partition("-")
    if not dash or sense.lower() not in _SENSE_WORDS or (sense.lower() != "no" and spec.name not in _APT_NAMES):
        return None, value, eq
    option = spec.find("--" + rest)
    if option is None or option.takes_value:
        return None, value, eq
    return option, _SENSE_WORDS[sense.lower()], "="


def _short(spec: Program, word: str, args: Sequence[str], i: int, options: list[tuple[str, str]], unknown: list[str]) -> int:
    """Read a cluster of short options (-rf, -u1000, -o Key=Value), or a short name of
    several letters (wget's -nv)."""
    whole = spec.find(word)
    if whole is not None and len(word) > 2:
        _store(spec, whole, "", options)
        return 0
    for position in range(1, len(word)):
        option = spec.find("-" + word[position])
        if option is None:
            unknown.append("-" + word[position])
            continue
        if not option.takes_value:
            _store(spec, option, "", options)
            continue
        attached = word[position + 1 :]
        if attached:
            _store(spec, option, attached, options)
            return 0
        if i + 1 < len(args):
            _store(spec, option, args[i + 1], options)
            return 1
        return 0
    return 0


def _store(spec: Program, option: Option, value: str, options: list[tuple[str, str]]) -> None:
    if option.names[0] == "--option" and "=" in value and spec.name in _APT_NAMES:  # apt -o Key=Value
        key, _, setting = value.partition("=")
        target = next((o for o in spec.options if o.config and o.config.lower() == key.lower()), None)
        if target is not None:
            options.append((target.names[0], setting))
            return
    options.append((option.names[0], value))


def set_by_env(program: str, name: str, variables: Mapping[str, str | None]) -> bool:
    """Whether an environment variable in `variables` (a stage's ARG and ENV values) turns
    the option on: pip reads PIP_<NAME> (for PIP_NO_CACHE_DIR any value disables the cache,
    pip's own callback says so); uv reads a boolean (1/true/yes/on)."""
    spec = PROGRAMS[program]
    option = spec.find(name)
    if option is None:
        return False
    names = list(option.env)
    if spec.env_prefix:
        names += [spec.env_prefix + n[2:].upper().replace("-", "_") for n in option.names if n.startswith("--")]
    for env in names:
        value = variables.get(env)
        if value is not None and (spec.env_prefix or value.strip().lower() in TRUE_WORDS):
            return True
    return False


def _table(text: str) -> tuple[Option, ...]:
    """One option per line: its names, `=` when it takes a value, `env:NAME` and
    `config:KEY` for what else sets it."""
    options = []
    for line in text.strip().splitlines():
        words = line.split()
        given = [w for w in words if w.startswith("-")]
        names = tuple([n for n in given if n.startswith("--")] + [n for n in given if not n.startswith("--")])
        env = tuple(w[4:] for w in words if w.startswith("env:"))
        config = next((w[7:] for w in words if w.startswith("config:")), "")
        options.append(Option(names, "=" in words, env, config))
    return tuple(options)


_PIP_GENERAL = """
-h --help
--debug
--isolated
--require-virtualenv
--python =
-v --verbose
-V --version
-q --quiet
--log =
--no-input
--keyring-provider =
--proxy =
--retries =
--timeout =
--exists-action =
--trusted-host =
--cert =
--client-cert =
--cache-dir =
--no-cache-dir
--disable-pip-version-check
--no-color
--no-python-version-warning
--use-feature =
--use-deprecated =
--resume-retries =
"""
_PIP_INSTALL = """
-r --requirement =
-c --constraint =
--no-deps
--pre
-e --editable =
--dry-run
-t --target =
--platform =
--python-version =
--implementation =
--abi =
--user
--root =
--prefix =
--src =
-U --upgrade
--upgrade-strategy =
--force-reinstall
-I --ignore-installed
--ignore-requires-python
--no-build-isolation
--use-pep517
--no-use-pep517
--check-build-dependencies
--break-system-packages
-C --config-settings =
--global-option =
--compile
--no-compile
--no-warn-script-location
--no-warn-conflicts
--no-binary =
--only-binary =
--prefer-binary
--require-hashes
--progress-bar =
--root-user-action =
--report =
--group =
-i --index-url =
--extra-index-url =
--no-index
-f --find-links =
-d --dest --download --destination-dir =
-w --wheel-dir =
--no-clean
-y --yes
"""
_UV = """
-n --no-cache --no-cache-dir env:UV_NO_CACHE
--cache-dir = env:UV_CACHE_DIR
-p --python = env:UV_PYTHON
--system env:UV_SYSTEM_PYTHON
--break-system-packages env:UV_BREAK_SYSTEM_PACKAGES
-r --requirement --requirements =
-c --constraint --constraints = env:UV_CONSTRAINT
--override --overrides = env:UV_OVERRIDE
-e --editable =
-t --target =
--prefix =
--python-platform =
--python-version =
-i --index-url = env:UV_INDEX_URL
--extra-index-url = env:UV_EXTRA_INDEX_URL
--index = env:UV_INDEX
--default-index = env:UV_DEFAULT_INDEX
-f --find-links = env:UV_FIND_LINKS
--no-index
--index-strategy = env:UV_INDEX_STRATEGY
--keyring-provider = env:UV_KEYRING_PROVIDER
--allow-insecure-host --trusted-host = env:UV_INSECURE_HOST
--resolution = env:UV_RESOLUTION
--prerelease = env:UV_PRERELEASE
--fork-strategy = env:UV_FORK_STRATEGY
--exclude-newer = env:UV_EXCLUDE_NEWER
--link-mode = env:UV_LINK_MODE
--compile-bytecode --compile env:UV_COMPILE_BYTECODE
-C --config-setting --config-settings =
--no-build-isolation env:UV_NO_BUILD_ISOLATION
--no-build-isolation-package =
--no-build env:UV_NO_BUILD
--no-build-package = env:UV_NO_BUILD_PACKAGE
--no-binary env:UV_NO_BINARY
--no-binary-package = env:UV_NO_BINARY_PACKAGE
--only-binary =
--no-sources
-U --upgrade
-P --upgrade-package =
--reinstall --force-reinstall
--reinstall-package =
--refresh
--refresh-package =
--no-deps
--require-hashes env:UV_REQUIRE_HASHES
--strict
--dry-run
--user
--torch-backend = env:UV_TORCH_BACKEND
--extra =
--all-extras
--no-extra =
--group =
--no-group =
--only-group =
--all-groups
--dev
--no-dev env:UV_NO_DEV
--only-dev
--no-default-groups
--frozen env:UV_FROZEN
--locked env:UV_LOCKED
--no-install-project
--no-install-workspace
--no-install-package =
--no-editable env:UV_NO_EDITABLE
--inexact
--exact
--active
--package =
--all-packages
--script =
--directory =
--project = env:UV_PROJECT
--config-file = env:UV_CONFIG_FILE
--no-config env:UV_NO_CONFIG
--color =
-q --quiet
-v --verbose
--offline env:UV_OFFLINE
--no-progress env:UV_NO_PROGRESS
--native-tls env:UV_NATIVE_TLS
--managed-python env:UV_MANAGED_PYTHON
--no-managed-python env:UV_NO_MANAGED_PYTHON
--no-python-downloads
--preview env:UV_PREVIEW
--allow-existing
--seed
--clear
--prompt =
--relocatable
--system-site-packages
-h --help
-V --version
"""
_APT = """
-y --yes --assume-yes config:APT::Get::Assume-Yes
--assume-no
-q --quiet --silent
-s --simulate --just-print --dry-run --recon --no-act
-d --download-only
-f --fix-broken
-m --ignore-missing --fix-missing
--no-download
-u --show-upgraded
-V --verbose-versions
-b --compile --build
--install-recommends config:APT::Install-Recommends
--install-suggests config:APT::Install-Suggests
--reinstall
--auto-remove --autoremove config:APT::Get::AutomaticRemove
--purge config:APT::Get::Purge
--allow-downgrades
--allow-remove-essential
--allow-change-held-packages
--allow-unauthenticated config:APT::Get::AllowUnauthenticated
--allow-insecure-repositories config:Acquire::AllowInsecureRepositories
--allow-releaseinfo-change
--force-yes
--upgrade
--only-upgrade
--fix-policy
--ignore-hold
--trivial-only
--remove
--print-uris
--list-cleanup
--show-progress
--with-new-pkgs
--arch-only
--indep-only
--mark-auto
-c --config-file =
-o --option =
-t --target-release --default-release =
-a --host-architecture =
-P --build-profiles =
--solver =
-h --help
-v --version
"""
# Poetry (cleo: long names exactly). --no-cache is a global option of Poetry 1.2 and later.
_POETRY = """
--no-cache
-n --no-interaction
-q --quiet
-v --verbose
--no-ansi
--ansi
--no-plugins
-C --directory =
-P --project =
--no-root
--only-root
--only =
--with =
--without =
-E --extras =
--all-extras
--all-groups
--sync
--no-directory
--compile
--dry-run
-G --group =
-D --dev
-e --editable
--optional =
--lock
--source =
--allow-prereleases
-h --help
-V --version
"""
_APK = """
--no-cache
-U --update-cache
-t --virtual =
-X --repository =
--repositories-file =
-p --root =
--arch =
--allow-untrusted
--initdb
--no-scripts
--no-chown
--clean-protected
--cache-dir =
--cache-max-age =
--keys-dir =
-i --interactive
-f --force
--force-overwrite
--force-broken-world
--force-non-repository
--force-refresh
--force-missing-repositories
-l --latest
-u --upgrade
-s --simulate
--purge
-r --rdepends
--no-network
--no-progress
--progress
-q --quiet
-v --verbose
--wait =
--timeout =
-h --help
-V --version
"""
_DNF = """
-y --assumeyes
--assumeno
-q --quiet
-v --verbose
-C --cacheonly
--refresh
--nodocs
--noplugins
--nogpgcheck
--best
--nobest
--allowerasing
--skip-broken
--noautoremove
--downloadonly
--setopt =
--disablerepo =
--enablerepo =
--repo --repoid =
--repofrompath =
--installroot =
--releasever =
-x --exclude =
--destdir --downloaddir =
--forcearch =
-c --config =
--enableplugin =
--disableplugin =
--security
--bugfix
-h --help
--version
"""
_ZYPPER = """
-n --non-interactive
-q --quiet
-v --verbose
--no-gpg-checks
--gpg-auto-import-keys
-y --no-confirm
--no-recommends
--recommends
-l --auto-agree-with-licenses
-f --force
-D --dry-run
--download-only
--oldpackage
--replacefiles
-t --type =
-r --repo =
--from =
-R --root =
--installroot =
-h --help
-V --version
"""
_CHOWN = """
-c --changes
-f --silent --quiet
-v --verbose
--dereference
-h --no-dereference
--from =
--no-preserve-root
--preserve-root
--reference =
-R --recursive
-H
-L
-P
--help
--version
"""
_CHMOD = """
-c --changes
-f --silent --quiet
-v --verbose
--dereference
-h --no-dereference
--no-preserve-root
--preserve-root
--reference =
-R --recursive
-H
-L
-P
--help
--version
"""
# GNU findutils xargs (man xargs); -e, -i and -l take an optional value attached only.
_XARGS = """
-0 --null
-a --arg-file =
-d --delimiter =
-E =
-e --eof
-I =
-i --replace
-L --max-lines =
-l
-n --max-args =
-o --open-tty
-P --max-procs =
-p --interactive
--process-slot-var =
-r --no-run-if-empty
-s --max-chars =
-t --verbose
-x --exit
--show-limits
--help
--version
"""
_MKDIR = """
-m --mode =
-p --parents
-v --verbose
-Z
--help
--version
"""
_USERADD = """
-b --base-dir =
-c --comment =
-d --home-dir --home =
-D --defaults
-e --expiredate =
-f --inactive =
-F --add-subids-for-system
-g --gid =
-G --groups =
-h --help
-k --skel =
-K --key =
-l --no-log-init
-m --create-home
-M --no-create-home
-N --no-user-group
-o --non-unique
-p --password =
-r --system
-R --root =
-P --prefix =
-s --shell =
-u --uid =
-U --user-group
-Z --selinux-user =
--selinux-range =
--btrfs-subvolume-home
"""
_GROUPADD = """
-f --force
-g --gid =
-h --help
-K --key =
-o --non-unique
-p --password =
-r --system
-R --root =
-P --prefix =
-U --users =
"""
# shadow's usermod and groupmod (man usermod(8), groupmod(8)).
_USERMOD = """
-a --append
-b --badname
-c --comment =
-d --home =
-e --expiredate =
-f --inactive =
-g --gid =
-G --groups =
-h --help
-l --login =
-L --lock
-m --move-home
-o --non-unique
-p --password =
-P --prefix =
-r --remove
-R --root =
-s --shell =
-u --uid =
-U --unlock
-v --add-subuids =
-V --del-subuids =
-w --add-subgids =
-W --del-subgids =
-Z --selinux-user =
"""
_GROUPMOD = """
-a --append
-g --gid =
-h --help
-n --new-name =
-o --non-unique
-p --password =
-P --prefix =
-R --root =
-U --users =
"""
# Debian's adduser/addgroup (long options) and BusyBox's (short options: -u UID, -G GROUP,
# -g GECOS, -h HOME, -s SHELL, -S, -D, -H): images have one or the other.
_ADDUSER = """
--home -h =
--shell -s =
--uid -u =
--gid =
--ingroup -G =
--gecos --comment -g =
--firstuid =
--lastuid =
--firstgid =
--lastgid =
--conf -c =
--add-extra-groups --add_extra_groups
--group
--system -S
--disabled-password -D
--disabled-login
--no-create-home -H
--skel -k =
--quiet -q
--debug
--verbose
--force-badname --allow-badname
--allow-all-names
--encrypt-home
--extrausers
--help
--version
"""
_ADDGROUP = """
--gid -g =
--system -S
--quiet -q
--conf -c =
--force-badname --allow-badname
--debug
--help
"""
_CURL = """
-f --fail
--fail-with-body
-s --silent
-S --show-error
-L --location
-k --insecure
-I --head
-i --include
-v --verbose
-q --disable
-4 --ipv4
-6 --ipv6
-N --no-buffer
-O --remote-name
-J --remote-header-name
-g --globoff
-G --get
--compressed
--create-dirs
-o --output =
--output-dir =
-X --request =
-H --header =
-d --data =
--data-raw =
--data-binary =
--data-urlencode =
--json =
-F --form =
-u --user =
-A --user-agent =
-e --referer =
-x --proxy =
-m --max-time =
--connect-timeout =
--retry =
--retry-delay =
--retry-max-time =
--retry-all-errors
-w --write-out =
-T --upload-file =
-b --cookie =
-c --cookie-jar =
-K --config =
--url =
-E --cert =
--cacert =
--capath =
-r --range =
-C --continue-at =
-z --time-cond =
--resolve =
--interface =
--unix-socket =
--proto =
--tlsv1.2
-h --help
-V --version
"""
_WGET = """
-q --quiet
-v --verbose
-nv --no-verbose
-S --server-response
--spider
-c --continue
-N --timestamping
-O --output-document =
-o --output-file =
-a --append-output =
-P --directory-prefix =
-T --timeout =
-t --tries =
-w --wait =
-U --user-agent =
--header =
--user =
--password =
--post-data =
--post-file =
--method =
--body-data =
-i --input-file =
-B --base =
-e --execute =
-Y --proxy =
--no-proxy
--no-check-certificate
--ca-certificate =
-4 --inet4-only
-6 --inet6-only
-h --help
-V --version
"""
# `docker build` and `docker buildx build` (cobra and pflag: names exactly).
_DOCKER_BUILD = """
-f --file =
-t --tag =
--build-arg =
--build-context =
--target =
--platform =
--label =
--secret =
--ssh =
--cache-from =
--cache-to =
-o --output =
--progress =
--network =
--builder =
--add-host =
--iidfile =
--metadata-file =
--shm-size =
--ulimit =
-m --memory =
--attest =
--provenance =
--sbom =
--allow =
--annotation =
--call =
--check
--pull
--no-cache
--no-cache-filter =
--push
--load
-q --quiet
--rm
--force-rm
--squash
--compress
"""
# `docker run` and `podman run` (cobra and pflag: names exactly); the options that take a
# value, and the switches a script may give before the image.
# gunicorn's settings as command-line options (gunicorn/config.py; argparse, so unique prefixes of long names count).
_GUNICORN = """
-c --config =
-b --bind =
--backlog =
-w --workers =
-k --worker-class =
--threads =
--worker-connections =
--max-requests =
--max-requests-jitter =
-t --timeout =
--graceful-timeout =
--keep-alive =
--limit-request-line =
--limit-request-fields =
--limit-request-field_size =
--reload
--reload-engine =
--reload-extra-file =
--spew
--check-config
--print-config
--preload
--no-sendfile
--reuse-port
--chdir =
-D --daemon
-e --env =
-p --pid =
--worker-tmp-dir =
-u --user =
-g --group =
-m --umask =
--initgroups
--forwarded-allow-ips =
--access-logfile =
--disable-redirect-access-to-syslog
--access-logformat =
--error-logfile --log-file =
--log-level =
--capture-output
--logger-class =
--log-config =
--log-config-json =
--log-syslog-to =
--log-syslog
--log-syslog-prefix =
--log-syslog-facility =
-R --enable-stdio-inheritance
--statsd-host =
--dogstatsd-tags =
--statsd-prefix =
-n --name =
--pythonpath =
--paste --paster =
--proxy-protocol
--proxy-allow-from =
--keyfile =
--certfile =
--ssl-version =
--cert-reqs =
--ca-certs =
--suppress-ragged-eofs
--do-handshake-on-connect
--ciphers =
--paste-global =
--strip-header-spaces
-v --version
"""

_DOCKER_RUN = """
-v --volume =
--mount =
-e --env =
--env-file =
-p --publish =
--expose =
--name =
-u --user =
-w --workdir =
--entrypoint =
--network --net =
--add-host =
-m --memory =
--memory-swap =
--cpus =
--gpus =
--shm-size =
--ipc =
--pid =
--platform =
--restart =
-h --hostname =
-l --label =
--log-driver =
--log-opt =
--ulimit =
--device =
--cap-add =
--cap-drop =
--security-opt =
--tmpfs =
--pull =
--runtime =
--health-cmd =
--health-interval =
--health-timeout =
--health-retries =
--health-start-period =
--no-healthcheck
-i --interactive
-t --tty
-d --detach
--rm
--init
--privileged
--read-only
-P --publish-all
"""
_APT_NAMES = ("apt-get", "apt", "aptitude")
PROGRAMS: dict[str, Program] = {
    "pip": Program("pip", _table(_PIP_GENERAL + _PIP_INSTALL), long_prefixes=True, env_prefix="PIP_"),
    "uv": Program("uv", _table(_UV), long_prefixes=False),
    **{name: Program(name, _table(_APT), long_prefixes=False, negation=True, ignore_case=True) for name in _APT_NAMES},
    "apk": Program("apk", _table(_APK), long_prefixes=True),
    "poetry": Program("poetry", _table(_POETRY), long_prefixes=False),
    # dnf 4 and yum parse with argparse and optparse; microdnf with GLib's GOption, which
    # takes names exactly.
    **{name: Program(name, _table(_DNF), long_prefixes=name != "microdnf") for name in ("dnf", "yum", "microdnf", "tdnf")},
    "zypper": Program("zypper", _table(_ZYPPER), long_prefixes=True),
    "chown": Program("chown", _table(_CHOWN), long_prefixes=True),
    "chgrp": Program("chgrp", _table(_CHOWN), long_prefixes=True),
    "chmod": Program("chmod", _table(_CHMOD), long_prefixes=True, mode_words=re.compile(r"-[rwxXstugoa,+=0-7]+")),
    "mkdir": Program("mkdir", _table(_MKDIR), long_prefixes=True),
    "xargs": Program("xargs", _table(_XARGS), long_prefixes=True, stops_at_operand=True),
    "useradd": Program("useradd", _table(_USERADD), long_prefixes=True),
    "groupadd": Program("groupadd", _table(_GROUPADD), long_prefixes=True),
    "usermod": Program("usermod", _table(_USERMOD), long_prefixes=True),
    "groupmod": Program("groupmod", _table(_GROUPMOD), long_prefixes=True),
    "adduser": Program("adduser", _table(_ADDUSER), long_prefixes=True),
    "addgroup": Program("addgroup", _table(_ADDGROUP), long_prefixes=True),
    "docker build": Program("docker build", _table(_DOCKER_BUILD), long_prefixes=False),
    "docker run": Program("docker run", _table(_DOCKER_RUN), long_prefixes=False, stops_at_operand=True),
    "curl": Program("curl", _table(_CURL), long_prefixes=False, negation=True),
    "gunicorn": Program("gunicorn", _table(_GUNICORN), long_prefixes=True),
    "wget": Program("wget", _table(_WGET), long_prefixes=True, negation=True),
}
