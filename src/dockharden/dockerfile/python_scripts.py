"""The `docker` and `podman` commands a Python script runs, as shell command lines.

Release and test scripts written in Python build and run their images through subprocess:
an argument list (`subprocess.check_call(["docker", "run", "--rm", "builder:" + tag])`,
also a tuple, or lists and tuples joined with `+`) or a command string (`os.system(f"docker
build -t {name} .")`, `subprocess.run("docker run ...", shell=True)`). Each becomes one
line of a shell script, which the readers of shell scripts' `docker build` and `docker run`
commands then read (compose.build_commands, compose.script_runs). A string literal stays as
it is; an expression that is not one stands as one variable, `${tag}` (`"builder:" + tag` is
`builder:${tag}`, an f-string `f"app:{version}"` is `app:${version}`), so a name with a
variable tag is still that name, and an unknown list of options (`+ self.extra_args`) is one
word that names no image. A file that is not valid Python gives no command.
"""
from __future__ import annotations

import ast
import bisect
import re
import shlex
from collections import deque
from collections.abc import Iterator

_PROGRAMS = frozenset({"docker", "podman"})
_COMMAND_TEXT = re.compile(r"\b(?:docker|podman)\s+(?:buildx\s+)?(?:build|run|container\s+run)\b")
_NOT_A_NAME = re.compile(r"\W+")
# What the source of a script that runs docker or podman holds: a command written in a string
# ("docker run ...") or the program as a word of its own in a list ("docker", "build"). A script
# with neither (the Docker SDK's `import docker`, a comment) is not parsed at all.
_WRITES_A_COMMAND = re.compile(r"""["'](?:docker|podman)(?:["'\s]|\\)""")


def docker_commands(text: str) -> str:
    """The script's docker and podman command lines, one per line (empty when there are none
    or the text is not Python)."""
    if _WRITES_A_COMMAND.search(text) is None and _COMMAND_TEXT.search(text) is None:
        return ""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return ""
    mentions = [n for n, line in enumerate(text.splitlines(), 1) if "docker" in line or "podman" in line]
    lines: list[str] = []
    inside: set[int] = set()  # the parts of a joined list already read with it
    for node in _near(tree, mentions):
        if not isinstance(node, _READ) or id(node) in inside or not _spans(node, mentions):
            continue
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and _is_sequence_sum(node):
            parts = _summed(node)
            inside.update(id(n) for n in ast.walk(node) if isinstance(n, ast.BinOp) or n in parts)
            words = [w for p in parts for w in _sequence_words(p)]
        elif isinstance(node, (ast.List, ast.Tuple)):
            words = _sequence_words(node)
        else:
            line = _string(node) if isinstance(node, (ast.Constant, ast.JoinedStr, ast.BinOp)) else None
            if line is not None:
                inside.update(id(n) for n in ast.walk(node))  # its literal parts are read with it
                lines += [line.replace("\n", " ")] if _COMMAND_TEXT.search(line) else []
            continue
        if words and words[0] in (shlex.quote(p) for p in _PROGRAMS):
            lines.append(" ".join(words))
    return "\n".join(lines)


def _near(tree: ast.AST, mentions: list[int]) -> Iterator[ast.AST]:
    """ast.walk's nodes, in its order, leaving out the subtrees whose lines name neither docker
    nor podman: a long build script is read only around its commands."""
    todo = deque([tree])
    while todo:
        node = todo.popleft()
        yield node
        todo.extend(child for child in ast.iter_child_nodes(node) if _may_mention(child, mentions))


def _may_mention(node: ast.AST, mentions: list[int]) -> bool:
    first = getattr(node, "lineno", None)
    if first is None:
        return True  # no position of its own (arguments, operators): its children have theirs
    first = min([first, *(d.lineno for d in getattr(node, "decorator_list", ()))])  # decorators stand above a def
    at = bisect.bisect_left(mentions, first)
    return at < len(mentions) and mentions[at] <= (getattr(node, "end_lineno", None) or first)


_READ = (ast.BinOp, ast.List, ast.Tuple, ast.Constant, ast.JoinedStr)


def _spans(node: ast.expr, mentions: list[int]) -> bool:
    """Whether the node's lines hold one of the lines that name docker or podman (sorted)."""
    at = bisect.bisect_left(mentions, node.lineno)
    return at < len(mentions) and mentions[at] <= (node.end_lineno or node.lineno)


def _is_sequence_sum(node: ast.BinOp) -> bool:
    """`["docker", "run"] + options + [image]`: a sum whose first part is a list or tuple."""
    return isinstance(_summed(node)[0], (ast.List, ast.Tuple))


def _summed(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [*_summed(node.left), *_summed(node.right)]
    return [node]


def _sequence_words(node: ast.expr) -> list[str]:
    """The words of a list or tuple (one word per element), or one variable for anything else."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_word(e) for e in node.elts]
    return [_variable(node)]


def _word(node: ast.expr) -> str:
    text = _string(node)
    return shlex.quote(text) if text is not None else _variable(node)


def _string(node: ast.expr) -> str | None:
    """A string expression's text, with a variable for each part that is not a literal
    (`"builder:" + tag`, f"app:{version}"); None when no part of it is a literal string."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else _variable(v) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _string(node.left), _string(node.right)
        if left is None and right is None:
            return None
        return (left if left is not None else _variable(node.left)) + (right if right is not None else _variable(node.right))
    return None


def _variable(node: ast.expr) -> str:
    """`${name}` for an expression (`self.tag` is `${self_tag}`)."""
    if isinstance(node, ast.FormattedValue):
        node = node.value
    return "${" + (_NOT_A_NAME.sub("_", ast.unparse(node)).strip("_") or "value") + "}"
