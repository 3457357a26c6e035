"""What a secret looks like: in a variable's name and value, or in a file's name and content."""
from __future__ import annotations

import fnmatch
import posixpath
import re

_SECRET_WORDS = frozenset({"PASSWORD", "PASSWD", "SECRET", "SECRETS", "TOKEN", "CREDENTIALS", "CREDENTIAL", "APIKEY", "PASSPHRASE"})
_SECRET_PAIRS = frozenset({("API", "KEY"), ("ACCESS", "KEY"), ("PRIVATE", "KEY"), ("SECRET", "KEY"), ("AUTH", "KEY"), ("CLIENT", "SECRET")})
# Every secret word and pair holds one of these (PASSWORD, PASSWD and PASSPHRASE hold PASS;
# APIKEY holds KEY); `in` finds them several times faster than one regex of alternatives.
_SECRETISH = ("KEY", "PASS", "SECRET", "TOKEN", "CREDENTIAL")
# The one word rule for names, shared by the Dockerfile, image and container checks: a name
# whose last word qualifies a secret (where it is, what it is called, how it is sent or
# shaped, whether it is on) holds that thing, not the secret: API_KEY_HEADER=X-Api-Key,
# AUTH_TOKEN_URL=..., HF_TOKEN_FILE=/run/secrets/hf, SECRET_KEY_LENGTH=50, TOKEN_ENABLED=1.
QUALIFIER_WORDS = frozenset({
    "FILE", "PATH", "DIR", "FOLDER", "LOCATION", "NAME", "ID", "ARN", "REF", "VAR", "ENV", "FINGERPRINT",
    "URL", "URI", "ENDPOINT", "HOST", "PORT", "HEADER", "HEADERS", "PARAM", "FIELD", "PREFIX", "SUFFIX",
    "TYPE", "KIND", "MODE", "FORMAT", "ENCODING", "ALGORITHM", "LENGTH", "LEN", "SIZE", "BITS", "VERSION",
    "ENABLED", "ENABLE", "DISABLED", "REQUIRED", "TTL", "EXPIRY", "EXPIRES", "EXPIRATION", "LIFETIME",
    "TIMEOUT", "INTERVAL", "ROTATION", "PROVIDER", "ISSUER", "AUDIENCE", "SCOPE", "SCOPES", "REGION",
})
_VALUE_PATTERNS = (
    ("AWS access key", re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("GitHub token", re.compile(r"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{22,}")),
    ("GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20}\b")),
    ("Slack token", re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}")),
    ("OpenAI key", re.compile(r"\bsk-(proj-)?[A-Za-z0-9_-]{20,}")),
    ("Hugging Face token", re.compile(r"\bhf_[A-Za-z0-9]{30,}\b")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("private key", re.compile(r"-----BEGIN ([A-Z0-9 ]+ )?PRIVATE KEY-----")),
    ("password in URL", re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@")),
)
_SHORTEST_SECRET = len("a://b:c@")  # no shape above matches less text
# Switches and numbers are settings, not secrets, unless the name ends in the secret
# noun (MYSQL_ROOT_PASSWORD=123456 is a password; TOKEN_EXPIRY=3600 is not).
_SWITCH = re.compile(r"^(true|false|yes|no|on|off|enabled?|disabled?)$", re.IGNORECASE)
_NUMBER = re.compile(r"^\d+(\.\d+)?[a-z]{0,2}$")
_PLACEHOLDER = re.compile(r"^(\$\{?[A-Za-z_][A-Za-z0-9_]*(:?[-+][^}]*)?\}?|/run/secrets/.*|)$")

# Credential files by name, and why each is one; the image reader and COPY checks share them.
CREDENTIAL_FILES = {
    ".env": "dotenv file",
    ".netrc": "netrc credentials",
    "_netrc": "netrc credentials",
    ".pypirc": "PyPI credentials (.pypirc)",
    ".git-credentials": "git credentials",
    ".npmrc": "npm credentials (.npmrc)",
}
CREDENTIAL_PATHS = {
    "/.aws/credentials": "AWS credentials",
    "/.docker/config.json": "Docker registry credentials",
    "/.kube/config": "Kubernetes credentials (kubeconfig)",
}
SSH_KEY_NAMES = ("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519")
NOT_SECRET_SUFFIXES = (".pub", ".example", ".sample", ".template", ".dist", ".default")
# What a build context may hold besides those: key and certificate material, credential
# stores and whole secret folders (an image is read file by file and sniffs keys instead).
_CONTEXT_SECRET_GLOBS = ("*.env", "credentials", "credentials.json", "*.pem", "*.key", "*.p12", "*.pfx", ".htpasswd")
_CONTEXT_SECRET_FOLDERS = (".ssh", ".aws", ".gnupg")
_CONTEXT_SECRET_NAME = re.compile("|".join(fnmatch.translate(glob) for glob in _CONTEXT_SECRET_GLOBS))  # fnmatchcase, at once
_CAMEL_HUMP = re.compile(r"([a-z0-9])([A-Z])")
_NAME_SEPARATORS = re.compile(r"[_\-.]+")


def name_words(name: str) -> list[str]:
    spaced = _CAMEL_HUMP.sub(r"\1_\2", name)
    return [w for w in _NAME_SEPARATORS.split(spaced.upper()) if w]


# Prefixes whose variables front-end bundlers copy into the browser code by design (Vite,
# Next.js, Create React App, SvelteKit, Nuxt, Expo, Gatsby): what they hold is public.
PUBLIC_PREFIXES = ("VITE_", "NEXT_PUBLIC_", "REACT_APP_", "PUBLIC_", "NUXT_PUBLIC_", "EXPO_PUBLIC_", "GATSBY_")


def is_secret_name(name: str) -> bool:
    upper = name.upper()
    if not any(part in upper for part in _SECRETISH):
        return False  # saves 2.1% of lint (benchmarks/bench_tricks.py)
    if upper.startswith(PUBLIC_PREFIXES):
        return False
    words = name_words(name)
    if not words or words[-1] in QUALIFIER_WORDS:
        return False
    if any(w in _SECRET_WORDS for w in words):
        return True
    return any(pair in _SECRET_PAIRS for pair in zip(words, words[1:]))


def qualifies_a_secret(name: str) -> bool:
    """Whether the name's last word says it holds where a secret is or how it is used, not
    the secret (HF_TOKEN_FILE, API_KEY_HEADER)."""
    words = name_words(name)
    return bool(words) and words[-1] in QUALIFIER_WORDS


def _ends_in_secret_noun(name: str) -> bool:
    words = name_words(name)
    return words[-1] in _SECRET_WORDS or tuple(words[-2:]) in _SECRET_PAIRS


def _setting_value(name: str, value: str) -> bool:
    value = value.strip().strip("'\"")
    return bool(_SWITCH.match(value)) or (bool(_NUMBER.match(value)) and not _ends_in_secret_noun(name))


def secret_in_value(value: str) -> str | None:
    """The kind of secret a value contains, by its shape alone."""
    if len(value) < _SHORTEST_SECRET:
        return None  # saves 2.7% of lint (benchmarks/bench_tricks.py)
    for kind, pattern in _VALUE_PATTERNS:
        if pattern.search(value):
            return kind
    return None


def is_literal(value: str) -> bool:
    """A value written out, not a reference ($VAR, /run/secrets/...) or empty."""
    return not _PLACEHOLDER.match(value.strip().strip("'\""))


def secret_variable(name: str, value: str | None) -> str | None:
    """Why NAME=VALUE holds a secret, or None."""
    if value is not None:
        kind = secret_in_value(value)
        if kind:
            return f"value looks like a {kind}"
    if value is not None and is_secret_name(name) and is_literal(value) and not _setting_value(name, value):
        return "secret-like name with a literal value"
    return None


def credential_file(path: str) -> str | None:
    """Why this path is a credentials file by its name (`.env`, `id_rsa`, `~/.aws/credentials`), or None."""
    name = path[path.rfind("/") + 1 :]
    if name.endswith(NOT_SECRET_SUFFIXES):
        return None
    if name in CREDENTIAL_FILES:
        return CREDENTIAL_FILES[name]
    if name.startswith(".env."):
        return "dotenv file"
    if name.startswith(SSH_KEY_NAMES):
        return "SSH private key"
    if name in ("credentials", "config", "config.json"):
        return next((why for suffix, why in CREDENTIAL_PATHS.items() if path.endswith(suffix)), None)
    return None


# What a credential looks like inside a config file that may also hold only settings.
_CREDENTIAL_KEYS = {
    ".npmrc": re.compile(r"^\s*(//[^\s=]*:)?(_authToken|_auth|_password|password|username)\s*=", re.MULTILINE | re.IGNORECASE),
    ".yarnrc": re.compile(r"^\s*(//[^\s]*:)?(_authToken|_auth|_password|password)\b", re.MULTILINE | re.IGNORECASE),
    ".yarnrc.yml": re.compile(r"^\s*npmAuth(Token|Ident)\s*:", re.MULTILINE),
}


def holds_credentials(name: str, text: str) -> bool:
    """Whether a config file that may hold only settings (.npmrc with engine-strict,
    auto-install-peers) holds a credential: a token, auth or password key, or a value shaped
    like a known secret."""
    pattern = _CREDENTIAL_KEYS.get(name)
    return (pattern is None or pattern.search(text) is not None) or secret_in_value(text) is not None


_ARMOUR_LABEL = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----")
# PEM and OpenPGP armour labels of what is published, not kept secret.
_PUBLIC_LABELS = frozenset({
    "PUBLIC KEY", "RSA PUBLIC KEY", "PGP PUBLIC KEY BLOCK", "CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CRL", "PGP SIGNATURE",
})


def only_public_keys(text: str) -> bool:
    """Whether a key or certificate file (`*.key`, `*.pem`) holds public material only: armoured
    blocks, every one a public key, a certificate or a signature (an apt repository's signing
    key, a CA bundle). A private key block anywhere, or no armour at all, is not."""
    labels = _ARMOUR_LABEL.findall(text)
    return bool(labels) and all(label in _PUBLIC_LABELS for label in labels)


def sets_nothing(text: str) -> bool:
    """Whether an env-style file (`.env`, `*.env`) assigns nothing: every line blank or a
    comment, as the env files of Docker, docker compose and python-dotenv read `#` lines
    (`# API_KEY=<your key>` is a placeholder left for the user to fill in)."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


# Prefixes of the variables frontend builds compile into the browser's bundle, public by design.
_PUBLIC_PREFIXES = ("REACT_APP_", "VITE_", "NEXT_PUBLIC_", "NUXT_PUBLIC_", "EXPO_PUBLIC_", "GATSBY_", "PUBLIC_")
_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=")


def sets_only_public_values(text: str) -> bool:
    """Whether an env-style file assigns only the variables a frontend build makes public
    (IntelOwl's docker/.env: REACT_APP_INTELOWL_VERSION=v6.4.0, which React puts in the bundle),
    with no value shaped like a known secret; comments and blank lines aside."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    names = [m.group(1) if (m := _ENV_LINE.match(line)) else "" for line in lines]
    return bool(names) and all(n.startswith(_PUBLIC_PREFIXES) for n in names) and secret_in_value(text) is None


def is_env_file(name: str) -> bool:
    """`.env`, `.env.production`, `mlrun.env`: a file of NAME=VALUE lines by its name."""
    return name == ".env" or name.startswith(".env.") or name.endswith(".env")


def is_secret_path(path: str) -> bool:
    """Whether a COPY source names a secret: a credentials file, key material or a secret folder."""
    clean = path.rstrip("/")
    base = posixpath.basename(clean)
    if base.endswith(NOT_SECRET_SUFFIXES):
        return False
    if credential_file("/" + clean.lstrip("/")) is not None or base in _CONTEXT_SECRET_FOLDERS:
        return True
    return _CONTEXT_SECRET_NAME.match(base) is not None


REDACTED = "********"
_ASSIGNMENT = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\S*)")


def redact_assignments(text: str) -> str:
    """NAME=VALUE pairs whose value is a secret, with the value replaced."""
    def replace(match: re.Match) -> str:
        name, value = match.groups()
        return f"{name}={REDACTED}" if secret_variable(name, value.strip("'\"")) else match.group(0)

    return _ASSIGNMENT.sub(replace, text)


# ssh-keygen's modes that read, convert or list keys: every other run writes a new key.
_SSH_KEYGEN_READS = frozenset({"-l", "-y", "-R", "-F", "-H", "-L", "-Q", "-Y", "-e", "-i", "-D", "-r", "-p", "-c", "-k", "-s", "-lf", "-yf"})
_GPG_GENERATES = frozenset({"--gen-key", "--generate-key", "--full-gen-key", "--full-generate-key", "--quick-gen-key",
                            "--quick-generate-key"})


def generated_key(program: str, args: tuple[str, ...]) -> str | None:
    """What a command that writes a new private key writes (`ssh-keygen -A`: "SSH host keys"),
    or None when it writes none."""
    if program == "ssh-keygen" and not _SSH_KEYGEN_READS.intersection(args):
        return "SSH host keys" if "-A" in args else "an SSH key"
    if program == "openssl" and args:
        command = args[0]
        if command in ("genrsa", "genpkey", "gendsa") or command == "ecparam" and "-genkey" in args:
            return "a private key"
        if command == "req" and ("-newkey" in args or ("-new" in args or "-x509" in args) and "-key" not in args):
            return "a private key and its certificate"
    if program in ("sscg", "dropbearkey"):
        return "a private key"
    if program == "make-ssl-cert":  # generate-default-snakeoil, or TEMPLATE OUTPUT: a key and certificate either way
        return "the snakeoil private key and certificate" if "generate-default-snakeoil" in args else "a private key and its certificate"
    if program == "certtool" and ("--generate-privkey" in args or "-p" in args):
        return "a private key"
    if program in ("gpg", "gpg2") and _GPG_GENERATES.intersection(args):
        return "an OpenPGP key"
    return None
